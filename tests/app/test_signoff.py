"""Sign-off is written once (app/meetings), for the Meetings window and `hlhdesk meetings
sign` alike: what the chair signs is the stored outcome with the case evaluated as of the
meeting, and nothing is stored until the sign-off is."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hlhdesk.app import meetings
from hlhdesk.cli import main
from hlhdesk.errors import InputError
from hlhdesk.store import open_database
from tests.support.fake_engine import fake_evaluate
from tests.support.meetings import decide, meeting_with
from tests.support.stored_cases import full_case

HELD_ON = date(2026, 10, 10)


@pytest.fixture
def meeting(tmp_path):
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path) as store:
        case_id = store.add_case(full_case())
        meeting_id = meeting_with(store, [case_id], HELD_ON)
    return path, meeting_id, case_id


def test_the_chair_signs_the_stored_outcome_evaluated_as_of_the_meeting(meeting):
    path, meeting_id, case_id = meeting
    seen = []
    with open_database(path) as store:
        decide(store, meeting_id, case_id)
        next_morning = datetime(2026, 10, 11, 9, 30)
        signoff = meetings.signoff_for(store, meeting_id, case_id, now=next_morning,
                                       evaluate=lambda case, as_of: seen.append(as_of) or fake_evaluate(case, as_of))
        assert seen == [datetime(2026, 10, 10, 23, 59, 59)]  # the meeting's day, not the morning after
        assert signoff.signed_by == "Dr A Chair" and signoff.signed_at == next_morning
        assert store.outcomes_of_case(case_id)[-1].signoff is None  # nothing stored yet
        meetings.sign_off(store, signoff)
        assert store.outcomes_of_case(case_id)[-1].signoff == signoff


def test_a_case_without_an_outcome_has_nothing_to_sign(meeting):
    path, meeting_id, case_id = meeting
    with open_database(path) as store, pytest.raises(InputError, match="has no outcome at meeting"):
        meetings.signoff_for(store, meeting_id, case_id, evaluate=fake_evaluate)


def test_the_command_line_signs_through_the_same_use_case(meeting, monkeypatch, capsys):
    path, meeting_id, case_id = meeting
    with open_database(path) as store:
        decide(store, meeting_id, case_id)
    calls = []
    real = meetings.signoff_for
    monkeypatch.setattr(meetings, "signoff_for", lambda *a, **k: calls.append(a[1:]) or real(*a, evaluate=fake_evaluate))
    assert main(["--db", str(path), "meetings", "sign", str(meeting_id), str(case_id)]) == 0
    assert calls == [(meeting_id, case_id)]
    assert "Signed off by Dr A Chair: Continue anakinra" in capsys.readouterr().out
