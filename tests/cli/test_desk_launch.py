"""`hlhdesk` and `hlhdesk gui` start the desk without importing every command's module
(25 ms of the desk's launch); every other command line builds the whole parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hlhdesk.cli import starts_the_desk

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv, desk", [
    ([], True), (["gui"], True), (["gui", "--smoke"], True), (["--db", "x.sqlite3"], True),
    (["--db", "x.sqlite3", "gui", "--smoke"], True), (["--db=x.sqlite3", "gui"], True),
    (["list"], False), (["--db", "x.sqlite3", "list"], False), (["--help"], False),
    (["--version"], False), (["--db", "gui", "list"], False), (["--db", "x", "--version"], False),
])
def test_which_command_lines_start_the_desk(argv, desk):
    assert starts_the_desk(argv) is desk


def test_the_desk_launch_imports_no_other_command_and_help_still_lists_them_all():
    code = ("import json, sys; from hlhdesk.cli import build_parser, starts_the_desk; "
            "build_parser(('gui',)); "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('hlhdesk.cli.') and m.endswith('_cmd'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == ["hlhdesk.cli.gui_cmd"]
    helped = subprocess.run([sys.executable, "-m", "hlhdesk", "--help"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert helped.returncode == 0 and "import-labs" in helped.stdout and "gui" in helped.stdout
