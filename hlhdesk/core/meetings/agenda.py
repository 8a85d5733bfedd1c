"""Which cases a meeting should be offered, and why: reasons from the pathway phase.

Pure: the store gathers one `ReviewState` per case from its status cache (the pathway
phase, the review due, its flags) and the meetings tables; this module decides.

The reasons, most pressing first: a stop recommended, a day-14 check overdue, the day-14
check, a dose above the maximum, the day-7 check (overdue first), flagged, carried over, a
review date the MDT set, a new referral. A review that is due stays offered until an
outcome dated on or after it is recorded: it never drops off because its date has passed
(rules.md "Pathway phase"). A phase computed before the meeting is carried to the
meeting's date by its review dates (a case on day 5 when it was last evaluated is due its
day-7 check at a meeting on day 8).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hlhdesk.core.evaluation.pathway import DAY7_CHECK_DAY, DAY14_CHECK_DAY, Phase
from hlhdesk.core.meetings.meeting import AgendaReason, Decision


@dataclass(frozen=True)
class ReviewState:
    """What the agenda needs to know about one case."""

    case_id: int
    day0: date | None = None  # the current episode's day 0, if anakinra has started
    phase: Phase | None = None  # the cached pathway phase; None until first evaluated
    review_due: date | None = None  # the pathway's review due (its one definition)
    flags: tuple[str, ...] = ()  # the pathway's flag codes, e.g. "dose_above_max"
    outcome_dates: tuple[date, ...] = ()  # dates of the meetings that recorded an outcome
    last_decision: Decision | None = None
    flagged: bool = False  # someone asked for it to be discussed
    rolled_over: bool = False  # undiscussed at a closed meeting, not on an agenda since


@dataclass(frozen=True)
class Offer:
    case_id: int
    reason: AgendaReason
    due: date | None = None  # the review day that made it due, if a date did
    overdue: bool = False  # that day was before the meeting

    @property
    def explanation(self) -> str:
        if self.due is None:
            return self.reason.label
        if self.reason is AgendaReason.STOP_RECOMMENDED:
            when = "since"  # the day the criterion was met
        else:
            when = "overdue since" if self.overdue else "due"
        return f"{self.reason.label} ({when} {self.due.strftime('%d/%m/%Y')})"


def review_dates(day0: date, not_before: date | None = None) -> dict[AgendaReason, date]:
    """The day-7 and day-14 review dates the outcome form offers as the next review;
    with `not_before` (the meeting's date or today), only those not already past."""
    dates = {
        AgendaReason.DAY7_REVIEW: day0 + timedelta(days=DAY7_CHECK_DAY),
        AgendaReason.DAY14_REVIEW: day0 + timedelta(days=DAY14_CHECK_DAY),
    }
    return {reason: day for reason, day in dates.items() if not_before is None or day >= not_before}


# Most pressing first; an overdue day-14 or day-7 check ranks just above one due.
_RANK = {
    AgendaReason.STOP_RECOMMENDED: 0,
    AgendaReason.DAY14_REVIEW: 2,
    AgendaReason.DOSE_ABOVE_MAX: 3,
    AgendaReason.DAY7_REVIEW: 5,
    AgendaReason.FLAGGED: 6,
    AgendaReason.ROLLED_OVER: 7,
    AgendaReason.REVIEW_DUE: 8,
    AgendaReason.NEW_REFERRAL: 9,
}


def rank(offer: Offer) -> int:
    overdue_check = offer.overdue and offer.reason in (AgendaReason.DAY14_REVIEW, AgendaReason.DAY7_REVIEW)
    return _RANK[offer.reason] - (1 if overdue_check else 0)


def offer_for(state: ReviewState, meeting_on: date) -> Offer | None:
    """Why this case belongs on the agenda of a meeting on `meeting_on` (its most
    pressing reason), or None."""
    candidates = _candidates(state, meeting_on)
    return min(candidates, key=rank) if candidates else None


def _candidates(state: ReviewState, meeting_on: date) -> list[Offer]:
    if state.phase is Phase.DIED:
        return []  # never offered for review
    found: list[Offer] = []

    def add(reason: AgendaReason, due: date | None = None) -> None:
        found.append(Offer(state.case_id, reason, due, due is not None and due < meeting_on))

    due = state.review_due
    if due is not None and _reviewed_since(state, due):
        due = None  # an outcome recorded after the status was cached covers it
    if state.phase is Phase.STOP_RECOMMENDED:
        if due is not None:
            add(AgendaReason.STOP_RECOMMENDED, due)
    else:
        check = _check_at(state, due, meeting_on)
        if check is not None:
            add(*check)
        elif due is not None and due <= meeting_on:
            add(AgendaReason.REVIEW_DUE, due)
    if "dose_above_max" in state.flags and state.phase is not None and state.phase.on_anakinra:
        add(AgendaReason.DOSE_ABOVE_MAX)
    if state.flagged:
        add(AgendaReason.FLAGGED)
    if state.rolled_over:
        add(AgendaReason.ROLLED_OVER)
    if not state.outcome_dates and not found and state.phase is not Phase.STOPPED:
        add(AgendaReason.NEW_REFERRAL)
    return found


def _check_at(state: ReviewState, due: date | None, meeting_on: date) -> tuple[AgendaReason, date] | None:
    """The day-7 or day-14 check due at the meeting, carried forward from the cached
    phase: day 14 covers day 7 once it has come."""
    if state.day0 is None or state.phase not in (Phase.EARLY, Phase.DAY7_CHECK, Phase.DAY14_CHECK):
        return None
    day7 = state.day0 + timedelta(days=DAY7_CHECK_DAY)
    day14 = state.day0 + timedelta(days=DAY14_CHECK_DAY)
    if meeting_on >= day14 and not _reviewed_since(state, day14):
        return AgendaReason.DAY14_REVIEW, day14
    if due == day7 and meeting_on >= day7:
        return AgendaReason.DAY7_REVIEW, day7
    return None


def _reviewed_since(state: ReviewState, due: date) -> bool:
    return any(held_on >= due for held_on in state.outcome_dates)


def offers(states: list[ReviewState], meeting_on: date, exclude: set[int] = frozenset()) -> list[Offer]:
    """Every case to offer, most pressing first (see the module's order); within a
    reason, the longest overdue first, then by case id (oldest first)."""
    found = [o for s in states if s.case_id not in exclude and (o := offer_for(s, meeting_on))]
    return sorted(found, key=lambda o: (rank(o), o.due or meeting_on, o.case_id))


def meeting_as_of(held_on: date, now: datetime) -> datetime:
    """The moment a meeting's evaluations are made as of: now while the meeting is under
    way, the end of its day once it is past (so a sign-off typed up the next morning
    freezes what the meeting saw, not data that arrived after it)."""
    end_of_day = datetime.combine(held_on, time(23, 59, 59))
    return min(now.replace(microsecond=0), end_of_day)
