"""RE-ORGAN-SUPPORT never inferred (rules.md revision 2): each component's day-0 level
recorded in the 24 hours before the first dose; a reduction counts only if it holds."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import Status
from tests.support.cases import DAY, T0, anakinra, case, obs

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def organ(*observations, as_of=T0 + 4 * DAY):
    c = case(obs("weight", 70, T0 - DAY), *observations, treatments=[anakinra()])
    return evaluate(c, as_of).rule("RE-ORGAN-SUPPORT")


def day0(vasopressor=0.3, ventilation="invasive", rrt=False, at=T0 - 2 * HOUR):
    out = []
    if vasopressor is not None:
        out.append(obs("vasopressor", vasopressor, at))
    if ventilation is not None:
        out.append(obs("ventilation", ventilation, at))
    if rrt is not None:
        out.append(obs("renal_replacement", rrt, at))
    return out


def test_only_ventilation_none_at_day_0_is_unknown_not_not_applicable():
    # the example: a vasopressor first recorded on day 2 was never "none" at day 0
    r = organ(obs("ventilation", "none", T0 - HOUR), obs("vasopressor", 0.2, T0 + 2 * DAY))
    assert r.status is Status.UNKNOWN
    assert "vasopressor" in r.detail and "renal replacement" in r.detail
    assert r.missing and r.missing[0].startswith("Organ support at day 0")


def test_every_component_none_at_day_0_is_not_applicable():
    assert organ(*day0(0, "none", False)).status is Status.NOT_APPLICABLE


@pytest.mark.parametrize("before, status", [(24 * HOUR, Status.MET), (24 * HOUR + MINUTE, Status.UNKNOWN)])
def test_a_day_0_level_must_be_recorded_in_the_24_hours_before_the_first_dose(before, status):
    r = organ(*day0(at=T0 - before), obs("vasopressor", 0.1, T0 + 2 * DAY))
    assert r.status is status, r.detail


def test_a_vasopressor_recorded_21_days_before_day_0_is_not_a_day_0_level():
    r = organ(obs("vasopressor", 0.3, T0 - 21 * DAY), *day0(vasopressor=None), obs("vasopressor", 0.1, T0 + 2 * DAY))
    assert r.status is Status.UNKNOWN


@pytest.mark.parametrize("back_up_after, status", [(23 * HOUR, Status.NOT_MET), (25 * HOUR, Status.MET)])
def test_a_reduction_back_up_within_24_hours_is_titration_not_response(back_up_after, status):
    lower = T0 + 2 * DAY
    r = organ(*day0(), obs("vasopressor", 0.1, lower), obs("vasopressor", 0.3, lower + back_up_after))
    assert r.status is status, r.detail
    if status is Status.NOT_MET:
        assert "back up within 24 hours" in r.detail


def test_a_reduction_that_stays_lower_though_not_at_its_lowest_holds():
    lower = T0 + 2 * DAY
    r = organ(*day0(), obs("vasopressor", 0.1, lower), obs("vasopressor", 0.2, lower + 6 * HOUR))
    assert r.status is Status.MET


def test_a_lower_vasopressor_bought_with_escalation_is_not_a_reduction():
    later = T0 + 2 * DAY
    r = organ(*day0(ventilation="non_invasive"), obs("vasopressor", 0.1, later), obs("ventilation", "invasive", later))
    assert r.status is Status.NOT_MET
