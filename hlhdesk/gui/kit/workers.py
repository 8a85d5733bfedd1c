"""Long work off the GUI thread (QThreadPool + QRunnable), reporting back by signals.

As in Anki's CollectionOp: the caller gives the work and what to do with its result;
an InputError becomes a plain-words message, anything else is logged to the data
folder and reported without a traceback. Results arrive on the GUI thread (queued
signals), so the callbacks may touch widgets.
"""

from __future__ import annotations

from typing import Callable

from hlhdesk.errors import InputError
from hlhdesk.gui.qt import QObject, QRunnable, QThreadPool, Signal
from hlhdesk.logs import get_logger, log_unexpected


class TaskSignals(QObject):
    succeeded = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)  # done, total
    partial = Signal(object)  # a piece of the result, for work that shows as it goes


class Reporter:
    """What the work is given: call it with (done, total) to report progress; `partial`
    hands over part of the result early; `cancelled` asks it to stop."""

    def __init__(self, signals: TaskSignals):
        self._signals = signals
        self.cancelled = False

    def __call__(self, done: int, total: int) -> None:
        self._signals.progress.emit(done, total)

    def partial(self, payload) -> None:
        self._signals.partial.emit(payload)


class Task(QRunnable):
    def __init__(self, work: Callable, name: str):
        super().__init__()
        self.work = work
        self.name = name
        self.signals = TaskSignals()
        self.reporter = Reporter(self.signals)
        self.setAutoDelete(False)  # the pool must not delete it while Python holds it

    def cancel(self) -> None:
        self.reporter.cancelled = True

    def run(self) -> None:
        try:
            result = self.work(self.reporter)
        except InputError as exc:
            self._tell(self.signals.failed, str(exc))
        except Exception:  # noqa: BLE001 - reported in words; the traceback goes to the log
            where = log_unexpected("background task", self.name)
            self._tell(self.signals.failed, f"An unexpected error stopped '{self.name}'. Details were written to {where}.")
        else:
            self._tell(self.signals.succeeded, result)

    @staticmethod
    def _tell(signal, value) -> None:
        # Work that finishes while the application quits finds its signals already
        # deleted: there is nobody left to tell, and that is not an error.
        try:
            signal.emit(value)
        except RuntimeError:
            pass


_running: set[Task] = set()

# What PySide says when a callback reaches a widget that has been closed and deleted.
_GONE = ("already deleted", "has been deleted")


def unless_gone(callback: Callable, *args) -> None:
    """Call back, unless the window it would update has been closed and deleted since the
    work started: then there is nobody to tell (any other error still propagates)."""
    try:
        callback(*args)
    except RuntimeError as exc:
        if not any(words in str(exc) for words in _GONE):
            raise
        get_logger().debug("a background result arrived after its window closed: %s", exc)


def run_in_background(work: Callable[[Reporter], object], name: str,
                      on_success: Callable[[object], None], on_failure: Callable[[str], None],
                      on_progress: Callable[[int, int], None] | None = None,
                      on_partial: Callable[[object], None] | None = None) -> Task:
    """Run `work(reporter)` on the thread pool; call back on the GUI thread."""
    task = Task(work, name)
    _running.add(task)

    def finish(callback, value):
        _running.discard(task)
        unless_gone(callback, value)

    task.signals.succeeded.connect(lambda result: finish(on_success, result))
    task.signals.failed.connect(lambda message: finish(on_failure, message))
    if on_progress is not None:
        task.signals.progress.connect(lambda done, total: unless_gone(on_progress, done, total))
    if on_partial is not None:
        task.signals.partial.connect(lambda payload: unless_gone(on_partial, payload))
    QThreadPool.globalInstance().start(task)
    return task
