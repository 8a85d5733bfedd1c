"""hlhdesk list: the cases in the database, one line each."""

from __future__ import annotations

from hlhdesk.cli.support import open_store, uk_date
from hlhdesk.core.evaluation import EligibilityStatus
from hlhdesk.core.model import Patient, format_nhs_number

COLUMNS = ("ID", "Name", "NHS number", "Hospital no", "DOB", "Type", "Day 0", "Status")
NOT_EVALUATED = "not yet evaluated"


def register(sub) -> None:
    p = sub.add_parser(
        "list",
        help="list the cases in the database",
        description=(
            "One line per case: id, name, NHS number, hospital number, date of birth, HLH "
            "type, day 0 (first anakinra dose) and the policy status last computed."
        ),
    )
    p.set_defaults(run=run)


def run(args) -> int:
    with open_store(args, must_exist=True) as store:
        summaries = store.list_cases()
        where = store.path
    if not summaries:
        print(f"No cases in {where}. Add one with 'hlhdesk import CASE.json', "
              "or try 'hlhdesk demo'.")
        return 0
    print(format_table(COLUMNS, [row_of(s) for s in summaries]))
    return 0


def row_of(s) -> tuple[str, ...]:
    return (
        str(s.case_id),
        display_name(s),
        format_nhs_number(s.nhs_number),
        s.hospital_number or "",
        uk_date(s.date_of_birth),
        str(s.hlh_type) if s.hlh_type else "",
        uk_date(s.first_anakinra_start),
        status_label(s.eligibility),
    )


def display_name(s) -> str:
    """FAMILY, Given: the same words the desk and the reports use."""
    return Patient(s.date_of_birth, s.sex, family_name=s.family_name, given_name=s.given_name).display_name


def status_label(eligibility: str | None) -> str:
    try:
        return EligibilityStatus(eligibility).label if eligibility else NOT_EVALUATED
    except ValueError:
        return eligibility


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    lines = [header, tuple("-" * w for w in widths), *rows]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines)
