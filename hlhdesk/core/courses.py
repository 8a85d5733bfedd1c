"""Treatment courses read as schedules (rules.md revision 2, "Treatment courses").

A course is a dose every N hours from its start until its stop. What the chart records
at a course's edges is often book-keeping, not a clinical event, so the entries are read
as a clinician would read them before any rule looks at a dose:

- A stop given as a date only (a time of 00:00, the case file's own convention for a
  bare date) means after that day's doses: the course runs to the end of that day.
- A new course of the same drug (same name and route) starting while an earlier one is
  still open replaces it from its start (a dose change, or a taper entered as a new
  course with the old one left open), unless the MDT marked it as given alongside.
- Where one course follows another of the same family (any corticosteroid; any anakinra)
  with a gap or an overlap shorter than the dosing interval, the boundary is the new
  course's start: a short hold is not a stop and a short overlap at a switch is not a
  doubling.
- Courses that really run together are added up (anakinra sc + iv).

The reading never depends on how a course was split into entries: two back-to-back
entries at the same dose read exactly as one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from hlhdesk.core.model import Treatment

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


def is_date_only(moment: datetime) -> bool:
    """A time of exactly 00:00 is how a bare date is recorded (case-format.md)."""
    return moment.time() == time.min


def midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


@dataclass(frozen=True)
class Period:
    """One course as read: its doses run from `start` (inclusive) to `end` (exclusive)."""

    course: Treatment
    start: datetime
    end: datetime | None  # None: still running

    @property
    def key(self) -> tuple:
        """Courses with the same key replace each other: same drug, name and route."""
        return course_key(self.course)

    @property
    def daily_mg(self) -> float | None:
        return self.course.daily_dose_mg

    @property
    def interval(self) -> timedelta:
        hours = self.course.every_hours
        return timedelta(hours=hours) if hours else timedelta(0)

    def running_at(self, moment: datetime) -> bool:
        return self.start <= moment and (self.end is None or moment < self.end)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether any of [start, end) lies inside the period."""
        return self.start < end and (self.end is None or start < self.end)

    @property
    def empty(self) -> bool:
        return self.end is not None and self.end <= self.start


def course_key(t: Treatment) -> tuple:
    return (t.drug, t.name, t.route)


def _same_schedule(a: Treatment, b: Treatment) -> bool:
    return (course_key(a) == course_key(b) and (a.dose_mg, a.every_hours, a.alongside)
            == (b.dose_mg, b.every_hours, b.alongside))


def family(t: Treatment) -> str:
    """Courses of one family follow each other at a switch (dexamethasone to prednisolone)."""
    return t.drug


def written_end(t: Treatment) -> datetime | None:
    """The stop as meant: a date-only stop runs to the end of that day."""
    if t.stop is None:
        return None
    if is_date_only(t.stop):
        return midnight(t.stop.date()) + DAY
    return t.stop


def read_courses(treatments, as_of: datetime) -> tuple[Period, ...]:
    """Every course started by `as_of`, read as a schedule (see the module docstring)."""
    started = sorted(_join_split_entries(t for t in treatments if t.start <= as_of), key=lambda t: t.start)
    ends = [written_end(t) for t in started]
    _replace_open_courses(started, ends)
    _join_followers(started, ends)
    periods = (Period(t, t.start, end) for t, end in zip(started, ends))
    return tuple(p for p in periods if not p.empty)


def _join_split_entries(treatments) -> list[Treatment]:
    """One course entered as back-to-back entries of the same schedule (the second starting
    where the first stops) is one course: joined before anything else reads them."""
    joined: list[Treatment] = []
    for t in sorted(treatments, key=lambda t: t.start):
        before = next((i for i, j in enumerate(joined) if j.stop == t.start and _same_schedule(j, t)), None)
        if before is None:
            joined.append(t)
        else:
            joined[before] = replace(joined[before], stop=t.stop)
    return joined


def _replace_open_courses(started: list[Treatment], ends: list[datetime | None]) -> None:
    """A new course of the same drug, name and route ends an open one at its start."""
    for i, new in enumerate(started):
        if new.alongside:
            continue
        for j in range(i):
            old = started[j]
            open_then = ends[j] is None or new.start < ends[j]
            if course_key(old) == course_key(new) and open_then:
                ends[j] = new.start


def _interval(t: Treatment) -> timedelta:
    return timedelta(hours=t.every_hours) if t.every_hours else timedelta(0)


def _join_followers(started: list[Treatment], ends: list[datetime | None]) -> None:
    """A course followed by another of its family across a gap or overlap shorter than the
    dosing interval ends where the follower starts.

    A follower is a course that begins afresh: one that continues an entry of its own key
    (ending exactly at its start) is the same course split in two, not a switch, so a
    course split into entries never changes how its neighbours are read.
    """
    def continued(j: int) -> bool:
        return any(k != j and t.start == ends[j] and course_key(t) == course_key(started[j])
                   for k, t in enumerate(started))

    fresh = [i for i, t in enumerate(started)
             if not t.alongside and not any(ends[j] == t.start and course_key(started[j]) == course_key(t)
                                            for j in range(len(started)) if j != i)]
    for j, old in enumerate(started):
        end = ends[j]
        if end is None or continued(j):
            continue
        best = None
        for i in fresh:
            new = started[i]
            if i == j or family(new) != family(old) or new.start <= old.start or new.start == end:
                continue
            reach = max(_interval(old), _interval(new))
            distance = abs(new.start - end)
            if distance < reach and (best is None or distance < best[0]):
                best = (distance, new.start)
        if best is not None:
            ends[j] = best[1]


def running(periods, at: datetime) -> list[Period]:
    return [p for p in periods if p.running_at(at)]


def total_at(periods, moment: datetime, amount) -> tuple[float | None, tuple[Period, ...]]:
    """The total of `amount(period)` over the periods in force at a moment, and those
    periods; `None` when one of them lacks what `amount` needs."""
    now = tuple(p for p in periods if p.running_at(moment))
    values = [amount(p) for p in now]
    return (None if None in values else float(sum(values))), now


def last_moment(day: date) -> datetime:
    """23:59:59.999999: what is in force at the end of a calendar day."""
    return midnight(day) + DAY - timedelta(microseconds=1)
