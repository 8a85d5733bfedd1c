"""Which cases a meeting is offered, from the pathway phase: the reasons in order (stop
recommended, day 14 overdue, day 14, dose above the maximum, day 7, flagged, carried
over, review date, new referral), day 7 and day 14 on both sides, a missed review that
stays offered until an outcome on or after it, and review buttons that never offer a
past date."""

from datetime import date

import pytest

from hlhdesk.core.evaluation.pathway import Phase
from hlhdesk.core.meetings.agenda import Offer, ReviewState, offer_for, offers, rank, review_dates
from hlhdesk.core.meetings.meeting import AgendaReason, Decision

DAY0 = date(2026, 10, 3)
DAY7, DAY14 = date(2026, 10, 10), date(2026, 10, 17)
SEEN_AT_START = (date(2026, 10, 2),)  # an outcome at the meeting before day 0 ("Start")


def on_anakinra(phase=Phase.EARLY, review_due=DAY7, **kw) -> ReviewState:
    """A case started on 03/10 after a "Start" outcome, as its status was last cached."""
    base = dict(case_id=1, day0=DAY0, phase=phase, review_due=review_due, outcome_dates=SEEN_AT_START,
                last_decision=Decision.START)
    return ReviewState(**{**base, **kw})


def reason_at(state, meeting_on):
    offer = offer_for(state, meeting_on)
    return offer.reason if offer else None


def test_review_dates_are_day_7_and_day_14_and_never_in_the_past():
    assert review_dates(DAY0) == {AgendaReason.DAY7_REVIEW: DAY7, AgendaReason.DAY14_REVIEW: DAY14}
    assert review_dates(DAY0, not_before=DAY7) == {AgendaReason.DAY7_REVIEW: DAY7, AgendaReason.DAY14_REVIEW: DAY14}
    assert review_dates(DAY0, not_before=date(2026, 10, 11)) == {AgendaReason.DAY14_REVIEW: DAY14}
    assert review_dates(DAY0, not_before=date(2026, 10, 18)) == {}


def test_a_case_with_no_outcome_and_no_anakinra_is_a_new_referral():
    state = ReviewState(case_id=5, phase=Phase.DECIDE_START)
    assert offer_for(state, date(2026, 10, 9)) == Offer(5, AgendaReason.NEW_REFERRAL)
    assert reason_at(ReviewState(case_id=5), date(2026, 10, 9)) == AgendaReason.NEW_REFERRAL  # not yet evaluated


def test_a_patient_on_day_15_is_never_a_new_referral():
    never_discussed = ReviewState(case_id=3, day0=DAY0, phase=Phase.DAY14_CHECK, review_due=DAY14)
    offer = offer_for(never_discussed, date(2026, 10, 18))
    assert (offer.reason, offer.due, offer.overdue) == (AgendaReason.DAY14_REVIEW, DAY14, True)
    assert offer.explanation == "Day-14 review (overdue since 17/10/2026)"


@pytest.mark.parametrize("meeting_on, expected", [
    (date(2026, 10, 9), None),  # day 6: not yet due
    (DAY7, AgendaReason.DAY7_REVIEW),  # day 7 itself
    (date(2026, 10, 16), AgendaReason.DAY7_REVIEW),  # day 13
    (DAY14, AgendaReason.DAY14_REVIEW),  # day 14 covers day 7
])
def test_a_phase_cached_early_is_carried_to_the_meeting_date(meeting_on, expected):
    assert reason_at(on_anakinra(), meeting_on) == expected


def test_the_day_7_check_is_overdue_after_day_7():
    assert offer_for(on_anakinra(phase=Phase.DAY7_CHECK), DAY7).overdue is False
    late = offer_for(on_anakinra(phase=Phase.DAY7_CHECK), date(2026, 10, 11))
    assert late.overdue and late.explanation == "Day-7 review (overdue since 10/10/2026)"


def test_an_outcome_on_or_after_day_7_covers_it_one_the_day_before_does_not():
    assert reason_at(on_anakinra(outcome_dates=(*SEEN_AT_START, date(2026, 10, 9))), DAY7) == AgendaReason.DAY7_REVIEW
    reviewed = on_anakinra(outcome_dates=(*SEEN_AT_START, DAY7))  # recorded after the status was cached
    assert reason_at(reviewed, date(2026, 10, 14)) is None
    assert reason_at(reviewed, DAY14) == AgendaReason.DAY14_REVIEW  # ... but day 14 still comes


@pytest.mark.parametrize("meeting_on", [DAY14, date(2026, 10, 18), date(2026, 11, 2)])
def test_a_missed_day_14_check_is_offered_until_an_outcome_on_or_after_day_14(meeting_on):
    missed = on_anakinra(phase=Phase.DAY14_CHECK, review_due=DAY14, outcome_dates=(*SEEN_AT_START, DAY7))
    offer = offer_for(missed, meeting_on)
    assert offer.reason == AgendaReason.DAY14_REVIEW and offer.overdue is (meeting_on > DAY14)
    assert offers([missed, ReviewState(case_id=9, phase=Phase.DECIDE_START)], meeting_on)[0].case_id == 1
    done = on_anakinra(phase=Phase.DAY14_CHECK, review_due=DAY14, outcome_dates=(*SEEN_AT_START, DAY14))
    assert offer_for(done, meeting_on) is None


def test_a_start_outcome_without_a_review_date_brings_the_case_back_at_day_7():
    # "Start" on 02/10 with no review date; the course started on 03/10 and the status
    # was refreshed: the pathway's day-7 review keeps the case coming.
    assert reason_at(on_anakinra(), DAY7) == AgendaReason.DAY7_REVIEW


def test_a_stop_recommendation_is_offered_first_until_the_mdt_meets_on_it():
    stop = on_anakinra(phase=Phase.STOP_RECOMMENDED, review_due=date(2026, 10, 4), flagged=True)
    assert offer_for(stop, date(2026, 10, 6)) == Offer(1, AgendaReason.STOP_RECOMMENDED, date(2026, 10, 4), True)
    confirmed = on_anakinra(phase=Phase.STOP_RECOMMENDED, review_due=date(2026, 10, 4),
                            outcome_dates=(*SEEN_AT_START, date(2026, 10, 6)))
    assert offer_for(confirmed, date(2026, 10, 13)) is None


def test_a_dose_above_the_maximum_ranks_between_day_14_and_day_7():
    states = [
        on_anakinra(case_id=1, phase=Phase.DAY7_CHECK, review_due=DAY7),
        on_anakinra(case_id=2, phase=Phase.EARLY, review_due=date(2026, 10, 13), day0=date(2026, 10, 6),
                    flags=("dose_above_max", "iv_running")),
        on_anakinra(case_id=3, phase=Phase.DAY14_CHECK, review_due=date(2026, 10, 11), day0=date(2026, 9, 27)),
    ]
    got = offers(states, date(2026, 10, 11))
    assert [(o.case_id, o.reason) for o in got] == [
        (3, AgendaReason.DAY14_REVIEW), (2, AgendaReason.DOSE_ABOVE_MAX), (1, AgendaReason.DAY7_REVIEW)]


def test_stopped_and_died_are_not_reviewed_by_date():
    stopped = on_anakinra(phase=Phase.STOPPED, review_due=None, last_decision=Decision.STOP)
    assert offer_for(stopped, DAY14) is None
    assert reason_at(on_anakinra(phase=Phase.STOPPED, review_due=None, flagged=True), DAY14) == AgendaReason.FLAGGED
    assert offer_for(on_anakinra(phase=Phase.DIED, review_due=None, flagged=True), DAY14) is None


def test_a_review_date_set_by_an_outcome():
    state = ReviewState(case_id=2, phase=Phase.CONTINUING, review_due=date(2026, 9, 15),
                        outcome_dates=(date(2026, 9, 1),))
    assert offer_for(state, date(2026, 9, 14)) is None
    assert reason_at(state, date(2026, 9, 15)) == AgendaReason.REVIEW_DUE
    assert reason_at(state, date(2026, 12, 15)) == AgendaReason.REVIEW_DUE  # never drops off


def test_flagged_beats_carried_over_beats_a_review_date():
    state = ReviewState(case_id=2, phase=Phase.CONTINUING, review_due=date(2026, 9, 15),
                        outcome_dates=(date(2026, 9, 1),), rolled_over=True)
    assert reason_at(state, date(2026, 9, 16)) == AgendaReason.ROLLED_OVER
    assert reason_at(ReviewState(**{**state.__dict__, "flagged": True}), date(2026, 9, 16)) == AgendaReason.FLAGGED
    # ... but a day-14 check comes before either
    assert reason_at(on_anakinra(phase=Phase.DAY14_CHECK, review_due=DAY14, flagged=True, rolled_over=True),
                     DAY14) == AgendaReason.DAY14_REVIEW


def test_offers_sorted_by_urgency_and_exclude_cases_already_on_the_agenda():
    states = [
        ReviewState(case_id=1, phase=Phase.DECIDE_START),  # new referral
        on_anakinra(case_id=2, phase=Phase.DAY14_CHECK, review_due=DAY14),
        on_anakinra(case_id=3, rolled_over=True),
        on_anakinra(case_id=4, day0=date(2026, 10, 8), review_due=date(2026, 10, 15)),  # day 9 at the meeting
        on_anakinra(case_id=5, day0=date(2026, 10, 20), review_due=date(2026, 10, 27)),  # not due
        on_anakinra(case_id=6, phase=Phase.DAY14_CHECK, review_due=date(2026, 10, 12), day0=date(2026, 9, 28)),
    ]
    got = offers(states, date(2026, 10, 17), exclude={3})
    assert [(o.case_id, o.reason) for o in got] == [
        (6, AgendaReason.DAY14_REVIEW),  # overdue since 12/10
        (2, AgendaReason.DAY14_REVIEW),  # due today
        (4, AgendaReason.DAY7_REVIEW),
        (1, AgendaReason.NEW_REFERRAL),
    ]


def test_the_reasons_are_listed_in_the_agendas_order():
    # The Meetings window names them in enum order; the agenda ranks them: the same order.
    assert [r.value for r in sorted(AgendaReason, key=lambda r: rank(Offer(1, r)))] == [r.value for r in AgendaReason]
