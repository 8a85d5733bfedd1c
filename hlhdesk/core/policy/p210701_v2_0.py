"""NHS England clinical commissioning policy 210701P v2.0: anakinra for HLH.

Every rule of policy/rules.md, by its stable ID, each returning a `RuleResult` with a
status, one line a clinician can read aloud, the evidence it used, the policy sentence it
implements, and for `unknown` what to record.

What the statuses mean, by kind of rule:

- Criteria (DX, IN, EX, RE, ST): `met` the criterion holds; `not_met` it does not;
  `unknown` data is missing or the time window is still open; `not_applicable` the rule
  has nothing to judge (no anakinra yet for RE/ST; no steroid at day 0 for RE-STEROID-14D).
  A diagnosis once met stands: DX rules are met if they were met at any time up to the
  as-of time; otherwise they are judged on the data at day 0 (or at the as-of time before
  anakinra), so an early time with little data never leaves them open for ever.
- Dosing: DO-START and DO-MAX read as compliance (`met` = within the policy).
  DO-RENAL, DO-IV-SWITCH and DO-SPECIALIST are reminders: `met` = the situation the
  policy speaks to applies now (renal impairment, an IV course running, no response at
  the maximum dose), so the action in the detail is due; `not_met` = it does not apply.
- Obligations (IVIG, CONSENT, GOV, MON, PREGNANCY), shown as a checklist: `met` = done or
  recorded; `not_met` = recorded as not done (consent refused, IVIg without an
  indication); `unknown` = not recorded (an absent record is never read as "done" nor as
  "not done"); `not_applicable` = nothing to do (no IVIg given, no anakinra yet, male).
  PREGNANCY is `met` when pregnancy or breast feeding is recorded: a reminder that the
  policy allows continuing anakinra in severe or life-threatening HLH.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from hlhdesk.core.evaluation import (
    Eligibility, EligibilityStatus, Evidence, HScoreResult, RuleGroup, RuleResult, Status,
)
from hlhdesk.core.dosing import DosePeriod, course_text
from hlhdesk.core.wording import amount, describe, evidence_from, plural, when
from hlhdesk.core.evaluation.facts import Facts
from hlhdesk.core.model import HlhType, Sex, SteroidFirstLine, age_in_months, age_in_years
from hlhdesk.core.scores import Bounds, threshold_status
from hlhdesk.core.timeline import clean
from hlhdesk.core.episodes import EDGE, calendar_day, day_of, day_start, end_of_day, last_moment_of
from hlhdesk.core.trajectory import (
    ORGAN_SUPPORT_KINDS, ORGAN_SUPPORT_NAMES, OrganSupport, change_pct, reduction_holds, describe_steroids,
)
from hlhdesk.core.units import at_precision, format_number

VERSION = "210701P v2.0"
# Which reading of the policy (rules.md revision) made an evaluation: revision 2 reads time
# as episodes and calendar days and treatment courses as schedules. Every Evaluation, and
# so every sign-off that freezes one, carries it.
READING = "rules.md revision 2"

# Thresholds of rules.md, named once.
FERRITIN_DX_UG_L = 10_000
MIN_AGE_MONTHS = 8
MIN_WEIGHT_KG = 10
WEIGHT_EXCLUDES_UP_TO = timedelta(days=30)  # an older weight under 10 kg is unknown, never an exclusion
FERRITIN_FALL_PCT = 10
FERRITIN_LAST_DAY = 7  # "within 7 days": up to the end of day 7
STEROID_FALL_PCT = 25
STEROID_LAST_DAY = 14
NO_RESPONSE_DAY = 14  # the day-14 check is due on day 14 itself
START_MG_KG_DAY = 1
PREGNANCY_FROM_YEARS = 10  # pregnancy is not asked about for children under 10
MAX_MG_KG_DAY = 8
MAX_MG_KG_DAY_WRITTEN = "8.0"  # the precision DO-MAX is compared at
RENAL_CRCL_ML_MIN = 60  # moderate renal impairment: consider alternate-day dosing
SEVERE_RENAL_CRCL_ML_MIN = 30  # severe: alternate-day dosing recommended by the product information
SPECIALIST_FROM_DAY = 7  # response is assessable from day 7

_INCLUSION_B = "b. (HLH) H score >169 or modified H score > 132 or ferritin level >10000/tissue diagnosis in sHLH"
_EXCLUSION_2 = ("Anakinra is licensed for some indications in children and infants aged 8 months and older "
                "with a body weight of 10 kg or above. No data is available for children below this age or "
                "weight so they are excluded within this policy.")
_DOSING = ("Dosing involves starting with at least 1-2 mg/kg/day, increasing to a maximum of 8mg/kg/day "
           "in both adults and children.")
_MONITORING = "Patients treated with anakinra treatment should be monitored for active infections and allergic reactions."


@dataclass(frozen=True)
class RuleSpec:
    group: RuleGroup
    title: str
    policy_text: str  # quoted from the policy, verbatim (a test checks it)


RULES: dict[str, RuleSpec] = {
    "DX-HLH2004": RuleSpec(RuleGroup.DIAGNOSIS, "HLH-2004: at least 5 of 8 criteria",
                           "a. criteria of HLH-2004 protocol for pHLH which requires five of eight from:"),
    "DX-HSCORE": RuleSpec(RuleGroup.DIAGNOSIS, "HScore above 169", _INCLUSION_B),
    "DX-MHSCORE": RuleSpec(RuleGroup.DIAGNOSIS, "Modified HScore above 132", _INCLUSION_B),
    "DX-FERRITIN": RuleSpec(RuleGroup.DIAGNOSIS, "Secondary HLH with ferritin above 10,000 µg/L", _INCLUSION_B),
    "DX-TISSUE": RuleSpec(RuleGroup.DIAGNOSIS, "Secondary HLH with a tissue diagnosis", _INCLUSION_B),
    "IN-DIAGNOSIS": RuleSpec(RuleGroup.INCLUSION, "Diagnosis of HLH by HLH-2004 or HScore/ferritin/tissue",
                             "A diagnosis of HLH can be based on either point 'a' or 'b' listed below."),
    "IN-STEROIDS": RuleSpec(
        RuleGroup.INCLUSION, "First-line corticosteroids not effective, would obscure diagnosis, or contraindicated",
        "in whom first line therapy with corticosteroids has not been effective or would obscure the "
        "diagnosis of the underlying condition"),
    "EX-HYPERSENSITIVITY": RuleSpec(RuleGroup.EXCLUSION, "Known hypersensitivity to anakinra",
                                    "Patients with a known hypersensitivity to previous use of anakinra for another indication"),
    "EX-AGE": RuleSpec(RuleGroup.EXCLUSION, "Age under 8 months", _EXCLUSION_2),
    "EX-WEIGHT": RuleSpec(RuleGroup.EXCLUSION, "Weight under 10 kg", _EXCLUSION_2),
    "RE-ORGAN-SUPPORT": RuleSpec(RuleGroup.RESPONSE, "Organ support lower than at day 0",
                                 "Reduction in level of organ support (such as vasopressor dose, renal replacement "
                                 "therapy and ventilation)"),
    "RE-HSCORE-SERIAL": RuleSpec(RuleGroup.RESPONSE, "Serial fall in HScore", "Serial reduction in the H-score"),
    "RE-FERRITIN-7D": RuleSpec(RuleGroup.RESPONSE, "Ferritin at least 10% below baseline within 7 days",
                               "Reduction of ferritin level by at least 10% within 7 days"),
    "RE-STEROID-14D": RuleSpec(RuleGroup.RESPONSE, "Corticosteroid dose at least 25% lower within 14 days",
                               "Where applicable a reduction of corticosteroid dose by at least 25% within 14 days"),
    "ST-SAE": RuleSpec(RuleGroup.STOPPING, "Serious adverse event since day 0",
                       "Serious adverse events e.g., anaphylaxis"),
    "ST-NO-RESPONSE": RuleSpec(RuleGroup.STOPPING, "No response within 14 days",
                               "No evidence of clinical response according to the response criteria above within 14 days"),
    "ST-RESOLUTION": RuleSpec(RuleGroup.STOPPING, "Resolution of HLH recorded by the MDT",
                              "Resolution of HLH defined by HLH MDT"),
    # The policy has no sentence on death; the nearest it says is that treatment stops.
    "ST-DEATH": RuleSpec(RuleGroup.STOPPING, "Death recorded", "Stopping criteria"),
    "DO-START": RuleSpec(RuleGroup.DOSING, "Starting dose at least 1 mg/kg/day", _DOSING),
    "DO-MAX": RuleSpec(RuleGroup.DOSING, "No daily dose above 8 mg/kg/day", _DOSING),
    "DO-RENAL": RuleSpec(RuleGroup.DOSING, "Renal impairment: consider alternate-day dosing",
                         "Dose adjustment should be considered in moderate to severe renal impairment "
                         "(alternate daily dosing)."),
    "DO-IV-SWITCH": RuleSpec(RuleGroup.DOSING, "Intravenous course: restart subcutaneous once stable",
                             "If intravenous dosing is used, the subcutaneous route is restarted as soon as "
                             "possible once stable."),
    "DO-SPECIALIST": RuleSpec(RuleGroup.DOSING, "No response at the maximum dose: seek specialist-centre advice",
                              "If there is an inadequate therapeutic response, advice from specialist centres which "
                              "regularly manage HLH and are ideally members of HiHASC (found through www.hihasc.org) "
                              "should be sought."),
    "IVIG-INDICATION": RuleSpec(RuleGroup.OBLIGATIONS, "IVIg only with cardiomyopathy or CNS inflammation",
                                "Anakinra would be used in preference to IVIg. In rare situations IVIg may still be "
                                "required; for example, if cardiomyopathy or central nervous system inflammation are "
                                "identified, in which case it should be given according to NHS guidance."),
    "CONSENT-OFFLABEL": RuleSpec(RuleGroup.OBLIGATIONS, "Patient or next of kin informed of off-label use",
                                 "Use of anakinra for sHLH is off-label as is administration by the intravenous route. "
                                 "Patients or next of kin should be informed of off-label use."),
    "GOV-PRIOR-APPROVAL": RuleSpec(RuleGroup.OBLIGATIONS, "Registered in the prior approval system",
                                   "Provider organisations must register all patients using prior approval software"),
    "MON-INFECTION": RuleSpec(RuleGroup.OBLIGATIONS, "Monitoring for active infection", _MONITORING),
    "MON-ALLERGY": RuleSpec(RuleGroup.OBLIGATIONS, "Monitoring for allergic reactions", _MONITORING),
    "MON-LFT": RuleSpec(RuleGroup.OBLIGATIONS, "Hepatic enzymes measured during treatment",
                        "Monitoring should include monitoring of hepatic enzymes and neutrophil counts."),
    "MON-NEUTROPHILS": RuleSpec(RuleGroup.OBLIGATIONS, "Neutrophil count measured during treatment",
                                "Monitoring should include monitoring of hepatic enzymes and neutrophil counts."),
    "PREGNANCY": RuleSpec(RuleGroup.OBLIGATIONS, "Pregnancy or breast feeding",
                          "The Electronic Medications Compendium states that in severe or life-threatening cases of "
                          "HLH, the use of anakinra can be continued during pregnancy and breast feeding."),
}
RULE_IDS = tuple(RULES)
DX_IDS = ("DX-HLH2004", "DX-HSCORE", "DX-MHSCORE", "DX-FERRITIN", "DX-TISSUE")
EX_IDS = ("EX-HYPERSENSITIVITY", "EX-AGE", "EX-WEIGHT")
RE_IDS = ("RE-ORGAN-SUPPORT", "RE-HSCORE-SERIAL", "RE-FERRITIN-7D", "RE-STEROID-14D")


def _rule(rule_id: str, status: Status, detail: str, evidence=(), missing=(), setting: str | None = None) -> RuleResult:
    spec = RULES[rule_id]
    return RuleResult(rule_id, spec.group, spec.title, status, detail, tuple(evidence),
                      spec.policy_text, tuple(dict.fromkeys(missing)), setting)


def _no_anakinra(rule_id: str, f: Facts) -> RuleResult:
    return _rule(rule_id, Status.NOT_APPLICABLE, f"Anakinra not started by {when(f.as_of)}")


def _day(f: Facts, at: datetime) -> str:
    """The calendar day of the episode: day N is the date N days after day 0's date."""
    return f"day {calendar_day(f.day0, at)}"


def _date(f: Facts, n: int) -> str:
    return day_of(f.day0, n).strftime("%d/%m/%Y")


# --- diagnosis ---------------------------------------------------------------------------


def _score_evidence(result: HScoreResult) -> tuple[Evidence, ...]:
    return tuple(e for item in result.items for e in item.inputs)


def _score_range(result: HScoreResult | Bounds) -> str:
    if result.complete:
        return format_number(result.low)
    return f"{format_number(result.low)} to {format_number(result.high)}"


def _hscore_rule(rule_id: str, result: HScoreResult, setting: str | None = None) -> RuleResult:
    status = threshold_status(result)
    name = "HScore" if setting is None else "Modified HScore"
    score = _score_range(result)
    if status is Status.MET:
        detail = f"{name} {score} on {when(result.at)} is above {result.threshold}"
    elif status is Status.NOT_MET:
        detail = f"{name} {score} on {when(result.at)} is not above {result.threshold}"
        if not result.complete:
            detail += " whatever the missing items"
    else:
        detail = (f"{name} {score} on {when(result.at)}: could be above {result.threshold} "
                  f"({plural(len(result.missing), 'input')} not recorded)")
    if setting is None and result.probability:
        detail += f" (probability of HLH {result.probability}, Fardet's table)"
    missing = result.missing if status is Status.UNKNOWN else ()
    return _rule(rule_id, status, detail, _score_evidence(result), missing, setting)


def dx_hscore(f: Facts) -> RuleResult:
    return _hscore_rule("DX-HSCORE", f.explained(f.hscore_decisive.at).hscore)


def dx_mhscore(f: Facts) -> RuleResult:
    # The modified HScore leaves out the marrow: once a marrow result exists the full
    # HScore decides (an HScore of 136 with a negative marrow is not a modified-score pass).
    marrow = [o for o in f.index["haemophagocytosis"].observations if o.site == "bone_marrow"]
    if marrow:
        m = marrow[-1]
        return _rule("DX-MHSCORE", Status.NOT_APPLICABLE,
                     f"Bone-marrow result recorded on {when(m.at)} ({'haemophagocytosis' if m.value else 'no haemophagocytosis'}): "
                     "the full HScore decides (DX-HSCORE)", (evidence_from(m),), setting=f.settings.modified_hscore.name)
    return _hscore_rule("DX-MHSCORE", f.explained(f.modified_decisive.at).modified,
                        setting=f.settings.modified_hscore.name)


# What to record for each HLH-2004 criterion not yet assessed.
_HLH2004_TO_RECORD = {
    "fever": ("Temperature",), "splenomegaly": ("Splenomegaly (yes/no)",),
    "cytopenias": ("Haemoglobin", "Platelets", "Neutrophils"),
    "lipids": ("Fasting triglycerides (with 'fasting') or fibrinogen",),
    "haemophagocytosis": ("Haemophagocytosis in marrow, spleen or lymph node (with the site)",),
    "nk_activity": ("NK-cell activity",), "ferritin": ("Ferritin",), "scd25": ("Soluble CD25 (sIL-2R)",),
}


def dx_hlh2004(f: Facts) -> RuleResult:
    result = f.explained(f.hlh2004_decisive.at).hlh2004
    met = [c.label for c in result.criteria if c.status is Status.MET]
    unknown = [m for c in result.criteria if c.status is Status.UNKNOWN for m in _HLH2004_TO_RECORD[c.id]]
    on = f"on {when(result.at)}"
    if result.status is Status.MET:
        detail = f"{result.met} of 8 HLH-2004 criteria met {on}: {'; '.join(met)}"
    elif result.status is Status.NOT_MET:
        detail = (f"{result.met} of 8 HLH-2004 criteria met {on} and {result.not_met} not met: "
                  f"5 cannot be reached")
    else:
        detail = (f"{result.met} of 8 HLH-2004 criteria met {on}, {result.unknown} not assessed: "
                  f"{result.could_still_be_met} could still be met")
    evidence = tuple(e for c in result.criteria if c.status is Status.MET for e in c.evidence)
    return _rule("DX-HLH2004", result.status, detail, evidence,
                 unknown if result.status is Status.UNKNOWN else ())


def _secondary(f: Facts) -> tuple[Status | None, str]:
    """Whether the secondary-HLH routes apply: None when they do, else the status and why."""
    kind = f.case.details.hlh_type
    if kind is HlhType.SECONDARY:
        return None, ""
    if kind is HlhType.PRIMARY:
        return Status.NOT_APPLICABLE, "recorded as primary HLH: this route is for secondary HLH"
    return Status.UNKNOWN, "HLH type (primary or secondary) not recorded"


def _primary(rule_id: str, f: Facts) -> RuleResult | None:
    """Primary HLH: the secondary-HLH route does not apply, whatever is (or is not) recorded."""
    status, why = _secondary(f)
    if status is Status.NOT_APPLICABLE:
        return _rule(rule_id, status, why[0].upper() + why[1:], (Evidence("HLH type", "primary"),))
    return None


def dx_ferritin(f: Facts) -> RuleResult:
    primary = _primary("DX-FERRITIN", f)
    if primary:
        return primary
    # the highest in the episode: an earlier episode's ferritin never diagnoses a new one
    ferritins = [o for o in f.index["ferritin"].observations if f.in_episode(o.at)]
    if not ferritins:
        return _rule("DX-FERRITIN", Status.UNKNOWN, f"No ferritin recorded in this episode up to {when(f.as_of)}",
                     missing=("Ferritin",))
    top = max(ferritins, key=lambda o: (o.value, o.at))
    ev = (evidence_from(top, "Highest ferritin"),)
    if clean(top.value) <= FERRITIN_DX_UG_L:
        return _rule("DX-FERRITIN", Status.NOT_MET,
                     f"Highest ferritin {amount(top.value, top.unit)} on {when(top.at)} is not above 10,000 µg/L", ev)
    status, why = _secondary(f)
    head = f"Highest ferritin {amount(top.value, top.unit)} on {when(top.at)} is above 10,000 µg/L"
    if status is None:
        return _rule("DX-FERRITIN", Status.MET, f"{head} in secondary HLH", ev)
    return _rule("DX-FERRITIN", status, f"{head}, but {why}", ev, ("HLH type (primary or secondary)",))


def dx_tissue(f: Facts) -> RuleResult:
    primary = _primary("DX-TISSUE", f)
    if primary:
        return primary
    tissue = f.case.details.tissue_diagnosis
    if tissue is None:
        return _rule("DX-TISSUE", Status.UNKNOWN, "Tissue diagnosis not recorded", missing=("Tissue diagnosis (yes/no)",))
    ev = (Evidence("Tissue diagnosis", tissue),)
    if not tissue:
        return _rule("DX-TISSUE", Status.NOT_MET, "No tissue diagnosis", ev)
    status, why = _secondary(f)
    if status is None:
        return _rule("DX-TISSUE", Status.MET, "Tissue diagnosis recorded in secondary HLH", ev)
    return _rule("DX-TISSUE", status, f"Tissue diagnosis recorded, but {why}", ev, ("HLH type (primary or secondary)",))


def in_diagnosis(dx: list[RuleResult]) -> RuleResult:
    met = [r.id for r in dx if r.status is Status.MET]
    unknown = [r for r in dx if r.status is Status.UNKNOWN]
    if met:
        return _rule("IN-DIAGNOSIS", Status.MET, f"Diagnosis criteria met by {', '.join(met)}")
    if unknown:
        return _rule("IN-DIAGNOSIS", Status.UNKNOWN,
                     f"No diagnosis route met yet; still open: {', '.join(r.id for r in unknown)}",
                     missing=[m for r in unknown for m in r.missing])
    return _rule("IN-DIAGNOSIS", Status.NOT_MET, "No diagnosis route is met (HLH-2004, HScore, modified HScore, "
                                                 "ferritin, tissue)")


def in_steroids(f: Facts) -> RuleResult:
    choice = f.case.details.steroid_first_line
    if choice is None:
        return _rule("IN-STEROIDS", Status.UNKNOWN, "Response to first-line corticosteroids not recorded",
                     missing=("First-line corticosteroids: effective, ineffective, would obscure diagnosis, "
                              "contraindicated or not given",))
    ev = (Evidence("First-line corticosteroids", choice.value),)
    met = {
        SteroidFirstLine.INEFFECTIVE: "First-line corticosteroids were not effective",
        SteroidFirstLine.WOULD_OBSCURE_DIAGNOSIS: "Corticosteroids would obscure the diagnosis of the underlying condition",
        SteroidFirstLine.CONTRAINDICATED: "Corticosteroids are contraindicated",
    }
    if choice in met:
        return _rule("IN-STEROIDS", Status.MET, met[choice], ev)
    if choice is SteroidFirstLine.EFFECTIVE:
        return _rule("IN-STEROIDS", Status.NOT_MET, "First-line corticosteroids recorded as effective", ev)
    return _rule("IN-STEROIDS", Status.UNKNOWN,
                 "Corticosteroids not given, with no reason recorded: the policy needs them ineffective, "
                 "contraindicated or likely to obscure the diagnosis", ev,
                 ("Why first-line corticosteroids were not given (contraindicated or would obscure the diagnosis)",))


# --- exclusion ---------------------------------------------------------------------------


def ex_hypersensitivity(f: Facts) -> RuleResult:
    known = f.case.details.anakinra_hypersensitivity
    if known is None:
        return _rule("EX-HYPERSENSITIVITY", Status.UNKNOWN, "Previous anakinra hypersensitivity not recorded",
                     missing=("Known hypersensitivity to anakinra (yes/no)",))
    ev = (Evidence("Known hypersensitivity to anakinra", known),)
    if known:
        return _rule("EX-HYPERSENSITIVITY", Status.MET, "Known hypersensitivity to anakinra from previous use: excluded", ev)
    return _rule("EX-HYPERSENSITIVITY", Status.NOT_MET, "No known hypersensitivity to anakinra", ev)


def _age_text(months: int) -> str:
    years = months // 12
    return plural(years, "year") if years >= 2 else plural(months, "month")


def _judged_at(f: Facts) -> tuple[datetime, str]:
    """Exclusions are judged at day 0 once anakinra has started, before it at the as-of time."""
    if f.day0 is not None:
        return f.day0, f"at day 0 ({when(f.day0)})"
    return f.as_of, f"on {when(f.as_of)}"


def ex_age(f: Facts) -> RuleResult:
    dob = f.case.patient.date_of_birth
    at, on = _judged_at(f)
    if at.date() < dob:
        return _rule("EX-AGE", Status.UNKNOWN, f"Date of birth {when(datetime.combine(dob, datetime.min.time()))} "
                                               f"is after {when(at)}", missing=("A correct date of birth",))
    months = age_in_months(dob, at.date())
    ev = [Evidence("Age", months, "months", at)]  # no date of birth: evidence may be projected
    now = ""
    if at != f.as_of:
        months_now = age_in_months(dob, f.as_of.date())
        ev.append(Evidence("Age now (information)", months_now, "months", f.as_of))
        if _age_text(months_now) != _age_text(months):
            now = f"; now {_age_text(months_now)}"
    if months < MIN_AGE_MONTHS:
        return _rule("EX-AGE", Status.MET, f"Age {plural(months, 'month')} {on}: under 8 months, excluded{now}", ev)
    return _rule("EX-AGE", Status.NOT_MET, f"Age {_age_text(months)} {on}: 8 months or older{now}", ev)


def _weight_at(f: Facts, at: datetime):
    """The latest weight up to the end of the calendar day judged (day 0 or the as-of day),
    failing that the first one after it: a weight falling after treatment began never
    excludes a treated patient (see ex_weight)."""
    end_of_day = min(datetime.combine(at.date(), datetime.max.time()), f.as_of)
    weight = f.index["weight"].latest(end_of_day)
    if weight is None:  # weighed only after day 0: the first weight is the nearest to it
        later = f.index["weight"].between(end_of_day, f.as_of, include_start=False)
        weight = later[0] if later else None
    return weight


def ex_weight(f: Facts) -> RuleResult:
    at, on = _judged_at(f)
    weight = _weight_at(f, at)
    if weight is None:
        return _rule("EX-WEIGHT", Status.UNKNOWN, f"No weight recorded {on}",
                     missing=("Weight",) if f.day0 is None else ("Weight at day 0",))
    ev = (evidence_from(weight, "Weight"),)
    age = at - weight.at
    text = f"Weight {amount(weight.value, weight.unit)} on {when(weight.at)}"
    if clean(weight.value) < MIN_WEIGHT_KG:
        if weight.at.date() > at.date():
            # Weighed only after day 0: a later weight can confirm 10 kg or more, but a fall
            # under 10 kg during treatment is not the weight at day 0.
            return _rule("EX-WEIGHT", Status.UNKNOWN,
                         f"{text}, after day 0 ({when(at)}), is under 10 kg: the weight at day 0 is not recorded",
                         ev, ("Weight at day 0",))
        if age > WEIGHT_EXCLUDES_UP_TO:
            return _rule("EX-WEIGHT", Status.UNKNOWN,
                         f"{text}, {format_number(round(age / timedelta(days=1), 1))} days before {when(at)}: under "
                         f"10 kg but older than 30 days, so it cannot exclude; record a current weight",
                         ev, ("A current weight",))
        return _rule("EX-WEIGHT", Status.MET, f"{text}, the weight {on}: under 10 kg, excluded", ev)
    return _rule("EX-WEIGHT", Status.NOT_MET, f"{text}, the weight {on}: 10 kg or more", ev)


def eligibility(rules: dict[str, RuleResult]) -> Eligibility:
    inclusion = [rules["IN-DIAGNOSIS"], rules["IN-STEROIDS"]]
    exclusion = [rules[i] for i in EX_IDS]
    excluded = [r.id for r in exclusion if r.status is Status.MET]
    failed = [r.id for r in inclusion if r.status is Status.NOT_MET]
    if excluded or failed:
        decided = tuple(failed + excluded)
        return Eligibility(EligibilityStatus.NOT_ELIGIBLE, decided, (),
                           f"Policy criteria not met: {', '.join(decided)}")
    open_rules = ([r for r in inclusion if r.status is not Status.MET]
                  + [r for r in exclusion if r.status is not Status.NOT_MET])
    if not open_rules:
        dx_met = [i for i in DX_IDS if rules[i].status is Status.MET]
        decided = ("IN-DIAGNOSIS", *dx_met, "IN-STEROIDS", *EX_IDS)
        return Eligibility(EligibilityStatus.ELIGIBLE, decided, (),
                           "Policy criteria met (for the MDT to confirm): diagnosis, corticosteroids, no exclusion")
    # Quick facts first (weight, steroids, hypersensitivity), the diagnostic work-up last.
    by_effort = sorted(open_rules, key=lambda r: r.id == "IN-DIAGNOSIS")
    to_record = tuple(dict.fromkeys(m for r in by_effort for m in r.missing))
    return Eligibility(EligibilityStatus.INSUFFICIENT_DATA, tuple(r.id for r in open_rules), to_record,
                       f"Insufficient data to decide: {', '.join(r.id for r in open_rules)} not yet known")


# --- response ----------------------------------------------------------------------------


def _end(f: Facts, until: datetime | None) -> datetime:
    return min(f.as_of, until) if until else f.as_of


def _last_moment_of(f: Facts, n: int) -> datetime:
    """The last moment of day n: windows "up to the end of day n" include 23:59."""
    return last_moment_of(f.day0, n)


def re_organ_support(f: Facts, until: datetime | None = None) -> RuleResult:
    """Organ support lower than at day 0, never inferred (rules.md revision 2).

    Each component's day-0 level is its record in the 24 hours before the first dose; a
    component not recorded then is unknown, never "none". A reduction counts when every
    component is at or below its day-0 level, one is lower, and it holds: that component's
    next record within 24 hours is not back up to its day-0 level.
    """
    if f.day0 is None:
        return _no_anakinra("RE-ORGAN-SUPPORT", f)
    end = _end(f, until)
    base = OrganSupport.at_day0(f.index, f.day0)
    levels = base.components()
    unrecorded = [k for k, v in levels.items() if v is None]
    if unrecorded:
        names = ", ".join(ORGAN_SUPPORT_NAMES[k].lower() for k in unrecorded)
        known = f" ({base.description()})" if base.recorded else ""
        return _rule("RE-ORGAN-SUPPORT", Status.UNKNOWN,
                     f"Day-0 organ support not recorded in the 24 hours before the first dose ({when(f.day0)}): "
                     f"{names}{known}", base.evidence(),
                     (f"Organ support at day 0: {names}, recorded in the 24 hours before the first dose "
                      "(record 'none' too)",))
    if all(v == 0 for v in levels.values()):
        return _rule("RE-ORGAN-SUPPORT", Status.NOT_APPLICABLE, f"No organ support at day 0 ({base.description()})",
                     base.evidence())
    later = [t for t in f.index.times(ORGAN_SUPPORT_KINDS) if f.day0 < t <= end]
    if not later:
        return _rule("RE-ORGAN-SUPPORT", Status.UNKNOWN,
                     f"Day 0: {base.description()}; nothing recorded since", base.evidence(),
                     ("Organ support since day 0",))
    bounced = None
    for t in later:
        state = OrganSupport.at_time(f.index, t)
        now = state.components()
        if any(now[k] > levels[k] for k in ORGAN_SUPPORT_KINDS):
            continue
        lower = [k for k in ORGAN_SUPPORT_KINDS if now[k] < levels[k]]
        if not lower:
            continue
        if all(reduction_holds(f.index, k, t, levels[k]) for k in lower):
            return _rule("RE-ORGAN-SUPPORT", Status.MET,
                         f"Lower on {when(t)} ({_day(f, t)}): {state.description()}; day 0: {base.description()}",
                         base.evidence() + state.evidence())
        bounced = bounced or t
    last = OrganSupport.at_time(f.index, later[-1])
    noise = (f"; lower on {when(bounced)} but back up within 24 hours (titration, not a response)"
             if bounced else "")
    return _rule("RE-ORGAN-SUPPORT", Status.NOT_MET,
                 f"Not lower than at day 0 ({base.description()}); latest {when(later[-1])}: {last.description()}{noise}",
                 base.evidence() + last.evidence())


# Missing HScore items whose points stay the same over time (the latest finding, or a
# fixed case detail): two scores missing exactly these can be compared on their known part.
_STATIC_ITEMS = frozenset({"Known immunosuppression", "Hepatomegaly (yes/no)", "Splenomegaly (yes/no)",
                           "Haemophagocytosis on bone-marrow aspirate"})


def hscore_lower(a: Bounds, b: Bounds) -> Status:
    """Is score a lower than score b? `unknown` when the missing items could decide it."""
    if a.high < b.low:
        return Status.MET
    if a.low >= b.high:
        return Status.NOT_MET
    if a.missing == b.missing and set(a.missing) <= _STATIC_ITEMS:
        return Status.MET if a.low < b.low else Status.NOT_MET
    return Status.UNKNOWN


def re_hscore_serial(f: Facts, until: datetime | None = None) -> RuleResult:
    """Two HScores after day 0, each lower than the one before, the first below day 0's.

    Response HScores read each time point's own values (the latest of each item in the 72
    hours up to it), never the 7-day most abnormal values of diagnosis, which would hold
    day 0's worst values for a week and hide a fall.
    """
    if f.day0 is None:
        return _no_anakinra("RE-HSCORE-SERIAL", f)
    end = _end(f, until)
    d0 = f.response(min(f.as_of, _last_moment_of(f, 0))).hscore
    first_day = day_start(f.day0, 1)
    points = {r.at: r for r in f.responses_between(first_day, end)}
    after = [r.hscore for r in points.values()]
    head = f"Day 0 HScore {_score_range(d0)}"

    def evidence(b: Bounds) -> tuple[Evidence, ...]:  # built only for the result shown
        return _score_evidence(f.response_hscore(b.at))

    if len(after) < 2:
        return _rule("RE-HSCORE-SERIAL", Status.UNKNOWN,
                     f"{head}; {plural(len(after), 'HScore')} since: needs at least two",
                     evidence(d0), ("HScore items after day 0 (at least two sets of results)",))
    # First steps (scores below day 0's), kept once per distinct score so this stays linear.
    firsts: dict[tuple, tuple[Bounds, Status]] = {}
    possible = None
    for s in after:
        for first, first_status in firsts.values():
            if possible and first_status is not Status.MET:
                continue  # only a MET pair can change the answer now
            step = hscore_lower(s, first)
            if step is Status.MET and first_status is Status.MET:
                return _rule("RE-HSCORE-SERIAL", Status.MET,
                             f"{head}; {_score_range(first)} on {when(first.at)}, then {_score_range(s)} "
                             f"on {when(s.at)}", evidence(s))
            if step is not Status.NOT_MET:
                possible = possible or (first, s)
        below = hscore_lower(s, d0)
        if below is not Status.NOT_MET:
            firsts.setdefault((s.low, s.high, s.missing), (s, below))
    if possible:
        first, second = possible
        missing = tuple(dict.fromkeys((*d0.missing, *first.missing, *second.missing)))
        return _rule("RE-HSCORE-SERIAL", Status.UNKNOWN,
                     f"{head}; {_score_range(first)} then {_score_range(second)}: a serial fall is possible "
                     f"but missing items could decide it", evidence(second), missing)
    latest = after[-1]
    return _rule("RE-HSCORE-SERIAL", Status.NOT_MET,
                 f"{head}; no serial fall in {plural(len(after), 'HScore')} since (latest {_score_range(latest)} "
                 f"on {when(latest.at)})", evidence(latest))


def re_ferritin_7d(f: Facts, until: datetime | None = None) -> RuleResult:
    """Ferritin on days 1 to 7 at least 10% below the baseline (the latest on or before day 0).

    Calendar days, so the time of the first dose within day 0 never decides it; a sample
    within a few hours of the end of day 7 is named as at the edge, for the MDT to judge.
    """
    if f.day0 is None:
        return _no_anakinra("RE-FERRITIN-7D", f)
    base_ev = f.ferritin.baseline
    if base_ev is None:
        return _rule("RE-FERRITIN-7D", Status.UNKNOWN,
                     f"No baseline ferritin: none from day -3 to the end of day 0 ({_date(f, -3)} to {_date(f, 0)})",
                     missing=(f"A ferritin between {_date(f, -3)} and {_date(f, 0)} (baseline)",))
    base = float(base_ev.value)
    window_end = end_of_day(f.day0, FERRITIN_LAST_DAY)
    end = _end(f, until)
    ferritins = f.index["ferritin"]
    inside = [o for o in ferritins.between(day_start(f.day0, 1), end) if o.at < window_end]
    head = f"Baseline {amount(base, 'ug/L')} on {when(base_ev.at)}"

    def fall_of(o) -> float:
        return -change_pct(base, o.value)

    for o in inside:
        fall = fall_of(o)
        if fall >= FERRITIN_FALL_PCT:
            edge = "; at the edge of day 7: MDT to judge" if window_end - o.at <= EDGE else ""
            return _rule("RE-FERRITIN-7D", Status.MET,
                         f"Ferritin {amount(o.value, o.unit)} on {when(o.at)} ({_day(f, o.at)}) is "
                         f"{format_number(round(fall, 1))}% below the baseline {amount(base, 'ug/L')}{edge}",
                         (base_ev, evidence_from(o)))
    best = max(inside, key=fall_of, default=None)
    evidence = (base_ev,) + ((evidence_from(best),) if best else ())
    largest = (f"largest fall {format_number(round(fall_of(best), 1))}%" if best and fall_of(best) > 0
               else "no fall")
    just_after = [o for o in ferritins.between(window_end, min(end, window_end + EDGE))
                  if fall_of(o) >= FERRITIN_FALL_PCT]
    edge = (f"; ferritin {amount(just_after[0].value, just_after[0].unit)} on {when(just_after[0].at)} is "
            f"{format_number(round(fall_of(just_after[0]), 1))}% lower, at the edge of day 7: MDT to judge"
            if just_after else "")
    if f.as_of >= window_end:
        if not inside:
            return _rule("RE-FERRITIN-7D", Status.UNKNOWN,
                         f"{head}; no ferritin measured on days 1 to 7 (by the end of {_date(f, 7)}){edge}",
                         evidence, (f"A ferritin between {_date(f, 1)} and {_date(f, 7)}",))
        return _rule("RE-FERRITIN-7D", Status.NOT_MET,
                     f"{head}; {largest} by the end of day 7 ({plural(len(inside), 'ferritin')}): under 10%{edge}",
                     evidence)
    return _rule("RE-FERRITIN-7D", Status.UNKNOWN,
                 f"{head}; {_day(f, f.as_of)} of 7, {largest} so far", evidence,
                 (f"A ferritin by the end of day 7 ({_date(f, 7)})",))


def re_steroid_14d(f: Facts, until: datetime | None = None) -> RuleResult:
    """A day up to day 14 whose corticosteroid dose is at least 25% below day 0's.

    Per calendar day, from the courses read as schedules: a day's dose is the daily dose in
    force at its end, so a course started on day 0 counts on day 0. A fall that is only
    the scheduled end of a pulse is named for the MDT to judge.
    """
    if f.day0 is None:
        return _no_anakinra("RE-STEROID-14D", f)
    base, base_courses = f.steroid_on(day_of(f.day0, 0))
    if not base_courses:
        return _rule("RE-STEROID-14D", Status.NOT_APPLICABLE, f"No corticosteroid on day 0 ({_date(f, 0)})")
    if base is None:
        return _rule("RE-STEROID-14D", Status.UNKNOWN, f"Corticosteroid on day 0 without a name or dose: "
                                                       f"{'; '.join(describe_steroids(base_courses))}",
                     missing=("The name, dose and interval of the corticosteroid on day 0",))
    if base <= 0:
        return _rule("RE-STEROID-14D", Status.NOT_APPLICABLE, "Corticosteroid dose 0 mg on day 0")
    base_ev = Evidence("Day-0 corticosteroid (prednisolone equivalent)", base, "mg/day", day_start(f.day0, 0),
                       note="; ".join(describe_steroids(base_courses)))
    head = f"Day 0 ({_date(f, 0)}): {format_number(round(base, 1))} mg/day prednisolone equivalent"
    base_without_pulse, _ = f.steroid_on(day_of(f.day0, 0), without_pulses=True)
    last = min(STEROID_LAST_DAY, calendar_day(f.day0, _end(f, until)))
    unknown_days, pulse_day = [], None
    for n in range(1, last + 1):
        dose, making = f.steroid_on(day_of(f.day0, n))
        if dose is None:
            unknown_days.append(n)
            continue
        fall = clean((base - dose) / base * 100)
        if fall < STEROID_FALL_PCT:
            continue
        without_pulse, _ = f.steroid_on(day_of(f.day0, n), without_pulses=True)
        genuine = (base_without_pulse and without_pulse is not None
                   and clean((base_without_pulse - without_pulse) / base_without_pulse * 100) >= STEROID_FALL_PCT)
        if not genuine and base_without_pulse != base:
            pulse_day = pulse_day or n
            continue
        ev = Evidence("Corticosteroid (prednisolone equivalent)", dose, "mg/day", day_start(f.day0, n),
                      note="; ".join(describe_steroids(making)) or "stopped")
        return _rule("RE-STEROID-14D", Status.MET,
                     f"{head}; {format_number(round(dose, 1))} mg/day on day {n} ({_date(f, n)}), "
                     f"{format_number(round(fall, 1))}% lower", (base_ev, ev))
    if pulse_day is not None:
        return _rule("RE-STEROID-14D", Status.UNKNOWN,
                     f"{head}; lower from day {pulse_day} ({_date(f, pulse_day)}) only because a methylprednisolone "
                     "pulse ended as scheduled: pulse ended: MDT to judge", (base_ev,),
                     ("The MDT's judgement of the corticosteroid fall after the pulse",))
    if unknown_days:
        return _rule("RE-STEROID-14D", Status.UNKNOWN, f"{head}; a later dose has no name or dose recorded",
                     (base_ev,), ("The name, dose and interval of each corticosteroid course",))
    if last >= STEROID_LAST_DAY:
        return _rule("RE-STEROID-14D", Status.NOT_MET,
                     f"{head}; not 25% lower on any day up to day 14 ({_date(f, 14)})", (base_ev,))
    return _rule("RE-STEROID-14D", Status.UNKNOWN, f"{head}; {_day(f, f.as_of)} of 14, not yet 25% lower",
                 (base_ev,), (f"Corticosteroid dose changes up to day 14 ({_date(f, 14)})",))


RESPONSE_RULES = (re_organ_support, re_hscore_serial, re_ferritin_7d, re_steroid_14d)


# --- stopping ----------------------------------------------------------------------------


def _events(f: Facts, kind: str, since: datetime | None = None) -> list:
    return [e for e in f.case.events
            if e.kind == kind and e.at <= f.as_of and (since is None or e.at >= since)]


def st_sae(f: Facts) -> RuleResult:
    if f.day0 is None:
        return _no_anakinra("ST-SAE", f)
    events = _events(f, "serious_adverse_event", f.day0)
    if not events:
        # A hypersensitivity reaction may or may not be serious: only the MDT can say, so it
        # does not meet the rule by itself, but it is shown so nobody misses it.
        reactions = _events(f, "hypersensitivity_reaction", f.day0)
        detail = f"No serious adverse event recorded since day 0 ({when(f.day0)})"
        if reactions:
            detail += (f"; a hypersensitivity reaction was recorded on {when(reactions[0].at)}: "
                       "if it was serious, record it as a serious adverse event")
        ev = tuple(Evidence("Hypersensitivity reaction", e.note or "no description", at=e.at) for e in reactions)
        return _rule("ST-SAE", Status.NOT_MET, detail, ev)
    ev = tuple(Evidence("Serious adverse event", e.note or "no description", at=e.at) for e in events)
    first = events[0]
    return _rule("ST-SAE", Status.MET, f"Serious adverse event on {when(first.at)}"
                                       f"{': ' + first.note if first.note else ''}: stopping recommended", ev)


def _met_at(result: RuleResult) -> datetime | None:
    """When a met response rule was first seen: its latest dated evidence."""
    times = [e.at for e in result.evidence if e.at is not None]
    return max(times) if times else None


def st_no_response(f: Facts, responses_now: list[RuleResult] | None = None) -> RuleResult:
    """From day 14 (the calendar day): no response criterion met by the end of day 14.

    `responses_now`: the response rules as of now (already made by the caller), to show a
    response first seen after day 14 beside the result.
    """
    if f.day0 is None:
        return _no_anakinra("ST-NO-RESPONSE", f)
    day14 = day_start(f.day0, NO_RESPONSE_DAY)
    if f.as_of < day14:
        return _rule("ST-NO-RESPONSE", Status.UNKNOWN,
                     f"{_day(f, f.as_of).capitalize()}: judged from day 14 ({_date(f, NO_RESPONSE_DAY)})")
    results = [r(f, _last_moment_of(f, NO_RESPONSE_DAY)) for r in RESPONSE_RULES]
    met = [r.id for r in results if r.status is Status.MET]
    if met:
        return _rule("ST-NO-RESPONSE", Status.NOT_MET, f"Response by the end of day 14: {', '.join(met)}")
    edges = [r.id for r in results if "at the edge of day" in r.detail]
    edge = f" ({', '.join(edges)} at the edge of its window: MDT to judge)" if edges else ""
    unknown = [r for r in results if r.status is Status.UNKNOWN]
    if unknown:
        return _rule("ST-NO-RESPONSE", Status.UNKNOWN,
                     f"No response criterion met by the end of day 14, but {', '.join(r.id for r in unknown)} "
                     f"could not be assessed{edge}", missing=[m for r in unknown for m in r.missing])
    now = responses_now if responses_now is not None else [rule(f) for rule in RESPONSE_RULES]
    later = [r for r in now if r.status is Status.MET]
    since = min((t for t in map(_met_at, later) if t is not None), default=None)
    head = f"No response by day 14 ({_date(f, NO_RESPONSE_DAY)}; day 0 {_date(f, 0)}){edge}"
    if since is not None:  # a response first seen after day 14 is shown beside it
        detail = f"{head}; responding since {_day(f, since)} ({', '.join(r.id for r in later)}): MDT to decide"
    else:
        detail = f"{head}: stopping recommended, for the MDT to confirm"
    return _rule("ST-NO-RESPONSE", Status.MET, detail,
                 tuple(Evidence(r.id, r.status.label, note=r.detail) for r in results + later))


def st_resolution(f: Facts) -> RuleResult:
    """Resolution recorded during this episode (an earlier one's ended that episode)."""
    if f.day0 is None:
        return _no_anakinra("ST-RESOLUTION", f)
    events = _events(f, "hlh_resolved", f.day0)
    if not events:
        return _rule("ST-RESOLUTION", Status.NOT_MET,
                     f"Resolution of HLH not recorded by the MDT during this episode (from {when(f.day0)})")
    e = events[-1]
    return _rule("ST-RESOLUTION", Status.MET, f"Resolution of HLH recorded by the MDT on {when(e.at)}: stopping "
                                              "recommended", (Evidence("HLH resolved", e.note or True, at=e.at),))


def _no_prompt_after(death: RuleResult, *prompts: RuleResult) -> tuple[RuleResult, ...]:
    """After a recorded death, no treatment prompt: each reads "not applicable"."""
    if death.status is not Status.MET:
        return prompts
    when_died = death.evidence[0].at
    return tuple(_rule(r.id, Status.NOT_APPLICABLE, f"Death recorded on {when(when_died)}: no treatment prompts",
                       death.evidence) for r in prompts)


def st_death(f: Facts) -> RuleResult:
    """A recorded death ends every treatment prompt; the case shows as died."""
    deaths = _events(f, "death")
    if not deaths:
        return _rule("ST-DEATH", Status.NOT_MET, f"No death recorded up to {when(f.as_of)}")
    e = deaths[0]
    return _rule("ST-DEATH", Status.MET, f"Death recorded on {when(e.at)}: no treatment prompts",
                 (Evidence("Death", e.note or True, at=e.at),))


# --- dosing ------------------------------------------------------------------------------


def _course_text(c, with_start: bool = True) -> str:
    text = course_text(c)
    return f"{text} from {when(c.start)}" if with_start else text


def _course_evidence(c) -> tuple[Evidence, ...]:
    ev = [Evidence("Anakinra", c.mg_per_kg_day, "mg/kg/day", c.start,
                   note=f"{_course_text(c, with_start=False)}{'; ' + c.note if c.note else ''}")]
    if c.weight is not None:
        ev.append(c.weight)
    return tuple(ev)


def _mg_kg(value: float, per: str = "day") -> str:
    return f"{format_number(round(value, 2))} mg/kg/{per}" if per == "day" else f"{format_number(round(value, 2))} mg/kg"


def _on_weight(p: DosePeriod) -> str:
    return f"on {p.weight.text()}" if p.weight is not None else "no weight recorded"


def _weight_caution(f: Facts, p: DosePeriod) -> str:
    """Said after the verdict, so the verdict is read first."""
    if p.weight is None or not p.weight.older_than(f.settings.weight_max_age):
        return ""
    days = format_number(f.settings.weight_max_age / timedelta(days=1))
    return f" (caution: weight older than {days} days, record a current weight)"


def _period_missing(p: DosePeriod) -> tuple[str, ...]:
    return ("Weight",) if p.weight is None else ("Anakinra dose and interval",)


def _period_unknown(rule_id: str, p: DosePeriod, what: str) -> RuleResult:
    why = "no weight recorded" if p.weight is None else "dose or interval not recorded"
    return _rule(rule_id, Status.UNKNOWN, f"{what} from {when(p.start)} ({p.courses_text()}): {why}",
                 p.evidence(), _period_missing(p))


def _above_max(p: DosePeriod) -> bool:
    return at_precision(p.mg_per_kg_day, MAX_MG_KG_DAY_WRITTEN) > Decimal(MAX_MG_KG_DAY_WRITTEN)


def do_start(f: Facts) -> RuleResult:
    if not f.dose_periods:
        return _no_anakinra("DO-START", f)
    p = f.dose_periods[0]
    if p.mg_per_kg_day is None:
        return _period_unknown("DO-START", p, "Starting dose")
    head = f"Starting dose {p.courses_text()} from {when(p.start)}, {_on_weight(p)}"
    caution = _weight_caution(f, p)
    if p.alternate_day and p.mg_per_kg_dose is not None:
        # An alternate-day regimen in renal impairment is judged per dose, never "per day".
        renal = do_renal(f)
        per_dose, ok = p.mg_per_kg_dose, clean(p.mg_per_kg_dose) >= START_MG_KG_DAY
        regimen = f"{head}: alternate-day regimen, {_mg_kg(per_dose, 'dose')} each dose"
        if renal.status is Status.MET:
            return _rule("DO-START", Status.MET if ok else Status.NOT_MET,
                         f"{regimen} in renal impairment: {'at least' if ok else 'below'} 1 mg/kg each dose{caution}",
                         p.evidence())
        if renal.status is Status.UNKNOWN and ok:
            return _rule("DO-START", Status.UNKNOWN,
                         f"{regimen}: enough per dose if renal function is impaired, which is not recorded{caution}", p.evidence(), renal.missing)
    ok = clean(p.mg_per_kg_day) >= START_MG_KG_DAY
    return _rule("DO-START", Status.MET if ok else Status.NOT_MET,
                 f"{head}: {_mg_kg(p.mg_per_kg_day)}, {'at least' if ok else 'below'} 1 mg/kg/day{caution}", p.evidence())


def do_max(f: Facts) -> RuleResult:
    if not f.dose_periods:
        return _no_anakinra("DO-MAX", f)
    over = [p for p in f.dose_periods if p.mg_per_kg_day is not None and _above_max(p)]
    unknown = [p for p in f.dose_periods if p.mg_per_kg_day is None]
    if over:
        p = over[0]
        together = f" ({plural(len(p.courses), 'course')} together)" if len(p.courses) > 1 else ""
        return _rule("DO-MAX", Status.NOT_MET,
                     f"Total {_mg_kg(p.mg_per_kg_day)} from {when(p.start)}{together}: {p.courses_text()}, "
                     f"{_on_weight(p)}: above the maximum 8 mg/kg/day{_weight_caution(f, p)}",
                     tuple(e for q in over for e in q.evidence()))
    if unknown:
        return _period_unknown("DO-MAX", unknown[0], "Dose")
    top = max(f.dose_periods, key=lambda p: p.mg_per_kg_day)
    together = f" ({plural(len(top.courses), 'course')} together)" if len(top.courses) > 1 else ""
    return _rule("DO-MAX", Status.MET,
                 f"Highest total {_mg_kg(top.mg_per_kg_day)} from {when(top.start)}{together}: "
                 f"{top.courses_text()}, {_on_weight(top)}: within 8 mg/kg/day{_weight_caution(f, top)}",
                 top.evidence())


def do_renal(f: Facts) -> RuleResult:
    rrt = f.index["renal_replacement"].latest(f.as_of)
    crcl = f.index["creatinine_clearance"].latest(f.as_of)
    if rrt is not None and rrt.value is True:
        return _rule("DO-RENAL", Status.MET, f"On renal replacement therapy ({when(rrt.at)}): alternate-day "
                                             "dosing recommended by the product information",
                     (evidence_from(rrt),))
    if crcl is None:
        return _rule("DO-RENAL", Status.UNKNOWN, "No creatinine clearance recorded",
                     missing=("Creatinine clearance",))
    ev = (evidence_from(crcl),)
    text = f"Creatinine clearance {amount(crcl.value, crcl.unit)} on {when(crcl.at)}"
    if clean(crcl.value) < SEVERE_RENAL_CRCL_ML_MIN:
        return _rule("DO-RENAL", Status.MET, f"{text}, under 30 mL/min (severe renal impairment): alternate-day "
                                             "dosing recommended by the product information", ev)
    if clean(crcl.value) < RENAL_CRCL_ML_MIN:
        return _rule("DO-RENAL", Status.MET, f"{text}, under 60 mL/min (moderate renal impairment): consider "
                                             "alternate-day dosing", ev)
    return _rule("DO-RENAL", Status.NOT_MET, f"{text}: 60 mL/min or more, no renal dose adjustment needed", ev)


def _running_courses(f: Facts):
    """The episode's anakinra courses running at the as-of time, read as schedules."""
    return [c for c in f.dosing if c.start <= f.as_of and (c.stop is None or f.as_of < c.stop)]


def _current_course(f: Facts):
    current = _running_courses(f)
    return current[-1] if current else None


def _current_period(f: Facts) -> DosePeriod | None:
    if not f.dose_periods:
        return None
    p = f.dose_periods[-1]
    return p if p.end == f.as_of and _running_courses(f) else None


def do_iv_switch(f: Facts) -> RuleResult:
    """A reminder while any intravenous course runs (a gap shorter than its interval is not
    a stop: the courses are read as schedules)."""
    running = _running_courses(f)
    if not running:
        return _rule("DO-IV-SWITCH", Status.NOT_APPLICABLE, f"No anakinra course running on {when(f.as_of)}")
    iv = [c for c in running if c.route == "iv"]
    if iv:
        c = min(iv, key=lambda c: c.start)
        return _rule("DO-IV-SWITCH", Status.MET, f"Intravenous anakinra since {when(c.start)}: restart subcutaneous "
                                                 "as soon as stable", _course_evidence(c))
    unrouted = [c for c in running if c.route is None]
    if unrouted:
        c = unrouted[0]
        return _rule("DO-IV-SWITCH", Status.UNKNOWN, f"Route of the course from {when(c.start)} not recorded",
                     missing=("Anakinra route (sc or iv)",))
    c = running[-1]
    return _rule("DO-IV-SWITCH", Status.NOT_MET, f"Current course is {c.route} (from {when(c.start)})",
                 _course_evidence(c))


def _calendar_day(f: Facts) -> int:
    return (f.as_of.date() - f.day0.date()).days


def do_specialist(f: Facts, responses: list[RuleResult]) -> RuleResult:
    p = _current_period(f)
    if p is None:
        return _rule("DO-SPECIALIST", Status.NOT_APPLICABLE, f"No anakinra course running on {when(f.as_of)}")
    met = [r.id for r in responses if r.status is Status.MET]
    if met:
        return _rule("DO-SPECIALIST", Status.NOT_MET, f"Responding: {', '.join(met)}")
    day = _calendar_day(f)
    if day < SPECIALIST_FROM_DAY:
        assessable = when(datetime.combine(f.day0.date() + timedelta(days=SPECIALIST_FROM_DAY), datetime.min.time()))
        return _rule("DO-SPECIALIST", Status.UNKNOWN,
                     f"Day {day}: response not yet assessable (from day 7, {assessable})",
                     missing=(f"Response assessment on day 7 ({assessable})",))
    if p.mg_per_kg_day is None:
        return _period_unknown("DO-SPECIALIST", p, "Current dose")
    if at_precision(p.mg_per_kg_day, MAX_MG_KG_DAY_WRITTEN) < Decimal(MAX_MG_KG_DAY_WRITTEN):
        return _rule("DO-SPECIALIST", Status.NOT_MET,
                     f"Total {_mg_kg(p.mg_per_kg_day)} ({p.courses_text()}), {_on_weight(p)}: below the "
                     f"maximum of 8 mg/kg/day{_weight_caution(f, p)}", p.evidence())
    return _rule("DO-SPECIALIST", Status.MET,
                 f"Day {day}: total {_mg_kg(p.mg_per_kg_day)} (the maximum), {_on_weight(p)}, with no response "
                 f"criterion met: seek advice from a specialist HLH centre (HiHASC){_weight_caution(f, p)}",
                 p.evidence())


# --- other obligations -------------------------------------------------------------------


def _hlh2004_protocol(f: Facts):
    """The first etoposide course (the backbone of the HLH-2004 protocol) up to the as-of time."""
    return next((t for t in sorted(f.case.treatments, key=lambda t: t.start)
                 if t.drug == "etoposide" and t.start <= f.as_of), None)


def ivig_indication(f: Facts) -> RuleResult:
    ivig = [t for t in f.case.treatments if t.drug == "ivig" and t.start <= f.as_of]
    if not ivig:
        return _rule("IVIG-INDICATION", Status.NOT_APPLICABLE, "No IVIg given")
    protocol = _hlh2004_protocol(f)
    if f.case.details.hlh_type is HlhType.PRIMARY and protocol is not None:
        return _rule("IVIG-INDICATION", Status.NOT_APPLICABLE,
                     f"Primary HLH treated on the HLH-2004 protocol (etoposide from {when(protocol.start)}): "
                     "the preference for anakinra over IVIg is for secondary HLH",
                     (Evidence("HLH type", "primary"), Evidence("Etoposide from", True, at=protocol.start)))
    given = [t for t in ivig if f.day0 is not None and t.start >= f.day0]
    if not given:
        return _rule("IVIG-INDICATION", Status.NOT_APPLICABLE,
                     f"IVIg given before day 0 (from {when(ivig[0].start)}), not during anakinra treatment",
                     (Evidence("IVIg from", True, at=ivig[0].start),))
    d = f.case.details
    ev = (Evidence("IVIg from", True, at=given[0].start), Evidence("Cardiomyopathy", d.cardiomyopathy),
          Evidence("CNS inflammation", d.cns_inflammation))
    found = [name for name, flag in (("cardiomyopathy", d.cardiomyopathy), ("CNS inflammation", d.cns_inflammation))
             if flag]
    if found:
        return _rule("IVIG-INDICATION", Status.MET, f"IVIg given with {' and '.join(found)} recorded", ev)
    if d.cardiomyopathy is None or d.cns_inflammation is None:
        return _rule("IVIG-INDICATION", Status.UNKNOWN, "IVIg given; cardiomyopathy or CNS inflammation not recorded",
                     ev, ("Cardiomyopathy (yes/no)", "CNS inflammation (yes/no)"))
    return _rule("IVIG-INDICATION", Status.NOT_MET, "IVIg given without cardiomyopathy or CNS inflammation: the "
                                                    "policy prefers anakinra", ev)


def consent_offlabel(f: Facts) -> RuleResult:
    consent = f.case.details.offlabel_consent
    iv = any(p.course.route == "iv" for p in f.episode_anakinra)  # this episode's courses only
    route = " and the unlicensed intravenous route" if iv else ""
    if consent is None:
        return _rule("CONSENT-OFFLABEL", Status.UNKNOWN, f"Not recorded whether informed of off-label use{route}",
                     missing=(f"Patient or next of kin informed of off-label use{route} (yes/no)",))
    ev = (Evidence("Informed of off-label use", consent),)
    if consent:
        return _rule("CONSENT-OFFLABEL", Status.MET, f"Patient or next of kin informed of off-label use{route}", ev)
    return _rule("CONSENT-OFFLABEL", Status.NOT_MET, f"Recorded as not informed of off-label use{route}", ev)


def gov_prior_approval(f: Facts) -> RuleResult:
    ref = (f.case.details.prior_approval_ref or "").strip()
    if not ref:
        return _rule("GOV-PRIOR-APPROVAL", Status.UNKNOWN, "No prior approval reference recorded",
                     missing=("Prior approval reference",))
    return _rule("GOV-PRIOR-APPROVAL", Status.MET, f"Registered: reference {ref}", (Evidence("Prior approval", ref),))


def _since_day0(f: Facts):
    """Monitoring counts from the calendar day anakinra started."""
    return datetime.combine(f.day0.date(), datetime.min.time())


def _monitoring(f: Facts, rule_id: str, kind: str, what: str) -> RuleResult:
    if f.day0 is None:
        return _no_anakinra(rule_id, f)
    checks = [m for m in f.case.monitoring if m.kind == kind and _since_day0(f) <= m.at <= f.as_of]
    if not checks:
        return _rule(rule_id, Status.UNKNOWN, f"No monitoring for {what} recorded since day 0",
                     missing=(f"Monitoring for {what}",))
    last = max(checks, key=lambda m: m.at)
    return _rule(rule_id, Status.MET, f"Monitoring for {what} recorded, latest {when(last.at)}"
                                      f"{' (' + last.note + ')' if last.note else ''}",
                 (Evidence(f"Monitoring for {what}", last.note or True, at=last.at),))


def _measured(f: Facts, rule_id: str, kinds: tuple[str, ...], what: str) -> RuleResult:
    if f.day0 is None:
        return _no_anakinra(rule_id, f)
    found = [o for k in kinds for o in f.index[k].between(_since_day0(f), f.as_of)]
    if not found:
        return _rule(rule_id, Status.UNKNOWN, f"No {what} since day 0", missing=(what.capitalize(),))
    last = max(found, key=lambda o: o.at)
    return _rule(rule_id, Status.MET, f"{describe(evidence_from(last))} (the latest since day 0)",
                 (evidence_from(last),))


def pregnancy(f: Facts) -> RuleResult:
    if f.case.patient.sex is Sex.MALE:
        return _rule("PREGNANCY", Status.NOT_APPLICABLE, "Male patient")
    dob = f.case.patient.date_of_birth
    if f.as_of.date() >= dob and age_in_years(dob, f.as_of.date()) < PREGNANCY_FROM_YEARS:
        return _rule("PREGNANCY", Status.NOT_APPLICABLE,
                     f"Child aged {_age_text(age_in_months(dob, f.as_of.date()))}: under 10 years")
    flag = f.case.details.pregnant_or_breastfeeding
    if flag is None:
        return _rule("PREGNANCY", Status.UNKNOWN, "Pregnancy or breast feeding not recorded",
                     missing=("Pregnant or breast feeding (yes/no)",))
    ev = (Evidence("Pregnant or breast feeding", flag),)
    if flag:
        return _rule("PREGNANCY", Status.MET, "Pregnant or breast feeding: the policy allows anakinra to continue "
                                              "in severe or life-threatening HLH", ev)
    return _rule("PREGNANCY", Status.NOT_MET, "Not pregnant or breast feeding", ev)


# --- all together ------------------------------------------------------------------------


def eligibility_rules(f: Facts) -> list[RuleResult]:
    """The diagnosis, inclusion and exclusion rules: all that eligibility rests on."""
    dx = [dx_hlh2004(f), dx_hscore(f), dx_mhscore(f), dx_ferritin(f), dx_tissue(f)]
    return [*dx, in_diagnosis(dx), in_steroids(f), ex_hypersensitivity(f), ex_age(f), ex_weight(f)]


def evaluate_rules(f: Facts) -> tuple[tuple[RuleResult, ...], Eligibility]:
    responses = [r(f) for r in RESPONSE_RULES]
    death = st_death(f)
    rules = [
        *eligibility_rules(f),
        *responses,
        st_sae(f), st_no_response(f, responses), st_resolution(f), death,
        do_start(f), do_max(f), *_no_prompt_after(death, do_renal(f), do_iv_switch(f), do_specialist(f, responses)),
        ivig_indication(f), consent_offlabel(f), gov_prior_approval(f),
        _monitoring(f, "MON-INFECTION", "infection", "active infection"),
        _monitoring(f, "MON-ALLERGY", "allergy", "allergic reactions"),
        _measured(f, "MON-LFT", ("alt", "ast"), "hepatic enzymes (ALT or AST)"),
        _measured(f, "MON-NEUTROPHILS", ("neutrophils",), "neutrophil count"),
        pregnancy(f),
    ]
    assert [r.id for r in rules] == list(RULE_IDS), "every rule of rules.md, in catalogue order"
    by_id = {r.id: r for r in rules}
    return tuple(rules), eligibility(by_id)
