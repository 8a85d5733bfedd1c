"""Properties of the scores and the engine over many generated cases (hypothesis)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation.json_form import evaluation_from_dict, evaluation_to_dict
from hlhdesk.core.model import Observation
from hlhdesk.core.scores import HIGHEST, LOWEST, Snapshot, hlh2004, hscore, hscore_bounds
from hlhdesk.core.timeline import ObservationIndex
from tests.support.cases import T0, case
from tests.strategies import cases, measurements, moments

SCORE_NUMBERS = HIGHEST + LOWEST
SCORE_FINDINGS = ("hepatomegaly", "splenomegaly", "nk_activity_low")
NEAR_T0 = st.datetimes(min_value=T0 - timedelta(days=9), max_value=T0)
FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def score_observations(draw):
    """Values of the kinds the scores read, around T0 (some inside the 7-day window, some not)."""
    numbers = draw(st.lists(st.sampled_from(SCORE_NUMBERS).flatmap(lambda k: measurements(k, NEAR_T0)),
                            max_size=12))
    found = draw(st.lists(st.builds(Observation, at=NEAR_T0, kind=st.sampled_from(SCORE_FINDINGS),
                                    value=st.booleans()), max_size=3))
    marrow = draw(st.lists(st.builds(Observation, at=NEAR_T0, kind=st.just("haemophagocytosis"),
                                     value=st.booleans(), site=st.just("bone_marrow")), max_size=1))
    return [*numbers, *found, *marrow]


def snapshot_of(observations, **details):
    c = case(*observations, **details)
    return Snapshot.take(ObservationIndex(c, T0), c, T0)


@FAST
@given(score_observations(), st.sampled_from(SCORE_NUMBERS).flatmap(lambda k: measurements(k, st.just(T0))))
def test_adding_a_missing_item_keeps_the_score_inside_its_earlier_range(observations, added):
    before = snapshot_of(observations)
    assume(before.values[added.kind] is None)
    old, new = hscore_bounds(before), hscore_bounds(snapshot_of([*observations, added]))
    assert old.low <= new.low <= new.high <= old.high


@FAST
@given(score_observations(), st.sampled_from(SCORE_FINDINGS + ("marrow",)), st.booleans(),
       st.sampled_from([None, True, False]))
def test_adding_a_missing_finding_keeps_the_score_inside_its_earlier_range(observations, kind, value, immuno):
    before = snapshot_of(observations, known_immunosuppression=None)
    if kind == "marrow":
        assume("bone_marrow" not in before.haemophagocytosis)
        added = Observation(T0, "haemophagocytosis", value, site="bone_marrow")
    else:
        assume(before.findings[kind] is None)
        added = Observation(T0, kind, value)
    old = hscore_bounds(before)
    new = hscore_bounds(snapshot_of([*observations, added], known_immunosuppression=immuno))
    assert old.low <= new.low <= new.high <= old.high


IN_WINDOW = st.datetimes(min_value=T0 - timedelta(days=6), max_value=T0)


@FAST
@given(score_observations(), st.sampled_from(SCORE_NUMBERS).flatmap(lambda k: measurements(k, IN_WINDOW)),
       st.floats(0.0, 0.5))
def test_a_more_abnormal_value_never_lowers_a_score(observations, present, step):
    observations = [*observations, present]  # the kind always has a value in the window
    kind = present.kind
    before = snapshot_of(observations)
    current = before.values[kind]
    worse = current.value * (1 + step) if kind in HIGHEST else current.value * (1 - step)
    more = Observation(T0, kind, worse, current.unit)
    after = snapshot_of([*observations, more])
    old, new = hscore(before), hscore(after)
    assert new.low >= old.low and new.high >= old.high
    assert hlh2004(after).met >= hlh2004(before).met


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(max_observations=25), moments())
def test_evaluation_never_raises_is_deterministic_and_freezes_exactly(c, as_of):
    made = datetime(2027, 1, 1, 12, 0)
    ev = evaluate(c, as_of, made_at=made)
    assert ev == evaluate(c, as_of, made_at=made)
    assert evaluation_from_dict(json.loads(json.dumps(evaluation_to_dict(ev)))) == ev
    for r in ev.rules:
        assert r.detail and r.policy_text
        if r.status.value == "unknown" and r.id not in ("ST-NO-RESPONSE",):
            assert r.missing, r.id  # an unknown always says what to record


@FAST
@given(cases(max_observations=20), moments())
def test_data_after_as_of_never_changes_the_result(c, as_of):
    later = tuple(replace(o, at=as_of + timedelta(minutes=1)) for o in c.observations)
    made = datetime(2027, 1, 1, 12, 0)
    base = evaluate(c, as_of, made_at=made)
    with_later = evaluate(replace(c, observations=c.observations + later), as_of, made_at=made)
    assert with_later.rules == base.rules and with_later.eligibility == base.eligibility
