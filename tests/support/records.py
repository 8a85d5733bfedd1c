"""A hand-made case and Evaluation for the report tests: every rule ID of
policy/rules.md, evidence with dates and converted units, an incomplete HScore, and a
scalable number of observations (the 400-observation case spans several pages)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hlhdesk.core.evaluation import (
    CourseDose, Criterion, CriteriaResult, Eligibility, EligibilityStatus, Evaluation,
    Evidence, FerritinPoint, FerritinTrajectory, HScoreResult, RuleGroup, RuleResult,
    ScoreItem, ScorePoint, Status,
)
from hlhdesk.core.meetings.meeting import (
    Action, AgendaItem, AgendaReason, Attendee, Decision, Meeting, Outcome, SignOff,
)
from hlhdesk.core.model import Case, CaseDetails, Event, HlhType, Observation, Patient, Sex, SteroidFirstLine, Treatment

DAY0 = datetime(2026, 10, 3, 10, 0)
AS_OF = datetime(2026, 10, 17, 9, 0)
MADE_AT = datetime(2026, 10, 17, 9, 5)
NHS = "9434765919"

RULE_IDS = {
    RuleGroup.DIAGNOSIS: ("DX-HLH2004", "DX-HSCORE", "DX-MHSCORE", "DX-FERRITIN", "DX-TISSUE"),
    RuleGroup.INCLUSION: ("IN-DIAGNOSIS", "IN-STEROIDS"),
    RuleGroup.EXCLUSION: ("EX-HYPERSENSITIVITY", "EX-AGE", "EX-WEIGHT"),
    RuleGroup.RESPONSE: ("RE-ORGAN-SUPPORT", "RE-HSCORE-SERIAL", "RE-FERRITIN-7D", "RE-STEROID-14D"),
    RuleGroup.STOPPING: ("ST-SAE", "ST-NO-RESPONSE", "ST-RESOLUTION", "ST-DEATH"),
    RuleGroup.DOSING: ("DO-START", "DO-MAX", "DO-RENAL", "DO-IV-SWITCH", "DO-SPECIALIST"),
    RuleGroup.OBLIGATIONS: ("IVIG-INDICATION", "CONSENT-OFFLABEL", "GOV-PRIOR-APPROVAL",
                            "MON-INFECTION", "MON-ALLERGY", "MON-LFT", "MON-NEUTROPHILS", "PREGNANCY"),
}
ALL_RULE_IDS = tuple(i for ids in RULE_IDS.values() for i in ids)
_STATUS_CYCLE = (Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.NOT_APPLICABLE)


def sample_case(observations: int = 24) -> Case:
    obs = []
    kinds = (("ferritin", "ug/L", 38052.0), ("temperature", "degC", 39.6), ("platelets", "10^9/L", 62.0),
             ("haemoglobin", "g/L", 84.0), ("ast", "U/L", 120.0), ("neutrophils", "10^9/L", 0.8))
    step_hours = min(36.0, 16 * 24 / max(1, observations // 6))  # all inside the 16 days to AS_OF
    for i in range(observations):
        kind, unit, first = kinds[i % len(kinds)]
        at = DAY0 - timedelta(days=3) + timedelta(hours=step_hours * (i // len(kinds)))
        value = round(first * (0.93 ** (i // len(kinds))), 1) if kind == "ferritin" else first
        obs.append(Observation(at=at, kind=kind, value=value, unit=unit,
                               entered_value=value, entered_unit="ng/mL" if kind == "ferritin" and i == 0 else unit))
    obs.append(Observation(at=DAY0 - timedelta(days=3), kind="weight", value=72.0, unit="kg"))
    obs.append(Observation(at=DAY0 - timedelta(days=2), kind="splenomegaly", value=True))
    return Case(
        patient=Patient(date_of_birth=date(1984, 5, 17), sex=Sex.FEMALE, nhs_number=NHS,
                        hospital_number="RX0012345", family_name="Example", given_name="Alex"),
        details=CaseDetails(referring_hospital="St Elsewhere", referring_clinician="Dr A Consultant",
                            hlh_type=HlhType.SECONDARY, triggers=("rheumatological",),
                            trigger_notes="adult-onset Still's disease",
                            steroid_first_line=SteroidFirstLine.INEFFECTIVE, offlabel_consent=True,
                            prior_approval_ref="BT-000123"),
        observations=tuple(obs),
        treatments=(
            Treatment("anakinra", DAY0, DAY0 + timedelta(days=5), dose_mg=100, every_hours=8, route="sc"),
            Treatment("anakinra", DAY0 + timedelta(days=5), None, dose_mg=200, every_hours=6, route="iv"),
            Treatment("corticosteroid", DAY0 - timedelta(days=3), None, name="dexamethasone",
                      dose_mg=20, every_hours=24, route="iv"),
        ),
        events=(Event(DAY0 + timedelta(days=2), "infection", "line infection, treated"),),
    )


def _rule(group: RuleGroup, rule_id: str, n: int) -> RuleResult:
    status = _STATUS_CYCLE[n % 4]
    return RuleResult(
        id=rule_id, group=group, title=f"Rule {rule_id}", status=status,
        detail=f"{rule_id} detail: a line a clinician can read aloud (≥ 10,000 µg/L).",
        evidence=(Evidence("Ferritin", 38052.0, "ug/L", DAY0 - timedelta(days=3), entered="38052 ng/mL"),
                  Evidence("Platelets", 62.0, "10^9/L", DAY0 - timedelta(days=1))),
        policy_text="The policy sentence.",
        missing=("fibrinogen",) if status == Status.UNKNOWN else (),
        setting="modified HScore: HScore without marrow haemophagocytosis, > 132" if rule_id == "DX-MHSCORE" else None,
    )


def _hscore(variant: str, threshold: int) -> HScoreResult:
    items = (
        ScoreItem("immunosuppression", "Known immunosuppression", 0, 0, 18, Evidence("Known immunosuppression", False)),
        ScoreItem("temperature", "Temperature", 49, 0, 49, Evidence("Temperature", 39.6, "degC", DAY0)),
        ScoreItem("organomegaly", "Organomegaly", 23, 0, 38, Evidence("Splenomegaly", True, None, DAY0)),
        ScoreItem("cytopenias", "Cytopenias", 24, 0, 34, Evidence("Lineages", 2, None, DAY0)),
        ScoreItem("ferritin", "Ferritin", 50, 0, 50, Evidence("Ferritin", 38052.0, "ug/L", DAY0)),
        ScoreItem("triglycerides", "Triglycerides", None, 0, 64),
        ScoreItem("fibrinogen", "Fibrinogen", None, 0, 30),
        ScoreItem("ast", "AST", 19, 0, 19, Evidence("AST", 120.0, "U/L", DAY0)),
        ScoreItem("haemophagocytosis", "Haemophagocytosis on marrow aspirate", None, 0, 35),
    )
    return HScoreResult(variant=variant, low=165, high=294, items=items,
                        missing=("Triglycerides", "Fibrinogen", "Haemophagocytosis on marrow aspirate"),
                        probability="40% to > 99%", threshold=threshold)


def _criteria(name: str, needed: int, labels: tuple[str, ...]) -> CriteriaResult:
    crit = tuple(Criterion(f"c{i}", label, _STATUS_CYCLE[i % 3], f"{label}: detail",
                           (Evidence(label, 1.0, "g/L", DAY0),)) for i, label in enumerate(labels))
    count = lambda s: sum(c.status == s for c in crit)  # noqa: E731
    return CriteriaResult(name, crit, count(Status.MET), count(Status.NOT_MET), count(Status.UNKNOWN), needed)


def sample_evaluation(case: Case | None = None) -> Evaluation:
    rules, n = [], 0
    for group, ids in RULE_IDS.items():
        for rule_id in ids:
            rules.append(_rule(group, rule_id, n))
            n += 1
    ferritins = [o for o in (case or sample_case()).observations_of("ferritin")]
    baseline = Evidence("Baseline ferritin", 38052.0, "ug/L", DAY0 - timedelta(days=3))
    points = tuple(FerritinPoint(o.at, float(o.value), (o.at - DAY0).total_seconds() / 86400 if o.at >= DAY0 else None,
                                 (float(o.value) / 38052.0 - 1) * 100) for o in ferritins)
    return Evaluation(
        policy="210701P v2.0", as_of=AS_OF, made_at=MADE_AT, app_version="0.1.0", day0=DAY0,
        eligibility=Eligibility(EligibilityStatus.ELIGIBLE, ("IN-DIAGNOSIS", "IN-STEROIDS", "EX-AGE"),
                                (), "Diagnosis by ferritin; steroids ineffective; no exclusion met."),
        rules=tuple(rules),
        hscore=_hscore("HScore (Fardet 2014)", 169),
        modified_hscore=_hscore("Modified HScore (no marrow item), > 132", 132),
        hlh2004=_criteria("HLH-2004", 5, ("Fever ≥ 38.5 °C", "Splenomegaly", "Cytopenias", "Triglycerides or fibrinogen",
                                          "Haemophagocytosis", "Low NK activity", "Ferritin ≥ 500 µg/L", "sCD25 ≥ 2,400 U/mL")),
        mas2016=_criteria("MAS 2016 (information only)", 2, ("Ferritin > 684 µg/L", "Platelets ≤ 181 x10⁹/L")),
        score_series=tuple(ScorePoint(DAY0 + timedelta(days=d), 150 + 10 * d if d < 3 else 200 - 8 * d,
                                      230 - 5 * d, 4, 2) for d in range(-2, 12, 2)),
        ferritin=FerritinTrajectory(baseline, points, 35.2, DAY0 + timedelta(days=6)),
        dosing=(
            CourseDose(DAY0, DAY0 + timedelta(days=5), "sc", 100, 8, 300, Evidence("Weight", 72.0, "kg", DAY0 - timedelta(days=3)), 4.17),
            CourseDose(DAY0 + timedelta(days=5), None, "iv", 200, 6, 800, Evidence("Weight", 72.0, "kg", DAY0 - timedelta(days=3)), 11.11,
                       note="weight is 8 days older than the course"),
        ),
        warnings=("Weight is 8 days older than the IV course.",),
    )


def sample_meeting() -> Meeting:
    return Meeting(
        held_on=date(2026, 10, 17), chair="Dr C Chair",
        attendees=(Attendee("Dr C Chair", "Haematologist"), Attendee("Dr R Rheum", "Rheumatologist"),
                   Attendee("Ms P Pharm", "Pharmacist")),
        agenda=(AgendaItem(1, 1, AgendaReason.DAY14_REVIEW),),
        meeting_id=7,
    )


def sample_outcome() -> Outcome:
    return Outcome(case_id=1, meeting_id=7, decision=Decision.CONTINUE,
                   rationale="Ferritin falling by 35% from baseline; HScore falling. Continue at current dose.",
                   actions=(Action("Repeat ferritin and LFTs", "Dr A Consultant", date(2026, 10, 20)),),
                   next_review=date(2026, 10, 24), prior_approval_ref="BT-000123")


def sample_signoff() -> SignOff:
    return SignOff(outcome=sample_outcome(), signed_by="Dr C Chair", signed_at=datetime(2026, 10, 17, 13, 45),
                   case_json="", evaluation_json="", policy="210701P v2.0", app_version="0.1.0")
