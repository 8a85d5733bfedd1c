"""The README's worked example is real output: every line it quotes is printed by
`hlhdesk evaluate` today, at the as-of time named above the excerpt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hlhdesk.app.demo import demo_folder

README = Path(__file__).resolve().parents[2] / "README.md"


def excerpts() -> list[tuple[str, list[str]]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Worked example", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"--as-of (\S+?)`\)[^\n]*\n(?:[^\n]*\n)*?\n```\n(.*?)```", section, re.S)
    return [(as_of, [line for line in block.splitlines() if line.strip()]) for as_of, block in found]


def test_the_worked_example_has_three_excerpts():
    assert [as_of for as_of, _ in excerpts()] == ["2026-10-05T10:00", "2026-10-12T12:00", "2026-10-19T12:00"]


@pytest.mark.parametrize("as_of, lines", excerpts())
def test_each_quoted_line_is_real_output(cli, as_of, lines):
    result = cli("evaluate", "--case", demo_folder() / "adult-ebv-responding.json", "--as-of", as_of, "--brief")
    assert result.code == 0
    printed = result.out.splitlines()
    for line in lines:
        assert line in printed, line
