"""Revision 2 of diagnosis, exclusion and obligation rules (rules.md): EX-AGE and EX-WEIGHT at
day 0, primary HLH and the secondary-HLH routes, the modified HScore only without a marrow
result, PREGNANCY and IVIG-INDICATION refined, and thresholds at the precision written."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import EligibilityStatus, Status
from hlhdesk.core.model import HlhType, Sex, Treatment
from tests.support.cases import DAY, T0, anakinra, case, hscore_panel, marrow, obs

HOUR = timedelta(hours=1)


def rule(c, rule_id, as_of=T0):
    return evaluate(c, as_of).rule(rule_id)


# --- EX-AGE: whole calendar months at day 0 ------------------------------------------------

@pytest.mark.parametrize("dob, status", [
    (date(2026, 2, 4), Status.MET),      # 7 months on day 0 (03/10/2026), 8 months by day 5
    (date(2026, 2, 3), Status.NOT_MET),  # 8 months on day 0
])
def test_ex_age_is_judged_at_day_0_and_the_age_now_is_shown(dob, status):
    c = case(obs("weight", 10.5, T0 - DAY), treatments=[anakinra()], dob=dob)
    r = rule(c, "EX-AGE", T0 + 5 * DAY)
    assert r.status is status
    assert "at day 0 (03/10/2026 10:00)" in r.detail
    assert ("now 8 months" in r.detail) is (status is Status.MET)  # said only when it differs
    assert r.evidence[0].value == (7 if status is Status.MET else 8)
    assert r.evidence[1].label.startswith("Age now") and r.evidence[1].value == 8


@pytest.mark.parametrize("as_of, status", [(T0, Status.MET), (datetime(2026, 10, 4), Status.NOT_MET)])
def test_ex_age_before_treatment_is_judged_at_the_as_of_time(as_of, status):
    c = case(obs("weight", 10.5, T0 - DAY), dob=date(2026, 2, 4))
    r = rule(c, "EX-AGE", as_of)
    assert r.status is status and "now" not in r.detail


# --- EX-WEIGHT: at day 0; an old weight under 10 kg never excludes --------------------------

@pytest.mark.parametrize("days_old, status", [(29, Status.MET), (30, Status.MET), (31, Status.UNKNOWN)])
def test_a_weight_under_10_kg_older_than_30_days_is_unknown(days_old, status):
    c = case(obs("weight", 9, T0 - days_old * DAY), dob=date(2024, 1, 1))
    r = rule(c, "EX-WEIGHT")
    assert r.status is status
    if status is Status.UNKNOWN:
        assert "record a current weight" in r.detail and r.missing == ("A current weight",)
    else:
        assert "under 10 kg, excluded" in r.detail


def test_a_3_year_old_whose_only_weight_is_9_kg_from_two_years_ago_is_not_excluded():
    c = case(obs("ferritin", 20000, T0 - DAY), obs("weight", 9, T0 - 730 * DAY), dob=date(2023, 6, 1))
    ev = evaluate(c, T0)
    assert ev.rule("EX-WEIGHT").status is Status.UNKNOWN
    assert ev.eligibility.status is EligibilityStatus.INSUFFICIENT_DATA
    assert "A current weight" in ev.eligibility.to_record


def test_a_weight_dipping_under_10_kg_on_day_5_does_not_make_a_treated_patient_not_eligible():
    c = case(obs("ferritin", 20000, T0 - DAY), obs("weight", 10.4, T0 - DAY), obs("weight", 9.8, T0 + 5 * DAY),
             treatments=[anakinra(dose=20, every=12)], dob=date(2023, 6, 1))
    ev = evaluate(c, T0 + 6 * DAY)
    r = ev.rule("EX-WEIGHT")
    assert r.status is Status.NOT_MET and r.evidence[0].value == 10.4 and "at day 0" in r.detail
    assert ev.eligibility.status is EligibilityStatus.ELIGIBLE


@pytest.mark.parametrize("kg, status", [(9.8, Status.UNKNOWN), (10.2, Status.NOT_MET)])
def test_weighed_only_after_day_0_a_later_weight_confirms_but_never_excludes(kg, status):
    c = case(obs("ferritin", 20000, T0 - DAY), obs("weight", kg, T0 + 5 * DAY),
             treatments=[anakinra(dose=20, every=12)], dob=date(2023, 6, 1))
    r = rule(c, "EX-WEIGHT", T0 + 6 * DAY)
    assert r.status is status
    if status is Status.UNKNOWN:
        assert r.missing == ("Weight at day 0",)


def test_before_treatment_the_latest_weight_decides():
    c = case(obs("weight", 10.4, T0 - 3 * DAY), obs("weight", 9.8, T0 - HOUR), dob=date(2023, 6, 1))
    r = rule(c, "EX-WEIGHT")
    assert r.status is Status.MET and r.evidence[0].value == 9.8


# --- primary HLH and the secondary-HLH routes ----------------------------------------------

def test_primary_hlh_with_no_ferritin_does_not_ask_for_one():
    c = case(hlh_type=HlhType.PRIMARY, tissue_diagnosis=None)
    ev = evaluate(c, T0)
    for rid in ("DX-FERRITIN", "DX-TISSUE"):
        r = ev.rule(rid)
        assert r.status is Status.NOT_APPLICABLE and "primary HLH" in r.detail and not r.missing, rid
        assert "No ferritin" not in r.detail


def test_secondary_hlh_with_no_ferritin_still_asks_for_one():
    assert rule(case(), "DX-FERRITIN").missing == ("Ferritin",)


# --- the modified HScore only while no marrow result is recorded ---------------------------

PANEL_136 = dict(temperature=39.0, hepatomegaly=True, ferritin=7000, fibrinogen=2.0)  # 33 + 23 + 50 + 30


def test_hscore_136_with_a_negative_marrow_is_decided_by_the_full_hscore():
    c = case(*hscore_panel(**PANEL_136), marrow(False))
    ev = evaluate(c, T0)
    r = ev.rule("DX-MHSCORE")
    assert r.status is Status.NOT_APPLICABLE and "full HScore decides" in r.detail and r.setting
    assert ev.rule("DX-HSCORE").status is Status.NOT_MET and "136" in ev.rule("DX-HSCORE").detail


def test_hscore_136_without_a_marrow_result_meets_the_modified_hscore():
    r = rule(case(*hscore_panel(**PANEL_136)), "DX-MHSCORE")
    assert r.status is Status.MET and "136" in r.detail


def test_a_marrow_result_after_the_as_of_time_is_not_yet_recorded():
    c = case(*hscore_panel(**PANEL_136), marrow(False, T0 + DAY))
    assert rule(c, "DX-MHSCORE").status is Status.MET


# --- PREGNANCY ------------------------------------------------------------------------------

@pytest.mark.parametrize("dob, status", [
    (date(2016, 10, 4), Status.NOT_APPLICABLE),  # 9 years 11 months on 03/10/2026
    (date(2016, 10, 3), Status.UNKNOWN),         # 10 years that day: ask
])
def test_pregnancy_is_not_asked_about_for_children_under_10(dob, status):
    r = rule(case(dob=dob, pregnant_or_breastfeeding=None), "PREGNANCY")
    assert r.status is status
    if status is Status.NOT_APPLICABLE:
        assert "under 10 years" in r.detail


def test_pregnancy_is_not_asked_about_for_a_toddler_or_a_man():
    assert rule(case(dob=date(2024, 6, 1), pregnant_or_breastfeeding=None), "PREGNANCY").status is Status.NOT_APPLICABLE
    assert rule(case(sex=Sex.MALE, pregnant_or_breastfeeding=None), "PREGNANCY").status is Status.NOT_APPLICABLE


# --- IVIG-INDICATION ------------------------------------------------------------------------

def _ivig(start):
    return Treatment("ivig", start, start + DAY, dose_mg=20000, every_hours=24, route="iv")


def test_ivig_in_primary_hlh_on_the_hlh2004_protocol_is_not_flagged():
    on_protocol = [anakinra(), Treatment("etoposide", T0 - 2 * DAY, dose_mg=150, every_hours=84), _ivig(T0 + DAY)]
    r = rule(case(hlh_type=HlhType.PRIMARY, treatments=on_protocol), "IVIG-INDICATION", T0 + 2 * DAY)
    assert r.status is Status.NOT_APPLICABLE and "HLH-2004 protocol" in r.detail
    secondary = rule(case(treatments=on_protocol), "IVIG-INDICATION", T0 + 2 * DAY)
    assert secondary.status is Status.NOT_MET  # sHLH, no cardiomyopathy or CNS inflammation


@pytest.mark.parametrize("start, status", [(T0 - HOUR, Status.NOT_APPLICABLE), (T0, Status.NOT_MET)])
def test_ivig_before_day_0_is_not_flagged(start, status):
    r = rule(case(treatments=[anakinra(), _ivig(start)]), "IVIG-INDICATION", T0 + 2 * DAY)
    assert r.status is status
    if status is Status.NOT_APPLICABLE:
        assert "before day 0" in r.detail


# --- thresholds at the precision and in the unit written -----------------------------------

def _lipids(c, at=T0):
    return next(x for x in evaluate(c, at).hlh2004.criteria if x.id == "lipids")


@pytest.mark.parametrize("mg_dl, status", [(265, Status.MET), (264, Status.NOT_MET)])
def test_fasting_triglycerides_265_mg_dl_meet_hlh2004(mg_dl, status):
    """Henter 2007: "fasting triglycerides >= 3.0 mmol/L (265 mg/dL)"; 265 mg/dL is 2.99 mmol/L."""
    c = case(obs("triglycerides", mg_dl, unit="mg/dL"), obs("fasting", True), obs("fibrinogen", 3.0))
    assert _lipids(c).status is status


@pytest.mark.parametrize("mmol, status", [(2.94, Status.NOT_MET), (2.95, Status.MET), (3.0, Status.MET)])
def test_fasting_triglycerides_in_mmol_l_at_one_decimal(mmol, status):
    c = case(obs("triglycerides", mmol), obs("fasting", True), obs("fibrinogen", 3.0))
    assert _lipids(c).status is status
