"""The meeting pack (cover, then every case; one page count for the pack) and the
one-page outcome letter."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hlhdesk.core.meetings.meeting import Action
from hlhdesk.core.model import Patient
from hlhdesk.reports import meeting_pack, outcome_letter
from tests.reports.pdftext import page_texts
from tests.support.records import (
    sample_case, sample_evaluation, sample_meeting, sample_outcome, sample_signoff,
)

SECOND_NHS = "9990001251"


def _second_case():
    case = sample_case(12)
    patient = Patient(date_of_birth=case.patient.date_of_birth.replace(year=2019), sex=case.patient.sex,
                      nhs_number=SECOND_NHS, hospital_number="RX0099999", family_name="Sample", given_name="Kit")
    return replace(case, patient=patient)


@pytest.fixture(scope="module")
def pack_pages() -> list[str]:
    first, second = sample_case(), _second_case()
    items = [(first, sample_evaluation(first), sample_outcome()), (second, sample_evaluation(second), None)]
    return page_texts(meeting_pack(sample_meeting(), items))


def test_cover_lists_date_chair_attendees_and_agenda(pack_pages):
    cover = " ".join(pack_pages[0].split())  # cells wrap: compare on single spaces
    assert "HLH MDT meeting pack" in cover
    assert "Meeting on 17/10/2026" in cover and "Chair: Dr C Chair" in cover
    assert "Ms P Pharm (Pharmacist)" in cover
    assert "EXAMPLE, Alex" in cover and "SAMPLE, Kit" in cover
    assert "999 000 1251" in cover and "Continue anakinra" in cover and "No MDT decision recorded" in cover


def test_cover_index_gives_each_case_its_page_phase_and_verdict(pack_pages):
    cover = " ".join(pack_pages[0].split())
    assert "Page Phase and verdict Last decision" in cover
    # Cover, actions page, then one proforma each: the cases start on pages 3 and 4.
    assert cover.rstrip().endswith("3 4")
    for page in pack_pages[2:4]:
        assert "Day 14" in page


def test_pack_is_cover_actions_then_one_proforma_per_case(pack_pages):
    assert len(pack_pages) == 4
    assert "Outcomes and actions" in pack_pages[1] and "Date of birth" not in pack_pages[1]
    assert all("Policy check" in page and "Evidence appendix" not in page for page in pack_pages[2:])


def test_pack_with_evidence_adds_each_case_appendix():
    first = sample_case()
    pages = page_texts(meeting_pack(sample_meeting(), [(first, sample_evaluation(first), None)], with_evidence=True))
    assert len(pages) > 3 and "Evidence appendix" in pages[3]


def test_pack_pages_are_numbered_across_the_whole_pack(pack_pages):
    total = len(pack_pages)
    assert total == 4
    for number, text in enumerate(pack_pages, start=1):
        assert f"Page {number} of {total}" in text
        assert text.count("OFFICIAL-SENSITIVE") == 2


def test_each_case_page_carries_its_own_patient_in_the_header(pack_pages):
    owners = []
    for text in pack_pages[2:]:
        has_first, has_second = "943 476 5919" in text, "999 000 1251" in text
        assert has_first != has_second, "each case page names exactly one patient"
        owners.append("first" if has_first else "second")
    # The first case's pages, then the second's: the header changes where the case does.
    assert owners == sorted(owners) and owners[0] == "first" and owners[-1] == "second"
    assert "Date of birth" not in pack_pages[0]  # the cover's header names no patient


def test_letter_is_one_page_with_decision_rationale_actions_and_review():
    case = sample_case()
    outcome = replace(sample_outcome(), actions=(
        *sample_outcome().actions, Action("Book day-21 ferritin", "Ward pharmacist")))
    pdf = outcome_letter(case, sample_evaluation(case), outcome, sample_meeting(),
                         referrer="Dr A Consultant\nDepartment of Rheumatology", signoff=sample_signoff())
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = pages[0]
    assert "Dear Dr A Consultant," in text
    assert "Continue anakinra. This is the MDT's clinical decision; the policy's reading was: Day 14" in " ".join(text.split())
    assert "Rationale: Ferritin falling by 35% from baseline" in text
    assert "Response so far" in text and "Ferritin 38,052 µg/L at baseline (30/09/2026)" in text
    assert "Copy: the patient’s general practitioner" in text
    assert "Repeat ferritin and LFTs (Dr A Consultant, due 20/10/2026)" in text
    assert "Book day-21 ferritin (Ward pharmacist)" in text
    assert "Next review: 24/10/2026" in text
    assert "Policy criteria met" not in text and "approved" not in text.lower()
    assert "NHS number 943 476 5919" in text and "Page 1 of 1" in text


def test_letter_stays_on_one_page_however_long_the_rationale():
    case = sample_case()
    outcome = replace(sample_outcome(), rationale="Long discussion. " * 300,
                      actions=tuple(Action(f"Action {i}", "Dr X") for i in range(30)))
    pages = page_texts(outcome_letter(case, sample_evaluation(case), outcome, sample_meeting(), referrer="Dr Y"))
    assert len(pages) == 1
    assert "has not yet been signed off" in pages[0]


def test_a_stop_at_day_15_says_why_in_the_policy_words_and_never_criteria_met():
    from hlhdesk.core.evaluation.pathway import Pathway, Phase, Tone
    from hlhdesk.core.meetings.meeting import Decision

    case = sample_case()
    stop = replace(sample_outcome(), decision=Decision.STOP, rationale="No response.")
    pathway = Pathway(Phase.STOP_RECOMMENDED, 15, "Day 15: no response by day 14: stop criterion met", Tone.WARNING,
                      0, False, None, (), ("ST-NO-RESPONSE",), "Stop recommended")
    text = " ".join(page_texts(outcome_letter(case, sample_evaluation(case), stop, sample_meeting(),
                                              referrer="Dr Y", pathway=pathway))[0].split())
    assert "Stop anakinra: no response by day 14, as the policy requires." in text
    assert "criteria met" not in text.lower()


def test_a_decision_against_the_policy_reading_is_called_the_mdt_s_own():
    from hlhdesk.core.evaluation.pathway import Pathway, Phase, Tone
    from hlhdesk.core.meetings.meeting import Decision

    case = sample_case()
    stop = replace(sample_outcome(), decision=Decision.STOP)
    pathway = Pathway(Phase.CONTINUING, 20, "Day 20: responding", Tone.NEUTRAL, 8, False, None, (), (), "Continuing")
    text = " ".join(page_texts(outcome_letter(case, sample_evaluation(case), stop, sample_meeting(),
                                              referrer="Dr Y", pathway=pathway))[0].split())
    assert "Stop anakinra. This is the MDT's clinical decision; the policy's reading was: Day 20: responding" in text


def test_after_the_meeting_the_signed_pack_prints_each_outcome_in_its_box():
    first, second = sample_case(), _second_case()
    items = [(first, sample_evaluation(first), sample_outcome(), sample_signoff()),
             (second, sample_evaluation(second), None)]
    pages = page_texts(meeting_pack(sample_meeting(), items))
    signed = " ".join(pages[2].split())
    assert "MDT outcome, signed off Continue anakinra" in signed
    assert "Signed off by Dr C Chair (chair) on 17/10/2026 at 13:45" in signed
    assert "No MDT decision recorded: write the outcome in during the meeting" in pages[3]
    assert "Continue anakinra (signed off)" in " ".join(pages[0].split())


def test_the_index_points_at_each_case_first_page_when_appendices_follow():
    first, second = sample_case(), _second_case()
    items = [(first, sample_evaluation(first), None), (second, sample_evaluation(second), None)]
    pages = page_texts(meeting_pack(sample_meeting(), items, with_evidence=True))
    starts = [int(n) for n in pages[0].split()[-2:]]
    assert starts[0] == 3 and starts[1] > 4  # the first case's appendix runs on several pages
    for start, nhs in zip(starts, ("943 476 5919", "999 000 1251")):
        assert "Policy check" in pages[start - 1] and nhs in pages[start - 1]
        assert "Evidence appendix" in pages[start]


def test_an_infant_s_letter_gives_the_age_in_months():
    from datetime import date as day

    case = sample_case()
    infant = replace(case, patient=replace(case.patient, date_of_birth=day(2025, 11, 20)))
    text = page_texts(outcome_letter(infant, sample_evaluation(infant), sample_outcome(), sample_meeting(),
                                     referrer="Dr Y"))[0]
    assert "Re: EXAMPLE, Alex, 10 months" in text
