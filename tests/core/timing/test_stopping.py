"""Stopping under rules.md revision 2: ST-DEATH, and the reading every evaluation records."""

from __future__ import annotations

import json

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import Status
from hlhdesk.core.evaluation.json_form import evaluation_from_dict, evaluation_to_dict
from tests.support.cases import DAY, T0, anakinra, case, event, hscore_panel, marrow, obs, on_day

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


def test_a_death_stops_every_treatment_prompt():
    c = case(obs("ferritin", 38052, T0 - DAY), obs("weight", 70, T0 - DAY), obs("creatinine_clearance", 20, T0),
             treatments=[anakinra(route="iv", dose=140, every=6)], events=[event("death", T0 + 16 * DAY)])
    alive = evaluate(c, T0 + 16 * DAY - MINUTE)
    dead = evaluate(c, T0 + 16 * DAY)
    for rule_id in ("DO-IV-SWITCH", "DO-RENAL", "DO-SPECIALIST"):
        assert alive.rule(rule_id).status is Status.MET, (rule_id, alive.rule(rule_id).detail)
        after = dead.rule(rule_id)
        assert after.status is Status.NOT_APPLICABLE and "no treatment prompts" in after.detail, rule_id
    assert dead.rule("ST-DEATH").status is Status.MET


def _late_responder():
    """No response by the end of day 14 (HScore 284 on days 0, 7 and 10, ferritin unchanged, no
    organ support, no steroid); then 235 on day 15 and 185 on day 17: a serial fall."""
    high = dict(temperature=39.6, hepatomegaly=True, splenomegaly=True, haemoglobin=80, wbc=3, platelets=50,
                ferritin=8000, triglycerides=4.5, fibrinogen=2.0, ast=40)
    return case(obs("weight", 70, T0 - DAY), marrow(False, on_day(-1)),
                obs("ventilation", "none", on_day(0, 8)), obs("vasopressor", 0, on_day(0, 8)),
                obs("renal_replacement", False, on_day(0, 8)),
                *hscore_panel(on_day(0, 8), **high), *hscore_panel(on_day(7, 8), **high),
                *hscore_panel(on_day(10, 8), **high),
                *hscore_panel(on_day(15, 8), **{**high, "temperature": 37.0}),
                *hscore_panel(on_day(17, 8), **{**high, "temperature": 37.0, "ferritin": 1000}),
                treatments=[anakinra()])


def test_a_response_first_seen_after_day_14_is_shown_beside_no_response():
    before = evaluate(_late_responder(), on_day(15, 12)).rule("ST-NO-RESPONSE")
    assert before.status is Status.MET and "stopping recommended" in before.detail
    after = evaluate(_late_responder(), on_day(18)).rule("ST-NO-RESPONSE")
    assert after.status is Status.MET
    assert "responding since day 17 (RE-HSCORE-SERIAL): MDT to decide" in after.detail, after.detail
