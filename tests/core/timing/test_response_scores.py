"""Response HScores (rules.md revision 2): each time point's own values (the latest of each
item in the 72 hours up to it), for RE-HSCORE-SERIAL and the HScore trajectory plot."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation import Status
from tests.support.cases import DAY, T0, anakinra, case, hscore_panel, marrow, obs, on_day

MINUTE = timedelta(minutes=1)

# Full panels scoring exactly these HScores (with a positive marrow on day -1):
PANELS = {
    319: dict(temperature=39.6, hepatomegaly=True, splenomegaly=True, haemoglobin=80, wbc=3, platelets=50,
              ferritin=8000, triglycerides=4.5, fibrinogen=2.0, ast=40),
    283: dict(temperature=39.0, hepatomegaly=True, splenomegaly=True, haemoglobin=80, wbc=3, platelets=50,
              ferritin=8000, triglycerides=3.0, fibrinogen=2.0, ast=40),
    231: dict(temperature=37.5, hepatomegaly=True, splenomegaly=True, haemoglobin=80, wbc=3, platelets=50,
              ferritin=8000, triglycerides=3.0, fibrinogen=2.0, ast=20),
    123: dict(temperature=37.0, hepatomegaly=True, splenomegaly=False, haemoglobin=130, wbc=7, platelets=250,
              ferritin=3000, triglycerides=1.0, fibrinogen=2.0, ast=20),
}


def serial(*scores_on_days, extra=()):
    panels = [o for score, day in scores_on_days for o in hscore_panel(on_day(day, 8), **PANELS[score])]
    return case(obs("weight", 70, T0 - DAY), marrow(True, on_day(-1)), *panels, *extra,
                treatments=[anakinra()], known_immunosuppression=False)


def test_319_283_231_123_on_days_0_2_4_6_is_a_serial_fall():
    ev = evaluate(serial((319, 0), (283, 2), (231, 4), (123, 6)), on_day(7))
    r = ev.rule("RE-HSCORE-SERIAL")
    assert r.status is Status.MET, r.detail
    assert "Day 0 HScore 319" in r.detail and "283" in r.detail


def test_the_trajectory_series_plots_each_time_points_own_values():
    ev = evaluate(serial((319, 0), (283, 2), (231, 4), (123, 6)), on_day(7))
    plotted = [(p.at, p.hscore_low, p.hscore_high) for p in ev.score_series if p.at >= on_day(0, 8)]
    assert plotted == [(on_day(d, 8), s, s) for s, d in ((319, 0), (283, 2), (231, 4), (123, 6))]


def test_a_rise_is_not_a_serial_fall():
    ev = evaluate(serial((231, 0), (283, 2), (319, 4)), on_day(7))
    assert ev.rule("RE-HSCORE-SERIAL").status is Status.NOT_MET


def test_an_item_72_hours_old_still_counts_and_one_a_minute_older_does_not():
    at = on_day(3, 8)
    kept = evaluate(serial((319, 0), extra=[obs("temperature", 37.0, at)]), at).score_series[-1]
    assert kept.hscore_low == kept.hscore_high  # every other item exactly 72 h old: still counted
    dropped = evaluate(serial((319, 0), extra=[obs("temperature", 37.0, at + MINUTE)]), at + MINUTE).score_series[-1]
    assert dropped.hscore_low < dropped.hscore_high  # now missing: a range, never the old value


# --- property: repeating the previous panel never removes a serial fall -------------------

@st.composite
def panel_series(draw):
    days = sorted(draw(st.lists(st.integers(1, 13), min_size=2, max_size=5, unique=True)))
    scores = [draw(st.sampled_from(sorted(PANELS))) for _ in days]
    return [(draw(st.sampled_from(sorted(PANELS))), 0), *zip(scores, days)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(panel_series(), st.integers(0, 4), st.integers(1, 47))
def test_inserting_a_panel_equal_to_the_previous_never_removes_a_serial_fall(series, which, hours_later):
    which = min(which, len(series) - 1)
    score, day = series[which]
    copy_at = on_day(day, 8) + timedelta(hours=hours_later)
    as_of = on_day(15)
    before = evaluate(serial(*series), as_of).rule("RE-HSCORE-SERIAL")
    repeated = hscore_panel(copy_at, **PANELS[score])
    after = evaluate(serial(*series, extra=repeated), as_of).rule("RE-HSCORE-SERIAL")
    if before.status is Status.MET:
        assert after.status is Status.MET, (series, copy_at, after.detail)
