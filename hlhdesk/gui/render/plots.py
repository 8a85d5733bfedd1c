"""Trajectories: ferritin (log axis), HScore over time and anakinra mg/kg/day, stacked on
one shared date axis, with the policy's thresholds drawn as lines.

Everything drawn comes from the case (measured values) or its Evaluation (baseline,
day 0, score series, doses): nothing here decides a criterion.

Two pyqtgraph details matter:
- DateAxisItem takes epoch seconds, and each plot needs its own axis item, made with
  the plot (an axis item cannot be shared or swapped in later).
- InfiniteLine ignores log mode: on the log-Y ferritin plot a line must be placed at
  log10(value). `line_position` is the one place that does it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from hlhdesk.core.evaluation import Evaluation, PolicyMarks, ThresholdLine
from hlhdesk.core.model import Case
from hlhdesk.core.policy.marks import marks_of
from hlhdesk.core.units import format_number
from hlhdesk.gui.kit import formatting as fmt
from hlhdesk.gui.qt import QLabel, QVBoxLayout, QWidget, Qt, load_pyqtgraph, load_pyqtgraph_date_axis

pg = load_pyqtgraph()
_date_axis = load_pyqtgraph_date_axis()
DAY_SPACING, TickSpec, ZoomLevel, makeSStepper = (
    _date_axis.DAY_SPACING, _date_axis.TickSpec, _date_axis.ZoomLevel, _date_axis.makeSStepper)

# The threshold lines, ceiling and day-7 target are the policy's numbers: they come from
# evaluation.marks (hlhdesk.core.policy.marks), never from here, so a frozen evaluation is
# drawn against the lines it was judged by.

COURSE_BRUSH = (70, 130, 200, 40)
DATA_PEN = pg.mkPen("#1f4e8c", width=2)
THRESHOLD_PEN = pg.mkPen("#b00020", width=1.5, style=Qt.PenStyle.DashLine)
BASELINE_PEN = pg.mkPen("#444444", width=1.5, style=Qt.PenStyle.DotLine)
TARGET_PEN = pg.mkPen("#1b6e2a", width=2, style=Qt.PenStyle.DashLine)


def line_position(value: float, log_y: bool) -> float:
    """Where to put an InfiniteLine for `value` on a plot: log10 on a log-Y plot, because
    InfiniteLine (unlike data items) ignores the plot's log mode."""
    if not log_y:
        return value
    if value <= 0:
        raise ValueError("a value on a log axis must be above zero")
    return math.log10(value)


# Ticks a clinician reads on a ferritin axis, rather than 4·10⁴ (not a policy number).
FERRITIN_TICKS = tuple(m * 10 ** e for e in range(1, 7) for m in (1, 2, 5) if 10 <= m * 10 ** e <= 1_000_000)


def ferritin_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """Major ticks (log10 position, label) between two ferritin values."""
    return [(math.log10(v), format_number(v)) for v in FERRITIN_TICKS if low <= v <= high]


def ferritin_y_range(values, lines: tuple[float, ...]) -> tuple[float, float]:
    """log10 bounds that hold the data and every ferritin threshold line."""
    values = [v for v in values if v > 0]
    low = min([*values, *lines]) / 1.6
    high = max([*values, *lines]) * 1.6
    return math.log10(low), math.log10(high)


def epoch(moment: datetime) -> float:
    return moment.timestamp()


class UkDateAxis(pg.DateAxisItem):
    """Date ticks as UK readers expect: 03/10 rather than 'Sat 03'."""

    def __init__(self, orientation: str = "bottom", **kwargs):
        super().__init__(orientation, **kwargs)
        # Days only at this zoom: a month tick would print on top of a day tick.
        month_day = ZoomLevel([
            TickSpec(DAY_SPACING, makeSStepper(DAY_SPACING), "%d/%m", autoSkip=[1, 2, 7, 14]),
        ], "00/00")
        for density, level in list(self.zoomLevels.items()):
            if level.exampleText == "MMM":
                self.zoomLevels[density] = month_day
            elif level.exampleText == "MMM 00":
                level.tickSpecs[0] = TickSpec(DAY_SPACING, makeSStepper(DAY_SPACING), "%d/%m")


@dataclass(frozen=True)
class HoverPoint:
    x: float
    y: float  # in the plot's own coordinates (log10 on the ferritin plot)
    text: str


# A line's words sit on a light patch, and the lines with their words are drawn beneath
# the data: where the ferritin curve crosses a label both stay readable, and the label
# never hides a value.
LABEL_FILL = (255, 255, 255, 170)
BENEATH_THE_DATA = -10


def _threshold(plot) -> pg.InfiniteLine:
    """A threshold line, placed and labelled when a case is drawn (from its marks)."""
    line = pg.InfiniteLine(
        angle=0, movable=False, pen=THRESHOLD_PEN,
        label="", labelOpts={"position": 0.02, "color": "#b00020", "anchors": [(0, 1), (0, 1)],
                             "fill": LABEL_FILL},
    )
    line.setVisible(False)
    line.setZValue(BENEATH_THE_DATA)
    plot.addItem(line, ignoreBounds=True)
    return line


def _place(line: pg.InfiniteLine, mark: ThresholdLine, log_y: bool) -> None:
    line.setPos(line_position(mark.value, log_y))
    line.label.setFormat(mark.label)
    line.setVisible(True)


class TrajectoryPlots(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.readout = QLabel("Point at a value to read it.")
        self.readout.setAccessibleName("Plot read-out")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setAccessibleName("Trajectories")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.readout)
        layout.addWidget(self.graphics, 1)

        self.ferritin_plot = self._make_plot(0, "Ferritin µg/L (log)")
        self.ferritin_plot.setLogMode(y=True)
        self.hscore_plot = self._make_plot(1, "HScore (band: items missing)")
        self.dose_plot = self._make_plot(2, "Anakinra mg/kg/day")
        for plot in (self.hscore_plot, self.dose_plot):
            plot.setXLink(self.ferritin_plot)

        self.ferritin_curve = self.ferritin_plot.plot(
            pen=DATA_PEN, symbol="o", symbolSize=7, symbolBrush="#1f4e8c", name="Ferritin")
        self.target_curve = self.ferritin_plot.plot(pen=TARGET_PEN, name="Day-7 ferritin target")
        self.baseline_line = pg.InfiniteLine(angle=0, movable=False, pen=BASELINE_PEN, label="",
                                             labelOpts={"position": 0.98, "color": "#444444",
                                                        "anchors": [(1, 1), (1, 1)], "fill": LABEL_FILL})
        self.baseline_line.setZValue(BENEATH_THE_DATA)
        self.ferritin_plot.addItem(self.baseline_line, ignoreBounds=True)
        # Keyed by the rule each line belongs to; placed from the evaluation's marks.
        self.threshold_lines = {
            "DX-HLH2004": _threshold(self.ferritin_plot),
            "DX-FERRITIN": _threshold(self.ferritin_plot),
            "DX-HSCORE": _threshold(self.hscore_plot),
            "DO-MAX": _threshold(self.dose_plot),
        }

        self.hscore_low = self.hscore_plot.plot(pen=pg.mkPen("#6a3d9a", width=1))
        self.hscore_high = self.hscore_plot.plot(pen=pg.mkPen("#6a3d9a", width=1))
        self.hscore_band = pg.FillBetweenItem(self.hscore_low, self.hscore_high,
                                              brush=(106, 61, 154, 60))
        self.hscore_plot.addItem(self.hscore_band)
        self.hscore_points = self.hscore_plot.plot(pen=None, symbol="s", symbolSize=6,
                                                   symbolBrush="#6a3d9a")
        self.dose_curve = self.dose_plot.plot(pen=pg.mkPen("#b35900", width=2),
                                              connect="pairs")
        self.hscore_plot.setYRange(0, 337)

        self._course_regions: list = []
        self._hover: dict = {self.ferritin_plot: [], self.hscore_plot: [], self.dose_plot: []}
        self.graphics.scene().sigMouseMoved.connect(self._mouse_moved)

    def _make_plot(self, row: int, title: str):
        # Titles are kept short: pyqtgraph makes a title's width the plot's minimum width,
        # and the plots have ~310 px beside the decision panel on a 1024-pixel screen.
        plot = self.graphics.addPlot(row=row, col=0, axisItems={"bottom": UkDateAxis()})
        plot.setTitle(title, size="10pt")
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setMenuEnabled(True)
        plot.getAxis("left").setWidth(52)
        return plot

    # -- drawing --------------------------------------------------------------------------
    def show_case(self, case: Case | None, evaluation: Evaluation | None) -> None:
        if case is None or evaluation is None:
            self._clear()
            return
        as_of = evaluation.as_of
        self._place_thresholds(marks_of(evaluation))
        self._draw_courses(case, as_of)
        self._draw_ferritin(case, evaluation)
        self._draw_hscore(evaluation)
        self._draw_doses(evaluation, as_of)
        self._fit_x(case, evaluation)

    def _place_thresholds(self, marks: PolicyMarks) -> None:
        self.marks = marks
        for mark in marks.ferritin_lines:
            _place(self.threshold_lines[mark.rule_id], mark, log_y=True)
        _place(self.threshold_lines["DX-HSCORE"], marks.hscore_line, log_y=False)
        _place(self.threshold_lines["DO-MAX"], marks.dose_ceiling, log_y=False)

    def _clear(self) -> None:
        for curve in (self.ferritin_curve, self.target_curve, self.hscore_low, self.hscore_high,
                      self.hscore_points, self.dose_curve):
            curve.setData([], [])
        self.baseline_line.setVisible(False)
        self._draw_regions([])
        for points in self._hover.values():
            points.clear()

    def _draw_courses(self, case: Case, as_of: datetime) -> None:
        spans = [
            (epoch(t.start), epoch(t.stop if t.stop and t.stop < as_of else as_of))
            for t in case.treatments if t.drug == "anakinra" and t.start <= as_of
        ]
        self._draw_regions(spans)

    def _draw_regions(self, spans) -> None:
        """One shaded region per course on each plot. Regions are kept and moved rather
        than made anew: switching cases is the desk's most frequent redraw."""
        plots = (self.ferritin_plot, self.hscore_plot, self.dose_plot)
        wanted = [(plot, span) for span in spans for plot in plots]
        while len(self._course_regions) > len(wanted):
            plot, region = self._course_regions.pop()
            plot.removeItem(region)
        for n, (plot, span) in enumerate(wanted):
            if n < len(self._course_regions):
                self._course_regions[n][1].setRegion(span)
                continue
            region = pg.LinearRegionItem(values=span, movable=False, brush=COURSE_BRUSH,
                                         pen=pg.mkPen(None))
            region.setZValue(-10)
            plot.addItem(region, ignoreBounds=True)
            self._course_regions.append((plot, region))

    def _draw_ferritin(self, case: Case, evaluation: Evaluation) -> None:
        points = sorted((o.at, float(o.value)) for o in case.observations_of("ferritin")
                        if o.at <= evaluation.as_of and float(o.value) > 0)
        xs = np.array([epoch(at) for at, _ in points], dtype=float)
        ys = np.array([v for _, v in points], dtype=float)
        self.ferritin_curve.setData(xs, ys)
        low, high = ferritin_y_range(list(ys), tuple(m.value for m in self.marks.ferritin_lines))
        self.ferritin_plot.setYRange(low, high, padding=0)
        self.ferritin_plot.getAxis("left").setTicks([ferritin_ticks(10 ** low, 10 ** high), []])
        self._hover[self.ferritin_plot] = [
            HoverPoint(x, math.log10(y), f"Ferritin {format_number(y)} µg/L on {fmt.uk_datetime(at)}")
            for (at, y), x in zip(points, xs)
        ]
        trajectory = evaluation.ferritin
        baseline = trajectory.baseline if trajectory else None
        if baseline is not None and isinstance(baseline.value, (int, float)) and baseline.value > 0:
            value = float(baseline.value)
            self.baseline_line.setPos(line_position(value, True))
            self.baseline_line.label.setFormat(f"baseline {format_number(value)} µg/L")
            self.baseline_line.setVisible(True)
        else:
            self.baseline_line.setVisible(False)
        if baseline is not None and evaluation.day0 is not None and self.baseline_line.isVisible():
            target = float(baseline.value) * (1 - self.marks.ferritin_fall)
            day0, day7 = evaluation.day0, evaluation.day0 + timedelta(days=self.marks.response_day)
            self.target_curve.setData([epoch(day0), epoch(day7)], [target, target])
        else:
            self.target_curve.setData([], [])

    def _draw_hscore(self, evaluation: Evaluation) -> None:
        series = sorted(evaluation.score_series, key=lambda p: p.at)
        xs = np.array([epoch(p.at) for p in series], dtype=float)
        low = np.array([p.hscore_low for p in series], dtype=float)
        high = np.array([p.hscore_high for p in series], dtype=float)
        self.hscore_low.setData(xs, low)
        self.hscore_high.setData(xs, high)
        self.hscore_points.setData(xs, (low + high) / 2 if len(xs) else low)
        self._hover[self.hscore_plot] = [
            HoverPoint(epoch(p.at), (p.hscore_low + p.hscore_high) / 2,
                       f"HScore {_score_text(p.hscore_low, p.hscore_high)} points on {fmt.uk_datetime(p.at)}")
            for p in series
        ]

    def _draw_doses(self, evaluation: Evaluation, as_of: datetime) -> None:
        xs, ys, hover = [], [], []
        for course in evaluation.dosing:
            if course.mg_per_kg_day is None:
                continue
            stop = course.stop if course.stop and course.stop < as_of else as_of
            xs += [epoch(course.start), epoch(stop)]
            ys += [course.mg_per_kg_day] * 2
            hover.append(HoverPoint(epoch(course.start), course.mg_per_kg_day,
                                    f"Anakinra {format_number(course.mg_per_kg_day)} mg/kg/day "
                                    f"from {fmt.uk_datetime(course.start)}"))
        self.dose_curve.setData(np.array(xs, dtype=float), np.array(ys, dtype=float))
        self._hover[self.dose_plot] = hover
        top = max([self.marks.dose_ceiling.value, *ys]) * 1.15
        self.dose_plot.setYRange(0, top)

    def _fit_x(self, case: Case, evaluation: Evaluation) -> None:
        moments = [o.at for o in case.observations if o.at <= evaluation.as_of]
        moments += [t.start for t in case.treatments if t.start <= evaluation.as_of]
        if not moments:
            return
        start, end = epoch(min(moments)), epoch(evaluation.as_of)
        pad = max((end - start) * 0.03, 3600.0)
        self.ferritin_plot.setXRange(start - pad, end + pad, padding=0)

    # -- hover read-out and export --------------------------------------------------------
    def _mouse_moved(self, scene_pos) -> None:
        for plot, points in self._hover.items():
            if not plot.sceneBoundingRect().contains(scene_pos) or not points:
                continue
            view = plot.getViewBox()
            nearest = min(points, key=lambda p: _pixel_distance(view, p, scene_pos))
            if _pixel_distance(view, nearest, scene_pos) < 40:
                self.readout.setText(nearest.text)
            return

    def export_png(self, path: Path) -> bool:
        from hlhdesk.gui.kit.dialogs import write_chosen_file
        from hlhdesk.gui.qt import QBuffer, QByteArray, QIODevice

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not self.graphics.grab().save(buffer, "PNG"):
            return False
        return write_chosen_file(self, "Export plots", path, bytes(data.data())) is not None


def _pixel_distance(view, point: HoverPoint, scene_pos) -> float:
    from hlhdesk.gui.qt import QPointF

    at = view.mapViewToScene(QPointF(point.x, point.y))
    return math.hypot(at.x() - scene_pos.x(), at.y() - scene_pos.y())


def _score_text(low: int, high: int) -> str:
    return str(low) if low == high else f"{low} to {high}"
