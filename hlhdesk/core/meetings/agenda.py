"""Which cases a meeting should be offered, and why.

Pure: the store gathers one `ReviewState` per case (one query), this module decides.

The policy asks the MDT to judge response and stopping from day 0 (the start of the first
anakinra course): at day 7 (ferritin fall) and at day 14 (no response by then means stop).
A case is offered to the first meeting held on or after its review day that has not yet
recorded an outcome for it on or after that day. A review that was missed for longer than
`REVIEW_WINDOW_DAYS` is no longer offered by date (a flag brings it back), so cases from
years ago do not crowd the agenda.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hlhdesk.core.meetings.meeting import AgendaReason, Decision

DAY7, DAY14 = 7, 14
REVIEW_WINDOW_DAYS = 28

# After these decisions anakinra is not running, so day-7/day-14 reviews are not offered.
_TREATMENT_ENDED = frozenset({Decision.STOP, Decision.NOT_ELIGIBLE})


@dataclass(frozen=True)
class ReviewState:
    """What the agenda needs to know about one case."""

    case_id: int
    day0: date | None  # the first anakinra start, if any
    outcome_dates: tuple[date, ...] = ()  # dates of the meetings that recorded an outcome
    last_decision: Decision | None = None
    next_review: date | None = None  # set by the latest outcome
    flagged: bool = False  # someone asked for it to be discussed
    rolled_over: bool = False  # undiscussed at a closed meeting, not on an agenda since


@dataclass(frozen=True)
class Offer:
    case_id: int
    reason: AgendaReason
    due: date | None = None  # the review day that made it due, if a date did

    @property
    def explanation(self) -> str:
        if self.due is None:
            return self.reason.label
        return f"{self.reason.label} (due {self.due.strftime('%d/%m/%Y')})"


def review_dates(day0: date) -> dict[AgendaReason, date]:
    """The day-7 and day-14 review dates the outcome form offers as the next review."""
    return {
        AgendaReason.DAY7_REVIEW: day0 + timedelta(days=DAY7),
        AgendaReason.DAY14_REVIEW: day0 + timedelta(days=DAY14),
    }


def offer_for(state: ReviewState, meeting_on: date) -> Offer | None:
    """Why this case belongs on the agenda of a meeting on `meeting_on`, or None."""
    if state.rolled_over:
        return Offer(state.case_id, AgendaReason.ROLLED_OVER)
    if state.flagged:
        return Offer(state.case_id, AgendaReason.FLAGGED)
    if not state.outcome_dates:
        return Offer(state.case_id, AgendaReason.NEW_REFERRAL)
    if state.last_decision in _TREATMENT_ENDED:
        return None
    return _date_due(state, meeting_on)


def _date_due(state: ReviewState, meeting_on: date) -> Offer | None:
    candidates: list[tuple[AgendaReason, date]] = []
    if state.day0 is not None:
        # Day 14 first: when both have come, the day-14 review covers the day-7 question.
        dates = review_dates(state.day0)
        candidates += [
            (AgendaReason.DAY14_REVIEW, dates[AgendaReason.DAY14_REVIEW]),
            (AgendaReason.DAY7_REVIEW, dates[AgendaReason.DAY7_REVIEW]),
        ]
    if state.next_review is not None:
        candidates.append((AgendaReason.REVIEW_DUE, state.next_review))
    for reason, due in candidates:
        if _is_due(due, meeting_on) and not _reviewed_since(state, due):
            return Offer(state.case_id, reason, due)
    return None


def _is_due(due: date, meeting_on: date) -> bool:
    return due <= meeting_on < due + timedelta(days=REVIEW_WINDOW_DAYS)


def _reviewed_since(state: ReviewState, due: date) -> bool:
    return any(held_on >= due for held_on in state.outcome_dates)


def offers(states: list[ReviewState], meeting_on: date, exclude: set[int] = frozenset()) -> list[Offer]:
    """Every case to offer, most pressing first: carried over, flagged, day 14, day 7,
    scheduled reviews, then new referrals; ties by case id (oldest first)."""
    found = [o for s in states if s.case_id not in exclude and (o := offer_for(s, meeting_on))]
    return sorted(found, key=lambda o: (_PRIORITY[o.reason], o.case_id))


_PRIORITY = {
    AgendaReason.ROLLED_OVER: 0,
    AgendaReason.FLAGGED: 1,
    AgendaReason.DAY14_REVIEW: 2,
    AgendaReason.DAY7_REVIEW: 3,
    AgendaReason.REVIEW_DUE: 4,
    AgendaReason.NEW_REFERRAL: 5,
}


def meeting_as_of(held_on: date, now: datetime) -> datetime:
    """The moment a meeting's evaluations are made as of: now while the meeting is under
    way, the end of its day once it is past (so a sign-off typed up the next morning
    freezes what the meeting saw, not data that arrived after it)."""
    end_of_day = datetime.combine(held_on, time(23, 59, 59))
    return min(now.replace(microsecond=0), end_of_day)
