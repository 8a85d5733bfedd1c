"""Stopping under rules.md revision 2: ST-DEATH, and the reading every evaluation records."""

from __future__ import annotations

import json

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import Status
from hlhdesk.core.evaluation.json_form import evaluation_from_dict, evaluation_to_dict
from tests.support.cases import DAY, T0, anakinra, case, event, obs

MINUTE = DAY / (24 * 60)


def _treated(*events):
    return case(obs("ferritin", 38052, T0 - DAY), obs("weight", 70, T0 - DAY),
                treatments=[anakinra(route="iv")], events=events)


def test_a_recorded_death_meets_st_death_from_its_time():
    c = _treated(event("death", T0 + 3 * DAY, "multi-organ failure"))
    before = evaluate(c, T0 + 3 * DAY - MINUTE).rule("ST-DEATH")
    after = evaluate(c, T0 + 3 * DAY).rule("ST-DEATH")
    assert before.status is Status.NOT_MET
    assert after.status is Status.MET
    assert "03/10/2026" not in after.detail and "06/10/2026" in after.detail
    assert after.evidence[0].at == T0 + 3 * DAY


def test_no_death_recorded_is_not_met():
    assert evaluate(_treated(), T0 + DAY).rule("ST-DEATH").status is Status.NOT_MET


def test_an_evaluation_records_the_reading_that_made_it():
    ev = evaluate(_treated(), T0 + DAY)
    assert ev.reading == "rules.md revision 2"
    assert ev.policy_reading == "210701P v2.0 (rules.md revision 2)"
    frozen = json.loads(json.dumps(evaluation_to_dict(ev)))
    assert frozen["reading"] == "rules.md revision 2"
    assert evaluation_from_dict(frozen) == ev


def test_an_evaluation_frozen_before_revision_2_still_loads_as_revision_1():
    frozen = json.loads(json.dumps(evaluation_to_dict(evaluate(_treated(), T0 + DAY))))
    del frozen["reading"]
    frozen["rules"] = [r for r in frozen["rules"] if r["id"] != "ST-DEATH"]
    old = evaluation_from_dict(frozen)
    assert old.reading == "rules.md revision 1"
    assert "ST-DEATH" not in [r.id for r in old.rules]
