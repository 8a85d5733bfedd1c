; Inno Setup 6 script: a PER-USER installer for hlhdesk that never asks for elevation.
;
; Built by packaging\build.ps1 after PyInstaller has made dist\hlhdesk (see
; packaging\README.md). By hand, from the repository root:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\hlhdesk.iss
;   iscc /DAppVersion=0.1.0 /DSign "/Shlhdesksign=signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /sha1 THUMBPRINT $f" packaging\windows\hlhdesk.iss
;
; Output: dist\installer\hlhdesk-<version>-setup.exe
;
; - Installs to %LOCALAPPDATA%\Programs\hlhdesk ({userpf}); writes only HKCU; no UAC prompt,
;   so a clinician can install it on a locked-down trust desktop where that is allowed.
; - Start menu shortcut (per user). No desktop icon unless ticked.
; - The user's data (%LOCALAPPDATA%\hlhdesk\hlhdesk: the database, its backups, the log)
;   is NOT part of the installation: the uninstaller removes the program and leaves the
;   data, so reinstalling or upgrading never loses a case.
; - For a per-machine deployment by IT use the MSI (packaging\windows\hlhdesk.wxs).

#define AppName "hlhdesk"
#define AppPublisher "hlhdesk project"
#define AppExeName "hlhdesk.exe"
#define RepoRoot AddBackslash(SourcePath) + "..\.."
#define BundleDir RepoRoot + "\dist\hlhdesk"

#ifndef AppVersion
  ; build.ps1 passes pyproject.toml's version, the one PyInstaller wrote into hlhdesk.exe.
  #error "Pass the version: iscc /DAppVersion=x.y.z (packaging\build.ps1 does)"
#endif

[Setup]
; AppId identifies hlhdesk to Windows across versions: never change it.
AppId={{679D6B1A-3793-45A8-8FFA-1235CB7B1D74}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppComments=HLH MDT desk: NHS England policy 210701P (anakinra for HLH). Supports the MDT's decision; never makes it.
#ifdef AppNumericVersion
; Four numbers for setup.exe's own version resource (build.ps1 passes them).
VersionInfoVersion={#AppNumericVersion}
#endif
; Per user, no elevation; PrivilegesRequiredOverridesAllowed is left empty so setup never
; offers (or asks UAC for) an all-users install.
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#RepoRoot}\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#RepoRoot}\resources\icons\hlhdesk.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running hlhdesk before replacing its files (it saves every change as it goes).
CloseApplications=yes
RestartApplications=no
#ifdef Sign
; The named sign tool is given on the iscc command line (/Shlhdesksign=...): it signs
; the setup program and the uninstaller, so both carry the same publisher as the app.
SignTool=hlhdesksign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder, so no file from an older bundle lingers
; beside the new one (PyInstaller bundles differ in file names between versions).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Comment: "HLH MDT desk (policy 210701P)"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Messages]
; No [UninstallDelete] on purpose: the data folder (%LOCALAPPDATA%\hlhdesk) stays.
UninstalledAll=%1 was removed from your computer.%n%nYour hlhdesk data (cases, database backups and the log, in AppData\Local\hlhdesk) has been kept. Delete that folder yourself only if you are sure nobody needs it.
