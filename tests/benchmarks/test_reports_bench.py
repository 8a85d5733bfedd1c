"""A 30-case meeting pack, rendered from evaluations made beforehand (the pack only
prints; the policy engine has its own benchmarks). Target: under 3 s median."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.meetings.meeting import Attendee, Decision, Meeting, Outcome
from hlhdesk.reports import meeting_pack
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
    pdf = benchmark.pedantic(meeting_pack, args=(meeting, pack_items), rounds=3, iterations=1)
    assert pdf.startswith(b"%PDF") and len(pdf) > 100_000
