"""hlhdesk list: the cases in the database, one line each (or, with --json, one JSON
object each, for IT scripts)."""

from __future__ import annotations

import json
from datetime import date, datetime

from hlhdesk.cli.support import open_store, uk_date
from hlhdesk.core.evaluation import EligibilityStatus
from hlhdesk.core.evaluation.pathway import Phase
from hlhdesk.core.meetings.meeting import Decision
from hlhdesk.core.model import Patient, format_nhs_number

COLUMNS = ("ID", "Name", "NHS number", "Hospital no", "DOB", "Type", "Day 0", "Status", "Phase", "Day", "Verdict")
NOT_EVALUATED = "not yet evaluated"


def register(sub) -> None:
    p = sub.add_parser(
        "list",
        help="list the cases in the database",
        description=(
            "One line per case: id, name, NHS number, hospital number, date of birth, HLH "
            "type, day 0 (first anakinra dose), the policy status last computed and the "
            "pathway phase (where the patient is: phase, calendar day of the episode and "
            "the verdict, e.g. 'Day 15: no response by day 14: stop criterion met, for the "
            "MDT to confirm'). --json prints the same cases as a JSON array, dates in ISO "
            "8601, for scripts. A status the database holds from an earlier day, or "
            "from before the case last changed, is computed afresh (nothing is written)."
        ),
    )
    p.add_argument("--json", action="store_true",
                   help="print a JSON array (ids, names, NHS and hospital numbers, ISO dates, "
                        "type, day 0, status, phase, day, verdict, overdue, next review, last "
                        "MDT decision) instead of the table")
    p.add_argument("--cached", action="store_true",
                   help="show each status as the database last cached it, without computing "
                        "out-of-date ones afresh (faster on thousands of cases; with --json, "
                        "status_stale says which are out of date)")
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.app.statuses import current_summaries

    with open_store(args, read_only=True) as store:
        summaries = (store.list_cases() if args.cached
                     else current_summaries(store, datetime.now().replace(second=0, microsecond=0)))
        where = store.path
    if args.json:
        print(json.dumps([json_row_of(s) for s in summaries], indent=2, ensure_ascii=False))
        return 0
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
        uk_date(s.current_day0),
        status_label(s.eligibility),
        phase_label(s.phase),
        "" if s.day is None else str(s.day),
        s.verdict or "",
    )


def json_row_of(s) -> dict:
    """One case for scripts: stable keys, NHS number as 10 digits, ISO 8601 dates and
    date-times (clinical local time, no zone), null where nothing is recorded. `status`
    is the machine value and `status_label` the words the table prints. Every status is as
    of now: `status_stale` says the database's cached status was out of date (the case or
    its MDT outcomes changed after it was computed, or it was computed on an earlier day),
    so this command computed it afresh without writing (the desk refreshes the cache). `phase` is one of rules.md's
    pathway phases, `day` the calendar day of the episode (null before anakinra),
    `next_review` the review due (past while `overdue`), `last_decision` the latest MDT
    outcome or null."""
    return {
        "id": s.case_id,
        "name": display_name(s),
        "family_name": s.family_name,
        "given_name": s.given_name,
        "nhs_number": s.nhs_number,
        "hospital_number": s.hospital_number,
        "date_of_birth": iso(s.date_of_birth),
        "hlh_type": str(s.hlh_type) if s.hlh_type else None,
        "day0": iso(s.current_day0),
        "status": s.eligibility,
        "status_label": status_label(s.eligibility),
        "status_stale": s.needs_status(date.today()),
        "phase": s.phase,
        "phase_label": phase_label(s.phase) or None,
        "day": s.day,
        "verdict": s.verdict,
        "overdue": bool(s.overdue),
        "next_review": iso(s.next_review),
        "last_decision": last_decision_of(s),
        "overdue_actions": s.overdue_actions,
    }


def last_decision_of(s) -> dict | None:
    if not s.last_decision:
        return None
    try:
        label = Decision(s.last_decision).label
    except ValueError:
        label = s.last_decision
    return {"decision": s.last_decision, "label": label, "date": iso(s.last_decision_on)}


def phase_label(phase: str | None) -> str:
    try:
        return Phase(phase).label if phase else ""
    except ValueError:
        return phase


def iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(timespec="minutes") if isinstance(value, datetime) else value.isoformat()


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
