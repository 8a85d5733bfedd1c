"""Which cases a meeting is offered: day 7 and day 14 after day 0 (boundaries both sides),
flags, new referrals, carried-over cases, and reviews set by an earlier outcome."""

from datetime import date

import pytest

from hlhdesk.core.meetings.agenda import REVIEW_WINDOW_DAYS, Offer, ReviewState, offer_for, offers, review_dates
from hlhdesk.core.meetings.meeting import AgendaReason, Decision

DAY0 = date(2026, 10, 3)
SEEN_AT_START = (date(2026, 10, 2),)  # an outcome at the meeting before day 0


def reviewed(**kw) -> ReviewState:
    base = dict(case_id=1, day0=DAY0, outcome_dates=SEEN_AT_START, last_decision=Decision.START)
    return ReviewState(**{**base, **kw})


def test_review_dates_are_day_7_and_day_14():
    assert review_dates(DAY0) == {
        AgendaReason.DAY7_REVIEW: date(2026, 10, 10),
        AgendaReason.DAY14_REVIEW: date(2026, 10, 17),
    }


def test_a_case_with_no_outcome_is_a_new_referral():
    assert offer_for(ReviewState(case_id=5, day0=None), date(2026, 10, 9)) == Offer(5, AgendaReason.NEW_REFERRAL)


@pytest.mark.parametrize(
    "meeting_on, expected",
    [
        (date(2026, 10, 9), None),  # day 6: not yet due
        (date(2026, 10, 10), AgendaReason.DAY7_REVIEW),  # day 7 itself
        (date(2026, 10, 16), AgendaReason.DAY7_REVIEW),  # day 13
        (date(2026, 10, 17), AgendaReason.DAY14_REVIEW),  # day 14 covers day 7
    ],
)
def test_day_7_and_day_14_boundaries(meeting_on, expected):
    offer = offer_for(reviewed(), meeting_on)
    assert (offer.reason if offer else None) == expected


def test_the_offer_names_the_due_date():
    offer = offer_for(reviewed(), date(2026, 10, 12))
    assert offer.due == date(2026, 10, 10)
    assert offer.explanation == "Day-7 review (due 10/10/2026)"


def test_a_review_done_on_or_after_the_due_day_is_not_offered_again():
    done = reviewed(outcome_dates=(*SEEN_AT_START, date(2026, 10, 10)))
    assert offer_for(done, date(2026, 10, 14)) is None
    # ... but day 14 still comes
    assert offer_for(done, date(2026, 10, 17)).reason == AgendaReason.DAY14_REVIEW


def test_a_review_the_day_before_the_due_day_does_not_count():
    early = reviewed(outcome_dates=(*SEEN_AT_START, date(2026, 10, 9)))
    assert offer_for(early, date(2026, 10, 10)).reason == AgendaReason.DAY7_REVIEW


def test_a_missed_review_stops_being_offered_after_the_window():
    day14 = date(2026, 10, 17)
    last_day = date.fromordinal(day14.toordinal() + REVIEW_WINDOW_DAYS - 1)
    assert offer_for(reviewed(), last_day).reason == AgendaReason.DAY14_REVIEW
    assert offer_for(reviewed(), date.fromordinal(last_day.toordinal() + 1)) is None


def test_no_date_reviews_after_stopping():
    stopped = reviewed(last_decision=Decision.STOP)
    assert offer_for(stopped, date(2026, 10, 17)) is None
    assert offer_for(reviewed(last_decision=Decision.STOP, flagged=True), date(2026, 10, 17)).reason == AgendaReason.FLAGGED


def test_a_review_date_set_by_an_outcome():
    state = ReviewState(case_id=2, day0=None, outcome_dates=(date(2026, 9, 1),), next_review=date(2026, 9, 15))
    assert offer_for(state, date(2026, 9, 14)) is None
    assert offer_for(state, date(2026, 9, 15)).reason == AgendaReason.REVIEW_DUE


def test_carried_over_beats_flagged_beats_dates():
    assert offer_for(reviewed(flagged=True, rolled_over=True), date(2026, 10, 17)).reason == AgendaReason.ROLLED_OVER
    assert offer_for(reviewed(flagged=True), date(2026, 10, 17)).reason == AgendaReason.FLAGGED


def test_offers_sorted_by_urgency_and_exclude_cases_already_on_the_agenda():
    states = [
        ReviewState(case_id=1, day0=None),  # new referral
        reviewed(case_id=2),  # day 14 on 17/10
        reviewed(case_id=3, rolled_over=True),
        reviewed(case_id=4, day0=date(2026, 10, 8)),  # day 7 on 15/10 (day 9 at the meeting)
        reviewed(case_id=5, day0=date(2026, 10, 20)),  # not due
    ]
    got = offers(states, date(2026, 10, 17), exclude={3})
    assert [(o.case_id, o.reason) for o in got] == [
        (2, AgendaReason.DAY14_REVIEW),
        (4, AgendaReason.DAY7_REVIEW),
        (1, AgendaReason.NEW_REFERRAL),
    ]


def test_meeting_as_of_is_now_during_the_day_and_end_of_day_after():
    from datetime import datetime

    from hlhdesk.core.meetings.agenda import meeting_as_of

    held_on = date(2026, 10, 9)
    assert meeting_as_of(held_on, datetime(2026, 10, 9, 14, 5, 7, 999)) == datetime(2026, 10, 9, 14, 5, 7)
    assert meeting_as_of(held_on, datetime(2026, 10, 10, 9, 0)) == datetime(2026, 10, 9, 23, 59, 59)
