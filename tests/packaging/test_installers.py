"""The Windows installer sources say what the deployment promises (they cannot be built
on Linux, so these checks guard the promises themselves)."""

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"


def iss_setup() -> dict[str, str]:
    text = (WINDOWS / "hlhdesk.iss").read_text(encoding="utf-8")
    section = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    return dict(re.findall(r"^(\w+)=(.*)$", section, flags=re.MULTILINE))


def test_inno_setup_installs_per_user_without_elevation():
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # never offers an admin install
    assert setup["DefaultDirName"] == r"{userpf}\{#AppName}"  # %LOCALAPPDATA%\Programs\hlhdesk


def test_inno_setup_keeps_the_users_data_on_uninstall():
    text = (WINDOWS / "hlhdesk.iss").read_text(encoding="utf-8")
    assert "\n[UninstallDelete]" not in text


def test_inno_setup_makes_a_start_menu_shortcut_to_the_windowed_program():
    text = (WINDOWS / "hlhdesk.iss").read_text(encoding="utf-8")
    icons = text.split("[Icons]", 1)[1].split("\n[", 1)[0]
    assert re.search(r'Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExeName\}"', icons)
    assert '#define AppExeName "hlhdesk.exe"' in text


def test_msi_is_per_machine_and_ships_the_whole_bundle():
    ns = {"w": "http://wixtoolset.org/schemas/v4/wxs"}
    package = ElementTree.parse(WINDOWS / "hlhdesk.wxs").getroot().find("w:Package", ns)
    assert package.get("Scope") == "perMachine"
    assert package.find("w:MajorUpgrade", ns) is not None
    files = package.find("w:Feature/w:Files", ns)
    assert files.get("Include") == r"$(var.BundleDir)\**"
    shortcut = package.find("w:Feature/w:Component/w:Shortcut", ns)
    assert shortcut.get("Target") == "[INSTALLFOLDER]hlhdesk.exe"
