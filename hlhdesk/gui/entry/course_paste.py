"""Treatment courses pasted from a spreadsheet or a drug chart export: tab-separated rows
of start, drug, dose (mg), every (hours), route and, optionally, stop.

The drug cell takes a drug (anakinra, IVIg, ...) or a corticosteroid by name
(dexamethasone); each row is read by the same checks as the course form. All or nothing:
the caller saves only when no row has a problem.
"""

from __future__ import annotations

from hlhdesk.core.model import CORTICOSTEROIDS, DRUGS, ROUTES, Treatment
from hlhdesk.gui.desk.entry import EntryError, make_treatment
from hlhdesk.gui.kit.formatting import parse_uk_datetime

COLUMNS = "start, drug, dose (mg), every (hours), route, stop (blank while it runs)"


def _drug(text: str) -> tuple[str, str | None]:
    word = text.strip().lower()
    if word in CORTICOSTEROIDS:
        return "corticosteroid", word
    if word in DRUGS and word != "corticosteroid":
        return word, None
    raise EntryError(f"'{text}' is not a drug here (use {', '.join(d for d in DRUGS if d != 'corticosteroid')}, "
                     f"or a corticosteroid by name: {', '.join(CORTICOSTEROIDS)})", "drug")


def _route(text: str) -> str | None:
    word = text.strip().lower()
    if not word:
        return None
    if word not in ROUTES:
        raise EntryError(f"'{text}' is not a route (use {', '.join(ROUTES)})", "route")
    return word


def parse_pasted_courses(text: str) -> tuple[list[Treatment], list[str]]:
    rows = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    if rows and rows[0].split("\t")[1:2] and rows[0].split("\t")[1].strip().lower() == "drug":
        rows = rows[1:]  # a header row
    courses, problems = [], []
    for number, line in enumerate(rows, start=1):
        cells = [c.strip() for c in line.split("\t")] + [""] * 6
        if not all(cells[:2]):
            problems.append(f"Row {number}: expected {COLUMNS}, separated by tabs")
            continue
        start, drug, dose, every, route, stop = cells[:6]
        try:
            kind, name = _drug(drug)
            courses.append(make_treatment(kind, parse_uk_datetime(start), parse_uk_datetime(stop) if stop else None,
                                          name, dose, every, _route(route)))
        except (EntryError, ValueError) as exc:
            problems.append(f"Row {number}: {exc}")
    if not rows:
        problems.append("The clipboard holds no rows.")
    return courses, problems
