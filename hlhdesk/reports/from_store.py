"""What to print for a case or a meeting held in the store: the one place the CLI (and
the GUI's Print and Save as PDF) turn ids into PDF bytes.

An outcome that is signed off reprints its frozen snapshot, so the paper matches what
was signed whatever the case data says now. Otherwise the case is evaluated afresh, as of
the given time, else the meeting's time for an open outcome (so data that arrived after
the meeting does not leak in), else now, and printed with that outcome and meeting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hlhdesk.reports.pack import PackItem, meeting_pack
from hlhdesk.core.signoff import thaw_signoff
from hlhdesk.reports.snapshot import case_summary_from_signoff
from hlhdesk.reports.summary import case_summary


def _default_evaluate() -> Callable:
    from hlhdesk.core import evaluate  # the policy engine

    return evaluate


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def summary_for_case(store, case_id: int, *, as_of: datetime | None = None, evaluate: Callable | None = None) -> bytes:
    from hlhdesk.core.agenda import meeting_as_of
    from hlhdesk.store.meetings import MeetingsRepository

    evaluate = evaluate or _default_evaluate()
    case = store.load_case(case_id)  # an unknown id is a plain error before anything else
    meetings = MeetingsRepository(store)
    records = meetings.outcomes_of_case(case_id)
    latest = records[-1] if records else None
    if latest is not None and latest.signoff is not None and as_of is None:
        return case_summary_from_signoff(latest.signoff, latest.amendments)
    if latest is None or latest.signoff is not None:
        # A signed outcome belongs with the evaluation it froze, never beside a fresh one.
        return case_summary(case, evaluate(case, as_of or _now()))
    meeting = meetings.load_meeting(latest.original.meeting_id)
    moment = as_of or meeting_as_of(meeting.held_on, _now())
    return case_summary(case, evaluate(case, moment), outcome=latest.current, meeting=meeting)


def pack_for_meeting(store, meeting_id: int, *, evaluate: Callable | None = None) -> bytes:
    """Every agenda case in order: signed-off ones from their snapshot, the others
    evaluated as of the meeting."""
    from hlhdesk.core.agenda import meeting_as_of
    from hlhdesk.store.meetings import MeetingsRepository

    evaluate = evaluate or _default_evaluate()
    meetings = MeetingsRepository(store)
    meeting = meetings.load_meeting(meeting_id)
    records = meetings.outcomes_of_meeting(meeting_id)
    as_of = meeting_as_of(meeting.held_on, _now())
    items: list[PackItem] = []
    for agenda_item in sorted(meeting.agenda, key=lambda a: a.position):
        record = records.get(agenda_item.case_id)
        if record is not None and record.signoff is not None:
            case, evaluation, _ = thaw_signoff(record.signoff)
            items.append((case, evaluation, record.original, record.signoff, record.amendments))
        else:
            case = store.load_case(agenda_item.case_id)
            items.append((case, evaluate(case, as_of), record.current if record else None))
    return meeting_pack(meeting, items)
