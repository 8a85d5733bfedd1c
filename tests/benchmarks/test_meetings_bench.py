"""Meetings benchmarks (packaging/dev.sh bench; not part of the test run).

- offering the agenda of a meeting over 5,000 cases with a year of weekly meetings
  behind them (the query the chair waits on when pressing "Add cases due")
- loading a 30-case meeting with its outcomes (what the Meeting view does on every click)
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hlhdesk.core.meetings.meeting import Decision, Outcome
from hlhdesk.store import open_database
from tests.support.stored_cases import full_case

CASES = 5_000
WEEKS = 52


@pytest.fixture(scope="module")
def busy_database(tmp_path_factory):
    """5,000 cases; 52 weekly meetings of 30 cases each, every case decided."""
    path = tmp_path_factory.mktemp("bench") / "meetings.sqlite3"
    case = full_case(observations=0)
    with open_database(path) as store:
        ids = []
        for start in range(0, CASES, 500):
            ids += store.add_cases([case] * min(500, CASES - start))
        repo = store
        first = date(2025, 10, 3)
        last_meeting = None
        for week in range(WEEKS):
            meeting_id = repo.create_meeting(first + timedelta(weeks=week), "Dr Chair")
            with store.transaction():
                for case_id in ids[week * 30:(week + 1) * 30]:
                    repo.add_to_agenda(meeting_id, case_id)
                    repo.record_outcome(Outcome(case_id, meeting_id, Decision.CONTINUE, rationale="bench"))
            repo.close_meeting(meeting_id)
            last_meeting = meeting_id
        upcoming = repo.create_meeting(first + timedelta(weeks=WEEKS), "Dr Chair")
    return path, upcoming, last_meeting


def test_offering_an_agenda_over_5000_cases(benchmark, busy_database):
    path, upcoming, _ = busy_database
    with open_database(path) as store:
        repo = store
        offers = benchmark(repo.offered_cases, upcoming)
    assert offers  # the undecided cases are offered as new referrals


def test_loading_a_30_case_meeting_with_outcomes(benchmark, busy_database):
    path, _, last_meeting = busy_database
    with open_database(path) as store:
        repo = store

        def load():
            return repo.load_meeting(last_meeting), repo.outcomes_of_meeting(last_meeting)

        meeting, records = benchmark(load)
    assert len(meeting.agenda) == 30 and len(records) == 30


def test_selecting_the_next_case_on_the_agenda(benchmark, tmp_path, qtbot):
    """The Meeting view moving to the next of 30 demo-sized cases (200 observations
    each): outcome form filled and the policy evaluated as of the meeting."""
    from hlhdesk.gui.meetings.meeting_view import MeetingView
    from tests.benchmarks.conftest import demo_sized_case

    with open_database(tmp_path / "view.sqlite3") as store:
        ids = store.add_cases([demo_sized_case(seed) for seed in range(30)])
        repo = store
        meeting_id = repo.create_meeting(date(2026, 10, 1), "Dr Chair")
        with store.transaction():
            for case_id in ids:
                repo.add_to_agenda(meeting_id, case_id)
        view = MeetingView(store)
        qtbot.addWidget(view)
        rows = iter(range(10**9))

        def next_case():
            view.agenda.setCurrentRow(next(rows) % 30)

        benchmark.pedantic(next_case, rounds=30, iterations=1, warmup_rounds=2)
        assert "210701P" in view.policy_status.text()  # after the phase verdict that leads it
