"""Treatment courses read as schedules (rules.md revision 2, "Treatment courses"), for
corticosteroids and anakinra alike: the issue's examples, each on both sides of its edge."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import Status
from hlhdesk.core.model import Treatment
from tests.support.cases import DAY, T0, anakinra, case, hscore_panel, obs, on_day, steroid

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def non_responder(*courses, weight=70):
    """Anakinra from T0; no ferritin fall, no organ support, flat HScores: only the steroid
    dose can show a response, so ST-NO-RESPONSE follows RE-STEROID-14D."""
    return case(obs("weight", weight, T0 - DAY), obs("ferritin", 1000, on_day(-1)), obs("ferritin", 1100, on_day(3)),
                obs("ventilation", "none", on_day(0, 8)), obs("vasopressor", 0, on_day(0, 8)),
                obs("renal_replacement", False, on_day(0, 8)),
                *hscore_panel(on_day(0, 8)), *hscore_panel(on_day(3)), *hscore_panel(on_day(10)),
                treatments=[anakinra(), *courses])


def steroid_and_stop(*courses, as_of=None):
    ev = evaluate(non_responder(*courses), as_of or on_day(15))
    return ev.rule("RE-STEROID-14D"), ev.rule("ST-NO-RESPONSE")


# --- the examples -----------------------------------------------------------------

def test_a_new_course_after_a_stop_at_23_59_is_a_24_percent_fall_not_a_stop():
    courses = (steroid("dexamethasone", 20, on_day(-3, 9), stop=on_day(4, 23, 59)),
               steroid("dexamethasone", 15.2, on_day(5, 0, 0)))
    r, stop = steroid_and_stop(*courses)
    assert r.status is Status.NOT_MET, r.detail
    assert stop.status is Status.MET


def test_a_stop_written_as_the_last_days_date_means_after_that_days_doses():
    courses = (steroid("dexamethasone", 20, on_day(-3, 9), stop=on_day(4, 0, 0)),  # "stop 07/10"
               steroid("dexamethasone", 15.2, on_day(5, 0, 0)))
    r, stop = steroid_and_stop(*courses)
    assert r.status is Status.NOT_MET, r.detail
    assert stop.status is Status.MET


@pytest.mark.parametrize("gap, status", [(23 * HOUR + 59 * MINUTE, Status.NOT_MET), (24 * HOUR + MINUTE, Status.MET)])
def test_a_hold_shorter_than_the_dosing_interval_is_not_a_stop(gap, status):
    # dexamethasone every 24 h held from 22:00 on day 4: resumed within the interval it is
    # the same dose; resumed after it, day 5 had none (a 100% fall, a real stop)
    held = on_day(4, 22)
    courses = (steroid("dexamethasone", 20, on_day(-3, 9), stop=held),
               steroid("dexamethasone", 20, held + gap))
    r, _ = steroid_and_stop(*courses)
    assert r.status is status, r.detail


@pytest.mark.parametrize("overlap, status", [(4 * HOUR, Status.NOT_MET), (25 * HOUR, Status.MET)])
def test_an_overlap_shorter_than_the_dosing_interval_at_a_switch_is_not_a_doubling(overlap, status):
    # methylprednisolone 80 mg/day (100 mg prednisolone) switched to dexamethasone 15 mg/day
    # (100 mg prednisolone) across midnight of day 0. A short overlap is a switch: no change
    # of dose, so no response. An overlap longer than the interval really ran together, so
    # day 0 was doubled and day 1's single drug reads as a fall.
    switch = on_day(1, 2)
    courses = (steroid("methylprednisolone", 80, on_day(-6, 9), stop=switch),
               steroid("dexamethasone", 15, switch - overlap))
    r, _ = steroid_and_stop(*courses)
    assert r.status is status, r.detail


def test_a_4_hour_overlap_at_a_switch_across_the_first_anakinra_dose_is_not_a_doubling():
    # methylprednisolone 80 mg/day to dexamethasone 15 mg/day (both 100 mg prednisolone),
    # overlapping from 2 hours before to 2 hours after the first anakinra dose
    courses = (steroid("methylprednisolone", 80, on_day(-6, 9), stop=T0 + 2 * HOUR),
               steroid("dexamethasone", 15, T0 - 2 * HOUR))
    r, stop = steroid_and_stop(*courses)
    assert r.status is Status.NOT_MET and r.evidence[0].value == 100, r.detail
    assert stop.status is Status.MET


def test_a_taper_entered_as_a_new_course_with_the_old_one_left_open_is_a_lower_dose():
    courses = (steroid("prednisolone", 60, on_day(-3, 9)), steroid("prednisolone", 30, on_day(5, 9)))
    r, stop = steroid_and_stop(*courses)
    assert r.status is Status.MET and "50% lower" in r.detail, r.detail
    assert stop.status is Status.NOT_MET


def test_a_course_marked_alongside_is_added_not_replaced():
    courses = (steroid("prednisolone", 60, on_day(-3, 9)),
               replace(steroid("prednisolone", 30, on_day(5, 9)), alongside=True))
    r, _ = steroid_and_stop(*courses)
    assert r.status is Status.NOT_MET, r.detail  # 90 mg/day from day 5: no fall


@pytest.mark.parametrize("started", [T0 + 30 * MINUTE, on_day(0, 23, 59)])
def test_steroids_started_after_the_first_dose_on_day_0_count_as_day_0(started):
    courses = (steroid("prednisolone", 60, started, stop=on_day(5, 9)), steroid("prednisolone", 30, on_day(5, 9)))
    r, _ = steroid_and_stop(*courses)
    assert r.status is Status.MET, r.detail
    assert r.evidence[0].value == 60


def test_steroids_started_on_day_1_are_not_day_0():
    courses = (steroid("prednisolone", 60, on_day(1, 0, 0)),)
    r, _ = steroid_and_stop(*courses)
    assert r.status is Status.NOT_APPLICABLE


def test_a_two_minute_gap_in_the_chart_around_the_first_dose_is_not_a_stop():
    courses = (steroid("prednisolone", 60, on_day(-3, 9), stop=T0 - MINUTE),
               steroid("prednisolone", 60, T0 + MINUTE, stop=on_day(5, 9)),
               steroid("prednisolone", 30, on_day(5, 9)))
    r, _ = steroid_and_stop(*courses)
    assert r.status is Status.MET and r.evidence[0].value == 60, r.detail


@pytest.mark.parametrize("days, status", [(5, Status.UNKNOWN), (6, Status.MET)])
def test_the_scheduled_end_of_a_pulse_is_for_the_mdt_to_judge(days, status):
    # methylprednisolone 500 mg/day ending on day 2; a pulse (5 days or fewer) ending is not a
    # response by itself; a 6-day course is not a pulse, and its end is a real fall
    end = on_day(2, 9)
    courses = (steroid("methylprednisolone", 500, end - days * DAY, stop=end),
               steroid("prednisolone", 60, end))
    r, stop = steroid_and_stop(*courses)
    assert r.status is status, r.detail
    if status is Status.UNKNOWN:
        assert "pulse ended: MDT to judge" in r.detail
        assert stop.status is Status.UNKNOWN  # never a stop on a pulse's scheduled end


def test_a_real_fall_after_a_pulse_still_counts():
    end = on_day(2, 9)
    courses = (steroid("methylprednisolone", 500, end - 3 * DAY, stop=end),
               steroid("prednisolone", 60, on_day(-5, 9), stop=on_day(6, 9)),
               steroid("prednisolone", 20, on_day(6, 9)))
    r, _ = steroid_and_stop(*courses)
    assert r.status is Status.MET and "day 6" in r.detail, r.detail


def test_concurrent_anakinra_courses_are_added_up_for_do_max():
    # sc 100 mg every 8 h (300 mg/day) + iv 100 mg every 6 h (400 mg/day) = 10 mg/kg/day at 70 kg
    c = non_responder(anakinra(on_day(1, 9), dose=100, every=6, route="iv"))
    r = evaluate(c, on_day(2)).rule("DO-MAX")
    assert r.status is Status.NOT_MET, r.detail


@pytest.mark.parametrize("overlap, status", [(5 * HOUR, Status.MET), (9 * HOUR, Status.NOT_MET)])
def test_a_short_overlap_at_an_anakinra_route_switch_is_not_a_doubling(overlap, status):
    # iv 100 mg every 6 h (400 mg/day, 5.7 mg/kg/day) switched to sc 100 mg every 8 h (300):
    # an overlap under the longer interval (8 h) is a switch; over it, both ran (10 mg/kg/day)
    switch = on_day(3, 12)
    c = case(obs("weight", 70, T0 - DAY),
             treatments=[anakinra(T0, dose=100, every=6, route="iv", stop=switch + overlap / 2),
                         anakinra(switch - overlap / 2, dose=100, every=8, route="sc")])
    assert evaluate(c, on_day(5)).rule("DO-MAX").status is status


@pytest.mark.parametrize("gap, bridged", [(5 * HOUR, True), (7 * HOUR, False)])
def test_a_gap_in_an_iv_course_shorter_than_its_interval_is_not_a_stop(gap, bridged):
    c = case(obs("weight", 70, T0 - DAY),
             treatments=[anakinra(T0, every=6, route="iv", stop=on_day(2, 10)),
                         anakinra(on_day(2, 10) + gap, every=6, route="iv")])
    ev = evaluate(c, on_day(2, 18))
    first = ev.dosing[0]
    assert first.stop == (on_day(2, 10) + gap if bridged else on_day(2, 10))
    assert ev.rule("DO-IV-SWITCH").status is Status.MET


# --- property: splitting a course never changes any rule ----------------------------------

def _at(day: int, minute: int) -> datetime:
    return datetime.combine(T0.date() + timedelta(days=day), datetime.min.time()) + minute * MINUTE


minutes = st.integers(0, 24 * 60 - 1)


@st.composite
def courses_and_split(draw):
    courses = [anakinra(T0, dose=draw(st.sampled_from([100, 200])), every=draw(st.sampled_from([6, 8, 24])),
                        route=draw(st.sampled_from(["sc", "iv"])),
                        stop=draw(st.none() | st.builds(_at, st.integers(1, 16), minutes)))]
    for _ in range(draw(st.integers(0, 3))):
        drug = draw(st.sampled_from(["anakinra", "corticosteroid"]))
        start = _at(draw(st.integers(-6, 14)), draw(minutes))
        stop = draw(st.none() | st.builds(lambda d, m: start + d * DAY + m * MINUTE, st.integers(0, 8), minutes))
        if drug == "anakinra":
            courses.append(anakinra(start, dose=draw(st.sampled_from([50, 100])), every=draw(st.sampled_from([8, 24])),
                                    route=draw(st.sampled_from(["sc", "iv"])), stop=stop))
        else:
            courses.append(steroid(draw(st.sampled_from(["prednisolone", "dexamethasone", "methylprednisolone"])),
                                   draw(st.sampled_from([10, 60, 500])), start, stop=stop,
                                   every=draw(st.sampled_from([12, 24]))))
    which = draw(st.integers(0, len(courses) - 1))
    chosen = courses[which]
    end = chosen.stop or _at(20, 0)
    span = int((end - chosen.start) / MINUTE)
    if span < 2:
        return courses, None
    at = chosen.start + draw(st.integers(1, span - 1)) * MINUTE
    if draw(st.booleans()):  # a split at midnight, the date-only form
        at = datetime.combine(at.date(), datetime.min.time())
        if not chosen.start < at < end:
            return courses, None
    split = courses[:which] + [replace(chosen, stop=at), replace(chosen, start=at)] + courses[which + 1:]
    return courses, split


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(courses_and_split(), st.integers(0, 20), minutes)
def test_splitting_a_course_in_two_back_to_back_never_changes_any_rule(data, day, minute):
    courses, split = data
    if split is None:
        return
    observations = (obs("weight", 70, T0 - DAY), obs("weight", 64, on_day(6)), obs("ferritin", 2000, on_day(-1)),
                    obs("ferritin", 1900, on_day(4)), obs("creatinine_clearance", 80, on_day(-1)))
    as_of = _at(day, minute)
    whole = evaluate(case(*observations, treatments=courses), as_of)
    parts = evaluate(case(*observations, treatments=split), as_of)
    assert [(r.id, r.status) for r in parts.rules] == [(r.id, r.status) for r in whole.rules], [
        (a.id, a.detail, b.detail) for a, b in zip(whole.rules, parts.rules) if a.status is not b.status]
