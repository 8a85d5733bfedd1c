"""Printing: a 30-case meeting pack (cover, actions, one proforma each; target under
1.5 s median), rendered from evaluations made beforehand (the pack only prints; the
policy engine has its own benchmarks), and one 60,000-observation case's full summary
with its listing (target under 10 s)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.meetings.meeting import Attendee, Decision, Meeting, Outcome
from hlhdesk.reports import case_summary, meeting_pack
from tests.benchmarks.conftest import START, demo_sized_case

CASES = 30


@pytest.fixture(scope="module")
def pack_items():
    items = []
    for seed in range(CASES):
        case = demo_sized_case(seed)
        evaluation = evaluate(case, START + timedelta(days=30))
        outcome = Outcome(seed + 1, 1, Decision.CONTINUE, rationale="Responding.") if seed % 2 else None
        items.append((case, evaluation, outcome))
    return items


def test_thirty_case_meeting_pack(benchmark, pack_items):
    meeting = Meeting(date(2026, 10, 1), "Dr Chair", (Attendee("Dr Chair", "Haematologist"),))
    pdf = benchmark.pedantic(meeting_pack, args=(meeting, pack_items), rounds=5, iterations=1)
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000


@pytest.fixture(scope="module")
def huge_case():
    case = demo_sized_case(7, observations=60_000)
    return case, evaluate(case, max(o.at for o in case.observations))


def test_sixty_thousand_observation_case_summary(benchmark, huge_case):
    case, evaluation = huge_case
    pdf = benchmark.pedantic(case_summary, args=(case, evaluation), rounds=3, iterations=1)
    assert pdf.startswith(b"%PDF")
