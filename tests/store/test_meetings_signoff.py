"""Sign-off through the store freezes what it should: the reprint from the stored SignOff
is the same bytes before and after the case data changes, and the pack prints the frozen
copy for a signed case but today's data for an unsigned one."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from hlhdesk.core import evaluate
from hlhdesk.core.caseio import read_case_file
from hlhdesk.core.meeting import Attendee, Decision, Outcome
from hlhdesk.core.signoff import make_signoff
from hlhdesk.reports import case_summary_from_signoff
from hlhdesk.store.meetings import MeetingsRepository
from tests.cli.conftest import ADULT, CHILD

AS_OF = datetime(2026, 10, 9, 14, 0)


def test_the_reprint_is_identical_after_the_case_changes(store):
    repo = MeetingsRepository(store)
    case_id = store.add_case(read_case_file(ADULT))
    other_id = store.add_case(read_case_file(CHILD))
    meeting_id = repo.create_meeting(date(2026, 10, 9), "Dr A Chair", (Attendee("Dr A Chair", "Haematologist"),))
    repo.add_to_agenda(meeting_id, case_id)
    repo.add_to_agenda(meeting_id, other_id)
    outcome_id = repo.record_outcome(Outcome(case_id, meeting_id, Decision.CONTINUE, rationale="ferritin fell"))
    case = store.load_case(case_id)
    signoff = make_signoff(
        repo.outcome(outcome_id).original, case, evaluate(case, AS_OF, made_at=AS_OF),
        repo.load_meeting(meeting_id), signed_by="Dr A Chair", signed_at=datetime(2026, 10, 9, 16, 0),
    )
    repo.sign_off(signoff)
    first = case_summary_from_signoff(repo.outcome(outcome_id).signoff)

    ferritin = next(o for o in case.observations if o.kind == "ferritin")
    store.update_record(dataclasses.replace(ferritin, value=123.0, entered_value=123.0))
    assert store.load_case(case_id) != case

    again = repo.outcome(outcome_id).signoff
    assert again == signoff
    assert case_summary_from_signoff(again) == first

    meeting, items = repo.pack_items(meeting_id, lambda c, as_of: evaluate(c, as_of, made_at=AS_OF))
    (signed_case, _, signed_outcome, stored_signoff), (live_case, _, live_outcome, no_signoff) = items
    assert signed_case == case and stored_signoff == signoff and signed_outcome.decision == Decision.CONTINUE
    assert live_case == store.load_case(other_id) and live_outcome is None and no_signoff is None
