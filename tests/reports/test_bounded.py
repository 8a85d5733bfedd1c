"""Anything the store accepts prints: a 10,000-character note wraps across pages rather
than stopping the print, and a 60,000-observation case prints a bounded listing (its
speed is measured in tests/benchmarks)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hlhdesk.core import evaluate
from hlhdesk.core.meetings.meeting import Action
from hlhdesk.core.model import Event
from hlhdesk.reports import case_summary, meeting_pack, outcome_letter
from tests.benchmarks.conftest import demo_sized_case
from tests.reports.pdftext import page_texts
from tests.support.records import DAY0, sample_case, sample_evaluation, sample_meeting, sample_outcome, sample_signoff

NOTE = ("Discussed with the family at length; " * 300)[:9_990] + " END-OF-NOTE"  # 10,000 characters


def _long_case():
    case = sample_case()
    details = replace(case.details, trigger_notes=NOTE, referring_clinician="Dr " + "Long" * 50)
    return replace(case, details=details, events=(Event(DAY0 + timedelta(days=1), "note", NOTE),))


def _long_outcome():
    return replace(sample_outcome(), rationale=NOTE, dissent=NOTE,
                   actions=tuple(Action(f"Action {i}: {NOTE[:400]}", "Dr Owner") for i in range(20)))


def test_a_10000_character_note_prints_in_full_across_pages():
    case = _long_case()
    pages = page_texts(case_summary(case, sample_evaluation(case), outcome=_long_outcome(), meeting=sample_meeting(),
                                    signoff=sample_signoff()))
    first = " ".join(pages[0].split())
    assert "Policy check" in first and "The outcome continues on the next page, in full." in first
    text = "".join(pages).replace("\n", "")
    assert text.count("END-OF-NOTE") >= 4  # trigger notes, event note, rationale and dissent, each in full
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_a_pack_and_a_letter_with_10000_character_texts_print():
    case = _long_case()
    evaluation = sample_evaluation(case)
    pages = page_texts(meeting_pack(sample_meeting(), [(case, evaluation, _long_outcome(), sample_signoff())]))
    assert "Policy check" in pages[2]
    letter = page_texts(outcome_letter(case, evaluation, _long_outcome(), sample_meeting(), referrer=NOTE))
    assert len(letter) == 1 and "Rationale: Discussed with the family" in letter[0]


def test_a_60000_observation_case_prints_a_summarised_listing():
    case = demo_sized_case(3, observations=60_000)
    evaluation = evaluate(case, max(o.at for o in case.observations))
    pages = page_texts(case_summary(case, evaluation))
    text = " ".join(" ".join(pages).split())
    assert "60,000 observations: summarised per test, then the latest 300 listed" in text
    assert len(pages) < 40
    assert "Policy check" in pages[0]
