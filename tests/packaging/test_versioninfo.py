"""The build-time version facts (packaging/versioninfo.py) come from pyproject.toml."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import versioninfo  # noqa: E402


class Recorded:
    """Stands in for each PyInstaller versioninfo class when evaluating the generated text
    (PyInstaller's own classes need pefile, a Windows-only dependency)."""

    def __init__(self, kind, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs


def evaluate_version_file(text: str) -> Recorded:
    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]
    namespace = {n: (lambda *a, _n=n, **k: Recorded(_n, *a, **k)) for n in names}
    return eval(text, namespace)  # noqa: S307 - our own generated text, as PyInstaller does


def test_project_version_is_read_from_pyproject(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "hlhdesk"\nversion = "3.2.1"\n', encoding="utf-8")
    assert versioninfo.project_version(pyproject) == "3.2.1"


@pytest.mark.parametrize(
    "version, numbers",
    [("0.1.0", (0, 1, 0, 0)), ("2.3", (2, 3, 0, 0)), ("1.2.3.4", (1, 2, 3, 4)),
     ("1.2.3.4.5", (1, 2, 3, 4)), ("1.2.0rc1", (1, 2, 0, 0)), ("1.2.0+local.7", (1, 2, 0, 0)),
     ("65535.0", (65535, 0, 0, 0))],
)
def test_windows_version_numbers(version, numbers):
    assert versioninfo.numeric_version(version) == numbers


@pytest.mark.parametrize("bad", ["", "v1.0", "dev", "65536.0"])
def test_versions_windows_cannot_hold_are_refused(bad):
    with pytest.raises(ValueError):
        versioninfo.numeric_version(bad)


def test_version_file_carries_the_version_and_names():
    info = evaluate_version_file(versioninfo.windows_version_file("1.4.2", "hlhdesk-cli.exe"))
    assert info.kind == "VSVersionInfo"
    ffi = info.kwargs["ffi"]
    assert ffi.kwargs["filevers"] == (1, 4, 2, 0) and ffi.kwargs["prodvers"] == (1, 4, 2, 0)
    string_table = info.kwargs["kids"][0].args[0][0]
    assert string_table.args[0] == "080904B0"  # English (UK), Unicode
    strings = {s.args[0]: s.args[1] for s in string_table.args[1]}
    assert strings["FileVersion"] == "1.4.2" and strings["ProductVersion"] == "1.4.2"
    assert strings["OriginalFilename"] == "hlhdesk-cli.exe"
    assert strings["ProductName"] == "hlhdesk"


def test_dist_info_metadata_names_the_version():
    text = versioninfo.dist_info_metadata("1.4.2")
    assert "Name: hlhdesk\n" in text and "Version: 1.4.2\n" in text
