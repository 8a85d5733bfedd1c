"""The 13 demo cases on one agenda: the pack is a cover, an actions page and one proforma
per case (2 + 13 pages), and each case's page carries its pathway phase and verdict."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.core.evaluation.pathway import pathway_of
from hlhdesk.core.meetings.meeting import Attendee, Meeting
from hlhdesk.paths import resource
from hlhdesk.reports import meeting_pack
from hlhdesk.reports.proforma import VERDICT_CHARS
from hlhdesk.reports.text import clip
from tests.reports.pdftext import page_texts


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_items():
    manifest = json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8"))
    items = []
    for entry in manifest:
        case = read_case_file(resource("demo", entry["file"]))
        items.append((case, evaluate(case, datetime.fromisoformat(entry["as_of"])), None))
    return items


@pytest.fixture(scope="module")
def demo_pages(demo_items):
    meeting = Meeting(date(2026, 10, 20), "Dr C Chair", (Attendee("Dr C Chair", "Haematologist"),))
    return page_texts(meeting_pack(meeting, demo_items))


def test_the_demo_pack_is_two_pages_plus_one_per_case(demo_items, demo_pages):
    assert len(demo_items) == len(json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8")))
    assert len(demo_pages) <= 2 + len(demo_items)


def test_every_case_page_carries_its_phase_and_verdict(demo_items, demo_pages):
    for number, (case, evaluation, _) in enumerate(demo_items):
        page = _flat(demo_pages[2 + number])
        pathway = pathway_of(evaluation, (), evaluation.as_of)
        assert case.patient.display_name in page
        assert pathway.phase_label in page and _flat(clip(pathway.verdict, VERDICT_CHARS)) in page, case.patient.display_name
        assert "Policy check" in page


def test_the_cover_indexes_every_case_with_its_page(demo_items, demo_pages):
    cover = _flat(demo_pages[0])
    for case, evaluation, _ in demo_items:
        assert case.patient.display_name in cover
    # The page numbers the index prints: 3 to 15, in agenda order.
    assert cover.endswith(" ".join(str(n) for n in range(3, 3 + len(demo_items))))


def test_infants_age_is_in_months(demo_items, demo_pages):
    infants = [n for n, (case, evaluation, _) in enumerate(demo_items)
               if (evaluation.as_of.date() - case.patient.date_of_birth).days < 700]
    assert infants
    for number in infants:
        assert " months, " in demo_pages[2 + number] or " days, " in demo_pages[2 + number]


def test_a_relapse_page_names_its_episode_and_keeps_the_earlier_one(demo_items, demo_pages):
    """rules.md: every rule reads the current episode, earlier episodes stay visible as history."""
    from hlhdesk.core.episodes import episode_line

    relapses = [n for n, (_, evaluation, _) in enumerate(demo_items) if len(evaluation.episodes) > 1]
    assert relapses  # the demo holds a relapse
    for number in relapses:
        line = episode_line(demo_items[number][1].episodes)
        assert line.startswith("Episode 2 of 2: day 0 ") and "; episode 1 " in line
        assert _flat(line) in _flat(demo_pages[2 + number])
    single = next(n for n, (_, ev, _) in enumerate(demo_items) if len(ev.episodes) == 1)
    assert "Episode " not in demo_pages[2 + single]
