"""One service-audit row per treatment episode (rules.md revision 2 episodes).

The policy asks providers to "ensure monitoring arrangements are in place to demonstrate
compliance against the criteria as outlined". Each row says, for one episode of anakinra,
what the policy asked and what happened: whether the criteria were met at day 0 (and by
which route), the prior-approval reference, the doses, whether the day-7 and day-14 MDT
reviews were held on time, the response by day 7 and by day 14, the largest ferritin fall,
the stop criterion and the actual stop, serious adverse events, and the outcome.

Every answer comes from the policy module's own rules, read at the moments the policy names
(day 0, the end of day 7, the end of day 14, the end of the episode: see reading.py), and
from the MDT's recorded outcomes; nothing here re-judges a rule. Missing data stays None
("unknown"), never "no".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable

from hlhdesk.core.episodes import calendar_day, end_of_day, last_moment_of
from hlhdesk.core.audit.reading import Reading
from hlhdesk.core.evaluation.types import EligibilityStatus, Episode, RuleGroup, RuleResult, Status
from hlhdesk.core.meetings.meeting import Decision
from hlhdesk.core.model import Case, age_in_months

# An MDT review counts as "on time" when it is dated on the review day or within this
# many days after it (issue 16: "an MDT outcome dated on or after the day, within 2 days").
REVIEW_GRACE_DAYS = 2
# An MDT decides to start up to about a week before the first dose: an outcome belongs to
# the latest episode whose day 0 is no more than this after it.
START_LEAD_DAYS = 7
# Ferritin counts for an episode up to a week after its last dose.
FERRITIN_AFTER_STOP_DAYS = 7
# The policy's outcome measure: alive or died at day 30 from day 0.
MORTALITY_DAY = 30

DX_ROUTES = {
    "DX-HLH2004": "HLH-2004",
    "DX-HSCORE": "HScore",
    "DX-MHSCORE": "modified HScore (local setting)",
    "DX-FERRITIN": "ferritin",
    "DX-TISSUE": "tissue diagnosis",
}
RE_WORDS = {
    "RE-ORGAN-SUPPORT": "organ support",
    "RE-HSCORE-SERIAL": "HScore",
    "RE-FERRITIN-7D": "ferritin",
    "RE-STEROID-14D": "steroid dose",
}


@dataclass(frozen=True)
class Identity:
    """Who the row is about: shown in internal reports, replaced by a code outside the trust."""

    case_id: int
    nhs_number: str | None
    name: str
    hospital_number: str | None


@dataclass(frozen=True)
class Review:
    """One of the MDT reviews the policy asks for (day 7, day 14)."""

    due: date
    held_on: date | None  # the first outcome dated on or after `due`
    on_time: bool | None  # None while it is not yet late, or when the episode ended before

    @property
    def words(self) -> str:
        if self.on_time is None:
            return "not yet due" if self.held_on is None else f"held {self.held_on:%d/%m/%Y}"
        if self.on_time:
            return f"held {self.held_on:%d/%m/%Y}"
        return f"late ({self.held_on:%d/%m/%Y})" if self.held_on else "not held"


@dataclass(frozen=True)
class EpisodeAudit:
    identity: Identity
    episode: int  # 1 for the case's first
    day0: datetime
    hlh_type: str | None
    triggers: tuple[str, ...]
    age_months_at_day0: int | None
    # Policy criteria at day 0, and the MDT's reason where it started anakinra without them.
    criteria_met_at_day0: bool | None
    criteria_routes: tuple[str, ...]  # e.g. ("HScore", "ferritin")
    departure_reason: str | None
    prior_approval_ref: str | None
    prior_approval_timing: str | None  # "before day 0", "after day 0", "date not known"
    # Dosing (mg/kg/day on the freshest weight, as the engine computed it).
    start_mg_per_kg_day: float | None
    max_mg_per_kg_day: float | None
    dose_ceiling: float
    # MDT reviews.
    day7_review: Review
    day14_review: Review
    # Response.
    ferritin_response_7d: Status | None  # RE-FERRITIN-7D at the end of day 7
    response_by_day7: Status | None
    response_by_day7_rules: tuple[str, ...]
    response_by_day14: Status | None
    response_by_day14_rules: tuple[str, ...]
    max_ferritin_fall_pct: float | None  # largest % below baseline in the episode
    max_ferritin_fall_day: int | None
    ferritin_points: tuple[tuple[float, float], ...]  # (day, % of baseline), for the plot
    # Stopping.
    stop_criterion: str | None  # rule ID of the first stop criterion met
    stop_criterion_day: int | None
    anakinra_stopped_day: int | None
    last_day: int  # the last day this audit covers (the stop, or the as-of day)
    serious_adverse_events: int
    # Outcome.
    died_by_day30: bool | None
    death_day: int | None
    discharge: date | None
    icu_days: float | None


def audit_case(identity: Identity, case: Case, outcomes: Iterable, now: datetime) -> list[EpisodeAudit]:
    """A row for each episode of anakinra in the case up to `now`."""
    latest = Reading(case, now)
    outcomes = sorted(outcomes, key=lambda r: r.dated)
    episodes = latest.episodes
    rows = []
    for n, episode in enumerate(episodes):
        following = episodes[n + 1] if n + 1 < len(episodes) else None
        # An episode runs until the next one's first dose: its stop, its late reviews and
        # its outcome all fall before that.
        horizon = now if following is None else following.day0 - timedelta(seconds=1)
        at_end = latest if following is None else Reading(case, horizon)
        own = [o for o in outcomes if _episode_of(o.dated, episodes) == n]
        rows.append(_episode_row(identity, case, own, episode, at_end, now))
    return rows


def _episode_of(dated: date, episodes) -> int:
    """The episode an MDT outcome is about: the latest whose day 0 is at most
    START_LEAD_DAYS after it (a decision to start comes before the first dose)."""
    lead = dated + timedelta(days=START_LEAD_DAYS)
    started = [n for n, e in enumerate(episodes) if e.day0.date() <= lead]
    return started[-1] if started else 0


def _episode_row(identity, case, outcomes, episode: Episode, at_end: Reading, now: datetime) -> EpisodeAudit:
    day0, horizon = episode.day0, at_end.as_of
    day0_rules, day0_eligibility = Reading(case, day0).eligibility()
    # "By day 7/14" is read at the last moment of that day, as ST-NO-RESPONSE reads it: a
    # sample dated day 8 (or 15) with a date alone is at 00:00 the next day, outside.
    by = {name: at_end.responses_until(moment)
          for name, moment in (("day7", last_moment_of(day0, 7)), ("day14", last_moment_of(day0, 14)))
          if moment <= horizon}
    in_episode = [o for o in outcomes if o.dated <= horizon.date()]
    stopped_day = calendar_day(day0, episode.ended) if episode.ended and episode.ended <= horizon else None
    death = next((e for e in sorted(case.events, key=lambda e: e.at) if e.kind == "death" and day0 <= e.at <= horizon),
                 None)
    last_day = stopped_day if stopped_day is not None else calendar_day(day0, horizon)
    if death is not None and death.at <= horizon:
        last_day = min(last_day, calendar_day(day0, death.at))  # treatment ends with the patient
    events = [e for e in case.events if day0 <= e.at <= horizon]
    criteria = _criteria_at_day0(day0_eligibility.status)
    no_response = at_end.no_response().status if "day14" in by else None
    stop_rule, stop_day = _first_stop(day0, events, no_response)
    doses = [c.mg_per_kg_day for c in at_end.dosing if c.start >= day0 and c.mg_per_kg_day is not None]
    fall_pct, fall_day, points = _ferritin(at_end, day0, last_day + FERRITIN_AFTER_STOP_DAYS)
    return EpisodeAudit(
        identity=identity,
        episode=episode.number,
        day0=day0,
        hlh_type=case.details.hlh_type.value if case.details.hlh_type else None,
        triggers=tuple(case.details.triggers or ()),
        age_months_at_day0=_age_months(case, day0),
        criteria_met_at_day0=criteria,
        criteria_routes=tuple(DX_ROUTES[r.id] for r in day0_rules
                              if r.group == RuleGroup.DIAGNOSIS and r.status == Status.MET and r.id in DX_ROUTES),
        departure_reason=_departure(in_episode, day0, criteria),
        prior_approval_ref=_prior_approval(case, in_episode, day0)[0],
        prior_approval_timing=_prior_approval(case, in_episode, day0)[1],
        start_mg_per_kg_day=doses[0] if doses else None,
        max_mg_per_kg_day=max(doses) if doses else None,
        dose_ceiling=at_end.marks.dose_ceiling.value,
        day7_review=_review(in_episode, day0, 7, now, stopped_day),
        day14_review=_review(in_episode, day0, 14, now, stopped_day),
        ferritin_response_7d=_rule_status(by.get("day7"), "RE-FERRITIN-7D"),
        response_by_day7=_response(by.get("day7"))[0],
        response_by_day7_rules=_response(by.get("day7"))[1],
        response_by_day14=_response(by.get("day14"))[0],
        response_by_day14_rules=_response(by.get("day14"))[1],
        max_ferritin_fall_pct=fall_pct,
        max_ferritin_fall_day=fall_day,
        ferritin_points=points,
        stop_criterion=stop_rule,
        stop_criterion_day=stop_day,
        anakinra_stopped_day=stopped_day,
        last_day=last_day,
        serious_adverse_events=sum(e.kind == "serious_adverse_event" for e in events),
        died_by_day30=_died_by_day30(case, day0, death, now),
        death_day=calendar_day(day0, death.at) if death else None,
        discharge=next((e.at.date() for e in sorted(events, key=lambda e: e.at) if e.kind == "discharge"), None),
        icu_days=_icu_days(case, day0, horizon),
    )


def _criteria_at_day0(status: EligibilityStatus) -> bool | None:
    if status == EligibilityStatus.ELIGIBLE:
        return True
    if status == EligibilityStatus.NOT_ELIGIBLE:
        return False
    return None


def _departure(outcomes, day0: datetime, criteria: bool | None) -> str | None:
    """The MDT's recorded reason for starting anakinra outside the criteria: the rationale
    of its "Start" decision made up to day 0 (only asked for when criteria were not met)."""
    if criteria is True:
        return None
    starts = [o for o in outcomes if o.current.decision == Decision.START and o.dated <= day0.date()]
    reason = (starts[-1].current.rationale or "").strip() if starts else ""
    return reason or None


def _prior_approval(case: Case, outcomes, day0: datetime) -> tuple[str | None, str | None]:
    with_ref = [o for o in outcomes if (o.current.prior_approval_ref or "").strip()]
    if with_ref:
        first = with_ref[0]
        timing = "before day 0" if first.dated <= day0.date() else "after day 0"
        return first.current.prior_approval_ref.strip(), timing
    if (case.details.prior_approval_ref or "").strip():
        return case.details.prior_approval_ref.strip(), "date not known"
    return None, None


def _review(outcomes, day0: datetime, day: int, now: datetime, stopped_day: int | None) -> Review:
    due = day0.date() + timedelta(days=day)
    held = next((o.dated for o in outcomes if o.dated >= due), None)
    if stopped_day is not None and stopped_day < day:
        return Review(due, held, None)  # the episode ended before the review fell due
    deadline = due + timedelta(days=REVIEW_GRACE_DAYS)
    if held is not None and held <= deadline:
        return Review(due, held, True)
    if held is not None or now.date() > deadline:
        return Review(due, held, False)
    return Review(due, None, None)


def _rule_status(rules: tuple[RuleResult, ...] | None, rule_id: str) -> Status | None:
    return None if rules is None else next(r.status for r in rules if r.id == rule_id)


def _response(rules: tuple[RuleResult, ...] | None) -> tuple[Status | None, tuple[str, ...]]:
    """Any RE rule met (and which), as the policy judged them up to that moment; None
    before the moment has come."""
    if rules is None:
        return None, ()
    met = tuple(RE_WORDS.get(r.id, r.id) for r in rules if r.status == Status.MET)
    if met:
        return Status.MET, met
    if any(r.status == Status.UNKNOWN for r in rules):
        return Status.UNKNOWN, ()
    return Status.NOT_MET, ()


def _first_stop(day0: datetime, events, no_response: Status | None) -> tuple[str | None, int | None]:
    """The first stop criterion met in the episode and its calendar day."""
    found: list[tuple[int, str]] = []
    kinds = {"serious_adverse_event": "ST-SAE", "hlh_resolved": "ST-RESOLUTION", "death": "ST-DEATH"}
    for event in events:
        if event.kind in kinds:
            found.append((calendar_day(day0, event.at), kinds[event.kind]))
    if no_response == Status.MET:  # no response by the end of day 14: met on day 14
        found.append((14, "ST-NO-RESPONSE"))
    if not found:
        return None, None
    day, rule = min(found)
    return rule, day


def _ferritin(ev: Reading, day0: datetime, until_day: int) -> tuple[float | None, int | None, tuple]:
    """Largest fall below baseline in the episode (as the published series report it: the
    largest percentage below baseline, a rise is no fall) and the (day, % of baseline) points,
    up to a week after the episode's last dose (later samples belong to no treatment)."""
    trajectory = ev.ferritin
    if trajectory is None or trajectory.baseline is None:
        return None, None, ()
    points = [p for p in trajectory.points
              if p.at >= day0 and p.change_pct is not None and calendar_day(day0, p.at) <= until_day]
    plotted = tuple((calendar_day(day0, p.at), round(100 + p.change_pct, 1)) for p in points)
    falls = [p for p in points if p.change_pct < 0]
    if not points:
        return None, None, plotted
    if not falls:
        return 0.0, None, plotted
    deepest = min(falls, key=lambda p: p.change_pct)
    return round(-deepest.change_pct, 1), calendar_day(day0, deepest.at), plotted


def _died_by_day30(case: Case, day0: datetime, death, now: datetime) -> bool | None:
    """True when death is recorded by the end of day 30; False when the patient is known
    alive after it (a later record) or death came later; None when nothing says either."""
    day30 = end_of_day(day0, MORTALITY_DAY)
    if death is not None:
        return death.at <= day30
    moments = [o.at for o in case.observations] + [e.at for e in case.events]
    moments += [t.start for t in case.treatments] + [t.stop for t in case.treatments if t.stop]
    if any(day30 < m <= now for m in moments):
        return False
    return None


def _icu_days(case: Case, day0: datetime, horizon: datetime) -> float | None:
    """Days in ICU overlapping the episode, from icu_admission/icu_discharge events; an
    admission with no discharge yet counts to the end of the audit."""
    events = sorted((e for e in case.events if e.kind in ("icu_admission", "icu_discharge")), key=lambda e: e.at)
    if not events:
        return None
    total, admitted = timedelta(0), None
    for event in events:
        if event.kind == "icu_admission" and admitted is None:
            admitted = event.at
        elif event.kind == "icu_discharge" and admitted is not None:
            total += _overlap(admitted, event.at, day0, horizon)
            admitted = None
    if admitted is not None:
        total += _overlap(admitted, horizon, day0, horizon)
    return round(total / timedelta(days=1), 1)


def _overlap(a: datetime, b: datetime, lo: datetime, hi: datetime) -> timedelta:
    start, end = max(a, lo), min(b, hi)
    return max(end - start, timedelta(0))


def _age_months(case: Case, day0: datetime) -> int | None:
    born = case.patient.date_of_birth
    return age_in_months(born, day0.date()) if born and born <= day0.date() else None


AGE_BANDS = ("under 2", "2 to 15", "16 to 64", "65 and over")


def age_band(months: int | None) -> str:
    """The audit's age bands at day 0: infants, children, adults, older adults."""
    if months is None:
        return "unknown"
    years = months // 12
    for band, below in zip(AGE_BANDS, (2, 16, 65)):
        if years < below:
            return band
    return AGE_BANDS[-1]
