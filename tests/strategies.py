"""Hypothesis strategies for valid cases, shared by every test that needs "any case".

`cases()` draws a `Case` that a case file can hold exactly (so it round-trips): every
numeric observation is made the way the reader makes it, from an entered value and unit
through `hlhdesk.core.units.to_canonical`, and every date falls after the date of birth.
`case_documents()` draws the same as case-file dicts.
"""

from __future__ import annotations

from datetime import date, datetime

import nhs_number
from hypothesis import strategies as st

from hlhdesk.core import units
from hlhdesk.core.casefile.caseio import MAX_DOSE_MG, MAX_EVERY_HOURS, case_to_dict
from hlhdesk.core.model import (
    CORTICOSTEROIDS, DRUGS, EVENT_KINDS, MONITORING_KINDS, ROUTES, TRIGGERS, Case, CaseDetails,
    Event, HlhType, MonitoringCheck, Observation, Patient, Sex, SteroidFirstLine, Treatment,
)

# Births end before clinical time begins, so no record can fall before the date of birth.
BIRTHS = (date(1925, 1, 1), date(2025, 12, 31))
CLINICAL_TIME = (datetime(2026, 1, 1), datetime(2027, 12, 31, 23, 59))


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text a person might type: not blank (blank means "not recorded" in a case file)."""
    return st.text(min_size=1, max_size=max_size).filter(lambda s: s.strip())


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


@st.composite
def nhs_numbers(draw) -> str:
    """A valid NHS number from the 999 test range (never a real patient's)."""
    body = "999" + "".join(str(draw(st.integers(0, 9))) for _ in range(6))
    total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    digits = body + str(check)
    if check == 10 or not nhs_number.is_valid(digits):
        return "9997631706"  # a check digit of 10 has no number: fall back to a known good one
    return digits


def moments(low: datetime = CLINICAL_TIME[0], high: datetime = CLINICAL_TIME[1]):
    """Clinical times: mostly whole minutes as people write them, sometimes with seconds."""
    whole_minutes = st.datetimes(low, high).map(lambda d: d.replace(second=0, microsecond=0))
    midnight = st.dates(low.date(), high.date()).map(lambda d: datetime(d.year, d.month, d.day))
    return whole_minutes | midnight | st.datetimes(low, high)


@st.composite
def patients(draw) -> Patient:
    nhs = draw(optional(nhs_numbers()))
    hospital = draw(texts(20) if nhs is None else optional(texts(20)))
    return Patient(
        date_of_birth=draw(st.dates(*BIRTHS)),
        sex=draw(st.sampled_from(Sex)),
        nhs_number=nhs,
        hospital_number=hospital,
        family_name=draw(optional(texts())),
        given_name=draw(optional(texts())),
    )


def case_details() -> st.SearchStrategy[CaseDetails]:
    flag = optional(st.booleans())
    return st.builds(
        CaseDetails,
        referring_hospital=optional(texts()),
        referring_clinician=optional(texts()),
        hlh_type=optional(st.sampled_from(HlhType)),
        triggers=optional(st.lists(st.sampled_from(TRIGGERS), unique=True, max_size=3).map(tuple)),
        trigger_notes=optional(texts(200)),
        known_immunosuppression=flag,
        anakinra_hypersensitivity=flag,
        tissue_diagnosis=flag,
        steroid_first_line=optional(st.sampled_from(SteroidFirstLine)),
        cardiomyopathy=flag,
        cns_inflammation=flag,
        pregnant_or_breastfeeding=flag,
        offlabel_consent=flag,
        prior_approval_ref=optional(texts(20)),
        episode_starts=optional(st.lists(moments(), min_size=1, max_size=2, unique=True).map(
            lambda starts: tuple(sorted(starts)))),
    )


def _entered_range(spec: units.Analyte, conversion: units.Conversion) -> tuple[float, float]:
    """The plausible range in an entered unit (every conversion is linear and increasing)."""
    offset = conversion.to_canonical(0.0)
    slope = conversion.to_canonical(1.0) - offset
    return (spec.plausible_min - offset) / slope, (spec.plausible_max - offset) / slope


@st.composite
def measurements(draw, kind: str | None = None, at=None) -> Observation:
    numeric = [k for k, a in units.CATALOGUE.items() if a.value_type == "number"]
    kind = kind or draw(st.sampled_from(numeric))
    spec = units.analyte(kind)
    conversion = draw(st.sampled_from(spec.conversions))
    low, high = _entered_range(spec, conversion)
    entered = draw(
        st.integers(int(low) + 1, int(high) - 1).map(float)
        | st.floats(low, high, allow_nan=False, allow_infinity=False)
    )
    try:
        converted = units.to_canonical(kind, entered, conversion.unit)
    except units.UnitError:  # rounding at the very edge of the range: take the canonical floor
        converted = units.to_canonical(kind, spec.plausible_min, spec.canonical_unit)
    return Observation(
        at=draw(at if at is not None else moments()), kind=kind, value=converted.value, unit=converted.unit,
        entered_value=converted.entered_value, entered_unit=converted.entered_unit,
    )


@st.composite
def findings(draw, at=None) -> Observation:
    others = [k for k, a in units.CATALOGUE.items() if a.value_type != "number"]
    kind = draw(st.sampled_from(others))
    spec = units.analyte(kind)
    value = draw(st.sampled_from(spec.choices) if spec.value_type == "choice" else st.booleans())
    site = None
    if kind == "haemophagocytosis":
        site = draw(optional(st.sampled_from(units.HAEMOPHAGOCYTOSIS_SITES)))
    return Observation(at=draw(at if at is not None else moments()), kind=kind, value=value, site=site)


def observations() -> st.SearchStrategy[Observation]:
    return measurements() | findings()


@st.composite
def treatments(draw) -> Treatment:
    drug = draw(st.sampled_from(DRUGS))
    start = draw(moments())
    stop = draw(optional(moments(low=start).filter(lambda moment: moment >= start)))
    name = draw(optional(st.sampled_from(CORTICOSTEROIDS) if drug == "corticosteroid" else texts()))
    return Treatment(
        drug=drug, start=start, stop=stop, name=name,
        dose_mg=draw(optional(st.floats(0.5, MAX_DOSE_MG) | st.sampled_from([1.0, 100.0, 20.0]))),
        every_hours=draw(optional(st.sampled_from([6.0, 8.0, 12.0, 24.0, 0.5, MAX_EVERY_HOURS]))),
        route=draw(optional(st.sampled_from(ROUTES))),
        alongside=draw(st.booleans()),
    )


def events() -> st.SearchStrategy[Event]:
    return st.builds(Event, at=moments(), kind=st.sampled_from(EVENT_KINDS), note=optional(texts(200)))


def monitoring_checks() -> st.SearchStrategy[MonitoringCheck]:
    return st.builds(MonitoringCheck, at=moments(), kind=st.sampled_from(MONITORING_KINDS),
                     note=optional(texts()))


def cases(max_observations: int = 30) -> st.SearchStrategy[Case]:
    return st.builds(
        Case,
        patient=patients(),
        details=case_details(),
        observations=st.lists(observations(), max_size=max_observations).map(tuple),
        treatments=st.lists(treatments(), max_size=5).map(tuple),
        events=st.lists(events(), max_size=3).map(tuple),
        monitoring=st.lists(monitoring_checks(), max_size=3).map(tuple),
    )


def case_documents(max_observations: int = 30) -> st.SearchStrategy[dict]:
    """Valid case files, as the dict a JSON reader would give."""
    return cases(max_observations).map(case_to_dict)
