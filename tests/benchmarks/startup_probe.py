"""Start a program in this (fresh) process and print FIRST_PAINT as soon as its main window
has been shown and the event loop has finished its first paint; then exit at once.

    python tests/benchmarks/startup_probe.py bare            a QMainWindow holding a pyqtgraph plot
    python tests/benchmarks/startup_probe.py hlhdesk DB      hlhdesk's real start-up (`hlhdesk --db DB gui`)

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

    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if (
            not self.seen
            and event.type() == QEvent.Type.Paint
            and watched.isWidgetType()
            and isinstance(watched.window(), QMainWindow)
        ):
            self.seen = True
            QTimer.singleShot(0, report_and_exit)
        return False


def report_and_exit() -> None:
    print("FIRST_PAINT", flush=True)
    os._exit(0)  # at once: tearing down Qt and the database is not start-up


class ProbeApplication(QApplication):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._watcher = FirstPaintWatcher()
        self.installEventFilter(self._watcher)


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


def run_hlhdesk(db_path: str) -> int:
    import hlhdesk.gui.qt

    hlhdesk.gui.qt.QApplication = ProbeApplication
    from hlhdesk.cli import main

    return main(["--db", db_path, "gui"])


if __name__ == "__main__":
    mode = sys.argv[1]
    sys.exit(run_bare() if mode == "bare" else run_hlhdesk(sys.argv[2]))
