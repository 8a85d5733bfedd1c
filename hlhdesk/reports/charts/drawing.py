"""The proforma's three small charts: ferritin, HScore and mg/kg/day, on one time axis.

Drawn with reportlab.graphics shapes in black and greys, so they photocopy: each line
kind has its own dash pattern, explained in a key under the plot, and labels sit outside
the plotted area (day markers above it, the key below), never on the data.

Every policy number drawn (the ferritin lines, the baseline's −10% target, the HScore
line, the dose ceiling, days 0/7/14) comes from the evaluation's marks; the points come
from the evaluation's series. The ferritin axis is fitted to the values shown, so a fall
of a few percent is visible rather than flattened by a decade-wide log axis.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Polygon, Rect, String
from reportlab.lib import colors

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.policy.marks import marks_of
from hlhdesk.reports import styles
from hlhdesk.reports.charts.axes import Axes, KeyEntry, draw_key, fitted_log_ticks, linear_ticks, thin
from hlhdesk.reports.fonts import FONT
from hlhdesk.reports.text import uk_short

LEFT, BOTTOM, TOP = 30, 13, 11  # points kept for y labels, dates, day markers
KEY_ROOM = 19  # two lines of key under the dates
MAX_POINTS = 300  # more than a small chart can show apart; a long case is thinned
LEAD_IN = timedelta(days=5)  # before day 0: the baseline's days
RECENT = timedelta(days=21)  # without anakinra: the last three weeks

THRESHOLD_DASH = (3, 2)
BASELINE_DASH = (1, 1.5)
TARGET_DASH = (5, 1.5)


def time_window(evaluation: Evaluation) -> tuple[datetime, datetime]:
    """The span all three charts share: from a few days before day 0 to the as-of time,
    and at least to the day after the day-14 check so days 7 and 14 are on the axis."""
    as_of = evaluation.as_of
    if evaluation.day0 is None:
        return as_of - RECENT, as_of
    marks = marks_of(evaluation)
    start = datetime.combine(evaluation.day0.date(), datetime.min.time())
    return start - LEAD_IN, max(as_of, start + timedelta(days=marks.stop_check_day + 1))


def _axes(width: float, height: float, t0: datetime, t1: datetime, v0: float, v1: float) -> Axes:
    return Axes(LEFT, BOTTOM + KEY_ROOM, width - 4, height - TOP, t0, t1, v0, v1)


def _text(x, y, text, size=6.0, anchor="start", colour=styles.INK) -> String:
    return String(x, y, text, fontName=FONT, fontSize=size, textAnchor=anchor, fillColor=colour)


def _frame_and_dates(drawing: Drawing, axes: Axes) -> None:
    drawing.add(Rect(axes.x0, axes.y0, axes.x1 - axes.x0, axes.y1 - axes.y0, fillColor=None,
                     strokeColor=styles.INK, strokeWidth=0.5))
    span_days = (axes.t1 - axes.t0).total_seconds() / 86400
    step = next((s for s in (2, 3, 7, 14, 28, 56, 91, 182, 365) if span_days / s <= 5), 730)
    day = datetime.combine(axes.t0.date(), datetime.min.time()) + timedelta(days=1)
    while day <= axes.t1:
        x = axes.x(day)
        drawing.add(Line(x, axes.y0, x, axes.y0 - 2.5, strokeColor=styles.INK, strokeWidth=0.4))
        drawing.add(_text(x, axes.y0 - 8.5, uk_short(day), size=5.5, anchor="middle"))
        day += timedelta(days=step)


def _day_markers(drawing: Drawing, axes: Axes, evaluation: Evaluation) -> None:
    """Day 0 solid, the review days dotted, each named above the plot (never on data);
    anakinra courses as a pale band behind everything."""
    if evaluation.day0 is None:
        return
    for course in evaluation.dosing:
        start, stop = axes.clamp_t(course.start), axes.clamp_t(course.stop or evaluation.as_of)
        if stop > start:
            drawing.add(Rect(axes.x(start), axes.y0, axes.x(stop) - axes.x(start), axes.y1 - axes.y0,
                             fillColor=styles.COURSE, strokeColor=None))
    day0 = datetime.combine(evaluation.day0.date(), datetime.min.time())
    for number in (0, *marks_of(evaluation).review_days):
        moment = day0 + timedelta(days=number)
        if not axes.t0 <= moment <= axes.t1:
            continue
        x = axes.x(moment)
        dash = None if number == 0 else (1, 1.5)
        drawing.add(Line(x, axes.y0, x, axes.y1, strokeColor=styles.INK, strokeWidth=0.6 if number == 0 else 0.5,
                         strokeDashArray=dash))
        drawing.add(_text(x, axes.y1 + 3, f"D{number}", size=5.5, anchor="middle"))


def _hline(drawing: Drawing, axes: Axes, y: float, dash, x_from: float | None = None,
           x_to: float | None = None, width: float = 0.7) -> None:
    if axes.y0 <= y <= axes.y1:
        drawing.add(Line(axes.x0 if x_from is None else x_from, y, axes.x1 if x_to is None else x_to, y,
                         strokeColor=styles.INK, strokeWidth=width, strokeDashArray=dash))


def _y_ticks(drawing: Drawing, axes: Axes, ticks: list[tuple[float, str]]) -> None:
    for position, label in ticks:
        y = axes.y(position)
        drawing.add(Line(axes.x0 - 2.5, y, axes.x0, y, strokeColor=styles.INK, strokeWidth=0.4))
        drawing.add(_text(axes.x0 - 3.5, y - 2, label, size=5.5, anchor="end"))


def _series(drawing: Drawing, coords: list[tuple[float, float]], *, filled=True, dash=None) -> None:
    if len(coords) > 1:
        drawing.add(PolyLine([c for xy in coords for c in xy], strokeColor=styles.INK, strokeWidth=0.9,
                             strokeDashArray=dash))
    for x, y in coords:
        drawing.add(Circle(x, y, 1.3, fillColor=styles.INK if filled else colors.white,
                           strokeColor=styles.INK, strokeWidth=0.4))


def _empty(width: float, height: float, words: str) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(Rect(LEFT, BOTTOM + KEY_ROOM, width - 4 - LEFT, height - TOP - BOTTOM - KEY_ROOM,
                     fillColor=None, strokeColor=styles.RULE, strokeWidth=0.4))
    drawing.add(_text((LEFT + width) / 2, (height + BOTTOM + KEY_ROOM) / 2 - 2, words, size=6.5,
                      anchor="middle", colour=styles.MUTED))
    return drawing


def ferritin_chart(evaluation: Evaluation, width: float, height: float) -> Drawing:
    """Ferritin on a log axis fitted to the values shown, the baseline and its target."""
    t0, t1 = time_window(evaluation)
    trajectory = evaluation.ferritin
    points = thin([p for p in (trajectory.points if trajectory else ()) if p.value > 0 and t0 <= p.at <= t1],
                  MAX_POINTS)
    if not points:
        return _empty(width, height, "no ferritin in this period")
    marks = marks_of(evaluation)
    baseline = trajectory.baseline.value if trajectory.baseline and isinstance(
        trajectory.baseline.value, (int, float)) and trajectory.baseline.value > 0 else None
    target = baseline * (1 - marks.ferritin_fall) if baseline else None
    shown = [p.value for p in points] + [v for v in (baseline, target) if v]
    ticks, low, high = fitted_log_ticks(min(shown), max(shown))
    axes = _axes(width, height, t0, t1, low, high)
    drawing = Drawing(width, height)
    _day_markers(drawing, axes, evaluation)
    key = []
    for line in marks.ferritin_lines:
        if low <= math.log10(line.value) <= high:
            _hline(drawing, axes, axes.y(math.log10(line.value)), THRESHOLD_DASH, width=0.5)
            key.append(KeyEntry(THRESHOLD_DASH, line.label))
    if baseline and evaluation.day0 is not None:
        end = axes.x(axes.clamp_t(datetime.combine(evaluation.day0.date(), datetime.min.time())
                                  + timedelta(days=marks.response_day + 1)))
        _hline(drawing, axes, axes.y(math.log10(baseline)), BASELINE_DASH, x_to=end)
        _hline(drawing, axes, axes.y(math.log10(target)), TARGET_DASH, x_from=axes.x(axes.clamp_t(evaluation.day0)),
               x_to=end)
        key += [KeyEntry(BASELINE_DASH, f"baseline {baseline:,.0f}"),
                KeyEntry(TARGET_DASH, f"−{marks.ferritin_fall:.0%} target {target:,.0f} to D{marks.response_day}")]
    _series(drawing, [(axes.x(p.at), axes.y(math.log10(p.value))) for p in points])
    _frame_and_dates(drawing, axes)
    _y_ticks(drawing, axes, ticks)
    draw_key(drawing, key, LEFT, BOTTOM + KEY_ROOM - 14, width - LEFT)
    return drawing


def hscore_chart(evaluation: Evaluation, width: float, height: float) -> Drawing:
    """The HScore at each time point: a range where items are missing, and the line the
    diagnostic rule must be above."""
    t0, t1 = time_window(evaluation)
    series = thin([p for p in evaluation.score_series if t0 <= p.at <= t1], MAX_POINTS)
    if not series:
        return _empty(width, height, "no HScore in this period")
    line = marks_of(evaluation).hscore_line
    top = max(line.value, *(p.hscore_high for p in series)) + 20
    bottom = max(0.0, min(line.value, *(p.hscore_low for p in series)) - 20)
    ticks = linear_ticks(bottom, top)
    axes = _axes(width, height, t0, t1, ticks[0][0], ticks[-1][0])
    drawing = Drawing(width, height)
    _day_markers(drawing, axes, evaluation)
    lows = [(axes.x(p.at), axes.y(p.hscore_low)) for p in series]
    highs = [(axes.x(p.at), axes.y(p.hscore_high)) for p in series]
    key = [KeyEntry(THRESHOLD_DASH, f"{line.label} ({line.rule_id} above)")]
    if any(p.hscore_low != p.hscore_high for p in series):
        if len(series) > 1:
            band = [c for xy in lows for c in xy] + [c for xy in reversed(highs) for c in xy]
            drawing.add(Polygon(band, fillColor=styles.RANGE, fillOpacity=0.5, strokeColor=None))
        _series(drawing, highs, filled=False, dash=(2, 1.5))
        key.append(KeyEntry((2, 1.5), "highest possible (items missing)"))
    _hline(drawing, axes, axes.y(line.value), THRESHOLD_DASH, width=0.5)
    _series(drawing, lows)
    _frame_and_dates(drawing, axes)
    _y_ticks(drawing, axes, [(v, label) for v, label in ticks])
    draw_key(drawing, key, LEFT, BOTTOM + KEY_ROOM - 14, width - LEFT)
    return drawing


def dose_chart(evaluation: Evaluation, width: float, height: float) -> Drawing:
    """mg/kg/day of each anakinra course, as a step over the days it ran, and the ceiling."""
    t0, t1 = time_window(evaluation)
    courses = [c for c in evaluation.dosing if c.mg_per_kg_day is not None
               and c.start <= t1 and (c.stop or evaluation.as_of) >= t0]
    if not courses:
        words = "no anakinra" if not evaluation.dosing else "dose or weight not recorded"
        return _empty(width, height, words)
    ceiling = marks_of(evaluation).dose_ceiling
    ticks = linear_ticks(0, max(ceiling.value, *(c.mg_per_kg_day for c in courses)) * 1.15)
    axes = _axes(width, height, t0, t1, ticks[0][0], ticks[-1][0])
    drawing = Drawing(width, height)
    _day_markers(drawing, axes, evaluation)
    _hline(drawing, axes, axes.y(ceiling.value), THRESHOLD_DASH, width=0.5)
    for course in courses:
        xa = axes.x(axes.clamp_t(course.start))
        xb = axes.x(axes.clamp_t(course.stop or evaluation.as_of))
        y = axes.y(course.mg_per_kg_day)
        drawing.add(Line(xa, y, xb, y, strokeColor=styles.INK, strokeWidth=1.4))
        drawing.add(Circle(xa, y, 1.3, fillColor=styles.INK, strokeColor=None))
    _frame_and_dates(drawing, axes)
    _y_ticks(drawing, axes, ticks)
    draw_key(drawing, [KeyEntry(THRESHOLD_DASH, ceiling.label), KeyEntry(None, "each course, on its weight")],
             LEFT, BOTTOM + KEY_ROOM - 14, width - LEFT)
    return drawing
