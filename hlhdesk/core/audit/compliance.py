"""Compliance at a glance: for each thing the policy asks, which episodes complied.

Each criterion sorts every episode into complied, did not comply, or not assessable (not
yet due, or the data to judge it is not recorded); "not assessable" is never counted as
compliance. The words say what was checked, so a commissioner reads the table unaided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from hlhdesk.core.audit.episode_audit import REVIEW_GRACE_DAYS, EpisodeAudit

# A stop criterion is acted on when the MDT decides (or anakinra stops) within this many
# days of it: the policy recommends stopping "for the MDT to confirm".
STOP_ACTED_ON_DAYS = 2


@dataclass(frozen=True)
class Criterion:
    key: str
    words: str  # what was checked
    judge: Callable[[EpisodeAudit], bool | None]  # True complied, False not, None not assessable


@dataclass(frozen=True)
class CriterionResult:
    key: str
    words: str
    complied: tuple[EpisodeAudit, ...]
    not_complied: tuple[EpisodeAudit, ...]
    not_assessable: tuple[EpisodeAudit, ...]

    @property
    def assessed(self) -> int:
        return len(self.complied) + len(self.not_complied)

    @property
    def summary(self) -> str:
        if not self.assessed:
            return f"not assessable in {len(self.not_assessable)}"
        pct = 100 * len(self.complied) / self.assessed
        text = f"{len(self.complied)} of {self.assessed} ({pct:.0f}%)"
        return text + (f"; {len(self.not_assessable)} not assessable" if self.not_assessable else "")


def _criteria_or_reason(e: EpisodeAudit) -> bool | None:
    if e.criteria_met_at_day0 or e.departure_reason:
        return True
    return False if e.criteria_met_at_day0 is False else None


def _prior_approval(e: EpisodeAudit) -> bool | None:
    return e.prior_approval_ref is not None


def _dose(e: EpisodeAudit) -> bool | None:
    return None if e.max_mg_per_kg_day is None else e.max_mg_per_kg_day <= e.dose_ceiling


def _review(which: str) -> Callable[[EpisodeAudit], bool | None]:
    return lambda e: getattr(e, which).on_time


def _stop_acted_on(e: EpisodeAudit) -> bool | None:
    if e.stop_criterion is None or e.stop_criterion == "ST-DEATH":
        return None
    if e.death_day is not None and e.death_day <= e.stop_criterion_day + STOP_ACTED_ON_DAYS:
        return None  # died before the MDT could act on it
    if e.anakinra_stopped_day is not None:
        return e.anakinra_stopped_day <= e.stop_criterion_day + STOP_ACTED_ON_DAYS
    return None if e.last_day < e.stop_criterion_day + STOP_ACTED_ON_DAYS else False


CRITERIA = (
    Criterion("criteria", "Policy criteria met at day 0, or the MDT's reason for departing recorded",
              _criteria_or_reason),
    Criterion("prior_approval", "Prior-approval reference recorded", _prior_approval),
    Criterion("day7_review", f"Day-7 MDT review held on time (within {REVIEW_GRACE_DAYS} days)",
              _review("day7_review")),
    Criterion("day14_review", f"Day-14 MDT review held on time (within {REVIEW_GRACE_DAYS} days)",
              _review("day14_review")),
    Criterion("dose", "Dose never above the policy's maximum mg/kg/day", _dose),
    Criterion("stop", f"Anakinra stopped within {STOP_ACTED_ON_DAYS} days of a stop criterion",
              _stop_acted_on),
)


def compliance(episodes: Iterable[EpisodeAudit]) -> tuple[CriterionResult, ...]:
    episodes = tuple(episodes)
    results = []
    for criterion in CRITERIA:
        verdicts = [(e, criterion.judge(e)) for e in episodes]
        results.append(CriterionResult(
            criterion.key, criterion.words,
            tuple(e for e, v in verdicts if v is True),
            tuple(e for e, v in verdicts if v is False),
            tuple(e for e, v in verdicts if v is None),
        ))
    return tuple(results)


@dataclass(frozen=True)
class Outcomes:
    """The outcome measures the policy names, over the episodes."""

    episodes: int
    patients: int
    died_by_day30: int
    alive_at_day30: int
    day30_unknown: int
    ferritin_fall_median_pct: float | None
    responded_by_day14: int
    serious_adverse_events: int
    icu_days_median: float | None


def outcomes(episodes: Iterable[EpisodeAudit]) -> Outcomes:
    episodes = tuple(episodes)
    falls = sorted(e.max_ferritin_fall_pct for e in episodes if e.max_ferritin_fall_pct is not None)
    icu = sorted(e.icu_days for e in episodes if e.icu_days is not None)
    return Outcomes(
        episodes=len(episodes),
        patients=len({e.identity.case_id for e in episodes}),
        died_by_day30=sum(e.died_by_day30 is True for e in episodes),
        alive_at_day30=sum(e.died_by_day30 is False for e in episodes),
        day30_unknown=sum(e.died_by_day30 is None for e in episodes),
        ferritin_fall_median_pct=_median(falls),
        responded_by_day14=sum(e.response_by_day14 == "met" for e in episodes),
        serious_adverse_events=sum(e.serious_adverse_events for e in episodes),
        icu_days_median=_median(icu),
    )


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else round((values[mid - 1] + values[mid]) / 2, 1)
