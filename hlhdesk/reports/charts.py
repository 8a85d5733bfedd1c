"""Vector charts for the printed summary: ferritin (log scale) and HScore over time.

Drawn with reportlab.graphics shapes, so they stay sharp at any zoom and print in black
and grey. They show what the screen shows, from the same Evaluation: the policy's ferritin
lines, the baseline ferritin and the day-7 response target, the HScore range where items
are missing with the line the rule must be above, and anakinra courses shaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.policy.marks import marks_of
from hlhdesk.reports import styles
from hlhdesk.reports.fonts import FONT
from hlhdesk.reports.text import uk_short

# The lines, the -10% target and its day come from the evaluation's marks (the policy
# module that judged), never from here.

LEFT_AXIS = 38  # points kept for y labels
BOTTOM_AXIS = 16
TOP_PAD = 14
RIGHT_PAD = 6


@dataclass(frozen=True)
class _Axes:
    """Where the plot area sits in the drawing and how data maps onto it."""

    x0: float
    y0: float
    x1: float
    y1: float
    t0: datetime
    t1: datetime
    v0: float  # data value (or log10 of it) at y0
    v1: float

    def x(self, moment: datetime) -> float:
        span = (self.t1 - self.t0).total_seconds() or 1.0
        return self.x0 + (self.x1 - self.x0) * (moment - self.t0).total_seconds() / span

    def y(self, value: float) -> float:
        return self.y0 + (self.y1 - self.y0) * (value - self.v0) / ((self.v1 - self.v0) or 1.0)

    def clamp_t(self, moment: datetime) -> datetime:
        return min(max(moment, self.t0), self.t1)


def _time_range(moments: list[datetime], evaluation: Evaluation) -> tuple[datetime, datetime]:
    t0, t1 = min(moments), max(moments)
    if evaluation.day0 is not None:
        t0 = min(t0, evaluation.day0)
        t1 = max(t1, min(evaluation.day0 + timedelta(days=marks_of(evaluation).response_day), evaluation.as_of))
    t1 = max(t1, t0 + timedelta(days=1))
    pad = (t1 - t0) * 0.04
    return t0 - pad, t1 + pad


def _text(x, y, text, size=6.5, anchor="start", colour=styles.INK) -> String:
    return String(x, y, text, fontName=FONT, fontSize=size, textAnchor=anchor, fillColor=colour)


def _frame(drawing: Drawing, axes: _Axes) -> None:
    drawing.add(Rect(axes.x0, axes.y0, axes.x1 - axes.x0, axes.y1 - axes.y0,
                     fillColor=None, strokeColor=styles.INK, strokeWidth=0.6))


def _date_ticks(drawing: Drawing, axes: _Axes) -> None:
    span_days = (axes.t1 - axes.t0).total_seconds() / 86400
    step = next((s for s in (1, 2, 3, 7, 14, 28, 56, 91, 182, 365) if span_days / s <= 8), 730)
    day = datetime.combine(axes.t0.date(), datetime.min.time()) + timedelta(days=1)
    while day <= axes.t1:
        x = axes.x(day)
        drawing.add(Line(x, axes.y0, x, axes.y0 - 3, strokeColor=styles.INK, strokeWidth=0.5))
        drawing.add(_text(x, axes.y0 - 10, uk_short(day), anchor="middle"))
        day += timedelta(days=step)


def _courses_and_day0(drawing: Drawing, axes: _Axes, evaluation: Evaluation) -> None:
    """Anakinra courses as grey bands with their route; day 0 as a labelled line."""
    for course in evaluation.dosing:
        start = axes.clamp_t(course.start)
        stop = axes.clamp_t(course.stop or evaluation.as_of)
        if stop <= start:
            continue
        xa, xb = axes.x(start), axes.x(stop)
        drawing.add(Rect(xa, axes.y0, xb - xa, axes.y1 - axes.y0, fillColor=styles.COURSE,
                         strokeColor=styles.RULE, strokeWidth=0.3))
        if xb - xa > 30:
            route = (course.route or "").upper()
            # At the foot of the band: the top is where high ferritins and scores are.
            drawing.add(_text(xa + 2, axes.y0 + 3, f"anakinra {route}".strip(), size=6, colour=styles.MUTED))
    if evaluation.day0 is not None and axes.t0 <= evaluation.day0 <= axes.t1:
        x = axes.x(evaluation.day0)
        drawing.add(Line(x, axes.y0, x, axes.y1, strokeColor=styles.INK, strokeWidth=0.8))
        drawing.add(_text(x, axes.y1 + 3, "Day 0", anchor="middle"))


def _hline(drawing: Drawing, axes: _Axes, y: float, label: str, *, dash=(3, 2), x_from=None,
           x_to=None, label_at="end", label_dy=2.0) -> None:
    xa, xb = x_from if x_from is not None else axes.x0, x_to if x_to is not None else axes.x1
    drawing.add(Line(xa, y, xb, y, strokeColor=styles.INK, strokeWidth=0.7, strokeDashArray=dash))
    width = stringWidth(label, FONT, 6.5)
    x = xb - 2 - width if label_at == "end" else xa + 2
    # A white patch under the label keeps it readable where it crosses a line or band.
    drawing.add(Rect(x - 1, y + label_dy - 1.8, width + 2, 7.6, fillColor=colors.white,
                     strokeColor=None, fillOpacity=0.85))
    drawing.add(_text(x, y + label_dy, label))


def _axes_for(width: float, height: float, t0, t1, v0, v1) -> _Axes:
    return _Axes(LEFT_AXIS, BOTTOM_AXIS, width - RIGHT_PAD, height - TOP_PAD, t0, t1, v0, v1)


def ferritin_chart(evaluation: Evaluation, width: float, height: float) -> Drawing | None:
    """Ferritin on a log10 axis, or None when no ferritin was recorded."""
    trajectory = evaluation.ferritin
    points = [p for p in (trajectory.points if trajectory else ()) if p.value > 0]
    if not points:
        return None
    values = [p.value for p in points]
    baseline = trajectory.baseline.value if trajectory.baseline and isinstance(
        trajectory.baseline.value, (int, float)) else None
    marks = marks_of(evaluation)
    lines = [line.value for line in marks.ferritin_lines]
    lowest = min([*values, *lines] + ([baseline * (1 - marks.ferritin_fall)] if baseline else []))
    highest = max([*values, *lines] + ([baseline] if baseline else []))
    decade0, decade1 = math.floor(math.log10(lowest)), math.ceil(math.log10(highest * 1.3))
    t0, t1 = _time_range([p.at for p in points], evaluation)
    axes = _axes_for(width, height, t0, t1, decade0, decade1)
    drawing = Drawing(width, height)
    _courses_and_day0(drawing, axes, evaluation)

    for decade in range(decade0, decade1 + 1):
        y = axes.y(decade)
        drawing.add(Line(axes.x0 - 3, y, axes.x0, y, strokeColor=styles.INK, strokeWidth=0.5))
        drawing.add(_text(axes.x0 - 5, y - 2.3, f"{10 ** decade:,}", anchor="end"))
        for minor in (2, 5):
            if decade < decade1:
                ym = axes.y(decade + math.log10(minor))
                drawing.add(Line(axes.x0, ym, axes.x0 + 2.5, ym, strokeColor=styles.INK, strokeWidth=0.4))
    for line in marks.ferritin_lines:
        _hline(drawing, axes, axes.y(math.log10(line.value)), line.label)

    if baseline and evaluation.day0 is not None:
        start = axes.x(axes.clamp_t(trajectory.baseline.at or evaluation.day0))
        end = axes.x(axes.clamp_t(evaluation.day0 + timedelta(days=marks.response_day)))
        # Labels at the segments' right ends: baseline above its line, target below.
        _hline(drawing, axes, axes.y(math.log10(baseline)), f"baseline {baseline:,.0f}", dash=(1, 1.5),
               x_from=start, x_to=end)
        target = baseline * (1 - marks.ferritin_fall)
        _hline(drawing, axes, axes.y(math.log10(target)),
               f"−{marks.ferritin_fall:.0%} target {target:,.0f} to day {marks.response_day}",
               dash=(5, 1.5), x_from=axes.x(evaluation.day0), x_to=end, label_dy=-8)

    coords = []
    for p in points:
        x, y = axes.x(p.at), axes.y(math.log10(p.value))
        coords += [x, y]
        drawing.add(Circle(x, y, 1.6, fillColor=styles.INK, strokeColor=None))
    if len(points) > 1:
        drawing.add(PolyLine(coords, strokeColor=styles.INK, strokeWidth=1.0))
    _frame(drawing, axes)
    _date_ticks(drawing, axes)
    drawing.add(_text(2, height - 6, "µg/L (log)", size=6.5))
    return drawing


def hscore_chart(evaluation: Evaluation, width: float, height: float) -> Drawing | None:
    """HScore over time: a band from lowest to highest possible where items are missing,
    a dot where the score is complete, and the threshold line. None without a series."""
    series = evaluation.score_series
    if not series:
        return None
    top = max(250, *(p.hscore_high for p in series))
    top = int(math.ceil((top + 10) / 50.0) * 50)
    t0, t1 = _time_range([p.at for p in series], evaluation)
    axes = _axes_for(width, height, t0, t1, 0, top)
    drawing = Drawing(width, height)
    _courses_and_day0(drawing, axes, evaluation)
    for tick in range(0, top + 1, 50):
        y = axes.y(tick)
        drawing.add(Line(axes.x0 - 3, y, axes.x0, y, strokeColor=styles.INK, strokeWidth=0.5))
        drawing.add(_text(axes.x0 - 5, y - 2.3, str(tick), anchor="end"))

    lows = [(axes.x(p.at), axes.y(p.hscore_low)) for p in series]
    highs = [(axes.x(p.at), axes.y(p.hscore_high)) for p in series]
    if len(series) > 1:
        band = [c for xy in lows for c in xy] + [c for xy in reversed(highs) for c in xy]
        drawing.add(Polygon(band, fillColor=styles.RANGE, fillOpacity=0.55, strokeColor=None))
        drawing.add(PolyLine([c for xy in highs for c in xy], strokeColor=styles.INK, strokeWidth=0.6,
                             strokeDashArray=(2, 1.5)))
        drawing.add(PolyLine([c for xy in lows for c in xy], strokeColor=styles.INK, strokeWidth=1.0))
    for p, (x, y_low), (_, y_high) in zip(series, lows, highs):
        if p.hscore_low == p.hscore_high:
            drawing.add(Circle(x, y_low, 1.8, fillColor=styles.INK, strokeColor=None))
        else:
            drawing.add(Line(x, y_low, x, y_high, strokeColor=styles.INK, strokeWidth=0.6))
            drawing.add(Circle(x, y_low, 1.6, fillColor=styles.INK, strokeColor=None))
            drawing.add(Circle(x, y_high, 1.6, fillColor=colors.white, strokeColor=styles.INK, strokeWidth=0.5))
    line = marks_of(evaluation).hscore_line
    _hline(drawing, axes, axes.y(line.value), f"{line.label} (DX-HSCORE passes above)", label_dy=-8)
    _frame(drawing, axes)
    _date_ticks(drawing, axes)
    drawing.add(_text(2, height - 6, "points", size=6.5))
    return drawing
