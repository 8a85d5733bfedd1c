"""How the desk opens an existing database: the case list first, then the check.

1. The list is read on a worker thread through a connection that cannot write
   (store/integrity/before_check.py: sqlite3 alone, so it can run while the desk's
   modules are imported and its window built: `ListRead`) and shown.
2. Once the list has been painted, the rest of the store is imported (sqlite-utils,
   numpy: a third of a second) and the desk reads cases through a store that refuses
   every write ("checking…"); the checked opening starts on another worker thread, as
   every opening makes it (open_database: PRAGMA quick_check, then migrations and the
   daily backup), and lists the cases again.
3. When the check passes, the store shown takes over the checked connection and the
   list is replaced by the checked one (selection, filter and scroll kept): writes are
   allowed from then on. When it fails, what was shown is taken away and the refusal is
   shown as before, naming the newest good backup; nothing was written.

A list that could not be read before the check (a damaged page, another program's file)
is never shown: the checked opening decides, as it always did. Results of an opening
that was abandoned (another database opened meanwhile) are closed when they arrive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from hlhdesk.gui.kit.workers import run_in_background
from hlhdesk.gui.qt import QTimer
from hlhdesk.gui.startup import after_first_paint
from hlhdesk.logs import get_logger


def load_cases(path: Path, report_progress):
    """The checked opening and its case list, on a worker thread."""
    from hlhdesk.store import open_database
    from hlhdesk.store.integrity.opening import writable

    report_progress(0, 2)
    # A file this account cannot write is opened read-only: nothing is created beside
    # it, and the desk says so rather than failing at the first save.
    store = open_database(path, read_only=path.is_file() and not writable(path))
    report_progress(1, 2)
    summaries = store.list_cases()
    report_progress(2, 2)
    return store, summaries


class ListRead:
    """The case list of `path` read before its check, on a worker thread. The desk starts
    one before its own modules are imported and its window built (gui/app.py), so the
    list is ready when the window is first painted; an opening starts its own otherwise."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._done = False
        self._result = None  # (connection, summaries), or None: the list waits for the check
        self._then: Callable | None = None
        # Imported here, on the GUI thread: two threads importing the same modules at
        # once can deadlock on Python's import locks.
        from hlhdesk.store.integrity.before_check import read_list_before_check
        from hlhdesk.store.transactions import DEFAULT_BUSY_TIMEOUT

        path = self.path
        run_in_background(lambda _reporter: read_list_before_check(path, DEFAULT_BUSY_TIMEOUT),
                          "list cases before the check", self._finished, self._failed)

    def then(self, callback: Callable) -> None:
        """`callback(result)` on the GUI thread once the list has been read (at once if
        it has been): `result` is (connection, summaries) or None."""
        if self._done:
            QTimer.singleShot(0, lambda: callback(self._result))
        else:
            self._then = callback

    def _finished(self, result) -> None:
        self._done, self._result = True, result
        if self._then is not None:
            self._then(result)

    def _failed(self, message: str) -> None:
        get_logger().info("the case list waits for the opening check: %s", message)
        self._finished(None)


class DeskOpening:
    """One opening of `path`. Calls back on the GUI thread, each at most once and in
    this order: `on_listed(path, summaries)` when the list is read before the check;
    `on_reading(path, store)` once it has been painted (`store` reads and refuses writes);
    then either `on_opened(path, store, summaries, listed)` (`listed`: `store` is the one
    on_reading gave, now checked) or `on_refused(message, listed)` (`listed`: what
    on_listed and on_reading gave must be taken away; the caller closes the store).
    `painted_by` is the widget that shows the list; `list_read`, a ListRead of `path`
    already started."""

    def __init__(self, path: Path, painted_by, on_listed: Callable, on_reading: Callable,
                 on_opened: Callable, on_refused: Callable,
                 on_progress: Callable[[int, int], None] | None = None, list_read: ListRead | None = None):
        self.path = Path(path)
        self._painted_by = painted_by
        self._on_listed, self._on_reading = on_listed, on_reading
        self._on_opened, self._on_refused = on_opened, on_refused
        self._on_progress = on_progress
        self._conn = None  # the list's connection, until the store before the check has it
        self._shown = None  # the store on_reading gave, until the check has decided
        self._listed = False
        self.over = False  # decided, or abandoned: later results are closed unseen
        if list_read is None or list_read.path != self.path:
            list_read = ListRead(self.path)
        list_read.then(self._list_read)

    @property
    def checking(self) -> bool:
        """The list is shown and the check has not decided yet."""
        return self._listed and not self.over

    def abandon(self) -> None:
        """Another database is being opened: this one's results are no longer wanted."""
        self.over = True
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _list_read(self, result) -> None:
        if self.over:
            if result is not None:
                result[0].close()
            return
        if result is None:
            # On the next turn of the event loop: a window shown meanwhile paints first
            # (the store's import takes a third of a second; a new file has no list).
            QTimer.singleShot(0, self._start_check)
            return
        self._conn, summaries = result
        self._listed = True
        self._on_listed(self.path, summaries)
        after_first_paint(self._painted_by, self._list_painted)

    def _list_painted(self) -> None:
        if self.over:
            return
        from hlhdesk.store.transactions import DEFAULT_BUSY_TIMEOUT
        from hlhdesk.store.integrity.before_check import store_before_check

        conn, self._conn = self._conn, None
        self._shown = store_before_check(self.path, conn, DEFAULT_BUSY_TIMEOUT)
        self._start_check()  # first: it runs on its own thread while the first case opens here
        self._on_reading(self.path, self._shown)

    def _start_check(self) -> None:
        if self.over:
            return  # abandoned before it began
        import hlhdesk.store.database  # noqa: F401 - on this thread, before the worker needs it

        path = self.path
        run_in_background(lambda reporter: load_cases(path, reporter), "open database",
                          self._check_passed, self._check_failed, self._on_progress)

    def _check_passed(self, result) -> None:
        store, summaries = result
        if self.over:
            store.close()
            return
        self.over = True
        shown, self._shown = self._shown, None
        if shown is not None:
            shown.take_connection_of(store)
            store = shown
        self._on_opened(self.path, store, summaries, shown is not None)

    def _check_failed(self, message: str) -> None:
        if self.over:
            return
        self.over = True
        self._shown = None
        self._on_refused(message, self._listed)
