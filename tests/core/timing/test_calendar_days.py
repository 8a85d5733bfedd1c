"""Calendar days (rules.md revision 2): day N is a date; windows close at the end of a day;
samples on day 0 are baseline; values at a window's edge are named for the MDT."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import Status
from tests.support.cases import DAY, T0, anakinra, case, hscore_panel, obs, on_day, steroid

MINUTE = timedelta(minutes=1)


def treated(*observations, first_dose=T0, treatments=()):
    return case(obs("weight", 70, T0 - 3 * DAY), *observations,
                treatments=[anakinra(first_dose), *treatments])


def ferritin_rule(c, as_of):
    return evaluate(c, as_of).rule("RE-FERRITIN-7D")


def test_a_sample_hours_after_the_first_dose_on_day_0_is_baseline_never_response():
    c = treated(obs("ferritin", 1000, on_day(0, 8)), obs("ferritin", 800, on_day(0, 20)),
                obs("ferritin", 790, on_day(3)))
    r = ferritin_rule(c, on_day(9))
    assert r.evidence[0].value == 800  # the latest on day 0 is the baseline
    assert r.status is Status.NOT_MET  # 790 is 1% below it, not 21% below the morning's


def test_a_start_recorded_as_a_date_only_makes_that_days_samples_baseline():
    midnight = on_day(0, 0, 0)
    c = treated(obs("ferritin", 1000, on_day(0, 9)), obs("ferritin", 850, on_day(1, 9)), first_dose=midnight)
    r = ferritin_rule(c, on_day(9))
    assert r.evidence[0].at == on_day(0, 9) and r.status is Status.MET


def test_a_fall_at_23_59_on_day_7_counts_and_at_00_01_on_day_8_does_not():
    base = [obs("ferritin", 1000, on_day(-1)), obs("ferritin", 950, on_day(3))]
    inside = ferritin_rule(treated(*base, obs("ferritin", 850, on_day(7, 23, 59))), on_day(9))
    outside = ferritin_rule(treated(*base, obs("ferritin", 850, on_day(8, 0, 1))), on_day(9))
    assert inside.status is Status.MET
    assert outside.status is Status.NOT_MET


def test_a_value_at_the_edge_of_day_7_is_named_for_the_mdt_on_both_sides():
    base = [obs("ferritin", 1000, on_day(-1)), obs("ferritin", 950, on_day(3))]
    late = ferritin_rule(treated(*base, obs("ferritin", 850, on_day(7, 22))), on_day(9))
    assert late.status is Status.MET and "at the edge of day 7: MDT to judge" in late.detail
    just_after = ferritin_rule(treated(*base, obs("ferritin", 850, on_day(8, 1))), on_day(9))
    assert just_after.status is Status.NOT_MET and "at the edge of day 7: MDT to judge" in just_after.detail
    clear = ferritin_rule(treated(*base, obs("ferritin", 850, on_day(7, 12))), on_day(9))
    assert "edge" not in clear.detail


def test_the_ferritin_window_is_open_until_the_end_of_day_7():
    c = treated(obs("ferritin", 1000, on_day(-1)), obs("ferritin", 950, on_day(3)))
    assert ferritin_rule(c, on_day(7, 23, 59)).status is Status.UNKNOWN
    assert ferritin_rule(c, on_day(8, 0, 0)).status is Status.NOT_MET


def _non_responder():
    return treated(obs("ferritin", 1000, on_day(-1)), obs("ferritin", 1100, on_day(3)),
                   obs("ventilation", "none", on_day(0, 8)), obs("vasopressor", 0, on_day(0, 8)),
                   obs("renal_replacement", False, on_day(0, 8)),
                   *hscore_panel(on_day(0, 8)), *hscore_panel(on_day(3)), *hscore_panel(on_day(10)))


def test_on_day_14_the_check_is_made_not_deferred():
    early = evaluate(_non_responder(), on_day(13, 23, 59)).rule("ST-NO-RESPONSE")
    assert early.status is Status.UNKNOWN and "judged from day 14" in early.detail
    at_nine = evaluate(_non_responder(), on_day(14, 9)).rule("ST-NO-RESPONSE")
    assert at_nine.status is Status.MET, at_nine.detail
    assert "assessed from day 14" not in at_nine.detail


def test_steroid_days_are_calendar_days_up_to_the_end_of_day_14():
    for change, status in ((on_day(14, 23, 59), Status.MET), (on_day(15, 0, 1), Status.NOT_MET)):
        courses = [steroid("prednisolone", 60, T0 - 3 * DAY, stop=change), steroid("prednisolone", 30, change)]
        r = evaluate(treated(treatments=courses), on_day(20)).rule("RE-STEROID-14D")
        assert r.status is status, (change, r.detail)


# --- property: the first dose's time within day 0 never decides the response --------------

DAY0 = T0.date()


def _at(day: int, minute: int) -> datetime:
    return datetime.combine(DAY0 + timedelta(days=day), datetime.min.time()) + minute * MINUTE


minutes_of_day = st.integers(0, 24 * 60 - 1)


@st.composite
def responses(draw):
    """Ferritin, HScore panels, steroid courses and organ support around day 0 (never on day 0
    between midnight and the dose, where the policy ties organ support to the dose time)."""
    items = [obs("ferritin", draw(st.integers(200, 20_000)), _at(draw(st.integers(-4, 0)), draw(minutes_of_day)))]
    items += [obs("ferritin", draw(st.integers(200, 20_000)), _at(draw(st.integers(1, 16)), draw(minutes_of_day)))
              for _ in range(draw(st.integers(0, 4)))]
    for _ in range(draw(st.integers(0, 4))):
        at = _at(draw(st.integers(-1, 16)), draw(minutes_of_day))
        items += hscore_panel(at, temperature=draw(st.sampled_from([37.0, 39.0, 40.0])),
                              ferritin=draw(st.sampled_from([300, 3000, 9000])))
    organ = draw(st.sampled_from(["none", "invasive"]))
    items += [obs("ventilation", organ, _at(0, 0)), obs("vasopressor", 0, _at(0, 0)),
              obs("renal_replacement", False, _at(0, 0))]
    if draw(st.booleans()):
        items.append(obs("ventilation", draw(st.sampled_from(["none", "non_invasive", "invasive"])),
                         _at(draw(st.integers(1, 16)), draw(minutes_of_day))))
    courses = []
    if draw(st.booleans()):
        change = _at(draw(st.integers(-2, 16)), draw(minutes_of_day))
        courses = [steroid("prednisolone", 60, _at(-5, 0), stop=change),
                   steroid("prednisolone", draw(st.sampled_from([30, 50, 60])), change)]
    return items, courses


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses(), minutes_of_day, minutes_of_day, st.integers(7, 20), minutes_of_day)
def test_moving_the_first_dose_within_its_day_never_changes_ferritin_or_no_response(data, first, second, day, minute):
    items, courses = data
    as_of = _at(day, minute)
    a = evaluate(treated(*items, first_dose=_at(0, first), treatments=courses), as_of)
    b = evaluate(treated(*items, first_dose=_at(0, second), treatments=courses), as_of)
    for rule_id in ("RE-FERRITIN-7D", "ST-NO-RESPONSE"):
        assert a.rule(rule_id).status is b.rule(rule_id).status, (rule_id, a.rule(rule_id).detail,
                                                                  b.rule(rule_id).detail)
