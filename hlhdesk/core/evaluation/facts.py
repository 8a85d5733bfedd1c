"""The facts of a case at an as-of time: what every policy version reads.

Built once per evaluation (scores over time, ferritin, steroids, organ support, dosing),
so a policy module only decides; it never re-reads raw observations in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from hlhdesk.core.evaluation import Status, CourseDose, FerritinTrajectory, OrganSupportPoint, SteroidPoint
from hlhdesk.core.dosing import DosePeriod, dose_periods
from hlhdesk.core.model import Case
from hlhdesk.core.policy import PolicySettings
from hlhdesk.core.evaluation import CriteriaResult, HScoreResult
from hlhdesk.core.scores import FARDET, ScoresAt, hlh2004, hscore, score_series, scores_at, threshold_status
from hlhdesk.core.timeline import ObservationIndex
from hlhdesk.core.trajectory import (
    course_doses, day0, ferritin_trajectory, organ_support_series, steroid_series,
)


class Explained:
    """The scores at one time with their evidence and wording, each built when first asked for."""

    def __init__(self, snapshot, modified_variant):
        self._snapshot = snapshot
        self._modified_variant = modified_variant

    @cached_property
    def hscore(self) -> HScoreResult:
        return hscore(self._snapshot, FARDET)

    @cached_property
    def modified(self) -> HScoreResult:
        return hscore(self._snapshot, self._modified_variant)

    @cached_property
    def hlh2004(self) -> CriteriaResult:
        return hlh2004(self._snapshot)


@dataclass
class Facts:
    case: Case
    as_of: datetime
    settings: PolicySettings
    index: ObservationIndex = field(init=False)
    day0: datetime | None = field(init=False)

    def __post_init__(self) -> None:
        self.index = ObservationIndex(self.case, self.as_of)
        self.day0 = day0(self.case, self.as_of)
        self._scores: dict[datetime, ScoresAt] = {}
        self._explained: dict[datetime, Explained] = {}

    def scores(self, at: datetime) -> ScoresAt:
        """All scores at one time (cached: rules ask for the same times)."""
        if at not in self._scores:
            self._scores[at] = scores_at(self.index, self.case, at, self.settings.modified_hscore)
        return self._scores[at]

    def explained(self, at: datetime) -> Explained:
        if at not in self._explained:
            self._explained[at] = Explained(self.scores(at).snapshot, self.settings.modified_hscore)
        return self._explained[at]

    @cached_property
    def series(self) -> list[ScoresAt]:
        out = score_series(self.index, self.case, self.settings.modified_hscore)
        self._scores.update((s.at, s) for s in out)
        return out

    @cached_property
    def now(self) -> ScoresAt:
        return self.scores(self.as_of)

    @property
    def assessed_at(self) -> datetime:
        """When diagnosis is judged if it was never met: day 0, or the as-of time before it."""
        return self.day0 or self.as_of

    def _first_met_or_assessed(self, met) -> ScoresAt:
        """A diagnosis once met stands: the first time it was met, else the assessment time."""
        for s in self.series:
            if met(s):
                return s
        return self.scores(self.assessed_at)

    @cached_property
    def hscore_decisive(self) -> ScoresAt:
        return self._first_met_or_assessed(lambda s: threshold_status(s.hscore) is Status.MET)

    @cached_property
    def modified_decisive(self) -> ScoresAt:
        return self._first_met_or_assessed(lambda s: threshold_status(s.modified) is Status.MET)

    @cached_property
    def hlh2004_decisive(self) -> ScoresAt:
        return self._first_met_or_assessed(lambda s: s.hlh2004_status is Status.MET)

    @cached_property
    def ferritin(self) -> FerritinTrajectory:
        return ferritin_trajectory(self.index, self.day0)

    @cached_property
    def steroids(self) -> tuple[SteroidPoint, ...]:
        return steroid_series(self.case, self.as_of)

    @cached_property
    def organ_support(self) -> tuple[OrganSupportPoint, ...]:
        return organ_support_series(self.index)

    @cached_property
    def dosing(self) -> tuple[CourseDose, ...]:
        return course_doses(self.case, self.index, self.settings.weight_max_age)

    @cached_property
    def dose_periods(self) -> tuple[DosePeriod, ...]:
        """The anakinra total daily dose over time, each period on its freshest weight."""
        return dose_periods(self.case, self.index, self.day0)

    @cached_property
    def ignored_after_as_of(self) -> int:
        """How many records are dated after the as-of time (and so were not used)."""
        c = self.case
        return (sum(o.at > self.as_of for o in c.observations)
                + sum(t.start > self.as_of for t in c.treatments)
                + sum(e.at > self.as_of for e in c.events)
                + sum(m.at > self.as_of for m in c.monitoring))
