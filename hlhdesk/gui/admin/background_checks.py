"""Once the opening check has passed, the desk checks the whole database in the
background: SQLite's full integrity check and `hlhdesk verify`'s tamper evidence.
Opening runs only the quick check (and the list shows before even that has finished:
gui/admin/opening.py); a problem found here is shown as soon as it is found, naming the
newest backup that passes its check."""

from __future__ import annotations

import threading
from pathlib import Path

from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.kit.workers import run_in_background
from hlhdesk.gui.qt import QApplication
from hlhdesk.logs import get_logger


class RunningChecks:
    """The connections of the checks running now; quitting interrupts them. A check that
    has not begun when the desk quits never begins: the desk can quit a moment after
    opening (the smoke start-up check does), before the worker has its connection, and
    the interpreter would then wait for a whole check (seconds) before exiting."""

    def __init__(self):
        self._lock = threading.Lock()
        self._connections: list = []
        self.stopped = False

    def add(self, conn) -> bool:
        """False (the check must not begin) once the desk is quitting."""
        with self._lock:
            if self.stopped:
                return False
            self._connections.append(conn)
            return True

    def remove(self, conn) -> None:
        with self._lock:
            self._connections.remove(conn)

    def __len__(self) -> int:
        return len(self._connections)

    def interrupt_all(self) -> None:
        """Stop the checks running, and any about to begin (sqlite3's interrupt is safe
        from another thread)."""
        with self._lock:
            self.stopped = True
            for conn in self._connections:
                conn.interrupt()


def check_database(path: Path, busy_timeout: float, running: RunningChecks | None = None):
    """On a worker thread, with its own read-only connection. Returns the VerifyReport,
    or None when quitting stopped it. The connection is in `running` while the check
    runs, so quitting can interrupt it (a full check of a large file takes seconds)."""
    from hlhdesk.store.integrity.opening import read_only_connection
    from hlhdesk.store.integrity.verify import CheckStopped, verify

    conn = read_only_connection(path, busy_timeout)
    if running is not None and not running.add(conn):
        conn.close()
        return None  # the desk is quitting: the next opening checks again
    try:
        return verify(conn, stopped=lambda: running is not None and running.stopped)
    except CheckStopped:
        return None  # the desk is quitting: the next opening checks again
    finally:
        if running is not None:
            running.remove(conn)
        conn.close()


def start_background_checks(window, path: Path, busy_timeout: float, on_done=None):
    """Run check_database; warn (status bar and a dialog) if it finds a problem."""

    def finished(report) -> None:
        from hlhdesk.gui.qt import isValid

        if report is None or not isValid(window) or not window.isVisible():
            return  # closed meanwhile: nobody to tell, and the next opening checks again
        if not report.ok:
            _warn(window, path, report.problems)
        if on_done is not None:
            on_done(report)

    def failed(message: str) -> None:
        get_logger().warning("background database check failed: %s", message)

    # Imported here, on the GUI thread: two threads importing the same modules at once
    # can deadlock on Python's import locks (the plots may be importing meanwhile).
    import hlhdesk.store.integrity.verify  # noqa: F401

    running = RunningChecks()
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(running.interrupt_all)
    return run_in_background(lambda _reporter: check_database(path, busy_timeout, running),
                             "check database", finished, failed)


def _warn(window, path: Path, problems: list[str]) -> None:
    from hlhdesk.store.integrity.good_backups import newest_good_backup

    good = newest_good_backup(path)
    advice = (f"The newest backup that passes its check is {good.label} (File > Backups…)."
              if good else "No backup of it passes its check.")
    shown = "\n".join(f"• {p}" for p in problems[:5])
    get_logger().warning("database check found %d problem(s)", len(problems))
    window.statusBar().showMessage(f"⚠ {path.name} failed its check: see File > Backups…")
    dialogs.warn(
        window, "The database failed its check",
        f"{path.name} is not as hlhdesk left it: it is damaged, or was changed outside "
        f"hlhdesk.\n\n{shown}\n\nDo not rely on it until this is explained. {advice}",
    )
