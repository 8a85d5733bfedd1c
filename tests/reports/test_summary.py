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
from tests.reports.sample import (
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


def test_every_rule_id_is_printed_with_its_status_in_words_and_mark(full_summary):
    text = "\n".join(page_texts(full_summary))
    evaluation = sample_evaluation(sample_case())
    for rule_id in ALL_RULE_IDS:
        status = evaluation.rule(rule_id).status
        # The ID may wrap inside its cell; the status follows it with its mark and word.
        pattern = r"\s*".join(map(re.escape, rule_id)) + r"\s+" + re.escape(status.mark) + r"\s+" + \
            r"\s+".join(map(re.escape, status.label.split()))
        assert re.search(pattern, text), f"{rule_id} {status.label} not found"


def test_decision_comes_first_then_the_criteria_summary(pages):
    first = pages[0]
    assert first.index("Continue anakinra") < first.index("Eligibility under the policy")
    assert "Policy criteria met" in first
    assert "Signed off by Dr C Chair (chair) on 17/10/2026 at 13:45" in first


def test_wording_never_says_approved(pages):
    assert all("approved" not in t.lower() for t in pages)


def test_without_outcome_or_signoff_it_says_so():
    case = sample_case()
    text = "\n".join(page_texts(case_summary(case, sample_evaluation(case))))
    assert "No MDT decision recorded" in text
    assert "Not signed off" in text
    assert "No MDT meeting recorded" in text


def test_evidence_shows_values_units_dates_and_the_unit_entered(pages):
    text = "\n".join(pages)
    assert "Ferritin: 38,052 µg/L on 30/09/2026 10:00 (entered as 38052 ng/mL)" in text
    assert "Platelets: 62 x10⁹/L on 02/10/2026 10:00" in text


def test_incomplete_hscore_prints_a_range_and_the_missing_items(pages):
    text = "\n".join(pages)
    assert "165 to 294 points" in text
    assert "missing (0 to 64)" in text
    assert "Triglycerides, Fibrinogen, Haemophagocytosis on marrow aspirate" in text


def test_dosing_shows_mg_per_kg_weight_and_flags_the_ceiling(pages):
    text = " ".join(" ".join(pages).split())
    assert "4.17 mg/kg/day" in text
    assert "11.11 mg/kg/day ⚠ above the 8 mg/kg/day ceiling" in text
    assert "Weight: 72 kg on 30/09/2026" in text


def test_attendees_and_amendments_are_listed():
    case = sample_case()
    signoff = sample_signoff()
    amended = replace(signoff.outcome, decision=Decision.STOP, rationale="Anaphylaxis on day 9.")
    amendment = Amendment(1, "Dr C Chair", datetime(2026, 10, 18, 8, 30), "SAE reported after the meeting", amended)
    pages = page_texts(case_summary(case, sample_evaluation(case), meeting=sample_meeting(), signoff=signoff,
                                    amendments=[amendment]))
    text = "\n".join(pages)
    assert pages[0].index("Stop anakinra") < pages[0].index("Eligibility under the policy")
    assert "As amended on 18/10/2026 08:30 by Dr C Chair" in text
    assert "SAE reported after the meeting" in text
    for name, role in (("Dr R Rheum", "Rheumatologist"), ("Ms P Pharm", "Pharmacist")):
        assert re.search(f"{name}\\s+{role}", text)


def test_long_case_spans_pages_with_the_table_header_repeated():
    case = sample_case(observations=400)
    pages = page_texts(case_summary(case, sample_evaluation(case), meeting=sample_meeting()))
    header = re.compile(r"When\s+Observation\s+Value\s+Entered as")
    with_header = [i for i, t in enumerate(pages) if header.search(t)]
    assert len(with_header) >= 4
    assert with_header == list(range(with_header[0], with_header[-1] + 1))  # every page it runs onto
    assert all(f"of {len(pages)}" in t and "943 476 5919" in t for t in pages)


def test_same_input_gives_the_same_bytes(full_summary):
    case = sample_case()
    again = case_summary(case, sample_evaluation(case), outcome=sample_outcome(), meeting=sample_meeting(),
                         signoff=sample_signoff())
    assert again == full_summary


def test_charts_are_vector_not_images(full_summary, pages):
    assert not page_has_images(full_summary)
    text = "\n".join(pages)
    assert "10,000 µg/L (DX-FERRITIN)" in text and "500 µg/L (HLH-2004)" in text
    assert "169 (DX-HSCORE passes above)" in text


def test_the_bundled_font_has_every_mark_and_unit_printed():
    marks = "".join(s.mark for s in Status)
    assert has_glyphs(marks + "µ≥≤x10⁹/L°C−×÷•·")


def test_rule_ids_and_statuses_fit_their_unwrapped_columns():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from hlhdesk.reports.summary import RULE_WIDTHS
    from hlhdesk.reports.tables import STATUS_COLUMNS, status_text

    font, size = STATUS_COLUMNS[3], STATUS_COLUMNS[4]
    padding = 2 * 3  # LEFTPADDING + RIGHTPADDING of the grid style
    assert max(stringWidth(i, font, size) for i in ALL_RULE_IDS) + padding <= RULE_WIDTHS[0]
    assert max(stringWidth(status_text(s), font, size) for s in Status) + padding <= RULE_WIDTHS[1]
