"""Move a whole case in time, keeping every interval and every clock time.

The demo cases are written at fixed dates; the demo database shifts each one so that the
moment it is meant to be seen at becomes "now", and the desk looks live (day 0 a few
days ago, a review due today). The shift is a whole number of days, so an 08:00 blood
test stays at 08:00 and day numbers, ages in days and every gap between records stay
exactly as written.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timedelta

from hlhdesk.core.model import Case

ONE_DAY = timedelta(days=1)


def days_to_bring(moment: datetime, now: datetime) -> int:
    """Whole days that bring `moment` to within the day up to `now` (never after it), so
    nothing recorded before `moment` lands in the future."""
    return math.floor((now - moment) / ONE_DAY)


def shift_case(case: Case, days: int) -> Case:
    """The same case `days` later (earlier when negative): birth date included, so the
    patient's age on every record is unchanged."""
    by = timedelta(days=days)
    return replace(
        case,
        patient=replace(case.patient, date_of_birth=case.patient.date_of_birth + by),
        observations=tuple(replace(o, at=o.at + by) for o in case.observations),
        treatments=tuple(
            replace(t, start=t.start + by, stop=t.stop + by if t.stop else None)
            for t in case.treatments
        ),
        events=tuple(replace(e, at=e.at + by) for e in case.events),
        monitoring=tuple(replace(m, at=m.at + by) for m in case.monitoring),
    )


def as_known_at(case: Case, moment: datetime) -> Case:
    """The case as it stood at `moment`: records dated after it are left out, and a course
    stopping after it is still running (its stop was not yet known)."""
    return replace(
        case,
        observations=tuple(o for o in case.observations if o.at <= moment),
        treatments=tuple(
            replace(t, stop=t.stop if t.stop is not None and t.stop <= moment else None)
            for t in case.treatments if t.start <= moment
        ),
        events=tuple(e for e in case.events if e.at <= moment),
        monitoring=tuple(m for m in case.monitoring if m.at <= moment),
    )
