"""Stand-ins for the store and the policy engine, so the desk's tests do not depend on
their timing: an in-memory store with the real Store's methods, and an evaluator that
makes a small but honest Evaluation (ferritin and weight rules) from a case."""

from __future__ import annotations

import copy
import dataclasses
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
from hlhdesk.core.model import Case, Event, MonitoringCheck, Observation, Treatment
from hlhdesk.errors import InputError


class FakeStoreError(InputError):
    pass


@dataclass(frozen=True)
class CaseSummary:
    case_id: int
    nhs_number: str | None
    hospital_number: str | None
    family_name: str | None
    given_name: str | None
    date_of_birth: date
    sex: str
    hlh_type: str | None
    referring_hospital: str | None
    first_anakinra_start: datetime | None
    observation_count: int
    updated_at: datetime
    eligibility: str | None
    next_review: date | None


_FIELDS = {Observation: "observations", Treatment: "treatments", Event: "events",
           MonitoringCheck: "monitoring"}


class FakeStore:
    def __init__(self):
        self.cases: dict[int, Case] = {}
        self.status: dict[int, dict] = {}
        self.writes = 0
        self.refuse_writes = False
        self._next_id = 1
        self._depth = 0

    @contextmanager
    def transaction(self):
        saved = (copy.deepcopy(self.cases), copy.deepcopy(self.status), self._next_id) if self._depth == 0 else None
        self._depth += 1
        try:
            yield self
        except BaseException:
            if saved is not None:
                self.cases, self.status, self._next_id = saved
            raise
        finally:
            self._depth -= 1

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def _write(self):
        if self.refuse_writes:
            raise FakeStoreError("the database is read-only")
        self.writes += 1

    def add_case(self, case: Case) -> int:
        self._write()
        case_id = self._new_id()
        self.cases[case_id] = Case(case.patient, case.details)
        for name in _FIELDS.values():
            for record in getattr(case, name):
                self.add_record(case_id, record)
        return case_id

    def load_case(self, case_id: int) -> Case:
        return self.cases[case_id]

    def list_cases(self):
        out = []
        for case_id, case in self.cases.items():
            p, d = case.patient, case.details
            starts = [t.start for t in case.treatments if t.drug == "anakinra"]
            st = self.status.get(case_id, {})
            out.append(CaseSummary(case_id, p.nhs_number, p.hospital_number, p.family_name, p.given_name,
                                   p.date_of_birth, p.sex.value, d.hlh_type.value if d.hlh_type else None,
                                   d.referring_hospital, min(starts) if starts else None,
                                   len(case.observations), datetime(2026, 11, 1, 9, 0),
                                   st.get("eligibility"), st.get("next_review")))
        return out

    def update_patient(self, case_id, patient):
        self._write()
        self.cases[case_id] = dataclasses.replace(self.cases[case_id], patient=patient)
        self.status.pop(case_id, None)

    def update_details(self, case_id, details):
        self._write()
        self.cases[case_id] = dataclasses.replace(self.cases[case_id], details=details)
        self.status.pop(case_id, None)

    def add_record(self, case_id, record) -> int:
        self._write()
        record_id = self._new_id()
        name = _FIELDS[type(record)]
        case = self.cases[case_id]
        stored = dataclasses.replace(record, record_id=record_id)
        self.cases[case_id] = dataclasses.replace(case, **{name: (*getattr(case, name), stored)})
        self.status.pop(case_id, None)
        return record_id

    def update_record(self, case_id, record):
        self._write()
        name = _FIELDS[type(record)]
        case = self.cases[case_id]
        records = tuple(record if r.record_id == record.record_id else r for r in getattr(case, name))
        self.cases[case_id] = dataclasses.replace(case, **{name: records})

    def delete_record(self, case_id, record):
        self._write()
        name = _FIELDS[type(record)]
        case = self.cases[case_id]
        records = tuple(r for r in getattr(case, name) if r.record_id != record.record_id)
        self.cases[case_id] = dataclasses.replace(case, **{name: records})

    def set_case_status(self, case_id, **fields):
        self.status[case_id] = fields

    def close(self):
        pass


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
        policy="210701P v2.0 (test)", as_of=as_of, made_at=as_of, app_version="test", day0=day0,
        eligibility=Eligibility(eligibility, tuple(r.id for r in rules), summary="test summary"),
        rules=tuple(rules), hscore=_hscore(150, 190), modified_hscore=_hscore(140, 180),
        hlh2004=criteria, mas2016=criteria, score_series=series,
        ferritin=FerritinTrajectory(Evidence("Ferritin", baseline.value, "ug/L", baseline.at) if baseline else None,
                                    points, None, None),
        dosing=dosing,
    )


def timeline(start: datetime, n: int, step=timedelta(hours=12)):
    return [start + step * i for i in range(n)]
