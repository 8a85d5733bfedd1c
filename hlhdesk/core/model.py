"""The case model: frozen dataclasses that hold one HLH case in canonical units.

They mirror the case file (docs/case-format.md): `Patient` is its "patient"
object, `CaseDetails` its "case" object, and `Case` the whole file. Every field that
the file may leave out is `None` here, meaning "not recorded" (unknown), never "no".

`record_id` on observations, treatments, events and monitoring checks is the store's
row id when the record came from the database; it takes no part in equality, so a case
read from a file equals the same case read back from the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

import nhs_number as _nhs


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class HlhType(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    UNKNOWN = "unknown"


class SteroidFirstLine(StrEnum):
    NOT_GIVEN = "not_given"
    EFFECTIVE = "effective"
    INEFFECTIVE = "ineffective"
    WOULD_OBSCURE_DIAGNOSIS = "would_obscure_diagnosis"
    CONTRAINDICATED = "contraindicated"


TRIGGERS = (
    "rheumatological", "haematological_malignancy", "solid_malignancy", "viral_infection",
    "bacterial_infection", "fungal_infection", "other_infection", "car_t", "transplant",
    "immunodeficiency", "drug", "unknown", "other",
)

DRUGS = (
    "anakinra", "corticosteroid", "ivig", "ciclosporin", "etoposide", "emapalumab",
    "ruxolitinib", "tocilizumab", "other",
)
CORTICOSTEROIDS = ("prednisolone", "methylprednisolone", "dexamethasone", "hydrocortisone")
ROUTES = ("sc", "iv", "oral")

# Each drug's usual route (which corticosteroid, for that drug): what a course form shows
# until the user chooses one. A drug commonly given more than one way (dexamethasone,
# ciclosporin, etoposide, tocilizumab, other drugs) has none: the route is always asked.
USUAL_ROUTES = {
    ("anakinra", None): "sc",  # its licensed route; IV is unlicensed (DO-IV-SWITCH)
    ("corticosteroid", "prednisolone"): "oral",
    ("corticosteroid", "methylprednisolone"): "iv",
    ("corticosteroid", "hydrocortisone"): "iv",
    ("ivig", None): "iv",
    ("emapalumab", None): "iv",
    ("ruxolitinib", None): "oral",
}


def usual_route(drug: str | None, name: str | None = None) -> str | None:
    """The usual route of `drug` (`name`: which corticosteroid), None if there is no one."""
    return USUAL_ROUTES.get((drug, name if drug == "corticosteroid" else None))

EVENT_KINDS = (
    "serious_adverse_event", "hypersensitivity_reaction", "infection", "hlh_resolved",
    "discharge", "death", "note",
    # For ICU days in the service audit (an optional extension of case file v1).
    "icu_admission", "icu_discharge",
)

# An optional extension of case file v1 ("monitoring": [...]): the policy asks that
# patients on anakinra are monitored for active infection and allergic reactions, and the
# MDT needs somewhere to record that it was done.
MONITORING_KINDS = ("infection", "allergy")


def normalise_nhs_number(text: str) -> str:
    """Digits only; raises ValueError if it is not a valid NHS number (modulus 11)."""
    digits = "".join(ch for ch in text if not ch.isspace())
    if len(digits) != 10 or not digits.isdigit():
        raise ValueError("an NHS number has 10 digits")
    if not _nhs.is_valid(digits):
        raise ValueError(f"{format_nhs_number(digits)} fails the NHS number check digit")
    return digits


def format_nhs_number(digits: str | None) -> str:
    """NHS numbers are printed 3 3 4: 943 476 5919."""
    if not digits:
        return ""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else digits


def display_name(family_name: str | None, given_name: str | None) -> str:
    """How the NHS prints a name in a list: FAMILY, Given."""
    family = (family_name or "").upper()
    given = given_name or ""
    if family and given:
        return f"{family}, {given}"
    return family or given or "(no name recorded)"


@dataclass(frozen=True)
class Patient:
    date_of_birth: date
    sex: Sex
    nhs_number: str | None = None  # 10 digits, no spaces, check digit valid
    hospital_number: str | None = None
    family_name: str | None = None
    given_name: str | None = None

    @property
    def display_name(self) -> str:
        return display_name(self.family_name, self.given_name)

    @property
    def initials(self) -> str:
        return "".join(n[0].upper() for n in (self.given_name, self.family_name) if n)


@dataclass(frozen=True)
class CaseDetails:
    referring_hospital: str | None = None
    referring_clinician: str | None = None
    hlh_type: HlhType | None = None
    triggers: tuple[str, ...] | None = None
    trigger_notes: str | None = None
    known_immunosuppression: bool | None = None
    anakinra_hypersensitivity: bool | None = None
    tissue_diagnosis: bool | None = None
    steroid_first_line: SteroidFirstLine | None = None
    cardiomyopathy: bool | None = None
    cns_inflammation: bool | None = None
    pregnant_or_breastfeeding: bool | None = None
    offlabel_consent: bool | None = None
    prior_approval_ref: str | None = None
    # Revision 2: times the MDT set by hand as the start of a new treatment episode (for
    # example sJIA maintenance anakinra escalated for MAS). None or () when none was set.
    episode_starts: tuple[datetime, ...] | None = None


@dataclass(frozen=True)
class Observation:
    """A lab value, a finding or an organ-support level at a time.

    Numeric kinds hold `value` in the canonical `unit` and keep `entered_value` and
    `entered_unit` as typed. Findings hold True/False with no unit; `ventilation` holds
    one of its choices.
    """

    at: datetime
    kind: str
    value: float | bool | str
    unit: str | None = None
    entered_value: float | None = None
    entered_unit: str | None = None
    site: str | None = None  # haemophagocytosis only
    record_id: int | None = field(default=None, compare=False)

    @property
    def was_converted(self) -> bool:
        return self.entered_unit is not None and self.entered_unit != self.unit


@dataclass(frozen=True)
class Treatment:
    """A course of one drug at one dose. A dose change is a new entry from its start.

    `alongside`: the MDT marked this course as really given together with an open course
    of the same drug and route; without it a new course replaces the open one from its
    start (see core/courses.py, which reads courses as schedules).
    """

    drug: str
    start: datetime
    stop: datetime | None = None
    name: str | None = None  # corticosteroids: which one
    dose_mg: float | None = None
    every_hours: float | None = None
    route: str | None = None
    record_id: int | None = field(default=None, compare=False)
    alongside: bool = False

    @property
    def daily_dose_mg(self) -> float | None:
        if self.dose_mg is None or not self.every_hours:
            return None
        return self.dose_mg * 24.0 / self.every_hours

    def active_at(self, moment: datetime) -> bool:
        return self.start <= moment and (self.stop is None or moment < self.stop)


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str
    note: str | None = None
    record_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class MonitoringCheck:
    """A record that monitoring the policy asks for was done (infection or allergy)."""

    at: datetime
    kind: str
    note: str | None = None
    record_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Case:
    patient: Patient
    details: CaseDetails = field(default_factory=CaseDetails)
    observations: tuple[Observation, ...] = ()
    treatments: tuple[Treatment, ...] = ()
    events: tuple[Event, ...] = ()
    monitoring: tuple[MonitoringCheck, ...] = ()

    def observations_of(self, kind: str) -> tuple[Observation, ...]:
        return tuple(o for o in self.observations if o.kind == kind)


def age_in_months(date_of_birth: date, on: date) -> int:
    """Whole calendar months completed between birth and `on`.

    A child born on 31 January is one month old on 28 (or 29) February: a month is
    complete on the same day-of-month, or on the last day of a shorter month.
    """
    if on < date_of_birth:
        raise ValueError(f"{on.isoformat()} is before the date of birth")
    months = (on.year - date_of_birth.year) * 12 + (on.month - date_of_birth.month)
    if on.day < date_of_birth.day and not _is_last_day_of_month(on):
        months -= 1
    return months


def age_in_years(date_of_birth: date, on: date) -> int:
    return age_in_months(date_of_birth, on) // 12


def _is_last_day_of_month(day: date) -> bool:
    from calendar import monthrange

    return day.day == monthrange(day.year, day.month)[1]
