"""What happens after day 0: ferritin against its baseline, corticosteroid dose as
prednisolone equivalent, the level of organ support, and anakinra mg/kg/day per course.

"Day 0" is the current episode's first anakinra dose (core/episodes.py); treatment
courses are read as schedules first (core/courses.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hlhdesk.core.courses import Period, last_moment, total_at
from hlhdesk.core.episodes import day_start, end_of_day
from hlhdesk.core.evaluation import (
    CourseDose, Evidence, FerritinPoint, FerritinTrajectory, OrganSupportPoint, SteroidPoint,
)
from hlhdesk.core.dosing import freshest_weight
from hlhdesk.core.wording import evidence_from
from hlhdesk.core.model import Observation, Treatment
from hlhdesk.core.timeline import ObservationIndex, clean
from hlhdesk.core.units import format_number

BASELINE_MAX_DAYS = 3  # baseline ferritin: on or before day 0, from day -3 on
DAY = timedelta(days=1)


def days_since(start: datetime, at: datetime) -> float:
    return (at - start) / DAY


# --- ferritin ----------------------------------------------------------------------------


def change_pct(baseline: float, value: float) -> float:
    """Percentage change from baseline; negative is a fall. Rounded away from float noise."""
    return clean((value - baseline) / baseline * 100.0)


def baseline_ferritin(index: ObservationIndex, day0: datetime) -> Observation | None:
    """The latest ferritin on or before day 0 (the calendar day, so a sample taken hours
    after the first dose is still baseline, never response) and not before day -3."""
    latest = index["ferritin"].latest(end_of_day(day0, 0) - timedelta(microseconds=1))
    if latest is None or latest.at < day_start(day0, -BASELINE_MAX_DAYS):
        return None
    return latest


def _largest_fall(points, before: datetime | None = None) -> FerritinPoint | None:
    """The point with the largest fall below baseline (before a time, if given)."""
    falls = [p for p in points if p.change_pct is not None and p.change_pct < 0
             and (before is None or p.at < before)]
    return min(falls, key=lambda p: p.change_pct) if falls else None


def ferritin_trajectory(index: ObservationIndex, day0: datetime | None) -> FerritinTrajectory:
    """Ferritin against its baseline; a fall counts from day 1 (calendar days)."""
    base = baseline_ferritin(index, day0) if day0 else None
    first_response = day_start(day0, 1) if day0 else None
    scale = base.value if base and base.value > 0 else None
    points = []
    for o in index["ferritin"].observations:
        change = change_pct(scale, o.value) if (scale and o.at >= first_response) else None
        points.append(FerritinPoint(o.at, o.value, days_since(day0, o.at) if day0 else None, change))
    fall = _largest_fall(points)
    fall7, fall14 = ((_largest_fall(points, end_of_day(day0, n)) for n in (7, 14)) if day0 else (None, None))
    return FerritinTrajectory(
        baseline=evidence_from(base, "Baseline ferritin") if base else None, points=tuple(points),
        max_fall_pct=-fall.change_pct if fall else None, max_fall_at=fall.at if fall else None,
        max_fall_day7_pct=-fall7.change_pct if fall7 else None,
        max_fall_day14_pct=-fall14.change_pct if fall14 else None,
    )


# --- corticosteroids ---------------------------------------------------------------------

# mg of each corticosteroid equal to 5 mg prednisolone (rules: pred 5 = methylpred 4 =
# dex 0.75 = hydrocortisone 20), as the factor that turns its mg into prednisolone mg.
PREDNISOLONE_EQUIVALENT = {
    "prednisolone": 1.0,
    "methylprednisolone": 5 / 4,
    "dexamethasone": 5 / 0.75,
    "hydrocortisone": 5 / 20,
}


PULSE_MIN_MG_DAY = 250  # methylprednisolone at or above this for 5 days or fewer is a pulse
PULSE_MAX_DAYS = 5


def _describe_course(t: Treatment) -> str:
    dose = f"{format_number(t.dose_mg)} mg" if t.dose_mg is not None else "dose not recorded"
    every = f" every {format_number(t.every_hours)} h" if t.every_hours else ""
    route = f" {t.route}" if t.route else ""
    return f"{t.name or 'corticosteroid (name not recorded)'} {dose}{every}{route}"


def describe_steroids(periods) -> tuple[str, ...]:
    return tuple(_describe_course(p.course) for p in periods)


def prednisolone_mg_day(p: Period) -> float | None:
    """A corticosteroid course's daily dose as prednisolone equivalent (None if unknown)."""
    factor = PREDNISOLONE_EQUIVALENT.get(p.course.name or "")
    daily = p.daily_mg
    return None if factor is None or daily is None else daily * factor


def is_pulse(p: Period) -> bool:
    """Methylprednisolone 250 mg/day or more for 5 days or fewer: its end is scheduled."""
    t = p.course
    return (t.name == "methylprednisolone" and t.daily_dose_mg is not None and clean(t.daily_dose_mg) >= PULSE_MIN_MG_DAY
            and p.end is not None and p.end - p.start <= PULSE_MAX_DAYS * DAY)


def steroid_on_day(periods, day) -> tuple[float | None, tuple[Period, ...]]:
    """A calendar day's corticosteroid dose (prednisolone equivalent, mg/day): the daily
    dose in force at the end of the day. So a course started on day 0 counts on day 0, a
    taper counts from the day it starts, and a course stopped hours before the first
    anakinra dose is not read as a response."""
    total, making = total_at(periods, last_moment(day), prednisolone_mg_day)
    return (clean(total) if total is not None else None), making


def steroid_series(periods: tuple[Period, ...], as_of: datetime) -> tuple[SteroidPoint, ...]:
    """The corticosteroid dose at each moment it changes, for plots."""
    moments = sorted({m for p in periods for m in (p.start, p.end) if m is not None and m <= as_of})
    points = []
    for at in moments:
        now = [p for p in periods if p.running_at(at)]
        doses = [prednisolone_mg_day(p) for p in now]
        if None not in doses:
            points.append(SteroidPoint(at, clean(sum(doses)), describe_steroids(now)))
    return tuple(points)


# --- organ support -----------------------------------------------------------------------

ORGAN_SUPPORT_KINDS = ("vasopressor", "ventilation", "renal_replacement")
ORGAN_SUPPORT_NAMES = {"vasopressor": "Vasopressor", "ventilation": "Ventilation",
                       "renal_replacement": "Renal replacement"}
DAY0_ORGAN_WINDOW = timedelta(hours=24)  # a day-0 level must be recorded this close before the first dose
HOLDS_FOR = timedelta(hours=24)  # a reduction must not be back up at the next record within this


def component_level(o: Observation) -> float:
    """A component's size, comparable over time: vasopressor dose, ventilation 0-2, RRT 0/1."""
    if o.kind == "vasopressor":
        return clean(o.value)
    if o.kind == "ventilation":
        return VENTILATION_LEVEL.get(str(o.value), 0)
    return 1 if o.value is True else 0


def reduction_holds(index: ObservationIndex, kind: str, at: datetime, day0_level: float) -> bool:
    """A lower level at `at` holds unless the component's next record within 24 hours is back
    up to its day-0 level (titration noise, not a response)."""
    later = index[kind].between(at, at + HOLDS_FOR, include_start=False)
    return not later or component_level(later[0]) < day0_level
VENTILATION_LEVEL = {"none": 0, "non_invasive": 1, "invasive": 2}


def vasopressor_level(dose_ug_kg_min: float) -> int:
    """0 none, 1 up to 0.1, 2 above 0.1 to 0.3, 3 above 0.3 ug/kg/min noradrenaline equivalent."""
    dose = clean(dose_ug_kg_min)
    return 0 if dose <= 0 else 1 if dose <= 0.1 else 2 if dose <= 0.3 else 3


@dataclass(frozen=True)
class OrganSupport:
    """The organ support in place at a time: the latest record of each component.

    A comparable level, for plots: vasopressor 0-3 (none, <= 0.1, <= 0.3, > 0.3 ug/kg/min
    noradrenaline equivalent) + ventilation 0-2 (none, non-invasive, invasive) + renal
    replacement 0-1. So 0 is no support and 6 is the most. The response rule does not
    add these up: it asks that no component is higher than at day 0 and one is lower
    (a lower vasopressor dose bought with intubation is not a reduction).
    """

    at: datetime
    vasopressor: Observation | None
    ventilation: Observation | None
    renal_replacement: Observation | None

    @classmethod
    def at_time(cls, index: ObservationIndex, at: datetime) -> "OrganSupport":
        return cls(at, *(index[k].latest(at) for k in ORGAN_SUPPORT_KINDS))

    @classmethod
    def at_day0(cls, index: ObservationIndex, first_dose: datetime) -> "OrganSupport":
        """Each component's day-0 level: its latest record in the 24 hours up to the first
        dose. Older or never recorded: None (unknown, never "none")."""
        since = first_dose - DAY0_ORGAN_WINDOW

        def level(kind: str) -> Observation | None:
            latest = index[kind].latest(first_dose)
            return latest if latest is not None and latest.at >= since else None

        return cls(first_dose, *(level(k) for k in ORGAN_SUPPORT_KINDS))

    @property
    def recorded(self) -> bool:
        return any(o is not None for o in self.records())

    def records(self) -> tuple[Observation | None, ...]:
        return (self.vasopressor, self.ventilation, self.renal_replacement)

    def components(self) -> dict[str, float | None]:
        """Each component's size, comparable over time; None when never recorded."""
        return {k: component_level(o) if o is not None else None for k, o in zip(ORGAN_SUPPORT_KINDS, self.records())}

    @property
    def level(self) -> int:
        v, vent, rrt = self.records()
        return ((vasopressor_level(v.value) if v else 0)
                + (VENTILATION_LEVEL.get(str(vent.value), 0) if vent else 0)
                + (1 if rrt is not None and rrt.value is True else 0))

    def description(self) -> str:
        v, vent, rrt = self.records()
        parts = []
        if v is not None:
            parts.append(f"vasopressor {format_number(v.value)} µg/kg/min" if clean(v.value) > 0 else "no vasopressor")
        if vent is not None:
            parts.append({"none": "no ventilation", "non_invasive": "non-invasive ventilation",
                          "invasive": "invasive ventilation"}.get(str(vent.value), str(vent.value)))
        if rrt is not None:
            parts.append("renal replacement" if rrt.value is True else "no renal replacement")
        return ", ".join(parts) or "no organ support recorded"

    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(evidence_from(o) for o in self.records() if o is not None)

    def compared_with(self, before: "OrganSupport") -> str:
        """'lower', 'higher', 'same' or 'mixed' (one component up, another down)."""
        now, then = self.components(), before.components()
        up = down = False
        for k in ORGAN_SUPPORT_KINDS:
            a, b = then[k] or 0, now[k] or 0
            up |= b > a
            down |= b < a
        return "mixed" if up and down else "higher" if up else "lower" if down else "same"


def organ_support_series(index: ObservationIndex) -> tuple[OrganSupportPoint, ...]:
    points = []
    for at in index.times(ORGAN_SUPPORT_KINDS):
        state = OrganSupport.at_time(index, at)
        points.append(OrganSupportPoint(at, state.level, state.description()))
    return tuple(points)


# --- anakinra dosing ---------------------------------------------------------------------


def course_doses(periods: tuple[Period, ...], index: ObservationIndex, max_weight_age: timedelta) -> tuple[CourseDose, ...]:
    """Each anakinra course of the episode, read as a schedule (`stop` is when its doses
    really end), with its mg/kg/day on the freshest weight up to its end (the as-of time
    while it runs), flagging a weight older than the setting allows."""
    out = []
    for p in periods:
        t = p.course
        until = min(p.end, index.as_of) if p.end else index.as_of
        weight = freshest_weight(index, until)
        daily = t.daily_dose_mg
        per_kg = clean(daily / weight.kg) if (daily is not None and weight and weight.kg > 0) else None
        stale = weight is not None and weight.older_than(max_weight_age)
        note = "no weight recorded" if weight is None else ""
        if stale:
            note = (f"{weight.text()}: older than {format_number(max_weight_age / DAY)} days, "
                    "record a current weight")
        if daily is None:
            note = "; ".join(x for x in (note, "dose or interval not recorded") if x)
        out.append(CourseDose(
            start=p.start, stop=p.end, route=t.route, dose_mg=t.dose_mg, every_hours=t.every_hours,
            daily_mg=daily, weight=evidence_from(weight.observation, note=weight.age_text()) if weight else None,
            mg_per_kg_day=per_kg, note=note, weight_out_of_date=stale,
        ))
    return tuple(out)
