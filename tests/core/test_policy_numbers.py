"""The policy module owns every clinical number a renderer draws (issue: "one house").

Threshold lines, ceilings, response fractions and review days reach the screen and the PDF
only through `evaluation.marks`, so a signed record reprinted by later code still shows the
numbers it was judged against. This test reads every module of the renderers and fails on
a policy number written there as a literal. A line that holds such a number for another
reason (an axis tick, a weekly meeting) says so with the marker comment below.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

import hlhdesk

PACKAGE = Path(hlhdesk.__file__).resolve().parent
RENDERERS = ("gui", "reports")
MARKER = "not a policy number"

FORBIDDEN_NUMBERS = {169, 132, 10_000, 500, 8.0}
FORBIDDEN_IN_TEXT = re.compile(r"\b(169|132)\b|10,000|\b500 µg|\b8(\.0)? mg/kg|\b(10|25) ?%")
FORBIDDEN_IN_CODE = re.compile(r"days\s*=\s*(7|14)\b")


def policy_literals(source: str) -> list[tuple[int, str]]:
    """(line, what) for each policy number written as a literal in `source`."""
    lines = source.splitlines()
    docstrings = _docstring_lines(source)
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        line_no = token.start[0]
        if line_no > len(lines) or MARKER in lines[line_no - 1]:
            continue
        if token.type == tokenize.NUMBER:
            try:
                value = float(token.string.replace("_", ""))
            except ValueError:
                continue
            if value in FORBIDDEN_NUMBERS and not (value == 8 and "." not in token.string):
                found.append((line_no, token.string))
        elif token.type == tokenize.STRING and FORBIDDEN_IN_TEXT.search(token.string):
            if line_no not in docstrings:
                found.append((line_no, token.string[:60]))
    for n, line in enumerate(lines, 1):
        code = line.split("#", 1)[0]
        if FORBIDDEN_IN_CODE.search(code) and MARKER not in line:
            found.append((n, code.strip()))
    return found


def _docstring_lines(source: str) -> set[int]:
    """Lines of docstrings: they explain the policy in words; only code and the text a user
    sees must not carry its numbers."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines


@pytest.mark.parametrize("folder", RENDERERS)
def test_no_policy_number_is_written_in_the_renderers(folder):
    offenders = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for line_no, what in policy_literals(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(PACKAGE)}:{line_no}: {what}")
    assert not offenders, "policy numbers belong to hlhdesk.core.policy (read evaluation.marks):\n" + "\n".join(offenders)


@pytest.mark.parametrize("source", [
    "CEILING = 8.0\n",
    "LINE = 169\n",
    "x = 10_000\n",
    'label = "HScore above 132"\n',
    'text = f"target −10% to day 7"\n',
    "due = day0 + timedelta(days=14)\n",
])
def test_the_check_catches_each_kind_of_literal(source):
    assert policy_literals(source)


def test_the_check_lets_marked_lines_and_docstrings_be():
    source = ('"""The 169 line is drawn from the marks."""\n'
              "TICKS = (100, 500, 10_000)  # axis ticks: not a policy number\n"
              "size = 8\n")
    assert policy_literals(source) == []
