"""The audit's two plots: ferritin as % of baseline by day (one line per episode) and the
swimmer plot of courses. The response target and its day come from the audit's marks (the
judging policy's numbers), never from here."""

from __future__ import annotations

import numpy as np

from hlhdesk.core.audit.table import short_who
from hlhdesk.gui.qt import QVBoxLayout, QWidget, Qt, load_pyqtgraph

pg = load_pyqtgraph()

LINE_PEN = pg.mkPen((31, 78, 140, 150), width=1.2)
TARGET_PEN = pg.mkPen("#1b6e2a", width=2, style=Qt.PenStyle.DashLine)
DAY_PEN = pg.mkPen("#666666", width=1, style=Qt.PenStyle.DotLine)


class FerritinByDayPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.plot = self.graphics.addPlot()
        self.plot.setTitle("Ferritin, % of each episode's baseline", size="10pt")
        self.plot.setLabel("bottom", "calendar day of the episode (day 0 = first dose)")
        self.plot.setLabel("left", "% of baseline")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        # All episodes in one curve, NaN between them (connect="finite"): a thousand
        # separate curves take seconds to draw, one takes milliseconds.
        self.curve = self.plot.plot([], [], pen=LINE_PEN, connect="finite", symbol="o", symbolSize=4,
                                    symbolBrush=(31, 78, 140, 200), symbolPen=None)
        self.lines = 0
        self.target = pg.InfiniteLine(angle=0, movable=False, pen=TARGET_PEN)
        self.day_line = pg.InfiniteLine(angle=90, movable=False, pen=DAY_PEN)
        for line in (self.target, self.day_line):
            line.setVisible(False)
            self.plot.addItem(line, ignoreBounds=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

    def show_audit(self, audit) -> None:
        xs: list[float] = []
        ys: list[float] = []
        self.lines = 0
        for e in audit.episodes:
            if e.ferritin_points:
                for day, pct in e.ferritin_points:
                    xs.append(day)
                    ys.append(pct)
                xs.append(float("nan"))
                ys.append(float("nan"))
                self.lines += 1
        self.curve.setData(np.array(xs, dtype=float), np.array(ys, dtype=float))
        marks = audit.marks
        if marks is not None:
            self.target.setPos(100 * (1 - marks.ferritin_fall))
            self.day_line.setPos(marks.response_day)
            # Said in the title: line labels sit on the data where the lines cross it.
            self.plot.setTitle(f"Ferritin, % of each episode's baseline: dashed, {marks.ferritin_fall:.0%} below "
                               f"baseline (response); dotted, day {marks.response_day}", size="10pt")
        for line in (self.target, self.day_line):
            line.setVisible(marks is not None)


class SwimmerPlot(QWidget):
    """One bar per episode from day 0 to its stop (or today), with markers: ○ response,
    ◆ stop criterion met, | anakinra stopped, ✕ death; a legend says which is which."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.plot = self.graphics.addPlot()
        self.plot.setTitle("Courses: ○ response  ◆ stop criterion  | stopped  ✕ death", size="10pt")
        self.plot.setLabel("bottom", "calendar day of the episode")
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.items: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

    def show_audit(self, audit, codes) -> None:
        for item in self.items:
            self.plot.removeItem(item)
        self.items = []
        episodes = list(audit.episodes)
        ticks, ends, rows = [], [], []
        markers = {"response": [], "criterion": [], "stopped": [], "death": []}
        for n, e in enumerate(episodes):
            y = len(episodes) - n
            end = e.anakinra_stopped_day if e.anakinra_stopped_day is not None else e.last_day
            ends.append(max(end, 0.3))
            rows.append(y)
            ticks.append((y, short_who(e, codes)))
            if e.response_by_day7 == "met" or e.response_by_day14 == "met":
                markers["response"].append((7 if e.response_by_day7 == "met" else 14, y))
            if e.stop_criterion_day is not None:
                markers["criterion"].append((e.stop_criterion_day, y))
            if e.anakinra_stopped_day is not None:
                markers["stopped"].append((e.anakinra_stopped_day, y))
            if e.death_day is not None:
                markers["death"].append((e.death_day, y))
        if episodes:  # one item for every bar
            self._add(pg.BarGraphItem(x0=np.zeros(len(ends)), x1=np.array(ends), y=np.array(rows, dtype=float),
                                      height=0.5, brush=(150, 170, 200), pen=None))
        for kind, symbol, brush in (("response", "o", None), ("criterion", "d", "#b00020"),
                                    ("stopped", "|", "k"), ("death", "x", "k")):
            if markers[kind]:
                xs, ys = zip(*markers[kind])
                self._add(pg.ScatterPlotItem(list(xs), list(ys), symbol=symbol, size=11,
                                             brush=brush, pen=pg.mkPen("k", width=1.5)))
        self.plot.getAxis("left").setTicks([ticks])
        self.plot.setYRange(0.3, len(episodes) + 0.7, padding=0)

    def _add(self, item) -> None:
        self.plot.addItem(item)
        self.items.append(item)
