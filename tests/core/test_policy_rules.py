"""The 210701P v2.0 rules through `evaluate`: thresholds on both sides, statuses, wording."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import EligibilityStatus, RuleGroup, Status
from hlhdesk.core.model import HlhType, Sex, SteroidFirstLine
from hlhdesk.core.policy import CURRENT, PolicySettings, policy_module
from hlhdesk.core.policy.p210701_v2_0 import RULES
from hlhdesk.core.scores import HScoreVariant
from hlhdesk.paths import resource
from tests.support.cases import (
    DAY, T0, anakinra, on_day, case, check, event, hscore_panel, marrow, obs, steroid,
)

MINUTE = timedelta(minutes=1)
# The policy and its rule catalogue ship in resources/policy (a test below keeps them equal
# to the project's shared copies when those are beside the checkout).
POLICY_TEXT = resource("policy", "210701P-anakinra-for-HLH.txt")
RULES_MD = resource("policy", "rules.md")
SHARED_POLICY = Path(__file__).resolve().parents[3] / "shared" / "policy"


def rule(c, rule_id, as_of=T0, **kw):
    return evaluate(c, as_of, **kw).rule(rule_id)


def eligible_case(**kw):
    """Secondary HLH, ferritin 38,052 ug/L, 70 kg adult, steroids ineffective: criteria met."""
    observations = kw.pop("observations", (obs("ferritin", 38052, T0 - DAY), obs("weight", 70, T0 - DAY)))
    return case(*observations, **kw)


# --- the catalogue -------------------------------------------------------------------------

def test_every_rule_id_of_rules_md_is_evaluated_in_order():
    documented = re.findall(r"^\| ([A-Z0-9]+(?:-[A-Z0-9]+)*) \|", RULES_MD.read_text(), re.M)
    documented = [d for d in documented if d != "ID"]
    ev = evaluate(eligible_case(), T0)
    assert [r.id for r in ev.rules] == documented
    assert ev.policy == CURRENT == "210701P v2.0"


@pytest.mark.skipif(not SHARED_POLICY.is_dir(), reason="no shared/ beside this checkout")
def test_bundled_policy_documents_match_the_shared_copies():
    for bundled in (POLICY_TEXT, RULES_MD):
        assert bundled.read_bytes() == (SHARED_POLICY / bundled.name).read_bytes(), bundled.name


def test_each_policy_quote_is_verbatim_from_the_policy():
    text = " ".join(POLICY_TEXT.read_text(encoding="utf-8").split())
    for rule_id, spec in RULES.items():
        assert " ".join(spec.policy_text.split()) in text, rule_id


def test_wording_never_says_approved():
    ev = evaluate(eligible_case(), T0)
    words = " ".join([ev.eligibility.summary, *(r.detail for r in ev.rules), *(r.title for r in ev.rules)])
    assert "approv" not in words.lower().replace("prior approval", "")


def test_unknown_policy_version_is_refused():
    with pytest.raises(ValueError, match="unknown policy version"):
        policy_module("210701P v9")


# --- diagnosis -----------------------------------------------------------------------------

@pytest.mark.parametrize("ferritin, status", [(10_000, Status.NOT_MET), (10_001, Status.MET)])
def test_dx_ferritin_above_10000(ferritin, status):
    r = rule(eligible_case(observations=[obs("ferritin", ferritin)]), "DX-FERRITIN")
    assert r.status is status
    assert r.evidence[0].value == ferritin and r.evidence[0].unit == "ug/L"


def test_dx_ferritin_uses_the_highest_value_up_to_as_of_not_after():
    c = eligible_case(observations=[obs("ferritin", 12000, T0 - 30 * DAY), obs("ferritin", 900, T0),
                                    obs("ferritin", 90000, T0 + MINUTE)])
    r = rule(c, "DX-FERRITIN")
    assert r.status is Status.MET and r.evidence[0].value == 12000


def test_dx_ferritin_shows_the_entered_unit():
    r = rule(eligible_case(observations=[obs("ferritin", 20000, unit="ng/mL")]), "DX-FERRITIN")
    assert r.evidence[0].entered == "20,000 ng/mL"  # the same scale, but shown as typed
    assert "20,000 µg/L" in r.detail


@pytest.mark.parametrize("hlh_type, status", [
    (HlhType.SECONDARY, Status.MET), (HlhType.PRIMARY, Status.NOT_APPLICABLE), (None, Status.UNKNOWN),
    (HlhType.UNKNOWN, Status.UNKNOWN),
])
def test_ferritin_and_tissue_routes_are_for_secondary_hlh(hlh_type, status):
    c = eligible_case(observations=[obs("ferritin", 20000)], hlh_type=hlh_type, tissue_diagnosis=True)
    assert rule(c, "DX-FERRITIN").status is status
    assert rule(c, "DX-TISSUE").status is status


def test_dx_hscore_169_vs_170_through_evaluate():
    base = dict(hepatomegaly=True, triglycerides=4.5, fibrinogen=2.0, ast=40)
    c169 = eligible_case(observations=[*hscore_panel(temperature=38.5, **base), marrow(False)])
    c170 = eligible_case(observations=[*hscore_panel(haemoglobin=80, wbc=3, platelets=50, **base), marrow(False)])
    assert rule(c169, "DX-HSCORE").status is Status.NOT_MET
    r = rule(c170, "DX-HSCORE")
    assert r.status is Status.MET and "170" in r.detail and "54%" in r.detail


def test_dx_mhscore_names_its_setting_and_can_be_changed():
    panel = hscore_panel(ferritin=7000, triglycerides=4.5, ast=40)  # modified 133, no marrow result yet
    r = rule(eligible_case(observations=panel), "DX-MHSCORE")
    assert r.status is Status.MET
    assert r.setting and "without bone-marrow haemophagocytosis" in r.setting
    stricter = PolicySettings(modified_hscore=HScoreVariant("Local test variant > 140", 140,
                                                            frozenset({"bm_haemophagocytosis"})))
    r2 = rule(eligible_case(observations=panel), "DX-MHSCORE", settings=stricter)
    assert r2.status is Status.NOT_MET and r2.setting == "Local test variant > 140"


def test_dx_hscore_unknown_lists_what_to_record():
    r = rule(eligible_case(observations=[obs("ferritin", 8000), obs("temperature", 39.6)]), "DX-HSCORE")
    assert r.status is Status.UNKNOWN
    assert "Haemoglobin" in r.missing and "not recorded" in r.detail


def test_a_diagnosis_met_before_day_0_stands_after_the_scores_fall():
    high = [*hscore_panel(T0 - DAY, haemoglobin=80, wbc=3, platelets=50, hepatomegaly=True, triglycerides=4.5,
                          fibrinogen=2.0, ast=40), marrow(False, T0 - DAY)]
    later = hscore_panel(T0 + 10 * DAY)  # all normal
    c = eligible_case(observations=[*high, *later, obs("weight", 70, T0 - DAY)], treatments=[anakinra()])
    ev = evaluate(c, T0 + 12 * DAY)
    assert ev.rule("DX-HSCORE").status is Status.MET
    assert ev.hscore.low == 170 and ev.hscore.at == T0 - DAY
    assert ev.current_hscore.high < 170


def test_dx_hlh2004_unknown_while_5_could_be_reached_then_not_met():
    four = [obs("temperature", 39), obs("splenomegaly", True), obs("ferritin", 900), obs("scd25", 3000)]
    assert rule(eligible_case(observations=four), "DX-HLH2004").status is Status.UNKNOWN
    closed = four + [obs("nk_activity_low", False), marrow(False), obs("fibrinogen", 3), obs("triglycerides", 1),
                     obs("haemoglobin", 130), obs("platelets", 200)]
    r = rule(eligible_case(observations=closed), "DX-HLH2004")
    assert r.status is Status.NOT_MET and "5 cannot be reached" in r.detail
    five = four + [obs("nk_activity_low", True)]
    assert rule(eligible_case(observations=five), "DX-HLH2004").status is Status.MET


# --- inclusion, exclusion, eligibility -----------------------------------------------------

@pytest.mark.parametrize("choice, status", [
    (SteroidFirstLine.INEFFECTIVE, Status.MET), (SteroidFirstLine.WOULD_OBSCURE_DIAGNOSIS, Status.MET),
    (SteroidFirstLine.CONTRAINDICATED, Status.MET), (SteroidFirstLine.EFFECTIVE, Status.NOT_MET),
    (SteroidFirstLine.NOT_GIVEN, Status.UNKNOWN), (None, Status.UNKNOWN),
])
def test_in_steroids(choice, status):
    assert rule(eligible_case(steroid_first_line=choice), "IN-STEROIDS").status is status


@pytest.mark.parametrize("dob, status", [
    (date(2026, 2, 4), Status.MET),      # 7 months on 03/10/2026
    (date(2026, 2, 3), Status.NOT_MET),  # 8 months that day
])
def test_ex_age_under_8_months(dob, status):
    c = eligible_case(observations=[obs("ferritin", 20000), obs("weight", 10)], dob=dob)
    assert rule(c, "EX-AGE").status is status


@pytest.mark.parametrize("kg, status", [(9.9, Status.MET), (10, Status.NOT_MET)])
def test_ex_weight_under_10_kg(kg, status):
    c = eligible_case(observations=[obs("ferritin", 20000), obs("weight", 12, T0 - 3 * DAY), obs("weight", kg, T0 - DAY)])
    r = rule(c, "EX-WEIGHT")
    assert r.status is status and r.evidence[0].value == kg  # the latest weight, not the first


def test_eligible_lists_the_deciding_rules():
    ev = evaluate(eligible_case(), T0)
    assert ev.eligibility.status is EligibilityStatus.ELIGIBLE
    assert ev.eligibility.decided_by[:3] == ("IN-DIAGNOSIS", "DX-FERRITIN", "IN-STEROIDS")
    assert "criteria met" in ev.eligibility.summary.lower()


def test_excluded_by_hypersensitivity():
    ev = evaluate(eligible_case(anakinra_hypersensitivity=True), T0)
    assert ev.eligibility.status is EligibilityStatus.NOT_ELIGIBLE
    assert ev.eligibility.decided_by == ("EX-HYPERSENSITIVITY",)


def test_no_weight_is_insufficient_data_and_says_what_to_record():
    ev = evaluate(eligible_case(observations=[obs("ferritin", 38052)]), T0)
    assert ev.eligibility.status is EligibilityStatus.INSUFFICIENT_DATA
    assert ev.eligibility.decided_by == ("EX-WEIGHT",)
    assert ev.eligibility.to_record == ("Weight",)


def test_missing_is_never_not_met():
    from hlhdesk.core.model import Case, CaseDetails
    blank = case()
    ev = evaluate(Case(blank.patient, CaseDetails()), T0)
    for r in ev.rules:
        if r.group in (RuleGroup.DIAGNOSIS, RuleGroup.INCLUSION, RuleGroup.EXCLUSION):
            assert r.status is not Status.NOT_MET or r.id == "EX-AGE", r.id


# --- response and stopping -----------------------------------------------------------------

def treated(*observations, treatments=None, **kw):
    return eligible_case(observations=[obs("weight", 70, T0 - DAY), *observations],
                         treatments=treatments or [anakinra()], **kw)


@pytest.mark.parametrize("later, status", [(901, Status.NOT_MET), (900, Status.MET)])
def test_ferritin_fall_9_9_vs_10_percent_by_day_7(later, status):
    c = treated(obs("ferritin", 1000, T0 - DAY), obs("ferritin", later, T0 + 7 * DAY))
    assert rule(c, "RE-FERRITIN-7D", T0 + 8 * DAY).status is status


def test_a_ferritin_fall_first_seen_on_day_8_does_not_count():
    c = treated(obs("ferritin", 1000, T0 - DAY), obs("ferritin", 950, T0 + 5 * DAY),
                obs("ferritin", 500, on_day(8, 0, 1)))
    r = rule(c, "RE-FERRITIN-7D", T0 + 9 * DAY)
    assert r.status is Status.NOT_MET and "5%" in r.detail


def test_ferritin_window_still_open_is_unknown():
    c = treated(obs("ferritin", 1000, T0 - DAY), obs("ferritin", 950, T0 + 2 * DAY))
    r = rule(c, "RE-FERRITIN-7D", T0 + 3 * DAY)
    assert r.status is Status.UNKNOWN and r.missing


@pytest.mark.parametrize("taken, status", [(on_day(-3, 0, 0), Status.MET), (on_day(-4, 23, 59), Status.UNKNOWN)])
def test_baseline_ferritin_from_day_minus_3(taken, status):
    # calendar days: any time on day -3 is "at most 3 days before day 0"; day -4 is not
    c = treated(obs("ferritin", 1000, taken), obs("ferritin", 800, T0 + 2 * DAY))
    assert rule(c, "RE-FERRITIN-7D", T0 + 3 * DAY).status is status


@pytest.mark.parametrize("later_dex, status", [(15.2, Status.NOT_MET), (15, Status.MET)])
def test_steroid_fall_24_vs_25_percent_by_day_14(later_dex, status):
    # dex 20 mg/day = 133.3 mg prednisolone; 15.2 mg is 24% lower, 15 mg is 25% lower
    courses = [anakinra(), steroid("dexamethasone", 20, T0 - 3 * DAY, stop=T0 + 5 * DAY),
               steroid("dexamethasone", later_dex, T0 + 5 * DAY)]
    r = rule(treated(treatments=courses), "RE-STEROID-14D", T0 + 15 * DAY)
    assert r.status is status


def test_steroid_reduction_across_drugs_uses_prednisolone_equivalents():
    # methylprednisolone 1 g = 1250 mg pred for 6 days (longer than a pulse); then
    # prednisolone 60 mg: 95% lower
    courses = [anakinra(), steroid("methylprednisolone", 1000, T0 - 3 * DAY, stop=T0 + 3 * DAY),
               steroid("prednisolone", 60, T0 + 3 * DAY)]
    r = rule(treated(treatments=courses), "RE-STEROID-14D", T0 + 4 * DAY)
    assert r.status is Status.MET and "1,250 mg/day" in r.detail


def test_no_steroid_at_day_0_is_not_applicable():
    assert rule(treated(), "RE-STEROID-14D", T0 + DAY).status is Status.NOT_APPLICABLE


def test_organ_support_reduction_and_mixed_change():
    base = [obs("vasopressor", 0.3, T0 - DAY), obs("ventilation", "invasive", T0 - DAY),
            obs("renal_replacement", False, T0 - DAY)]
    lower = treated(*base, obs("vasopressor", 0.1, T0 + 2 * DAY))
    assert rule(lower, "RE-ORGAN-SUPPORT", T0 + 3 * DAY).status is Status.MET
    mixed = treated(*base, obs("vasopressor", 0.1, T0 + 2 * DAY), obs("renal_replacement", True, T0 + 2 * DAY))
    assert rule(mixed, "RE-ORGAN-SUPPORT", T0 + 3 * DAY).status is Status.NOT_MET
    nothing_recorded = treated()
    assert rule(nothing_recorded, "RE-ORGAN-SUPPORT", T0 + 3 * DAY).status is Status.UNKNOWN
    none_at_day0 = treated(obs("ventilation", "none", T0), obs("vasopressor", 0, T0),
                           obs("renal_replacement", False, T0))
    assert rule(none_at_day0, "RE-ORGAN-SUPPORT", T0 + 3 * DAY).status is Status.NOT_APPLICABLE
    # a component never recorded is unknown, never "none" (rules.md revision 2)
    partly = treated(obs("ventilation", "none", T0), obs("vasopressor", 0, T0))
    assert rule(partly, "RE-ORGAN-SUPPORT", T0 + 3 * DAY).status is Status.UNKNOWN


def _hscore_at(at, points_high):
    """A complete panel scoring high (170) or low (0) at a time."""
    if points_high:
        return [*hscore_panel(at, haemoglobin=80, wbc=3, platelets=50, hepatomegaly=True, triglycerides=4.5,
                              fibrinogen=2.0, ast=40), marrow(False, at)]
    return [*hscore_panel(at), marrow(False, at)]


def test_serial_hscore_fall():
    panels = [*_hscore_at(T0, True),
              *hscore_panel(T0 + 8 * DAY, haemoglobin=80, wbc=3, platelets=50, hepatomegaly=True),  # 57
              *hscore_panel(T0 + 16 * DAY)]  # 0
    c = treated(*panels)
    assert rule(c, "RE-HSCORE-SERIAL", T0 + 9 * DAY).status is Status.UNKNOWN  # only one score after day 0
    assert rule(c, "RE-HSCORE-SERIAL", T0 + 17 * DAY).status is Status.MET


def test_serial_hscore_rise_is_not_met():
    c = treated(*hscore_panel(T0), *hscore_panel(T0 + 2 * DAY, temperature=39.6),
                *hscore_panel(T0 + 3 * DAY, temperature=39.6, ferritin=7000), marrow(False, T0))
    assert rule(c, "RE-HSCORE-SERIAL", T0 + 4 * DAY).status is Status.NOT_MET


def test_no_response_unknown_before_day_14_and_met_after():
    c = treated(obs("ferritin", 1000, T0 - DAY), obs("ferritin", 1100, T0 + 3 * DAY),
                obs("ventilation", "none", T0), obs("vasopressor", 0, T0), obs("renal_replacement", False, T0),
                *_hscore_at(T0, False),
                *hscore_panel(T0 + 3 * DAY), *hscore_panel(T0 + 10 * DAY, temperature=39.6))
    early = rule(c, "ST-NO-RESPONSE", on_day(13, 23, 59))
    assert early.status is Status.UNKNOWN
    late = rule(c, "ST-NO-RESPONSE", on_day(14, 0, 0))
    assert late.status is Status.MET, late.detail
    assert "for the MDT to confirm" in late.detail


def test_no_response_unknown_when_a_response_rule_cannot_be_assessed():
    c = treated(obs("ferritin", 1000, T0 - DAY), obs("ferritin", 1100, T0 + 3 * DAY))
    r = rule(c, "ST-NO-RESPONSE", T0 + 15 * DAY)
    assert r.status is Status.UNKNOWN
    assert any("Organ support" in m for m in r.missing)


def test_sae_after_day_0_and_resolution():
    c = treated(events=[event("serious_adverse_event", T0 + 2 * DAY, "anaphylaxis"),
                        event("hlh_resolved", T0 + 20 * DAY)])
    assert rule(c, "ST-SAE", T0 + DAY).status is Status.NOT_MET
    sae = rule(c, "ST-SAE", T0 + 3 * DAY)
    assert sae.status is Status.MET and "anaphylaxis" in sae.detail
    assert rule(c, "ST-RESOLUTION", T0 + 19 * DAY).status is Status.NOT_MET
    assert rule(c, "ST-RESOLUTION", T0 + 21 * DAY).status is Status.MET


def test_a_hypersensitivity_reaction_is_shown_under_st_sae_but_only_the_mdt_calls_it_serious():
    c = treated(events=[event("hypersensitivity_reaction", T0 + 2 * DAY, "urticaria at injection site")])
    r = rule(c, "ST-SAE", T0 + 3 * DAY)
    assert r.status is Status.NOT_MET
    assert "hypersensitivity reaction was recorded" in r.detail
    assert [e.value for e in r.evidence] == ["urticaria at injection site"]
    assert rule(c, "ST-SAE", T0 + DAY).evidence == ()  # not yet happened at that time


def test_rules_before_anakinra_are_not_applicable():
    ev = evaluate(eligible_case(), T0)
    for rid in ("RE-FERRITIN-7D", "ST-SAE", "ST-NO-RESPONSE", "DO-START", "MON-LFT"):
        assert ev.rule(rid).status is Status.NOT_APPLICABLE
    assert ev.day0 is None


# --- dosing --------------------------------------------------------------------------------

@pytest.mark.parametrize("dose, every, status", [(80, 12, Status.MET), (81, 12, Status.NOT_MET)])
def test_do_max_8_0_vs_8_1_mg_per_kg_per_day(dose, every, status):
    c = eligible_case(observations=[obs("weight", 20, T0 - DAY)], treatments=[anakinra(dose=dose, every=every)])
    r = rule(c, "DO-MAX", T0 + DAY)
    assert r.status is status
    assert r.evidence[0].unit == "mg/kg/day"


@pytest.mark.parametrize("dose, status", [(35, Status.NOT_MET), (70, Status.MET)])
def test_do_start_at_least_1_mg_per_kg_per_day(dose, status):
    c = eligible_case(observations=[obs("weight", 70, T0 - DAY)], treatments=[anakinra(dose=dose, every=24)])
    assert rule(c, "DO-START", T0 + DAY).status is status


def test_dose_on_an_out_of_date_weight_is_flagged():
    c = eligible_case(observations=[obs("weight", 20, T0 - 8 * DAY)], treatments=[anakinra(dose=50, every=12)])
    ev = evaluate(c, T0 + DAY)
    assert ev.dosing[0].weight_out_of_date
    assert "caution" in ev.rule("DO-MAX").detail
    assert any("older than 7 days" in w for w in ev.warnings)
    # The weight's age is counted up to the time judged (now, for a running course): 7 days is not older.
    fresh = eligible_case(observations=[obs("weight", 20, T0 - 6 * DAY)], treatments=[anakinra(dose=50, every=12)])
    assert not evaluate(fresh, T0 + DAY).dosing[0].weight_out_of_date
    assert evaluate(fresh, T0 + DAY + MINUTE).dosing[0].weight_out_of_date


def test_renal_iv_and_specialist_reminders():
    c = eligible_case(observations=[obs("weight", 50, T0 - DAY), obs("creatinine_clearance", 29, T0)],
                      treatments=[anakinra(dose=100, every=6, route="iv")])
    ev = evaluate(c, T0 + 7 * DAY)
    assert ev.rule("DO-RENAL").status is Status.MET
    assert ev.rule("DO-IV-SWITCH").status is Status.MET
    assert ev.rule("DO-SPECIALIST").status is Status.MET  # 8 mg/kg/day on day 7, no response yet
    assert "unlicensed intravenous route" in ev.rule("CONSENT-OFFLABEL").detail
    ok = eligible_case(observations=[obs("weight", 50, T0 - DAY), obs("creatinine_clearance", 60, T0)],
                       treatments=[anakinra(dose=100, every=12)])
    ev2 = evaluate(ok, T0 + 7 * DAY)
    assert ev2.rule("DO-RENAL").status is Status.NOT_MET
    assert ev2.rule("DO-IV-SWITCH").status is Status.NOT_MET
    assert ev2.rule("DO-SPECIALIST").status is Status.NOT_MET


# --- obligations ---------------------------------------------------------------------------

def test_obligation_semantics():
    from hlhdesk.core.model import Treatment
    c = treated(obs("alt", 80, T0 + DAY), obs("neutrophils", 2.1, T0 + 2 * DAY),
                treatments=[anakinra(), Treatment("ivig", T0 + DAY, dose_mg=70000, every_hours=24)],
                monitoring=[check("infection", T0 + DAY, "cultures negative")],
                cns_inflammation=None, offlabel_consent=None, prior_approval_ref=None, pregnant_or_breastfeeding=True)
    ev = evaluate(c, T0 + 3 * DAY)
    status = {r.id: r.status for r in ev.rules_in(RuleGroup.OBLIGATIONS)}
    assert status == {
        "IVIG-INDICATION": Status.UNKNOWN, "CONSENT-OFFLABEL": Status.UNKNOWN, "GOV-PRIOR-APPROVAL": Status.UNKNOWN,
        "MON-INFECTION": Status.MET, "MON-ALLERGY": Status.UNKNOWN, "MON-LFT": Status.MET,
        "MON-NEUTROPHILS": Status.MET, "PREGNANCY": Status.MET,
    }
    assert "2.1" in ev.rule("MON-NEUTROPHILS").detail and "05/10/2026" in ev.rule("MON-NEUTROPHILS").detail
    assert rule(case(sex=Sex.MALE), "PREGNANCY").status is Status.NOT_APPLICABLE
    assert rule(case(offlabel_consent=False), "CONSENT-OFFLABEL").status is Status.NOT_MET
    no_indication = treated(treatments=[anakinra(), Treatment("ivig", T0)])
    assert rule(no_indication, "IVIG-INDICATION", T0 + DAY).status is Status.NOT_MET


def test_data_after_as_of_is_counted_in_a_warning():
    c = eligible_case(observations=[obs("ferritin", 20000), obs("weight", 70), obs("ferritin", 500, T0 + DAY)])
    ev = evaluate(c, T0)
    assert any("1 records dated after" in w for w in ev.warnings)


@pytest.mark.parametrize("change, status", [(on_day(14, 23, 59), Status.MET), (on_day(15, 0, 1), Status.NOT_MET)])
def test_steroid_fall_counts_up_to_day_14_exactly(change, status):
    courses = [anakinra(), steroid("prednisolone", 60, T0 - 3 * DAY, stop=change),
               steroid("prednisolone", 30, change)]
    assert rule(treated(treatments=courses), "RE-STEROID-14D", T0 + 20 * DAY).status is status


@pytest.mark.parametrize("taken, status", [(on_day(7, 23, 59), Status.MET), (on_day(8, 0, 1), Status.NOT_MET)])
def test_ferritin_fall_counts_up_to_the_end_of_day_7(taken, status):
    c = treated(obs("ferritin", 1000, T0), obs("ferritin", 950, T0 + 3 * DAY), obs("ferritin", 800, taken))
    assert rule(c, "RE-FERRITIN-7D", T0 + 9 * DAY).status is status


def test_a_steroid_without_name_or_dose_is_unknown_not_guessed():
    from hlhdesk.core.model import Treatment
    courses = [anakinra(), Treatment("corticosteroid", T0 - DAY, dose_mg=40, every_hours=24)]
    r = rule(treated(treatments=courses), "RE-STEROID-14D", T0 + DAY)
    assert r.status is Status.UNKNOWN and r.missing


def test_ferritin_trajectory_reports_falls_in_the_7_and_14_day_windows():
    c = treated(obs("ferritin", 1000, T0 - DAY), obs("ferritin", 950, T0 + 6 * DAY), obs("ferritin", 700, T0 + 10 * DAY),
                obs("ferritin", 400, T0 + 20 * DAY))
    f = evaluate(c, T0 + 21 * DAY).ferritin
    assert f.baseline.value == 1000
    assert (f.max_fall_day7_pct, f.max_fall_day14_pct, f.max_fall_pct) == (5.0, 30.0, 60.0)
    assert f.max_fall_at == T0 + 20 * DAY
    assert [p.change_pct for p in f.points] == [None, -5.0, -30.0, -60.0]
