"""Writing CSV that a spreadsheet will open without running anything.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets
skip before looking for those) is read by Excel and LibreOffice as a formula, so a lab
export with `=cmd|' /C calc'!A0` in a test name could run a command when our report of
rejected rows is opened. Every cell we write goes through `spreadsheet_safe`, which
prefixes such cells with an apostrophe (OWASP's advice): the spreadsheet then shows the
text as typed. A spreadsheet set to a semicolon locale (most of Europe) splits a
comma-separated file at semicolons, quotes or not, so `foo;=1+1` would become the cells
`foo` and `=1+1`: a formula start after a semicolon or a tab inside a cell gets the
apostrophe too.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A separator some locale splits on, followed by a formula start.
_INNER_FORMULA = re.compile(r"([;\t])(?=[=+\-@\t\r])")


def spreadsheet_safe(cell: object) -> str:
    text = "" if cell is None else str(cell)
    text = _INNER_FORMULA.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """CSV text (comma-separated, CRLF line ends as Excel writes) with every cell made
    safe. Write it out as UTF-8 with a BOM so Excel reads µ and ⁹ correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(c) for c in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(c) for c in row])
    return out.getvalue()
