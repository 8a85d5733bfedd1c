<#
.SYNOPSIS
  Build hlhdesk for Windows: the one-folder bundle, its smoke test, code signing, a
  portable zip, the per-user installer (Inno Setup) and, with -Msi, a per-machine MSI (WiX).

.DESCRIPTION
  Run from anywhere on a Windows 10/11 x64 build machine with Python 3.11 (py launcher),
  Inno Setup 6 and, for -Msi, the WiX .NET tool (see packaging\README.md). Outputs go to
  dist\: the bundle dist\hlhdesk\, dist\hlhdesk-<version>-windows-x64-portable.zip,
  dist\installer\hlhdesk-<version>-setup.exe and dist\installer\hlhdesk-<version>-x64.msi,
  with their SHA-256 hashes in dist\SHA256SUMS.txt.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build.ps1
  Unsigned build (for testing): bundle, smoke test, zip, per-user installer.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -CertThumbprint 0123456789ABCDEF0123456789ABCDEF01234567 -Msi
  Release build: every .exe/.dll/.pyd signed before packing, installers signed too.
#>
[CmdletBinding()]
param(
  # A Python 3.11 that already has hlhdesk's dependencies and PyInstaller; by default a
  # build environment .venv-build is made with `py -3.11`.
  [string]$Python = "",
  # SHA-1 thumbprint of the code-signing certificate in the current user's or machine's
  # certificate store (or on the signing token). Empty: nothing is signed.
  [string]$CertThumbprint = "",
  [string]$TimestampUrl = "http://timestamp.digicert.com",
  # Keep files that already carry a valid signature (python311.dll by the PSF, Qt DLLs by
  # The Qt Company) as they are, instead of signing them with the project's certificate.
  [switch]$KeepUpstreamSignatures,
  [switch]$Msi,
  [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Native {
  # Run a program and stop the build if it fails (PowerShell does not, by itself). A simple
  # function on $args, so arguments such as -m or /fd pass through untouched.
  $exe, $rest = $args
  & $exe @rest
  if ($LASTEXITCODE -ne 0) { throw "$exe $($rest -join ' ') failed with exit code $LASTEXITCODE" }
}

function Find-Tool {
  param([string]$Name, [string[]]$Candidates)
  $onPath = Get-Command $Name -ErrorAction SilentlyContinue
  if ($onPath) { return $onPath.Source }
  foreach ($pattern in $Candidates) {
    $found = Get-ChildItem -Path $pattern -ErrorAction SilentlyContinue | Sort-Object FullName -Descending | Select-Object -First 1
    if ($found) { return $found.FullName }
  }
  throw "$Name not found. See packaging\README.md for what the build machine needs."
}

# --- 1. Build environment ---------------------------------------------------------------
if (-not $Python) {
  $Python = ".venv-build\Scripts\python.exe"
  if (-not (Test-Path $Python)) { Invoke-Native py -3.11 -m venv .venv-build }
  Invoke-Native $Python -m pip install --disable-pip-version-check -q --upgrade pip
  # hlhdesk's pinned dependencies plus PyInstaller, pinned in pyproject's `package` extra.
  Invoke-Native $Python -m pip install --disable-pip-version-check -q -e ".[package]"
}
$Version = (& $Python -c "import sys, pathlib; sys.path.insert(0, 'packaging'); import versioninfo; print(versioninfo.project_version(pathlib.Path('pyproject.toml')))").Trim()
$Numeric = (& $Python -c "import sys; sys.path.insert(0, 'packaging'); import versioninfo; print('.'.join(map(str, versioninfo.numeric_version('$Version'))))").Trim()
Write-Host "Building hlhdesk $Version ($Numeric)"

# --- 2. Bundle and smoke test -------------------------------------------------------------
$started = Get-Date
Invoke-Native $Python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\hlhdesk.spec
Write-Host ("Built dist\hlhdesk in {0:N0} s" -f ((Get-Date) - $started).TotalSeconds)
Invoke-Native $Python packaging\smoke_test.py dist\hlhdesk

# --- 3. Code signing: every .exe, .dll and .pyd, so AppLocker/WDAC can allow by publisher ---
$SignTool = $null
function Invoke-Sign {
  param([string[]]$Files)
  # Batches keep each command line well under Windows' 32,767-character limit.
  for ($i = 0; $i -lt $Files.Count; $i += 50) {
    $batch = $Files[$i..([Math]::Min($i + 49, $Files.Count - 1))]
    Invoke-Native $SignTool sign /fd SHA256 /td SHA256 /tr $TimestampUrl /sha1 $CertThumbprint /d "hlhdesk" @batch
    Invoke-Native $SignTool verify /pa /q @batch
  }
}
if ($CertThumbprint) {
  $SignTool = Find-Tool "signtool.exe" @("${env:ProgramFiles(x86)}\Windows Kits\10\bin\10.*\x64\signtool.exe")
  $binaries = Get-ChildItem dist\hlhdesk -Recurse -File -Include *.exe, *.dll, *.pyd
  if ($KeepUpstreamSignatures) {
    $binaries = $binaries | Where-Object { (Get-AuthenticodeSignature $_.FullName).Status -ne "Valid" }
  }
  Write-Host "Signing $(@($binaries).Count) files with certificate $CertThumbprint"
  Invoke-Sign @($binaries | ForEach-Object { $_.FullName })
  # Signing changed the files: prove the signed bundle still starts.
  Invoke-Native $Python packaging\smoke_test.py dist\hlhdesk
} else {
  Write-Warning "No -CertThumbprint: the build is UNSIGNED (fine for testing, not for deployment)."
}

# --- 4. Portable zip ----------------------------------------------------------------------
$Zip = "dist\hlhdesk-$Version-windows-x64-portable.zip"
if (Test-Path $Zip) { Remove-Item $Zip }
Compress-Archive -Path dist\hlhdesk -DestinationPath $Zip -CompressionLevel Optimal
$outputs = @($Zip)

# --- 5. Per-user installer (Inno Setup) -----------------------------------------------------
if (-not $SkipInstaller) {
  $Iscc = Find-Tool "ISCC.exe" @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe")
  $isccArgs = @("/Q", "/DAppVersion=$Version", "/DAppNumericVersion=$Numeric")
  if ($CertThumbprint) {
    # Inno Setup signs setup.exe and the uninstaller through this named sign tool ($q is a quote, $f the file).
    $isccArgs += "/DSign"
    $isccArgs += "/Shlhdesksign=`$q$SignTool`$q sign /fd SHA256 /td SHA256 /tr $TimestampUrl /sha1 $CertThumbprint /d `$qhlhdesk installer`$q `$f"
  }
  Invoke-Native $Iscc @isccArgs packaging\windows\hlhdesk.iss
  $outputs += "dist\installer\hlhdesk-$Version-setup.exe"
}

# --- 6. Per-machine MSI (WiX) --------------------------------------------------------------
if ($Msi) {
  $Wix = Find-Tool "wix.exe" @("$env:USERPROFILE\.dotnet\tools\wix.exe")
  $MsiVersion = ($Numeric.Split(".")[0..2]) -join "."  # MSI ProductVersion: three numbers
  $MsiPath = "dist\installer\hlhdesk-$Version-x64.msi"
  Invoke-Native $Wix build -arch x64 -d "Version=$MsiVersion" -d "BundleDir=$(Resolve-Path dist\hlhdesk)" -d "RepoRoot=$(Get-Location)" -o $MsiPath packaging\windows\hlhdesk.wxs
  if ($CertThumbprint) { Invoke-Sign @($MsiPath) }
  $outputs += $MsiPath
}

# --- 7. Hashes for IT's records -------------------------------------------------------------
$sums = $outputs | ForEach-Object {
  $hash = Get-FileHash $_ -Algorithm SHA256
  "{0}  {1}" -f $hash.Hash.ToLower(), (Split-Path -Leaf $_)
}
$sums | Set-Content -Encoding ascii dist\SHA256SUMS.txt
Write-Host "Done. Outputs (dist\SHA256SUMS.txt):"
$sums | ForEach-Object { Write-Host "  $_" }
