"""MDT meetings: every change the Meetings window and `hlhdesk meetings` make.

Both front ends come here, so a meeting, an agenda, an outcome, a sign-off or an
amendment is made one way, with one set of refusals (a signed-off outcome, a closed
meeting). Reading a meeting needs no use case: the store's reads serve both directly.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable, Sequence

from hlhdesk.core.meetings.meeting import Attendee, Outcome, SignOff
from hlhdesk.errors import InputError


def create_meeting(store, held_on: date, chair: str, attendees: Sequence[Attendee] = ()) -> int:
    return store.create_meeting(held_on, chair, attendees)


def update_meeting(store, meeting_id: int, *, held_on: date, chair: str, attendees: Sequence[Attendee]) -> None:
    store.update_meeting(meeting_id, held_on=held_on, chair=chair, attendees=attendees)


def close_meeting(store, meeting_id: int, *, next_meeting_on: date | None = None) -> int | None:
    """Close a meeting; undiscussed cases roll over. Returns where they went, if anywhere."""
    return store.close_meeting(meeting_id, next_meeting_on=next_meeting_on)


def offered_cases(store, meeting_id: int, *, now: datetime | None = None) -> list:
    """The cases this meeting should consider, most pressing first, from each case's
    pathway phase. Cases never evaluated, or changed since (data or an MDT outcome), are
    evaluated first, so an offer never rests on a status that no longer holds; a phase
    computed on an earlier day is carried to the meeting's date by its review dates."""
    refresh_stale_statuses(store, now)
    return store.offered_cases(meeting_id)


def refresh_stale_statuses(store, now: datetime | None = None) -> None:
    from hlhdesk.app.statuses import refresh_case_statuses

    stale = [s.case_id for s in store.list_cases() if not s.eligibility or s.status_stale]
    if stale:
        refresh_case_statuses(store, stale, (now or datetime.now()).replace(second=0, microsecond=0))


def add_to_agenda(store, meeting_id: int, case_ids: Sequence[int], *, due: bool = False) -> list:
    """Put cases on an agenda, and with `due` every case the agenda offers, in one
    transaction; returns the offers added."""
    if due:
        refresh_stale_statuses(store)
    with store.transaction("adding cases to the agenda"):
        for case_id in case_ids:
            store.add_to_agenda(meeting_id, case_id)
        offers = store.offered_cases(meeting_id) if due else []
        store.add_offered(meeting_id, offers)
    return offers


def add_offered(store, meeting_id: int, chosen: Sequence) -> None:
    store.add_offered(meeting_id, chosen)


def remove_from_agenda(store, meeting_id: int, case_id: int) -> None:
    store.remove_from_agenda(meeting_id, case_id)


def move_on_agenda(store, meeting_id: int, case_id: int, steps: int) -> None:
    store.move_on_agenda(meeting_id, case_id, steps)


def reorder_agenda(store, meeting_id: int, case_ids: Sequence[int]) -> None:
    store.reorder_agenda(meeting_id, case_ids)


def flag_case(store, case_id: int, note: str = "") -> int:
    """Ask for a case to be offered to the next meeting's agenda."""
    return store.flag_case(case_id, note)


def record_outcome(store, outcome: Outcome) -> int:
    """Save (or, until signed off, replace) the MDT's decision on a case; the case's
    cached status (its phase, last decision, review due) follows at once."""
    outcome_id = store.record_outcome(outcome)
    _refresh_status(store, outcome.case_id)
    return outcome_id


def _refresh_status(store, case_id: int) -> None:
    """Recompute the case's cached status after its MDT record changed. The write itself
    marked the status stale in its own transaction, so if this fails (logged), the next
    refresh (the desk's, or offering an agenda) still picks the change up."""
    from hlhdesk.app.statuses import refresh_case_statuses
    from hlhdesk.logs import get_logger

    try:
        refresh_case_statuses(store, [case_id], datetime.now().replace(second=0, microsecond=0))
    except InputError as exc:  # the outcome is saved; only the derived cache waits
        get_logger().warning("case %s: status not refreshed after its outcome: %s", case_id, exc)


def signoff_for(store, meeting_id: int, case_id: int, *, now: datetime | None = None,
                evaluate: Callable | None = None) -> SignOff:
    """What the meeting's chair would sign for this case's outcome: the outcome as
    stored, with the case and its evaluation as of the meeting frozen beside it. Writes
    nothing, so the GUI can show what gets frozen before the chair confirms."""
    from hlhdesk.app.statuses import evaluate_case
    from hlhdesk.core.meetings.agenda import meeting_as_of
    from hlhdesk.core.meetings.signoff import make_signoff

    meeting = store.load_meeting(meeting_id)
    outcome_id = store.outcome_id_for(meeting_id, case_id)
    if outcome_id is None:
        raise InputError(f"case {case_id} has no outcome at meeting {meeting_id} to sign off")
    record = store.outcome(outcome_id)
    case = store.load_case(case_id)
    now = now or datetime.now()
    evaluation = (evaluate or evaluate_case)(case, meeting_as_of(meeting.held_on, now))
    return make_signoff(record.original, case, evaluation, meeting, signed_by=meeting.chair, signed_at=now)


def sign_off(store, signoff: SignOff) -> int:
    """Store a sign-off made by `signoff_for`; refused if the outcome changed since."""
    return store.sign_off(signoff)


def amend(store, outcome_id: int, amended: Outcome, *, amended_by: str, reason: str) -> int:
    """Record a change to a signed-off outcome; the original and its sign-off stay. The
    case's cached status follows the amended decision at once."""
    amendment_id = store.amend(outcome_id, amended, amended_by=amended_by, reason=reason)
    _refresh_status(store, amended.case_id)
    return amendment_id


def mark_action_done(store, outcome_id: int, action, *, done_on: date, done_by: str) -> int:
    """Record an MDT action as done (who, which day): it leaves the outstanding actions and
    the pathway's "action overdue" flag; the outcome itself, signed or not, is unchanged."""
    completion_id = store.mark_action_done(outcome_id, action, done_on, done_by)
    _refresh_status(store, store.outcome(outcome_id).original.case_id)
    return completion_id


def unmark_action_done(store, outcome_id: int, action) -> None:
    """Take back an action recorded as done in error (the audit keeps both)."""
    store.unmark_action_done(outcome_id, action)
    _refresh_status(store, store.outcome(outcome_id).original.case_id)
