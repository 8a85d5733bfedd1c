"""evaluate() on one case with 500 observations (50 days of daily panels, so a score series
of 50 points): target under 5 ms median. Also the JSON round trip a sign-off freezes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.policy.p210701_v2_0 import RULE_IDS
from hlhdesk.core.evaluation.json_form import evaluation_from_dict, evaluation_to_dict
from tests.benchmarks.conftest import START, demo_sized_case


@pytest.fixture(scope="module")
def big_case():
    case = demo_sized_case(seed=7, observations=500)
    assert len(case.observations) == 500
    return case


AS_OF = START + timedelta(days=60)


def test_evaluate_500_observations(benchmark, big_case):
    ev = benchmark(evaluate, big_case, AS_OF)
    assert len(ev.score_series) == 50  # one point per day of data: the series is built in full
    assert [r.id for r in ev.rules] == list(RULE_IDS)


def test_evaluation_json_round_trip(benchmark, big_case):
    ev = evaluate(big_case, AS_OF)
    back = benchmark(lambda: evaluation_from_dict(evaluation_to_dict(ev)))
    assert back == ev


def test_pathway_phase_of_an_evaluation(benchmark, big_case):
    """The phase the status cache, the list and the agenda read: cheap beside evaluate()."""
    from hlhdesk.core.evaluation.pathway import pathway_of

    ev = evaluate(big_case, AS_OF)
    pathway = benchmark(pathway_of, ev)
    assert pathway.day == (AS_OF.date() - ev.day0.date()).days if ev.day0 else pathway.day is None
