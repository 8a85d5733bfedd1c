"""Start-up: the window paints before the slow parts load (hlhdesk/gui/startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hlhdesk.gui.qt import QLabel, QWidget
from hlhdesk.gui.startup import DeferredWidget, after_first_paint

ROOT = Path(__file__).resolve().parents[2]
# Loaded only after the first paint (or when printing): see docs in hlhdesk/gui/startup.py.
SLOW_MODULES = ("pyqtgraph", "numpy", "sqlite_utils", "reportlab")


def test_the_main_window_module_loads_none_of_the_slow_libraries():
    code = (
        "import json, sys; import hlhdesk.gui.app, hlhdesk.gui.desk.main_window; "
        f"print(json.dumps([m for m in {SLOW_MODULES!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_reading_the_case_list_loads_none_of_the_slow_libraries(store):
    """The desk reads its list before its window is built (gui/admin/opening.py ListRead):
    with sqlite3 alone, so the list is there for the window's first paint."""
    code = (
        "import json, sys; from pathlib import Path; import hlhdesk.gui.admin.opening; "
        "from hlhdesk.store.integrity.before_check import read_list_before_check; "
        f"conn, listed = read_list_before_check(Path({str(store.path)!r}), 1.0); "
        f"print(json.dumps([len(listed), [m for m in {SLOW_MODULES!r} if m in sys.modules]]))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [3, []]


def test_work_waits_for_the_first_paint_and_runs_once(qtbot):
    window = QLabel("hello")
    qtbot.addWidget(window)
    calls = []
    after_first_paint(window, lambda: calls.append(window.isVisible()), fallback_ms=60_000)
    qtbot.wait(50)
    assert calls == []  # not shown, not painted: nothing yet
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5_000)
    window.update()
    window.repaint()
    qtbot.wait(50)
    assert calls == [True]  # later paints do not run it again


def test_work_still_runs_if_the_window_is_never_painted(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    calls = []
    after_first_paint(window, lambda: calls.append("ran"), fallback_ms=30)
    qtbot.waitUntil(lambda: calls == ["ran"], timeout=5_000)


def test_deferred_widget_builds_once_when_asked_with_itself_as_parent(qtbot):
    made = []

    def factory(parent):
        made.append(parent)
        return QLabel("the real thing", parent)

    deferred = DeferredWidget(factory, "Loading…")
    qtbot.addWidget(deferred)
    assert not deferred.is_built and made == []
    assert deferred.findChild(QLabel).text() == "Loading…"
    real = deferred.widget()
    assert made == [deferred] and real.parent() is deferred and deferred.is_built
    assert deferred.widget() is real and len(made) == 1


def test_the_desk_builds_its_plots_only_when_needed(qtbot):
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.desk.main_window import MainWindow
    from hlhdesk.gui.render.plots import TrajectoryPlots
    from tests.support.fake_engine import fake_evaluate

    window = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(window)
    assert not window.case_view.deferred_plots.is_built
    assert isinstance(window.case_view.plots, TrajectoryPlots)
    assert window.case_view.deferred_plots.is_built


def test_plots_built_after_the_first_case_was_evaluated_draw_that_case(window):
    """At start-up the first case is often evaluated before the plots are built (they wait
    for the list's first paint): building them must draw the case on screen, not leave
    empty axes until another case is chosen (seen under a real X server at 1024x768)."""
    window.case_list.select_case(1)
    view = window.case_view
    view._plots_timer.stop()  # the start-up path builds them, not the fallback timer
    assert not view.deferred_plots.is_built and window.session.evaluation is not None

    view.build_plots()  # what the start-up path calls after the list's first paint

    x, _ = view.deferred_plots.widget().ferritin_curve.getData()
    assert x is not None and len(x) > 0
