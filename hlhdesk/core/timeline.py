"""Observations indexed once by kind and time, for fast windowed look-ups.

An evaluation asks the same questions many times ("the highest ferritin in the 7 days up
to this time", "the latest splenomegaly finding"), once per point of the score series.
Indexing every kind once, sorted by time, and answering with `bisect` keeps a case with
hundreds of observations well under the time of one screen repaint.

Data dated after the as-of time never enters the index, so nothing downstream can use it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from hlhdesk.core.model import Case, Observation

# "For each item, the most abnormal value in the 7 days up to that time" (rules.md).
# The window is closed at both ends: a value taken exactly 7 days before still counts.
WINDOW = timedelta(days=7)


def clean(value: float) -> float:
    """Round away binary noise before comparing with a threshold.

    0.9 * 1000 is 900.0000000000001 in floating point, and 101.12 degF converts to
    38.400000000000006 degC; neither should fall on the wrong side of a threshold that
    the clinician reads as exactly met. Six decimals is far finer than any assay.
    """
    return round(float(value), 6)


@dataclass(frozen=True)
class KindSeries:
    """All observations of one kind up to the as-of time, oldest first."""

    observations: tuple[Observation, ...]
    times: tuple[datetime, ...]
    values: tuple = ()  # the values alone, so max/min over a window run at C speed

    @classmethod
    def of(cls, observations: list[Observation]) -> "KindSeries":
        ordered = tuple(sorted(observations, key=lambda o: o.at))
        return cls(ordered, tuple(o.at for o in ordered), tuple(o.value for o in ordered))

    def __bool__(self) -> bool:
        return bool(self.observations)

    def up_to(self, at: datetime) -> tuple[Observation, ...]:
        return self.observations[: bisect_right(self.times, at)]

    def between(self, start: datetime, end: datetime, *, include_start: bool = True) -> tuple[Observation, ...]:
        lo = bisect_left(self.times, start) if include_start else bisect_right(self.times, start)
        return self.observations[lo : bisect_right(self.times, end)]

    def latest(self, at: datetime) -> Observation | None:
        i = bisect_right(self.times, at)
        return self.observations[i - 1] if i else None

    def window(self, at: datetime, span: timedelta = WINDOW) -> tuple[Observation, ...]:
        return self.between(at - span, at)

    def extreme(self, at: datetime, *, highest: bool, span: timedelta = WINDOW) -> Observation | None:
        """The most abnormal numeric value in the window; on a tie, the most recent."""
        lo, hi = bisect_left(self.times, at - span), bisect_right(self.times, at)
        if lo >= hi:
            return None
        values = self.values[lo:hi]
        best = max(values) if highest else min(values)
        last = hi - 1 - values[::-1].index(best)
        return self.observations[last]


class ObservationIndex:
    """A case's observations by kind, with everything after `as_of` left out."""

    def __init__(self, case: Case, as_of: datetime):
        by_kind: dict[str, list[Observation]] = defaultdict(list)
        for o in case.observations:
            if o.at <= as_of:
                by_kind[o.kind].append(o)
        self._series = {kind: KindSeries.of(obs) for kind, obs in by_kind.items()}
        self._empty = KindSeries((), ())
        self.as_of = as_of

    def __getitem__(self, kind: str) -> KindSeries:
        return self._series.get(kind, self._empty)

    def times(self, kinds: tuple[str, ...] | frozenset[str]) -> list[datetime]:
        """Every distinct date-time at which one of these kinds has data, in order."""
        return sorted({t for k in kinds for t in self[k].times})
