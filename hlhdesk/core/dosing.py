"""Anakinra mg/kg/day as the policy means it: the total daily dose of every course running
together, on the freshest weight (rules.md "Dosing").

The dose is read as periods: between two course boundaries the same courses run, so the
total daily dose is constant. Each period is judged on the most recent weight up to its
end (for the period running now, the weight nearest the as-of time), before or after the
course start, so a weight taken 4 hours ago beats one taken 60 days ago.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hlhdesk.core.evaluation import Evidence
from hlhdesk.core.wording import amount, evidence_from, when
from hlhdesk.core.model import Observation, Treatment
from hlhdesk.core.timeline import ObservationIndex, clean
from hlhdesk.core.units import format_number

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
ALTERNATE_DAY_HOURS = 48  # a dose every 48 hours or longer is an alternate-day regimen


@dataclass(frozen=True)
class WeightUsed:
    """The weight a dose is judged on, and how old it was at the time judged."""

    observation: Observation
    judged_at: datetime

    @property
    def kg(self) -> float:
        return float(self.observation.value)

    @property
    def age(self) -> timedelta:
        return abs(self.judged_at - self.observation.at)

    @property
    def after(self) -> bool:
        """Recorded after the time judged (there was no weight before it)."""
        return self.observation.at > self.judged_at

    def older_than(self, limit: timedelta) -> bool:
        return self.age > limit

    def age_text(self) -> str:
        age = self.age
        if age < DAY:
            hours = round(age / HOUR)
            text = "less than an hour" if hours < 1 else f"{hours} hour{'s' if hours != 1 else ''}"
        else:
            days = format_number(round(age / DAY, 1))
            text = f"{days} day{'s' if days != '1' else ''}"
        return f"{text} {'after' if self.after else 'old at'} {when(self.judged_at)}"

    def text(self) -> str:
        o = self.observation
        return f"weight {amount(o.value, o.unit)} of {when(o.at)} ({self.age_text()})"


def freshest_weight(index: ObservationIndex, until: datetime) -> WeightUsed | None:
    """The latest weight up to `until`; failing that the first one after it (up to as-of)."""
    before = index["weight"].latest(until)
    if before is not None:
        return WeightUsed(before, until)
    after = index["weight"].between(until, index.as_of, include_start=False)
    return WeightUsed(after[0], until) if after else None


@dataclass(frozen=True)
class DosePeriod:
    """A stretch of time with the same anakinra courses running, and their total."""

    start: datetime
    end: datetime  # the next boundary, or the as-of time for the period running now
    courses: tuple[Treatment, ...]
    weight: WeightUsed | None

    @property
    def daily_mg(self) -> float | None:
        """The total daily dose; None when a running course lacks its dose or interval."""
        doses = [t.daily_dose_mg for t in self.courses]
        return None if any(d is None for d in doses) else clean(sum(doses))

    @property
    def mg_per_kg_day(self) -> float | None:
        daily = self.daily_mg
        if daily is None or self.weight is None or self.weight.kg <= 0:
            return None
        return clean(daily / self.weight.kg)

    @property
    def alternate_day(self) -> bool:
        return bool(self.courses) and all((t.every_hours or 0) >= ALTERNATE_DAY_HOURS for t in self.courses)

    @property
    def mg_per_kg_dose(self) -> float | None:
        """For an alternate-day regimen: the mg/kg of each dose."""
        doses = [t.dose_mg for t in self.courses]
        if None in doses or self.weight is None or self.weight.kg <= 0:
            return None
        return clean(sum(doses) / self.weight.kg)

    def courses_text(self) -> str:
        return " + ".join(course_text(t) for t in self.courses)

    def evidence(self) -> tuple[Evidence, ...]:
        ev = [Evidence("Anakinra total", self.mg_per_kg_day, "mg/kg/day", self.start, note=self.courses_text())]
        if self.weight is not None:
            ev.append(evidence_from(self.weight.observation, note=self.weight.age_text()))
        return tuple(ev)


def course_text(t: Treatment) -> str:
    dose = (f"{format_number(t.dose_mg)} mg every {format_number(t.every_hours)} h"
            if t.dose_mg is not None and t.every_hours else "dose not recorded")
    return f"{dose} {t.route}" if t.route else dose


def dose_periods(courses, index: ObservationIndex, since: datetime | None = None) -> tuple[DosePeriod, ...]:
    """The anakinra dose periods from `since` (default: the first course) up to the as-of time.

    `courses` are the anakinra courses read as schedules (core/courses.py): a stop given
    as a date runs to the end of that day, a course replaced by a new one of the same
    route ends where the new one starts, and a short gap or overlap at a switch is closed.
    """
    as_of = index.as_of
    courses = [c for c in courses if c.start <= as_of and (since is None or c.end is None or c.end > since)]
    bounds = sorted({x for c in courses for x in (c.start, c.end)
                     if x is not None and x <= as_of and (since is None or x >= since)})
    if since is not None and courses and (not bounds or bounds[0] > since):
        bounds.insert(0, since)
    periods = []
    for i, start in enumerate(bounds):
        running = tuple(c.course for c in courses if c.running_at(start))
        if not running:
            continue
        end = bounds[i + 1] if i + 1 < len(bounds) else as_of
        periods.append(DosePeriod(start, end, running, freshest_weight(index, end)))
    return tuple(periods)
