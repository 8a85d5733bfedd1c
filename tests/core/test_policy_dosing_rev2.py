"""Revision 2 of the dosing rules (rules.md "Dosing"): DO-RENAL from CrCl < 60, alternate-day
regimens judged per dose, DO-MAX over all running courses on the freshest weight at the
precision written (8.0), and DO-SPECIALIST not before day 7."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import Status
from tests.support.cases import DAY, T0, anakinra, case, obs

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def rule(c, rule_id, as_of=T0 + HOUR):
    return evaluate(c, as_of).rule(rule_id)


def treated(*observations, treatments=None, **kw):
    return case(obs("ferritin", 20000, T0 - DAY), *observations,
                treatments=treatments if treatments is not None else [anakinra(dose=100, every=12)], **kw)


# --- DO-RENAL ----------------------------------------------------------------------------

@pytest.mark.parametrize("crcl, status, words", [
    (29, Status.MET, "recommended by the product information"),
    (30, Status.MET, "consider alternate-day dosing"),
    (40, Status.MET, "consider alternate-day dosing"),
    (59, Status.MET, "consider alternate-day dosing"),
    (60, Status.NOT_MET, "no renal dose adjustment needed"),
])
def test_do_renal_from_creatinine_clearance_under_60(crcl, status, words):
    r = rule(treated(obs("creatinine_clearance", crcl, T0)), "DO-RENAL")
    assert r.status is status
    assert words in r.detail and f"{crcl} mL/min" in r.detail
    if crcl < 60:
        assert "no renal" not in r.detail


def test_do_renal_on_renal_replacement_therapy_is_recommended_whatever_the_clearance():
    r = rule(treated(obs("creatinine_clearance", 80, T0), obs("renal_replacement", True, T0)), "DO-RENAL")
    assert r.status is Status.MET and "recommended by the product information" in r.detail


def test_do_renal_unknown_without_a_clearance():
    r = rule(treated(), "DO-RENAL")
    assert r.status is Status.UNKNOWN and r.missing == ("Creatinine clearance",)


# --- DO-START: alternate-day regimens per dose -------------------------------------------------

@pytest.mark.parametrize("dose, status", [(69, Status.NOT_MET), (70, Status.MET)])
def test_alternate_day_regimen_in_renal_impairment_is_judged_per_dose(dose, status):
    c = treated(obs("weight", 70, T0 - DAY), obs("creatinine_clearance", 25, T0 - DAY),
                treatments=[anakinra(dose=dose, every=48)])
    r = rule(c, "DO-START")
    assert r.status is status
    assert "each dose" in r.detail and "mg/kg/day" not in r.detail.split(":")[-1]
    assert "below 1 mg/kg/day" not in r.detail


def test_alternate_day_regimen_without_renal_impairment_is_judged_per_day():
    c = treated(obs("weight", 70, T0 - DAY), obs("creatinine_clearance", 90, T0 - DAY),
                treatments=[anakinra(dose=100, every=48)])
    r = rule(c, "DO-START")
    assert r.status is Status.NOT_MET and "0.71 mg/kg/day, below 1 mg/kg/day" in r.detail


def test_alternate_day_regimen_with_renal_function_unrecorded_is_unknown_not_below():
    c = treated(obs("weight", 70, T0 - DAY), treatments=[anakinra(dose=100, every=48)])
    r = rule(c, "DO-START")
    assert r.status is Status.UNKNOWN and r.missing == ("Creatinine clearance",)
    assert "below" not in r.detail


@pytest.mark.parametrize("dose, status", [(69, Status.NOT_MET), (70, Status.MET)])
def test_daily_starting_dose_at_least_1_mg_per_kg_per_day(dose, status):
    c = treated(obs("weight", 70, T0 - DAY), treatments=[anakinra(dose=dose, every=24)])
    assert rule(c, "DO-START").status is status


# --- DO-MAX -------------------------------------------------------------------------------

def test_concurrent_sc_and_iv_courses_are_added_up():
    """sc 5 mg/kg/day + iv 5 mg/kg/day: each is within 8, the total of 10 is not."""
    both = [anakinra(dose=100, every=12, route="sc"), anakinra(start=T0 + HOUR, dose=100, every=12, route="iv")]
    c = treated(obs("weight", 40, T0 - HOUR), treatments=both)
    r = rule(c, "DO-MAX", T0 + 2 * HOUR)
    assert r.status is Status.NOT_MET
    assert "Total 10 mg/kg/day" in r.detail and "2 courses together" in r.detail
    assert r.evidence[0].value == 10 and r.evidence[0].unit == "mg/kg/day"
    alone = treated(obs("weight", 40, T0 - HOUR), treatments=both[:1])
    assert rule(alone, "DO-MAX", T0 + 2 * HOUR).status is Status.MET


def test_courses_one_after_the_other_are_not_added_up():
    courses = [anakinra(dose=100, every=12, stop=T0 + DAY), anakinra(start=T0 + DAY, dose=120, every=12)]
    r = rule(treated(obs("weight", 40, T0 - HOUR), treatments=courses), "DO-MAX", T0 + 2 * DAY)
    assert r.status is Status.MET and "Highest total 6 mg/kg/day" in r.detail


def test_a_weight_4_hours_old_beats_one_60_days_old_and_its_age_is_shown():
    """250 mg every 12 h: 5 mg/kg/day on last winter's 100 kg, 10 on today's 50 kg."""
    c = treated(obs("weight", 100, T0 - 60 * DAY), obs("weight", 50, T0 + 2 * HOUR),
                treatments=[anakinra(dose=250, every=12)])
    r = rule(c, "DO-MAX", T0 + 6 * HOUR)
    assert r.status is Status.NOT_MET
    assert "50 kg" in r.detail and "4 hours old" in r.detail
    assert r.evidence[1].value == 50
    assert "caution" not in r.detail


@pytest.mark.parametrize("days_old, flagged", [(7, False), (7 + 1 / 24, True)])
def test_a_weight_older_than_7_days_is_flagged(days_old, flagged):
    c = treated(obs("weight", 50, T0 - timedelta(days=days_old) + HOUR), treatments=[anakinra(dose=100, every=12)])
    ev = evaluate(c, T0 + HOUR)
    assert ("caution: weight older than 7 days, record a current weight" in ev.rule("DO-MAX").detail) is flagged
    assert ev.dosing[0].weight_out_of_date is flagged


@pytest.mark.parametrize("dose, status", [(402, Status.MET), (402.5, Status.NOT_MET)])
def test_do_max_is_compared_at_the_precision_written(dose, status):
    """8.04 mg/kg/day reads 8.0, within "8.0"; 8.05 reads 8.1, above it."""
    c = treated(obs("weight", 100, T0 - HOUR), treatments=[anakinra(dose=dose, every=12)])
    assert rule(c, "DO-MAX").status is status


# --- DO-SPECIALIST ------------------------------------------------------------------------

def _at_maximum():
    return treated(obs("weight", 50, T0 - HOUR), obs("weight", 50, T0 + 6 * DAY),
                   treatments=[anakinra(dose=100, every=6)])


@pytest.mark.parametrize("as_of, status", [
    (T0 + HOUR, Status.UNKNOWN),                                  # day 0
    (datetime.combine((T0 + 6 * DAY).date(), datetime.max.time()).replace(microsecond=0), Status.UNKNOWN),
    (datetime.combine((T0 + 7 * DAY).date(), datetime.min.time()), Status.MET),  # 00:00 on day 7
])
def test_specialist_advice_is_unknown_before_day_7(as_of, status):
    r = rule(_at_maximum(), "DO-SPECIALIST", as_of)
    assert r.status is status
    if status is Status.UNKNOWN:
        assert "not yet assessable" in r.detail and "10/10/2026" in r.detail and r.missing
    else:
        assert "seek advice from a specialist HLH centre" in r.detail
