"""A signed-off outcome reprints from its frozen snapshot, byte for byte, whatever the
live case data has become."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.core.meetings.meeting import Attendee, Decision, Meeting, Outcome
from hlhdesk.core.meetings.signoff import make_signoff
from hlhdesk.paths import resource
from hlhdesk.reports import case_summary, case_summary_from_signoff

DEMO = "adult-ebv-responding.json"


@pytest.fixture(scope="module")
def signed():
    manifest = {m["file"]: m for m in json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8"))}
    case = read_case_file(resource("demo", DEMO))
    evaluation = evaluate(case, datetime.fromisoformat(manifest[DEMO]["as_of"]))
    meeting = Meeting(date(2026, 10, 12), "Dr C Chair", (Attendee("Dr C Chair", "Haematologist"),), meeting_id=3)
    outcome = Outcome(1, 3, Decision.CONTINUE, rationale="Ferritin and organ support falling.", outcome_id=9)
    signoff = make_signoff(outcome, case, evaluation, meeting, signed_by="Dr C Chair",
                           signed_at=datetime(2026, 10, 12, 16, 30))
    return case, evaluation, meeting, signoff


def test_reprint_is_byte_identical_and_matches_the_original_print(signed):
    case, evaluation, meeting, signoff = signed
    first = case_summary_from_signoff(signoff)
    assert case_summary_from_signoff(signoff) == first
    original = case_summary(case, evaluation, outcome=signoff.outcome, meeting=meeting, signoff=signoff)
    assert original == first


def test_a_signoff_beside_a_later_evaluation_says_so(signed):
    from tests.reports.pdftext import page_texts

    case, evaluation, meeting, signoff = signed
    later = evaluate(case, datetime(2026, 10, 14, 12, 0))
    first = " ".join(page_texts(case_summary(case, later, meeting=meeting, signoff=signoff))[0].split())
    assert ("signed off against the evaluation as of 12/10/2026 12:00; the rest of these pages are a later "
            "evaluation, as of 14/10/2026 12:00") in first
    same = " ".join(page_texts(case_summary(case, evaluation, meeting=meeting, signoff=signoff))[0].split())
    assert "signed off against the evaluation" not in same


def test_a_case_with_almost_no_data_prints_unknowns_not_normals():
    from hlhdesk.core.model import Case, Patient, Sex
    from tests.reports.pdftext import page_texts

    bare = Case(Patient(date(1990, 1, 1), Sex.FEMALE, nhs_number="9434765919"))
    text = " ".join(" ".join(page_texts(case_summary(bare, evaluate(bare, datetime(2026, 10, 1))))).split())
    assert "Insufficient data to decide" in text
    assert "no ferritin in this period" in text and "no anakinra" in text
    assert "? Not yet known" in text and "Hospital number not recorded" in text
    assert "normal" not in text.lower()


def test_a_child_over_the_dose_ceiling_is_flagged_with_the_weight_used():
    from tests.reports.pdftext import page_texts

    manifest = {m["file"]: m for m in json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8"))}
    name = "child-iv-renal-overdose.json"
    case = read_case_file(resource("demo", name))
    text = " ".join(" ".join(page_texts(case_summary(case, evaluate(
        case, datetime.fromisoformat(manifest[name]["as_of"]))))).split())
    assert "Dose against 8 mg/kg/day ⚠ Above the maximum dose Total 9.23 mg/kg/day" in text
    assert "on weight 26 kg of 09/10/2026 08:00" in text
