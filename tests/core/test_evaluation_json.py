"""The frozen evaluation: the JSON shape case-format.md promises, and an exact round trip."""

from __future__ import annotations

import json

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation.json_form import EvaluationFormatError, evaluation_from_dict, evaluation_to_dict
from tests.support.cases import DAY, T0, anakinra, case, hscore_panel, obs, steroid


def _treated_case():
    return case(*hscore_panel(T0 - DAY, temperature=39.6), obs("ferritin", 52000, T0 - DAY),
                obs("weight", 70, T0 - DAY), obs("ferritin", 40000, T0 + 2 * DAY), obs("fasting", True, T0 - DAY),
                obs("fibrinogen", 150, T0, unit="mg/dL"),
                treatments=[anakinra(), steroid("dexamethasone", 20, T0 - 2 * DAY)])


def test_the_documented_keys_are_there():
    d = evaluation_to_dict(evaluate(_treated_case(), T0 + 3 * DAY))
    assert d["policy"] == "210701P v2.0" and d["as_of"] == "2026-10-06T10:00:00"
    assert set(d["eligibility"]) >= {"status", "decided_by"}
    assert d["eligibility"]["status"] == "eligible"
    assert set(d["rules"][0]) >= {"id", "status", "detail", "evidence", "policy_text"}
    assert set(d["hscore"]) >= {"low", "high", "items"}
    assert set(d["hlh2004"]) >= {"met", "not_met", "unknown", "criteria"}
    assert d["ferritin"]["baseline"]["value"] == 52000 and d["ferritin"]["max_fall_pct"] > 20
    assert d["dosing"]["courses"][0]["mg_per_kg_day"] == pytest.approx(300 / 70, abs=1e-6)
    json.dumps(d)  # serialisable as it stands


def test_round_trip_is_exact_through_json_text():
    ev = evaluate(_treated_case(), T0 + 3 * DAY)
    back = evaluation_from_dict(json.loads(json.dumps(evaluation_to_dict(ev))))
    assert back == ev
    assert evaluation_to_dict(back) == evaluation_to_dict(ev)


def test_entered_unit_survives():
    ev = evaluate(_treated_case(), T0 + 3 * DAY)
    d = evaluation_to_dict(ev)
    fib = next(i for i in d["hscore"]["items"] if i["item"] == "fibrinogen")
    assert fib["evidence"]["entered"] == "150 mg/dL" and fib["evidence"]["value"] == 1.5


@pytest.mark.parametrize("broken", [{}, {"format": "hlhdesk-evaluation", "format_version": 99},
                                    {"format": "hlhdesk-evaluation", "format_version": 1, "policy": "x"}])
def test_a_broken_frozen_copy_is_refused_clearly(broken):
    with pytest.raises(EvaluationFormatError):
        evaluation_from_dict(broken)


def test_the_policy_numbers_a_renderer_draws_are_frozen_with_the_evaluation():
    from hlhdesk.core.policy.marks import marks_of

    ev = evaluate(_treated_case(), T0 + 3 * DAY)
    d = evaluation_to_dict(ev)
    assert d["marks"]["hscore_line"]["value"] == 169 and d["marks"]["dose_ceiling"]["value"] == 8.0
    assert [line["value"] for line in d["marks"]["ferritin_lines"]] == [500, 10_000]
    assert d["marks"]["ferritin_fall"] == pytest.approx(0.10) and d["marks"]["steroid_fall"] == pytest.approx(0.25)
    assert d["marks"]["review_days"] == [7, 14]
    # A record frozen with other numbers is drawn with those, not today's.
    d["marks"]["dose_ceiling"]["value"] = 6.0
    assert marks_of(evaluation_from_dict(d)).dose_ceiling.value == 6.0
    # One frozen before marks were carried takes those of the policy version that made it.
    del d["marks"]
    assert marks_of(evaluation_from_dict(d)) == ev.marks
