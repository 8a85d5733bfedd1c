"""Meetings, outcomes and sign-offs survive a trip through JSON unchanged (ids included),
and a frozen snapshot always gives the same text."""

from datetime import date, datetime

from hlhdesk.core.meetings.meeting import Action, AgendaItem, AgendaReason, Attendee, Decision, Meeting, Outcome, SignOff
from hlhdesk.core.meetings.meeting_json import (
    dumps_frozen,
    meeting_from_dict,
    meeting_to_dict,
    outcome_from_dict,
    outcome_to_dict,
    signoff_from_dict,
    signoff_to_dict,
)

MEETING = Meeting(
    held_on=date(2026, 10, 9),
    chair="Dr Chair",
    attendees=(Attendee("Dr Chair", "Haematologist"), Attendee("Ms Pharm", "Pharmacist")),
    agenda=(AgendaItem(4, 1, AgendaReason.DAY7_REVIEW, discussed=True), AgendaItem(9, 2, AgendaReason.FLAGGED)),
    closed_at=datetime(2026, 10, 9, 15, 30),
    meeting_id=12,
)
OUTCOME = Outcome(
    case_id=4,
    meeting_id=12,
    decision=Decision.CONTINUE,
    rationale="Ferritin fell 24% by day 7.",
    dissent="Dr X would stop.",
    actions=(Action("Repeat ferritin", "Ward team", date(2026, 10, 12)), Action("Tell GP", "Dr Chair")),
    next_review=date(2026, 10, 17),
    prior_approval_ref="BT-000123",
    outcome_id=33,
)


def test_meeting_round_trip_keeps_everything_and_the_id():
    back = meeting_from_dict(meeting_to_dict(MEETING))
    assert back == MEETING and back.meeting_id == 12 and back.agenda[0].discussed


def test_outcome_round_trip_keeps_actions_and_dates():
    back = outcome_from_dict(outcome_to_dict(OUTCOME))
    assert back == OUTCOME and back.outcome_id == 33
    assert back.actions[1].due is None


def test_signoff_round_trip_keeps_frozen_texts_byte_for_byte():
    signoff = SignOff(OUTCOME, "Dr Chair", datetime(2026, 10, 9, 15, 0), '{"a": 1}', '{"b": 2}', "210701P v2.0", "0.1.0", "{}")
    assert signoff_from_dict(signoff_to_dict(signoff)) == signoff


def test_frozen_text_is_stable_whatever_the_key_order():
    assert dumps_frozen({"b": 1, "a": "µg/L"}) == dumps_frozen({"a": "µg/L", "b": 1})
    assert "µg/L" in dumps_frozen({"a": "µg/L"})
