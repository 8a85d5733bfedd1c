"""Build-time version facts for the bundle, all derived from pyproject.toml's version so
the number is written in one place only.

- `windows_version_file(version)`: the text PyInstaller's `EXE(version=...)` reads to give
  hlhdesk.exe a Windows version resource (Explorer > Properties > Details, and what
  AppLocker/WDAC publisher rules and IT inventory tools show).
- `dist_info_metadata(version)`: a minimal METADATA so `importlib.metadata.version("hlhdesk")`
  (hence `hlhdesk --version` and Help > About) works in the frozen program, where hlhdesk
  is not pip-installed.

Imported by packaging/hlhdesk.spec and by the tests; plain Python, no PyInstaller.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PRODUCT_NAME = "hlhdesk"
DESCRIPTION = "hlhdesk - HLH MDT desk (NHS England policy 210701P)"
COMPANY = "hlhdesk project"
COPYRIGHT = "hlhdesk contributors, MIT licence"


def project_version(pyproject: Path) -> str:
    with pyproject.open("rb") as f:
        return tomllib.load(f)["project"]["version"]


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Windows wants exactly four 16-bit numbers: "0.1.0" -> (0, 1, 0, 0); a pre-release
    or local suffix ("1.2.0rc1", "1.2.0+abc") keeps only its release numbers."""
    release = re.match(r"\d+(\.\d+)*", version)
    if not release:
        raise ValueError(f"not a release version: {version!r}")
    numbers = [int(part) for part in release.group(0).split(".")][:4]
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"a Windows version number must be at most 65535: {version!r}")
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def windows_version_file(version: str, exe_name: str = "hlhdesk.exe") -> str:
    """The VSVersionInfo text (PyInstaller's format: a Python expression it evaluates)."""
    numbers = numeric_version(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": PRODUCT_NAME,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": exe_name,
        "ProductName": PRODUCT_NAME,
        "ProductVersion": version,
    }
    string_structs = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# Generated from pyproject.toml by packaging/versioninfo.py: do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080904B0',
        [
          {string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def dist_info_metadata(version: str) -> str:
    return f"Metadata-Version: 2.1\nName: {PRODUCT_NAME}\nVersion: {version}\n"
