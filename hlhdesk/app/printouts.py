"""What to print for a case or a meeting held in the store: the one place the CLI (and
the GUI's Print and Save as PDF) turn ids into PDF bytes. Here, not in reports/, so that
reports render core types and never import the store.

An outcome that is signed off prints from its frozen snapshot, so the paper matches what
was signed whatever the case data says now. Otherwise the case is evaluated afresh, as of
the given time, else the meeting's time for an open outcome (so data that arrived after
the meeting does not leak in), else now, and printed with that outcome and meeting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.meetings.meeting import Amendment, Meeting, Outcome, SignOff
from hlhdesk.core.model import Case
from hlhdesk.core.meetings.signoff import thaw_signoff
from hlhdesk.errors import InputError
from hlhdesk.reports.letter import outcome_letter
from hlhdesk.reports.pack import meeting_pack
from hlhdesk.reports.proforma import CaseSheet, EarlierDecision
from hlhdesk.reports.summary import case_summary


@dataclass(frozen=True)
class Printable:
    """Everything one case's pages need, resolved from the store."""

    case: Case
    evaluation: Evaluation
    outcome: Outcome | None = None  # as recorded (amendments beside it)
    meeting: Meeting | None = None
    signoff: SignOff | None = None
    amendments: tuple[Amendment, ...] = ()


def _default_evaluate() -> Callable:
    from hlhdesk.core import evaluate  # the policy engine

    return evaluate


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def printable(store, case_id: int, record=None, *, as_of: datetime | None = None,
              evaluate: Callable | None = None) -> Printable:
    """The case with `record` (an OutcomeRecord; None for no outcome): frozen if signed
    off and no other time is asked for, else evaluated as of `as_of` or the meeting."""
    from hlhdesk.core.meetings.agenda import meeting_as_of
    evaluate = evaluate or _default_evaluate()
    if record is not None and record.signoff is not None and as_of is None:
        case, evaluation, meeting = thaw_signoff(record.signoff)
        return Printable(case, evaluation, record.original, meeting, record.signoff, record.amendments)
    case = store.load_case(case_id)
    if record is None or record.signoff is not None:
        # A signed outcome belongs with the evaluation it froze, never beside a fresh one.
        return Printable(case, evaluate(case, as_of or _now()))
    meeting = store.load_meeting(record.original.meeting_id)
    moment = as_of or meeting_as_of(meeting.held_on, _now())
    return Printable(case, evaluate(case, moment), record.current, meeting)


def _latest_record(store, case_id: int):
    store.load_case(case_id)  # an unknown id is a plain error before anything else
    records = store.outcomes_of_case(case_id)
    return records[-1] if records else None


def _earlier_records(store, case_id: int, before) -> list:
    """The case's outcome records from meetings before `before` (a date; None: all):
    what its pathway phase and its "previous MDT decision" read."""
    records = store.outcomes_of_case(case_id)
    return [r for r in records if before is None or (r.held_on or r.recorded_at.date()) < before]


def case_sheet(item: Printable, earlier) -> CaseSheet:
    """The pages' input: the case with its pathway (read with the earlier outcomes) and
    the last decision before this one. A signed record prints from its snapshot alone."""
    from hlhdesk.core.evaluation.pathway import pathway_of

    if item.signoff is not None and not earlier:
        return CaseSheet(item.case, item.evaluation, None, item.outcome, item.signoff, item.amendments, item.meeting)
    last = earlier[-1] if earlier else None
    previous = EarlierDecision(last.held_on or last.recorded_at.date(), last.current, last.done) if last else None
    return CaseSheet(item.case, item.evaluation, pathway_of(item.evaluation, earlier, item.evaluation.as_of),
                     item.outcome, item.signoff, item.amendments, item.meeting, previous)


def summary_for_case(store, case_id: int, *, as_of: datetime | None = None, evaluate: Callable | None = None) -> bytes:
    """The case summary with the case's latest MDT outcome."""
    return summary_for_record(store, case_id, _latest_record(store, case_id), as_of=as_of, evaluate=evaluate)


def summary_for_record(store, case_id: int, record, *, as_of: datetime | None = None,
                       evaluate: Callable | None = None) -> bytes:
    """The case summary with one MDT outcome (an OutcomeRecord, or None); a signed-off
    one, with no other as-of asked for, is rebuilt from its frozen copy alone. Otherwise
    its phase is read with the outcomes of earlier meetings, the last of them printed as
    the previous decision."""
    item = printable(store, case_id, record, as_of=as_of, evaluate=evaluate)
    if item.signoff is not None:
        return case_summary(item.case, item.evaluation, outcome=item.outcome, meeting=item.meeting,
                            signoff=item.signoff, amendments=item.amendments)
    if item.outcome is not None:  # this meeting's open outcome: read with the meetings before it
        earlier = _earlier_records(store, case_id, record.held_on)
    else:  # no outcome printed (or a signed one beside a fresh evaluation): every one up to then
        later = item.evaluation.as_of.date() + timedelta(days=1)
        earlier = _earlier_records(store, case_id, later)
    sheet = case_sheet(item, earlier)
    return case_summary(sheet.case, sheet.evaluation, outcome=sheet.outcome, meeting=sheet.meeting,
                        pathway=sheet.pathway, previous=sheet.previous)


def letter_for_case(store, case_id: int, *, referrer: str | None = None, evaluate: Callable | None = None) -> bytes:
    """The outcome letter for the case's latest MDT outcome."""
    record = _latest_record(store, case_id)
    if record is None:
        raise InputError(f"case {case_id} has no MDT outcome recorded, so there is no letter to write")
    return letter_for_record(store, case_id, record, referrer=referrer, evaluate=evaluate)


def letter_for_record(store, case_id: int, record, *, referrer: str | None = None,
                      evaluate: Callable | None = None) -> bytes:
    """The outcome letter for one MDT outcome (an OutcomeRecord: the one on screen in
    the Meetings window, which need not be the case's latest)."""
    from hlhdesk.reports.summary import current_outcome

    item = printable(store, case_id, record, evaluate=evaluate)
    to = referrer or item.case.details.referring_clinician or "The referring clinician"
    earlier = _earlier_records(store, case_id, record.held_on) if record.held_on else []
    sheet = case_sheet(item, earlier)
    return outcome_letter(item.case, item.evaluation, current_outcome(item.outcome, item.amendments),
                          item.meeting, referrer=to, signoff=item.signoff, pathway=sheet.pathway)


def pack_for_meeting(store, meeting_id: int, *, evaluate: Callable | None = None,
                     with_evidence: bool = False) -> bytes:
    """Every agenda case in order: signed-off ones from their snapshot, the others
    evaluated as of the meeting; each with its phase and the decision before this
    meeting. The evidence appendix after each proforma only `with_evidence`."""
    from hlhdesk.core.meetings.agenda import meeting_as_of
    evaluate = evaluate or _default_evaluate()
    meetings = store
    meeting = meetings.load_meeting(meeting_id)
    records = meetings.outcomes_of_meeting(meeting_id)
    as_of = meeting_as_of(meeting.held_on, _now())
    items = []
    for agenda_item in sorted(meeting.agenda, key=lambda a: a.position):
        record = records.get(agenda_item.case_id)
        signed = record is not None and record.signoff is not None
        item = printable(store, agenda_item.case_id, record, as_of=None if signed else as_of, evaluate=evaluate)
        item = replace(item, meeting=item.meeting or meeting)
        items.append(case_sheet(item, _earlier_records(store, agenda_item.case_id, meeting.held_on)))
    return meeting_pack(meeting, items, with_evidence=with_evidence)
