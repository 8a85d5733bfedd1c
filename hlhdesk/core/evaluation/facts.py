"""The facts of a case at an as-of time: what every policy version reads.

Built once per evaluation (scores over time, ferritin, steroids, organ support, dosing),
so a policy module only decides; it never re-reads raw observations in its own way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from hlhdesk.core.courses import Period, read_courses
from hlhdesk.core.episodes import find_episodes
from hlhdesk.core.evaluation import (
    Status, CourseDose, Episode, FerritinTrajectory, OrganSupportPoint, SteroidPoint,
)
from hlhdesk.core.dosing import DosePeriod, dose_periods
from hlhdesk.core.model import Case
from hlhdesk.core.policy import PolicySettings
from hlhdesk.core.evaluation import CriteriaResult, HScoreResult
from hlhdesk.core.scores import (
    FARDET, SCORE_KINDS, ResponseAt, ScoresAt, hlh2004, hscore, response_at, scores_at, threshold_status,
)
from hlhdesk.core.timeline import ObservationIndex
from hlhdesk.core.trajectory import (
    course_doses, ferritin_trajectory, is_pulse, organ_support_series, steroid_on_day, steroid_series,
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
    day0: datetime | None = field(init=False)  # the current episode's first anakinra dose
    courses: tuple[Period, ...] = field(init=False)  # every course, read as a schedule
    episodes: tuple[Episode, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.index = ObservationIndex(self.case, self.as_of)
        self.courses = read_courses(self.case.treatments, self.as_of)
        resolutions = [e.at for e in self.case.events if e.kind == "hlh_resolved" and e.at <= self.as_of]
        self.episodes = find_episodes(self.courses_of("anakinra"), resolutions,
                                      self.case.details.episode_starts, self.as_of)
        self.day0 = self.episode.day0 if self.episode else None
        self._scores: dict[datetime, ScoresAt] = {}
        self._explained: dict[datetime, Explained] = {}
        self._responses: dict[datetime, ResponseAt] = {}
        self._response_hscores: dict[datetime, HScoreResult] = {}
        self._steroid_days: dict[tuple[date, bool], tuple[float | None, tuple[Period, ...]]] = {}

    @property
    def episode(self) -> Episode | None:
        """The current episode: every rule reads only its treatment and events."""
        return self.episodes[-1] if self.episodes else None

    def courses_of(self, drug: str) -> tuple[Period, ...]:
        return tuple(p for p in self.courses if p.course.drug == drug)

    @cached_property
    def episode_anakinra(self) -> tuple[Period, ...]:
        """The current episode's anakinra courses (one running at its start included)."""
        if self.day0 is None:
            return ()
        return tuple(p for p in self.courses_of("anakinra") if p.start >= self.day0 or p.running_at(self.day0))

    def in_episode(self, at: datetime) -> bool:
        """Whether data at this time belong to the current episode (not an earlier one)."""
        opens = self.episode.opens if self.episode else None
        return opens is None or at > opens

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
    def score_times(self) -> list[datetime]:
        """Every time with score data up to the as-of time: the points of the series."""
        return self.index.times(SCORE_KINDS)

    def diagnosis_points(self):
        """The diagnosis scores (7-day most abnormal values) at each score time of the
        current episode, oldest first, each computed only when first asked for: a diagnosis
        once met stands, so the search usually stops long before the last point."""
        for t in self.score_times:
            if self.in_episode(t):
                yield self.scores(t)

    @cached_property
    def responses(self) -> list[ResponseAt]:
        """Response HScores at every time with score data: each time point's own values
        (72 hours), what the HScore trajectory reads."""
        return [self.response(t) for t in self.score_times]

    def responses_between(self, start: datetime, end: datetime) -> list[ResponseAt]:
        """The response HScores at the score times from `start` to `end` (both included),
        oldest first: RE-HSCORE-SERIAL reads up to day 7 or 14, so later points of a long
        case are never computed for it."""
        times = self.score_times
        return [self.response(t) for t in times[bisect_left(times, start):bisect_right(times, end)]]

    def response(self, at: datetime) -> ResponseAt:
        """The response HScore at one time (cached: the serial rule asks for day 0's, and the
        audit asks it at day 7, day 14 and for the stop rule)."""
        found = self._responses.get(at)
        if found is None:
            found = self._responses[at] = response_at(self.index, self.case, at, self.settings.modified_hscore)
        return found

    def response_hscore(self, at: datetime) -> HScoreResult:
        """The explained HScore of a response time point: RE-HSCORE-SERIAL's evidence
        (cached: the audit asks the rule at day 7, day 14 and for the stop rule)."""
        found = self._response_hscores.get(at)
        if found is None:
            found = self._response_hscores[at] = hscore(self.response(at).snapshot, FARDET)
        return found

    def steroid_on(self, day: date, *, without_pulses: bool = False) -> tuple[float | None, tuple[Period, ...]]:
        """A calendar day's corticosteroid dose (prednisolone equivalent) and the courses
        making it, optionally leaving out methylprednisolone pulses (cached per day:
        RE-STEROID-14D reads days 1 to 14 each time it is asked)."""
        key = (day, without_pulses)
        found = self._steroid_days.get(key)
        if found is None:
            periods = self.courses_of("corticosteroid")
            if without_pulses:
                periods = tuple(p for p in periods if not is_pulse(p))
            found = self._steroid_days[key] = steroid_on_day(periods, day)
        return found

    @cached_property
    def now(self) -> ScoresAt:
        return self.scores(self.as_of)

    @property
    def assessed_at(self) -> datetime:
        """When diagnosis is judged if it was never met: day 0, or the as-of time before it."""
        return self.day0 or self.as_of

    def _first_met_or_assessed(self, met) -> ScoresAt:
        """A diagnosis once met stands: the first time it was met, else the assessment time."""
        for s in self.diagnosis_points():
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
        return steroid_series(self.courses_of("corticosteroid"), self.as_of)

    @cached_property
    def organ_support(self) -> tuple[OrganSupportPoint, ...]:
        return organ_support_series(self.index)

    @cached_property
    def dosing(self) -> tuple[CourseDose, ...]:
        return course_doses(self.episode_anakinra, self.index, self.settings.weight_max_age)

    @cached_property
    def dose_periods(self) -> tuple[DosePeriod, ...]:
        """The anakinra total daily dose over time, each period on its freshest weight."""
        return dose_periods(self.episode_anakinra, self.index, self.day0)

    @cached_property
    def ignored_after_as_of(self) -> int:
        """How many records are dated after the as-of time (and so were not used)."""
        c = self.case
        return (sum(o.at > self.as_of for o in c.observations)
                + sum(t.start > self.as_of for t in c.treatments)
                + sum(e.at > self.as_of for e in c.events)
                + sum(m.at > self.as_of for m in c.monitoring))
