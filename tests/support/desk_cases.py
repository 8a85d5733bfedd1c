"""Synthetic cases for the desk's tests and benchmarks (NHS numbers from the 999 range)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import nhs_number

from hlhdesk.core.model import (
    Case,
    CaseDetails,
    Event,
    HlhType,
    Observation,
    Patient,
    Sex,
    SteroidFirstLine,
    Treatment,
)

DAY0 = datetime(2026, 10, 3, 10, 0)

FERRITINS = [(-2, 24_000), (-1, 31_500), (0, 38_052), (1, 35_000), (2, 29_800), (4, 21_000),
             (6, 15_400), (8, 9_800), (11, 6_100), (14, 4_200)]


def synthetic_nhs_numbers(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    numbers: set[str] = set()
    while len(numbers) < count:
        candidate = f"999{rng.randrange(10**7):07d}"
        if nhs_number.is_valid(candidate):
            numbers.add(candidate)
    return sorted(numbers)


def ferritin(at: datetime, value: float, unit: str = "ug/L") -> Observation:
    return Observation(at=at, kind="ferritin", value=float(value), unit="ug/L",
                       entered_value=float(value), entered_unit=unit)


def demo_case(family="Example", given="Alex", nhs="9990000018", extra_observations: int = 0) -> Case:
    observations = [ferritin(DAY0 + timedelta(days=d, hours=-2), v) for d, v in FERRITINS]
    observations += [
        Observation(DAY0 - timedelta(days=1), "weight", 71.0, "kg", 71.0, "kg"),
        Observation(DAY0 - timedelta(hours=3), "temperature", 39.6, "degC", 39.6, "degC"),
        Observation(DAY0 - timedelta(hours=3), "triglycerides", 310.0 / 88.57, "mmol/L", 310.0, "mg/dL"),
        Observation(DAY0 - timedelta(days=1), "splenomegaly", True),
    ]
    for i in range(extra_observations):
        at = DAY0 - timedelta(days=3) + timedelta(hours=2 * i)
        observations.append(Observation(at, "crp", float(50 + i % 100), "mg/L", float(50 + i % 100), "mg/L"))
    treatments = [
        Treatment("anakinra", DAY0, DAY0 + timedelta(days=5), dose_mg=100, every_hours=8, route="sc"),
        Treatment("anakinra", DAY0 + timedelta(days=5), None, dose_mg=200, every_hours=8, route="sc"),
        Treatment("corticosteroid", DAY0 - timedelta(days=3), None, name="dexamethasone", dose_mg=20,
                  every_hours=24, route="iv"),
    ]
    events = [Event(DAY0 + timedelta(days=2), "note", "MDT discussed")]
    return Case(
        patient=Patient(date(1984, 5, 17), Sex.FEMALE, nhs, "RX0012345", family, given),
        details=CaseDetails(referring_hospital="St Elsewhere", hlh_type=HlhType.SECONDARY,
                            triggers=("rheumatological",), steroid_first_line=SteroidFirstLine.INEFFECTIVE),
        observations=tuple(observations), treatments=tuple(treatments), events=tuple(events),
    )


def small_case(family: str, given: str, nhs: str | None, hospital: str | None) -> Case:
    return Case(patient=Patient(date(1990, 1, 2), Sex.MALE, nhs, hospital, family, given))
