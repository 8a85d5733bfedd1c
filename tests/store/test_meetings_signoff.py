"""Sign-off through the store freezes what it should: the reprint from the stored SignOff
is the same bytes before and after the case data changes, and the meeting pack prints
the frozen copy for the signed case."""

from __future__ import annotations

import dataclasses
import io
from datetime import date, datetime

from hlhdesk.core import evaluate
from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.core.meetings.meeting import Attendee, Decision, Outcome
from hlhdesk.core.meetings.signoff import make_signoff
from hlhdesk.reports import case_summary_from_signoff
from hlhdesk.app.printouts import pack_for_meeting
from pypdf import PdfReader
from tests.cli.conftest import ADULT, CHILD

AS_OF = datetime(2026, 10, 9, 14, 0)


def test_the_reprint_is_identical_after_the_case_changes(store):
    repo = store
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

    # The pack prints the signed case from its frozen copy: the old ferritin, not 123.
    pack = PdfReader(io.BytesIO(pack_for_meeting(store, meeting_id, evaluate=lambda c, t: evaluate(c, t, made_at=AS_OF))))
    text = "\n".join(page.extract_text() for page in pack.pages)
    assert "38,052" in text and "Signed off by Dr A Chair" in text
    assert "123 µg/L" not in text
