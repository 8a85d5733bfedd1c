"""An MDT outcome recorded or amended refreshes the case's cached status at once: the
case list and `hlhdesk list` show the decision and the phase it leads to."""

from __future__ import annotations

from datetime import date, datetime

from hlhdesk.app import meetings
from hlhdesk.app.statuses import refresh_case_statuses
from hlhdesk.core.casefile.caseio import dumps_case
from hlhdesk.core.meetings.meeting import Decision, Outcome, SignOff
from hlhdesk.store import open_database
from tests.support.stored_cases import full_case


def test_an_outcome_and_its_amendment_refresh_the_cached_status(tmp_path):
    with open_database(tmp_path / "cases.sqlite3", backups=False) as store:
        case_id = store.add_case(full_case())
        refresh_case_statuses(store, [case_id], datetime(2026, 10, 4, 9))
        assert store.case_status(case_id).last_decision is None
        meeting_id = meetings.create_meeting(store, date(2026, 10, 5), "Dr Chair")
        meetings.add_to_agenda(store, meeting_id, [case_id])
        outcome_id = meetings.record_outcome(store, Outcome(case_id, meeting_id, Decision.CONTINUE))
        status = store.case_status(case_id)
        assert (status.last_decision, status.last_decision_on, status.stale) == ("continue", date(2026, 10, 5), False)
        (line,) = store.list_cases()
        assert not line.status_stale and line.last_decision == "continue"

        record = store.outcome(outcome_id)
        signoff = SignOff(record.original, "Dr Chair", datetime(2026, 10, 5, 16), dumps_case(full_case()), "{}",
                          "210701P v2.0", "test", "{}")
        meetings.sign_off(store, signoff)
        meetings.amend(store, outcome_id, Outcome(case_id, meeting_id, Decision.STOP), amended_by="Dr Chair",
                       reason="anaphylaxis on day 1")
        status = store.case_status(case_id)
        assert (status.last_decision, status.stale) == ("stop", False)
