"""Meetings for tests: a meeting with cases on its agenda, an outcome, a sign-off."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable, Sequence

from hlhdesk.core.meetings.meeting import Attendee, Decision, Outcome

CHAIR = "Dr A Chair"


def meeting_with(store, case_ids: Sequence[int], held_on: date = date(2026, 10, 16), chair: str = CHAIR,
                 chair_role: str | None = None) -> int:
    """A new meeting with these cases on its agenda, in order; the chair attends (with
    `chair_role`, when the test needs the role printed)."""
    attendees = (Attendee(chair, chair_role),) if chair_role else ()
    meeting_id = store.create_meeting(held_on, chair, attendees)
    with store.transaction("test agenda"):
        for case_id in case_ids:
            store.add_to_agenda(meeting_id, case_id)
    return meeting_id


def decide(store, meeting_id: int, case_id: int, decision: Decision = Decision.CONTINUE,
           rationale: str = "Responding.", **fields) -> int:
    """Record the MDT's outcome for a case on the agenda; returns its id."""
    return store.record_outcome(Outcome(case_id, meeting_id, decision, rationale=rationale, **fields))


def sign(store, meeting_id: int, case_id: int, *, evaluate: Callable, signed_at: datetime):
    """Sign off the case's outcome as the meeting's chair, through the app's one sign-off."""
    from hlhdesk.app import meetings

    signoff = meetings.signoff_for(store, meeting_id, case_id, now=signed_at, evaluate=evaluate)
    meetings.sign_off(store, signoff)
    return signoff
