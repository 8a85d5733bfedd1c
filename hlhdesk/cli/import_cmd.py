"""hlhdesk import: read case files into the database, all of them or none."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hlhdesk.app.statuses import add_cases_with_status
from hlhdesk.cli.support import input_error, note, open_store
from hlhdesk.core.casefile.caseio import CaseFileError, read_case_file_with_warnings
from hlhdesk.core.model import format_nhs_number
from hlhdesk.errors import InputError


def register(sub) -> None:
    p = sub.add_parser(
        "import",
        help="import case files (JSON) into the database: all of them or none",
        description=(
            "Read every CASE.json, check it completely, and store them all in one "
            "transaction, each with its policy status as of now (shown by 'hlhdesk list'). "
            "If any file has a problem, every problem in every file is listed and nothing "
            "is stored. Prints the new case ids."
        ),
    )
    p.add_argument("files", nargs="+", type=Path, metavar="CASE.json", help="case files (format v1)")
    p.set_defaults(run=run)


def run(args) -> int:
    cases = read_every_file(args.files)
    with open_store(args) as store:
        known = first_case_of_each_nhs_number(store.list_cases())
        case_ids = add_cases_with_status(store, cases, datetime.now().replace(second=0, microsecond=0))
        where = store.path
    noun = "case" if len(cases) == 1 else "cases"
    print(f"Imported {len(cases)} {noun} into {where}:")
    for path, case, case_id in zip(args.files, cases, case_ids):
        print(f"  case {case_id}  {path}")
        nhs = case.patient.nhs_number
        if nhs in known:
            note(f"case {case_id} has the NHS number of case {known[nhs]} "
                 f"({format_nhs_number(nhs)}): the same patient imported twice?")
        elif nhs:
            known[nhs] = case_id  # files in one import are checked against each other too
    return 0


def read_every_file(paths: list[Path]) -> list:
    """Every file's case, or an InputError listing every problem in every file."""
    cases, problems, failed = [], [], []
    for path in paths:
        try:
            case, warnings = read_case_file_with_warnings(path)
        except CaseFileError as error:
            problems.extend(f"{path}: {problem}" for problem in error.problems)
            failed.append(path)
            continue
        except InputError as error:
            problems.append(str(error))
            failed.append(path)
            continue
        for warning in warnings:
            note(f"{path}: {warning}")
        cases.append(case)
    if failed:
        raise input_error(
            f"nothing was imported: {len(failed)} of {len(paths)} files have problems", problems)
    return cases


def first_case_of_each_nhs_number(summaries) -> dict[str, int]:
    known: dict[str, int] = {}
    for summary in summaries:
        if summary.nhs_number:
            known.setdefault(summary.nhs_number, summary.case_id)
    return known
