"""Axes arithmetic for the printed charts: mapping data onto the page, fitted tick
values, thinning a long series, and the key of line styles drawn under a plot."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from hlhdesk.reports import styles
from hlhdesk.reports.fonts import FONT

NICE_STEPS = (1, 2, 2.5, 5, 10)
KEY_FONT_SIZE = 5.5
KEY_SAMPLE = 11  # length of the line sample in the key


@dataclass(frozen=True)
class Axes:
    """Where the plot area sits in the drawing and how data maps onto it."""

    x0: float
    y0: float
    x1: float
    y1: float
    t0: datetime
    t1: datetime
    v0: float  # data value (or its log10) at y0
    v1: float

    def x(self, moment: datetime) -> float:
        span = (self.t1 - self.t0).total_seconds() or 1.0
        return self.x0 + (self.x1 - self.x0) * (moment - self.t0).total_seconds() / span

    def y(self, value: float) -> float:
        return self.y0 + (self.y1 - self.y0) * (value - self.v0) / ((self.v1 - self.v0) or 1.0)

    def clamp_t(self, moment: datetime) -> datetime:
        return min(max(moment, self.t0), self.t1)


@dataclass(frozen=True)
class KeyEntry:
    dash: tuple[float, float] | None  # None: a solid line
    words: str


def nice_step(span: float, most: int) -> float:
    """The smallest 1-2-2.5-5 step that cuts `span` into at most `most` pieces."""
    if span <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(span / most))
    return next(s * power for s in NICE_STEPS if span / (s * power) <= most)


def number_label(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:g}"


def linear_ticks(low: float, high: float, most: int = 4) -> list[tuple[float, str]]:
    """Ticks from a round value at or below `low` to one at or above `high`."""
    step = nice_step(high - low, most)
    first, last = math.floor(low / step) * step, math.ceil(high / step) * step
    count = round((last - first) / step)
    return [(first + i * step, number_label(first + i * step)) for i in range(count + 1)]


def fitted_log_ticks(low: float, high: float) -> tuple[list[tuple[float, str]], float, float]:
    """A log axis fitted to values from `low` to `high` (both > 0): (ticks as
    (log10 value, label), axis bottom, axis top in log10). A little room either side, at
    least ±5%, so one value or a flat series still has a readable scale."""
    pad = max(0.02, 0.08 * (math.log10(high) - math.log10(low)))
    bottom, top = math.log10(low) - pad, math.log10(high) + pad
    if top - bottom < 1:
        step = nice_step(10 ** top - 10 ** bottom, 5)
        value = math.ceil(10 ** bottom / step) * step
        values = []
        while value <= 10 ** top:
            values.append(value)
            value += step
    else:
        values = [m * 10 ** d for d in range(math.floor(bottom), math.ceil(top) + 1) for m in (1, 2, 5)
                  if bottom <= math.log10(m * 10 ** d) <= top]
        if len(values) > 6:
            values = [v for v in values if str(int(v)).startswith("1")]
    return [(math.log10(v), number_label(v)) for v in values], bottom, top


def thin(points: list, most: int) -> list:
    """At most `most` points, evenly spread, first and last kept: a chart a few
    centimetres wide cannot show more apart, and a long case must print quickly."""
    if len(points) <= most:
        return points
    step = (len(points) - 1) / (most - 1)
    return [points[round(i * step)] for i in range(most)]


def draw_key(drawing: Drawing, entries: list[KeyEntry], x: float, y: float, width: float) -> None:
    """Line samples with their words, flowing onto a second line when needed."""
    cursor, line = x, 0
    for entry in entries:
        need = KEY_SAMPLE + 3 + stringWidth(entry.words, FONT, KEY_FONT_SIZE) + 6
        if cursor > x and cursor + need > x + width:
            cursor, line = x, line + 1
        base = y - line * 7.5
        drawing.add(Line(cursor, base + 2, cursor + KEY_SAMPLE, base + 2, strokeColor=styles.INK,
                         strokeWidth=0.7, strokeDashArray=entry.dash))
        drawing.add(String(cursor + KEY_SAMPLE + 3, base, entry.words, fontName=FONT,
                           fontSize=KEY_FONT_SIZE, fillColor=styles.INK))
        cursor += need
