"""Start a program in this (fresh) process and print FIRST_PAINT as soon as its main window
has been shown and the event loop has finished its first paint; then exit at once.

    python tests/benchmarks/startup_probe.py bare            a QMainWindow holding a pyqtgraph plot
    python tests/benchmarks/startup_probe.py hlhdesk DB      hlhdesk's real start-up (`hlhdesk --db DB gui`)
    python tests/benchmarks/startup_probe.py hlhdesk-list DB the same, until the case list is painted with
                                                             its cases (printing LIST_PAINTED)

The parent (test_startup_bench.py) times from launching this process to reading the
line, so both programs are measured the same way: interpreter start, imports, window,
first paint. The probe hooks in by replacing QApplication (in hlhdesk.gui.qt for hlhdesk)
with a subclass that watches for the first paint of a main window; it changes nothing else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from the checkout

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


class FirstPaintWatcher(QObject):
    """Sees every event; on the first Paint of a visible main window, lets that paint
    finish, then (on the next turn of the event loop) reports and ends the process."""

    report = "FIRST_PAINT"

    def __init__(self) -> None:
        super().__init__()
        self.seen = False
        # A zero timer made now, before the program makes any: started on the paint, it
        # fires before work the program queues behind the same paint the same way (the
        # desk builds its plots just after the list's first paint).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: report_and_exit(self.report))

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if not self.seen and event.type() == QEvent.Type.Paint and self.is_wanted(watched):
            self.seen = True
            self._timer.start(0)
        return False

    def is_wanted(self, watched) -> bool:
        return watched.isWidgetType() and isinstance(watched.window(), QMainWindow)


class ListPaintWatcher(FirstPaintWatcher):
    """The same, for the first paint of the case list's table once it holds cases: the
    moment a user sees where each patient is."""

    report = "LIST_PAINTED"

    def is_wanted(self, watched) -> bool:
        if not watched.isWidgetType():
            return False
        table = watched.parent()
        return (table is not None and table.isWidgetType() and table.accessibleName() == "Cases"
                and table.model() is not None and table.model().rowCount() > 0)


def report_and_exit(line: str = "FIRST_PAINT") -> None:
    print(line, flush=True)
    os._exit(0)  # at once: tearing down Qt and the database is not start-up


class ProbeApplication(QApplication):
    watcher = FirstPaintWatcher

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._watcher = self.watcher()
        self.installEventFilter(self._watcher)


class ListProbeApplication(ProbeApplication):
    watcher = ListPaintWatcher


def run_bare() -> int:
    import pyqtgraph as pg

    app = ProbeApplication([])
    window = QMainWindow()
    window.setWindowTitle("bare")
    plot = pg.PlotWidget()
    plot.plot(list(range(200)), [x * x for x in range(200)])
    window.setCentralWidget(plot)
    window.resize(1024, 700)
    window.show()
    return app.exec()


def run_hlhdesk(db_path: str, until_list: bool = False) -> int:
    import hlhdesk.gui.qt

    hlhdesk.gui.qt.QApplication = ListProbeApplication if until_list else ProbeApplication
    from hlhdesk.cli import main

    return main(["--db", db_path, "gui"])


if __name__ == "__main__":
    mode = sys.argv[1]
    sys.exit(run_bare() if mode == "bare" else run_hlhdesk(sys.argv[2], until_list=mode == "hlhdesk-list"))
