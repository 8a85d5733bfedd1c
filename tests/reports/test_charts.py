"""The proforma's charts: a ferritin axis fitted to the data (a 4% change is visible),
days 0/7/14 marked, every label outside the plotted area, and nothing but greys."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

import pytest
from reportlab.graphics.shapes import Circle, Rect, String

from hlhdesk.core.evaluation import FerritinPoint
from hlhdesk.reports import charts
from hlhdesk.reports.charts.axes import fitted_log_ticks
from tests.support.records import DAY0, sample_case, sample_evaluation

WIDTH, HEIGHT = 160.0, 125.0


def _shapes(drawing, kind):
    return [s for s in drawing.contents if isinstance(s, kind)]


def _plot_area(drawing) -> Rect:
    # The frame is the last unfilled rectangle drawn: the plotted area.
    return [r for r in _shapes(drawing, Rect) if r.fillColor is None][-1]


@pytest.fixture(scope="module")
def evaluation():
    case = sample_case()
    return sample_evaluation(case)


def test_a_four_percent_change_takes_a_visible_share_of_the_fitted_axis():
    ticks, bottom, top = fitted_log_ticks(30_000, 31_200)
    share = (math.log10(31_200) - math.log10(30_000)) / (top - bottom)
    assert share > 0.25  # over a quarter of the height
    assert len(ticks) >= 2  # still a readable scale


def test_a_four_percent_fall_is_drawn_millimetres_apart(evaluation):
    points = (FerritinPoint(DAY0 - timedelta(hours=2), 30_000.0, None, 0.0),
              FerritinPoint(DAY0 + timedelta(days=2), 28_800.0, 2.0, -4.0))
    flat = replace(evaluation, ferritin=replace(evaluation.ferritin, points=points))
    dots = _shapes(charts.ferritin_chart(flat, WIDTH, HEIGHT), Circle)
    assert len(dots) == 2
    assert abs(dots[0].cy - dots[1].cy) > 8.5  # points: 3 mm on paper, baseline and target in range too


@pytest.mark.parametrize("chart", [charts.ferritin_chart, charts.hscore_chart, charts.dose_chart])
def test_labels_sit_outside_the_plotted_area_and_everything_is_grey(chart, evaluation):
    drawing = chart(evaluation, WIDTH, HEIGHT)
    area = _plot_area(drawing)
    for label in _shapes(drawing, String):
        inside = (area.x < label.x < area.x + area.width) and (area.y < label.y < area.y + area.height - 4)
        assert not inside, f"label {label.text!r} sits on the plot"
    for shape in drawing.contents:
        for colour in (getattr(shape, "fillColor", None), getattr(shape, "strokeColor", None)):
            if colour is not None:
                assert colour.red == colour.green == colour.blue, f"{shape} is not grey"


def test_days_0_7_and_14_are_marked_above_the_plot(evaluation):
    labels = {s.text for s in _shapes(charts.hscore_chart(evaluation, WIDTH, HEIGHT), String)}
    assert {"D0", "D7", "D14"} <= labels
