"""A sign-off freezes the case, the evaluation and the meeting: thawed, they equal what
was signed, whatever the case has become since, and the reprint is the same bytes."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from hlhdesk import __version__
from hlhdesk.core import evaluate
from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.core.evaluation.json_form import evaluation_to_dict
from hlhdesk.core.meetings.meeting import AgendaItem, AgendaReason, Attendee, Decision, Meeting, Outcome
from hlhdesk.core.model import Observation
from hlhdesk.core.meetings.signoff import make_signoff, thaw_signoff
from tests.cli.conftest import ADULT

MEETING = Meeting(
    held_on=date(2026, 10, 9),
    chair="Dr A Chair",
    attendees=(Attendee("Dr A Chair", "Haematologist"), Attendee("Ms P", "Pharmacist")),
    agenda=(AgendaItem(1, 1, AgendaReason.DAY7_REVIEW), AgendaItem(2, 2, AgendaReason.NEW_REFERRAL)),
    meeting_id=3,
)
SIGNED_AT = datetime(2026, 10, 9, 16, 5, 30, 123456)


def signed():
    case = read_case_file(ADULT)
    evaluation = evaluate(case, datetime(2026, 10, 9, 14, 0), made_at=datetime(2026, 10, 9, 14, 0))
    outcome = Outcome(1, 3, Decision.CONTINUE, rationale="ferritin fell", outcome_id=7)
    return case, evaluation, make_signoff(outcome, case, evaluation, MEETING, signed_by=" Dr A Chair ", signed_at=SIGNED_AT)


def test_the_signoff_records_who_when_policy_and_version():
    _, evaluation, signoff = signed()
    assert signoff.signed_by == "Dr A Chair"
    assert signoff.signed_at == datetime(2026, 10, 9, 16, 5, 30)
    assert signoff.policy == evaluation.policy and signoff.policy.startswith("210701P")
    assert signoff.app_version == __version__


def test_thawing_gives_back_what_was_signed_and_not_other_patients():
    case, evaluation, signoff = signed()
    thawed_case, thawed_evaluation, thawed_meeting = thaw_signoff(signoff)
    assert thawed_case == case
    assert evaluation_to_dict(thawed_evaluation) == evaluation_to_dict(evaluation)
    assert thawed_meeting.attendees == MEETING.attendees and thawed_meeting.held_on == MEETING.held_on
    assert thawed_meeting.agenda == ()  # other cases on the agenda are not this patient's record


def test_later_changes_to_the_case_do_not_reach_the_frozen_copy():
    case, _, signoff = signed()
    changed = dataclasses.replace(
        case, observations=(*case.observations, Observation(datetime(2026, 10, 9, 15), "ferritin", 999.0, "ug/L"))
    )
    assert changed != case
    assert thaw_signoff(signoff)[0] == case


def test_the_frozen_text_is_the_same_every_time():
    assert signed()[2] == signed()[2]
