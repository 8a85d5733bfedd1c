"""The printed case summary: identifiers, page numbers and the policy version on every
page; every rule with its status in words; decision first; honest wording; byte-stable."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

import pytest

from hlhdesk.core.evaluation import Status
from hlhdesk.core.meetings.meeting import Amendment, Decision
from hlhdesk.reports import case_summary
from hlhdesk.reports.fonts import has_glyphs
from tests.reports.pdftext import page_has_images, page_texts
from tests.support.records import (
    ALL_RULE_IDS, sample_case, sample_evaluation, sample_meeting, sample_outcome, sample_signoff,
)


@pytest.fixture(scope="module")
def full_summary() -> bytes:
    case = sample_case()
    return case_summary(case, sample_evaluation(case), outcome=sample_outcome(), meeting=sample_meeting(),
                        signoff=sample_signoff())


@pytest.fixture(scope="module")
def pages(full_summary) -> list[str]:
    return page_texts(full_summary)


def test_every_page_names_the_patient_and_the_meeting(pages):
    assert len(pages) >= 2
    for text in pages:
        assert "EXAMPLE, Alex" in text
        assert "NHS number 943 476 5919" in text
        assert "Hospital number RX0012345" in text
        assert "Date of birth 17/05/1984" in text
        assert "MDT meeting 17/10/2026" in text
        assert text.count("OFFICIAL-SENSITIVE") == 2


def test_every_page_says_page_n_of_the_true_total(pages):
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text


def test_every_page_footer_names_policy_app_version_and_evaluation_time(pages):
    for text in pages:
        assert "Policy 210701P v2.0" in text
        assert "hlhdesk 0.1.0" in text
        assert "evaluation made 17/10/2026 09:05, as of 17/10/2026 09:00" in text


def test_every_rule_id_is_printed_with_its_reading_in_the_appendix(pages):
    appendix = " ".join(" ".join(pages[1:]).split())
    for rule_id in ALL_RULE_IDS:
        assert re.search(rf"{rule_id} [✓✗⚠!?–] \w", appendix), f"{rule_id} has no reading"


def test_page_one_is_the_proforma_and_the_appendix_follows(pages):
    first = " ".join(pages[0].split())
    for heading in ("Policy check", "Eligibility", "Day-7 response", "Day-14 stop", "Dose against 8 mg/kg/day",
                    "Serious adverse event", "What is missing", "Ferritin, µg/L (log)", "HScore, points",
                    "Anakinra, mg/kg/day", "Previous MDT decision", "MDT outcome, signed off"):
        assert heading in first, heading
    assert "Continue anakinra" in first and "Signed off by Dr C Chair (chair) on 17/10/2026 at 13:45" in first
    assert "Evidence appendix" in pages[1] and "Evidence appendix" not in pages[0]


def test_wording_never_says_approved(pages):
    assert all("approved" not in t.lower() for t in pages)


def test_without_outcome_the_box_is_ruled_space_to_write_in():
    case = sample_case()
    text = " ".join(page_texts(case_summary(case, sample_evaluation(case)))[0].split())
    assert "No MDT decision recorded: write the outcome in during the meeting" in text
    assert "☐ Stop anakinra" in text and "☐ Continue anakinra" in text
    assert "No MDT meeting recorded" in text


def test_each_value_is_listed_once_with_unit_date_and_as_entered(pages):
    text = " ".join(" ".join(pages[1:]).split())
    # The sample's rules all cite the same ferritin: one row, referred to by number.
    assert len(re.findall(r"V\d+ Ferritin 38,052 µg/L 30/09/2026 10:00 38052 ng/mL", text)) == 1
    assert len(re.findall(r"V\d+ Platelets 62 x10⁹/L 02/10/2026 10:00", text)) == 1
    assert "Values: V1, V2" in text


def test_incomplete_hscore_prints_a_range_and_the_missing_items(pages):
    text = " ".join(" ".join(pages).split())
    assert "165 to 294" in text and "missing (0 to 64)" in text


def test_dose_check_reads_the_do_max_rule(pages):
    first = " ".join(pages[0].split())
    assert "Dose against 8 mg/kg/day" in first and "DO-MAX detail: a line a clinician can read aloud" in first
    text = " ".join(" ".join(pages).split())
    assert "4.17" in text and "11.11" in text


def test_amendments_and_attendees_are_printed():
    case = sample_case()
    signoff = sample_signoff()
    amended = replace(signoff.outcome, decision=Decision.STOP, rationale="Anaphylaxis on day 9.")
    amendment = Amendment(1, "Dr C Chair", datetime(2026, 10, 18, 8, 30), "SAE reported after the meeting", amended)
    pages = page_texts(case_summary(case, sample_evaluation(case), meeting=sample_meeting(), signoff=signoff,
                                    amendments=[amendment]))
    first = " ".join(pages[0].split())
    assert "Stop anakinra" in first and "As amended on 18/10/2026 08:30 by Dr C Chair" in first
    text = " ".join("\n".join(pages).split())
    assert "SAE reported after the meeting" in text
    assert "Dr R Rheum (Rheumatologist)" in text and "Ms P Pharm (Pharmacist)" in text


def test_long_case_spans_pages_with_the_table_header_repeated():
    case = sample_case(observations=280)
    pages = page_texts(case_summary(case, sample_evaluation(case), meeting=sample_meeting()))
    header = re.compile(r"When\s+Observation\s+Value\s+Entered as")
    with_header = [i for i, t in enumerate(pages) if header.search(t)]
    assert len(with_header) >= 3
    assert with_header == list(range(with_header[0], with_header[-1] + 1))  # every page it runs onto
    assert all(f"of {len(pages)}" in t and "943 476 5919" in t for t in pages)


def test_same_input_gives_the_same_bytes(full_summary):
    case = sample_case()
    again = case_summary(case, sample_evaluation(case), outcome=sample_outcome(), meeting=sample_meeting(),
                         signoff=sample_signoff())
    assert again == full_summary


def test_charts_are_vector_with_the_policy_lines_in_a_key(full_summary, pages):
    assert not page_has_images(full_summary)
    first = " ".join(pages[0].split())
    assert "baseline 38,052" in first and "−10% target 34,247 to D7" in first
    assert "169 (DX-HSCORE above)" in first and "8 mg/kg/day maximum" in first
    assert "D0" in first and "D7" in first and "D14" in first


def test_the_bundled_font_has_every_mark_and_unit_printed():
    marks = "".join(s.mark for s in Status)
    assert has_glyphs(marks + "µ≥≤x10⁹/L°C−×÷•·")
