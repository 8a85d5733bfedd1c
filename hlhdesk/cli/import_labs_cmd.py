"""hlhdesk import-labs: add results from a pathology CSV export to their cases.

Prints the preview first (what goes to which case, what is already stored, what is
rejected and why); writes only without --dry-run, all rows or none.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path

from hlhdesk.cli.support import add_force_option, open_store, write_file
from hlhdesk.core.labs.labimport import ImportPlan, PlannedRow, RowStatus, describe_result
from hlhdesk.errors import InputError

STATUS_WORDS = {RowStatus.ADD: "add", RowStatus.DUPLICATE: "skip", RowStatus.REJECTED: "REJECT"}


def register(sub) -> None:
    p = sub.add_parser(
        "import-labs",
        help="add lab results from a pathology CSV export to their cases",
        description=(
            "Read a CSV of lab results (one row per result: NHS number or hospital "
            "number, date taken, test name or code, value, units), show what would be "
            "added to which case, what is already stored and what is rejected and why, "
            "then add them all in one transaction. Exact duplicates are skipped. "
            "Exit 2 when the file as a whole cannot be used or no row can be imported."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE.csv", help="the pathology export")
    p.add_argument("--dry-run", action="store_true",
                   help="print the preview and write nothing")
    p.add_argument("--all-rows", action="store_true",
                   help="list every row, not only the skipped and rejected ones")
    p.add_argument("--rejected-csv", type=Path, metavar="PATH",
                   help="also write the skipped and rejected rows, with reasons, to a CSV file")
    add_force_option(p, "the --rejected-csv file")
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.app.statuses import refresh_case_statuses
    from hlhdesk.app.lab_import import import_lab_plan, preview_lab_file

    with open_store(args, must_exist=True) as store:
        plan = preview_lab_file(store, args.file)
        print_preview(plan, all_rows=args.all_rows)
        if args.rejected_csv:
            write_rejected_csv(args, plan)
        if not plan.additions() and not plan.count(RowStatus.DUPLICATE):
            raise InputError(f"no row of {args.file.name} can be imported; see the reasons above")
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        if not plan.additions():  # as the GUI, which offers no Import then
            print("Nothing to add: every usable row is already stored. Nothing was written.")
            return 0
        outcome = import_lab_plan(store, plan)
        # New results can change a case's policy status: update what `list` shows.
        refresh_case_statuses(store, outcome.case_ids, datetime.now().replace(second=0, microsecond=0))
    print(outcome.summary())
    return 0


def print_preview(plan: ImportPlan, all_rows: bool = False) -> None:
    lab = plan.file
    print(f"{printable(plan.source_name)}: {lab.describe()}")
    if lab.ignored_columns:
        print(f"Columns not used: {printable(', '.join(lab.ignored_columns))}")
    print(plan.summary())
    per_case = Counter(r.case.label for r in plan.rows if r.status is RowStatus.ADD)
    for label, count in per_case.items():
        print(f"  + {count} to {printable(label)}")
    shown = [r for r in plan.rows if all_rows or r.status is not RowStatus.ADD]
    if shown:
        print()
        for row in shown:
            print(describe_row(row))


def describe_row(planned: PlannedRow) -> str:
    row = planned.row
    head = f"line {row.line:>6}  {STATUS_WORDS[planned.status]:<6}"
    what = f"{row.identifier} {row.when} {row.test} {row.value} {row.unit}".strip()
    if planned.status is RowStatus.ADD:
        what = f"{planned.case.label}: {describe_result(row.observation)}"
    text = f"{head}  {what}"
    if planned.reason:
        text += f"  -- {planned.reason}"
    return printable(text)


def write_rejected_csv(args, plan: ImportPlan) -> None:
    write_file(args, args.rejected_csv, plan.rejected_rows_bytes())
    print(f"Skipped and rejected rows written to {args.rejected_csv}")


def printable(text: str) -> str:
    """Text from the file as safe to print to a terminal: control and formatting
    characters (escape sequences, bidi overrides) shown as \\uXXXX instead of obeyed."""
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch)[0] == "C" else ch for ch in text
    )
