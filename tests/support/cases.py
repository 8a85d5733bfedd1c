"""Small builders for cases in tests: one line per observation, canonical units by default."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from hlhdesk.core.model import (
    Case, CaseDetails, Event, HlhType, MonitoringCheck, Observation, Patient, Sex, SteroidFirstLine, Treatment,
)
from hlhdesk.core.units import CATALOGUE, to_canonical

T0 = datetime(2026, 10, 3, 10, 0)  # day 0 in most tests
DAY = timedelta(days=1)
ADULT_DOB = date(1984, 5, 17)


def on_day(n: int, hour: int = 12, minute: int = 0) -> datetime:
    """A time on calendar day n of an episode whose first dose is T0."""
    return datetime.combine(T0.date() + timedelta(days=n), datetime.min.time()).replace(hour=hour, minute=minute)

DETAILS = CaseDetails(
    hlh_type=HlhType.SECONDARY, triggers=("rheumatological",), known_immunosuppression=False,
    anakinra_hypersensitivity=False, tissue_diagnosis=False, steroid_first_line=SteroidFirstLine.INEFFECTIVE,
    cardiomyopathy=False, cns_inflammation=False, pregnant_or_breastfeeding=False, offlabel_consent=True,
    prior_approval_ref="BT-000123",
)


def obs(kind: str, value, at: datetime = T0, unit: str | None = None, site: str | None = None) -> Observation:
    """An observation; numbers are converted from `unit` exactly as the case file reader does."""
    spec = CATALOGUE[kind]
    if spec.value_type != "number":
        return Observation(at, kind, value, site=site)
    c = to_canonical(kind, value, unit or spec.canonical_unit)
    return Observation(at, kind, c.value, c.unit, c.entered_value, c.entered_unit)


def anakinra(start: datetime = T0, dose: float = 100, every: float = 8, route: str = "sc",
             stop: datetime | None = None) -> Treatment:
    return Treatment("anakinra", start, stop, dose_mg=dose, every_hours=every, route=route)


def steroid(name: str, dose: float, start: datetime, stop: datetime | None = None, every: float = 24) -> Treatment:
    return Treatment("corticosteroid", start, stop, name=name, dose_mg=dose, every_hours=every, route="iv")


def case(*observations: Observation, treatments=(), events=(), monitoring=(), dob: date = ADULT_DOB,
         sex: Sex = Sex.FEMALE, **details) -> Case:
    return Case(
        patient=Patient(dob, sex, nhs_number="9434765919", family_name="Example", given_name="Alex"),
        details=replace(DETAILS, **details),
        observations=tuple(observations), treatments=tuple(treatments), events=tuple(events),
        monitoring=tuple(monitoring),
    )


def event(kind: str, at: datetime, note: str | None = None) -> Event:
    return Event(at, kind, note)


def check(kind: str, at: datetime, note: str | None = None) -> MonitoringCheck:
    return MonitoringCheck(at, kind, note)


def hscore_panel(at: datetime = T0, **overrides) -> list[Observation]:
    """A full HScore panel scoring 0 points (all normal, no findings); override items by kind."""
    values = dict(temperature=37.0, hepatomegaly=False, splenomegaly=False, haemoglobin=130, wbc=7.0,
                  platelets=250, ferritin=300, triglycerides=1.0, fibrinogen=3.5, ast=20)
    values.update(overrides)
    out = [obs(k, v, at) for k, v in values.items() if v is not None]
    return out


def marrow(value: bool, at: datetime = T0, site: str = "bone_marrow") -> Observation:
    return obs("haemophagocytosis", value, at, site=site)
