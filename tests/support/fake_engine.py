"""A stand-in for the policy engine: an evaluator that makes a small but honest
Evaluation (ferritin and weight rules, score series, doses) from a case, so the desk's
tests say exactly what the panel and plots must show."""

from __future__ import annotations

from datetime import datetime, timedelta

from hlhdesk.core.evaluation import (
    CourseDose,
    CriteriaResult,
    Eligibility,
    EligibilityStatus,
    Evaluation,
    Evidence,
    FerritinPoint,
    FerritinTrajectory,
    HScoreResult,
    RuleGroup,
    RuleResult,
    ScorePoint,
    Status,
)
from hlhdesk.core.model import Case
from hlhdesk.core.policy import PolicySettings, policy_module
from hlhdesk.core.policy.marks import marks_from

CURRENT_MARKS = marks_from(policy_module(), PolicySettings().modified_hscore)


def _hscore(low: int, high: int) -> HScoreResult:
    return HScoreResult("HScore (Fardet 2014)", low, high, (), (), "54%", 169)


def fake_evaluate(case: Case, as_of: datetime) -> Evaluation:
    ferritins = sorted((o for o in case.observations_of("ferritin") if o.at <= as_of), key=lambda o: o.at)
    weights = sorted((o for o in case.observations_of("weight") if o.at <= as_of), key=lambda o: o.at)
    rules = []
    if not ferritins:
        rules.append(RuleResult("DX-FERRITIN", RuleGroup.DIAGNOSIS, "Ferritin > 10,000 µg/L", Status.UNKNOWN,
                                "No ferritin recorded", missing=("a ferritin",),
                                policy_text="ferritin > 10,000"))
    else:
        top = max(ferritins, key=lambda o: o.value)
        status = Status.MET if top.value > 10_000 else Status.NOT_MET
        rules.append(RuleResult("DX-FERRITIN", RuleGroup.DIAGNOSIS, "Ferritin > 10,000 µg/L", status,
                                f"Highest ferritin {top.value:g} µg/L",
                                evidence=(Evidence("Ferritin", top.value, "ug/L", top.at),),
                                policy_text="ferritin > 10,000"))
    if not weights:
        rules.append(RuleResult("EX-WEIGHT", RuleGroup.EXCLUSION, "Weight under 10 kg", Status.UNKNOWN,
                                "No weight recorded", missing=("a weight",)))
    else:
        w = weights[-1]
        rules.append(RuleResult("EX-WEIGHT", RuleGroup.EXCLUSION, "Weight under 10 kg",
                                Status.MET if w.value < 10 else Status.NOT_MET, f"Latest weight {w.value:g} kg",
                                evidence=(Evidence("Weight", w.value, "kg", w.at),)))
    dx, ex = rules[0].status, rules[1].status
    if ex == Status.MET or dx == Status.NOT_MET:
        eligibility = EligibilityStatus.NOT_ELIGIBLE
    elif dx == Status.MET and ex == Status.NOT_MET:
        eligibility = EligibilityStatus.ELIGIBLE
    else:
        eligibility = EligibilityStatus.INSUFFICIENT_DATA
    starts = sorted(t.start for t in case.treatments if t.drug == "anakinra" and t.start <= as_of)
    day0 = starts[0] if starts else None
    baseline = ferritins[0] if ferritins else None
    points = tuple(FerritinPoint(o.at, o.value, None, None) for o in ferritins)
    dosing = tuple(
        CourseDose(t.start, t.stop, t.route, t.dose_mg, t.every_hours, t.daily_dose_mg,
                   Evidence("Weight", weights[-1].value, "kg", weights[-1].at) if weights else None,
                   t.daily_dose_mg / weights[-1].value if weights and t.daily_dose_mg else None)
        for t in case.treatments if t.drug == "anakinra" and t.start <= as_of)
    series = tuple(ScorePoint(o.at, 150 + i * 10, 190 + i * 10, 4, 2) for i, o in enumerate(ferritins))
    criteria = CriteriaResult("HLH-2004", (), 4, 2, 2, 5)
    return Evaluation(
        policy="210701P v2.0 (test)", marks=CURRENT_MARKS, as_of=as_of, made_at=as_of, app_version="test", day0=day0,
        eligibility=Eligibility(eligibility, tuple(r.id for r in rules), summary="test summary"),
        rules=tuple(rules), hscore=_hscore(150, 190), modified_hscore=_hscore(140, 180),
        hlh2004=criteria, mas2016=criteria, score_series=series,
        ferritin=FerritinTrajectory(Evidence("Ferritin", baseline.value, "ug/L", baseline.at) if baseline else None,
                                    points, None, None),
        dosing=dosing,
    )


def timeline(start: datetime, n: int, step=timedelta(hours=12)):
    return [start + step * i for i in range(n)]
