"""Shared helpers for the benchmarks: synthetic cases the size of a real demo case.

A "demo-sized" case is a month of daily bloods (ferritin, counts, chemistry, vital signs)
in the units referrers use, a few findings, an anakinra course with dose changes, steroids
and events: 200 observations. Everything is seeded, so every run measures the same data.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hlhdesk.core import units
from hlhdesk.core.casefile.caseio import write_case_file
from hlhdesk.core.model import (
    Case, CaseDetails, Event, HlhType, MonitoringCheck, Observation, Patient, Sex, Treatment,
)

# (kind, entered unit, typical low, typical high) for the daily panel.
DAILY_PANEL = (
    ("ferritin", "ug/L", 800, 60_000), ("haemoglobin", "g/L", 65, 120),
    ("platelets", "10^9/L", 15, 250), ("neutrophils", "10^9/L", 0.3, 8),
    ("wbc", "10^9/L", 1, 15), ("triglycerides", "mg/dL", 150, 500),
    ("fibrinogen", "g/L", 0.8, 4), ("crp", "mg/L", 5, 250),
    ("temperature", "degC", 36.5, 40.2),
)
START = datetime(2026, 9, 1, 8, 0)


def synthetic_nhs_number(rng: random.Random) -> str:
    """A valid number from the 999 test range (modulus 11)."""
    while True:
        body = "999" + "".join(rng.choice("0123456789") for _ in range(6))
        check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1))) % 11
        if check != 10:
            return body + str(0 if check == 11 else check)


def measurement(at: datetime, kind: str, unit: str, entered: float) -> Observation:
    converted = units.to_canonical(kind, entered, unit)
    return Observation(at, kind, converted.value, converted.unit, converted.entered_value, unit)


def demo_sized_case(seed: int, observations: int = 200) -> Case:
    rng = random.Random(seed)
    made: list[Observation] = []
    day = 0
    while len(made) < observations:
        at = START + timedelta(days=day, minutes=rng.randrange(0, 120))
        for kind, unit, low, high in DAILY_PANEL:
            made.append(measurement(at, kind, unit, round(rng.uniform(low, high), 1)))
        made.append(Observation(at, rng.choice(("splenomegaly", "hepatomegaly")), rng.random() < 0.5))
        day += 1
    start = START + timedelta(days=2, hours=4)
    return Case(
        patient=Patient(
            date_of_birth=date(1950, 1, 1) + timedelta(days=rng.randrange(0, 25_000)),
            sex=rng.choice(list(Sex)), nhs_number=synthetic_nhs_number(rng),
            hospital_number=f"BX{seed:07d}", family_name=f"Synthetic{seed}", given_name="Pat",
        ),
        details=CaseDetails(referring_hospital="Synthetic General", hlh_type=HlhType.SECONDARY,
                            triggers=("viral_infection",), offlabel_consent=True),
        observations=tuple(made[:observations]),
        treatments=(
            Treatment("anakinra", start, start + timedelta(days=3), dose_mg=100, every_hours=12, route="sc"),
            Treatment("anakinra", start + timedelta(days=3), None, dose_mg=100, every_hours=6, route="iv"),
            Treatment("corticosteroid", START, None, "dexamethasone", 20, 24, "iv"),
        ),
        events=(Event(start + timedelta(days=5), "note", "reviewed at MDT"),),
        monitoring=(MonitoringCheck(start + timedelta(days=1), "infection", "cultures sent"),),
    )


@pytest.fixture(scope="session")
def thousand_cases() -> list[Case]:
    return [demo_sized_case(seed) for seed in range(1000)]


@pytest.fixture(scope="session")
def thousand_case_files(tmp_path_factory, thousand_cases) -> list[Path]:
    folder = tmp_path_factory.mktemp("case-files")
    paths = []
    for index, case in enumerate(thousand_cases):
        path = folder / f"case{index:04d}.json"
        write_case_file(case, path)
        paths.append(path)
    return paths
