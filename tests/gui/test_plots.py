"""Trajectories: the points plotted, the threshold lines (log10 on the ferritin plot),
courses shaded, doses against the ceiling, hover read-out and PNG export."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from hlhdesk.gui.render.plots import (
    TrajectoryPlots,
    epoch,
    ferritin_ticks,
    ferritin_y_range,
    line_position,
)
from hlhdesk.gui.qt import QPointF
from tests.support.desk_cases import DAY0, FERRITINS, demo_case
from tests.support.fake_engine import fake_evaluate


def test_line_position_is_log10_only_on_a_log_axis():
    assert line_position(500, log_y=True) == pytest.approx(math.log10(500))
    assert line_position(10_000, log_y=True) == pytest.approx(4.0)
    assert line_position(169, log_y=False) == 169
    with pytest.raises(ValueError):
        line_position(0, log_y=True)


def test_ferritin_axis_always_shows_both_thresholds_and_reads_in_plain_numbers():
    low, high = ferritin_y_range([2_000, 3_000], (500.0, 10_000.0))
    assert low < math.log10(500) and high > math.log10(10_000)
    low, high = ferritin_y_range([80_000], (500.0, 10_000.0))
    assert high > math.log10(80_000)
    assert (math.log10(10_000), "10,000") in ferritin_ticks(100, 100_000)
    assert all(label != "1e4" for _, label in ferritin_ticks(100, 100_000))


@pytest.fixture
def drawn(qtbot):
    plots = TrajectoryPlots()
    qtbot.addWidget(plots)
    plots.resize(600, 700)
    plots.show()
    case = demo_case()
    as_of = DAY0 + timedelta(days=14)
    plots.show_case(case, fake_evaluate(case, as_of))
    return plots, case, as_of


def test_the_plot_holds_the_case_ferritins_in_order(drawn):
    plots, case, as_of = drawn
    xs, ys = plots.ferritin_curve.getOriginalDataset()
    expected = sorted((o.at, o.value) for o in case.observations_of("ferritin") if o.at <= as_of)
    assert list(ys) == [v for _, v in expected]
    assert list(xs) == [epoch(at) for at, _ in expected]
    assert len(ys) == len(FERRITINS)


def test_threshold_lines_sit_at_their_values(drawn):
    plots = drawn[0]
    lines = plots.threshold_lines
    assert lines["DX-HLH2004"].value() == pytest.approx(math.log10(500))
    assert lines["DX-FERRITIN"].value() == pytest.approx(4.0)
    assert lines["DX-HSCORE"].value() == 169
    assert lines["DO-MAX"].value() == 8
    assert all(line.isVisible() for line in lines.values())
    assert lines["DO-MAX"].label.format == "8 mg/kg/day maximum"
    # Baseline (first ferritin in the fake evaluation) and the day-7 target 10% below it.
    baseline = FERRITINS[0][1]
    assert plots.baseline_line.value() == pytest.approx(math.log10(baseline))
    xs, ys = plots.target_curve.getOriginalDataset()
    assert list(ys) == pytest.approx([baseline * 0.9] * 2)
    assert list(xs) == [epoch(DAY0), epoch(DAY0 + timedelta(days=7))]


def test_lines_come_from_the_evaluation_that_was_judged_not_from_the_screen(qtbot):
    """A frozen evaluation carries its policy's marks; the screen draws those, whatever the
    current code's numbers are (here a made-up ceiling of 6 and HScore line of 150)."""
    from dataclasses import replace

    from hlhdesk.core.evaluation import ThresholdLine
    from hlhdesk.core.policy.marks import marks_of

    plots = TrajectoryPlots()
    qtbot.addWidget(plots)
    case = demo_case()
    evaluation = fake_evaluate(case, DAY0 + timedelta(days=14))
    marks = replace(marks_of(evaluation), hscore_line=ThresholdLine(150.0, "150", "DX-HSCORE"),
                    dose_ceiling=ThresholdLine(6.0, "6 mg/kg/day maximum", "DO-MAX"))
    plots.show_case(case, replace(evaluation, marks=marks))
    assert plots.threshold_lines["DX-HSCORE"].value() == 150
    assert plots.threshold_lines["DO-MAX"].value() == 6


def test_courses_are_shaded_and_doses_plotted_in_mg_per_kg_day(drawn):
    plots, case, as_of = drawn
    spans = sorted({region.getRegion() for _, region in plots._course_regions})
    assert spans == [(epoch(DAY0), epoch(DAY0 + timedelta(days=5))),
                     (epoch(DAY0 + timedelta(days=5)), epoch(as_of))]
    xs, ys = plots.dose_curve.getOriginalDataset()
    assert list(ys) == pytest.approx([300 / 71] * 2 + [600 / 71] * 2)  # 600 mg/day is above 8 mg/kg/day


def test_hscore_is_drawn_as_a_range(drawn):
    plots = drawn[0]
    _, low = plots.hscore_low.getOriginalDataset()
    _, high = plots.hscore_high.getOriginalDataset()
    assert list(low)[:2] == [150, 160] and list(high)[:2] == [190, 200]


def test_hover_reads_out_value_unit_and_date(drawn):
    plots = drawn[0]
    point = plots._hover[plots.ferritin_plot][2]
    scene = plots.ferritin_plot.getViewBox().mapViewToScene(QPointF(point.x, point.y))
    plots._mouse_moved(scene)
    assert plots.readout.text() == "Ferritin 38,052 µg/L on 03/10/2026 08:00"


def test_export_writes_a_png(drawn, tmp_path):
    plots = drawn[0]
    out = tmp_path / "plots.png"
    assert plots.export_png(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_case_clears_the_plots(drawn):
    plots = drawn[0]
    plots.show_case(None, None)
    assert len(plots.ferritin_curve.getOriginalDataset()[0] or []) == 0
    assert plots._course_regions == []


def test_the_plots_fit_the_narrow_room_a_1024_pixel_screen_leaves_them(drawn, qtbot):
    # At 1024x768 the Decision tab gives the plots ~310 px. A title wider than that sets
    # the plot's minimum width (pyqtgraph sizes a title to its text), and the plots were
    # then laid out wider than their view and cut off at the right.
    plots, _case, _as_of = drawn
    plots.resize(310, 700)
    qtbot.wait(50)
    view_width = plots.graphics.viewport().width()
    for plot in (plots.ferritin_plot, plots.hscore_plot, plots.dose_plot):
        assert plot.minimumWidth() <= view_width
        assert plot.geometry().right() <= view_width + 1


def test_threshold_words_sit_beneath_the_data_on_a_light_patch(drawn):
    """Where the ferritin curve crosses a line's label, the values are drawn over it, never
    hidden by it (a label on an opaque patch hid the curve under a real X server)."""
    plots, _, _ = drawn
    data = min(c.zValue() for c in (plots.ferritin_curve, plots.hscore_points, plots.dose_curve))
    lines = [*plots.threshold_lines.values(), plots.baseline_line]
    assert all(line.zValue() < data for line in lines)
    assert all(line.label.fill.color().alpha() < 255 for line in lines)
