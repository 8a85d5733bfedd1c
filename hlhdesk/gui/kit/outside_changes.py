"""Keep the desk up to date with changes made outside this window: `hlhdesk import` or
`import-labs` on the command line, or another desktop on a shared database.

SQLite's data_version changes only when another connection commits, and reading it
costs microseconds, so it is checked whenever the window is activated again and every
CHECK_INTERVAL_MS. Only when it has changed is the case list re-read, on a worker thread
with its own connection (as the first load is), and shown keeping the selection, filter,
sort and scroll position. The open case is read again when it changed, keeping typing
on the Patient and case form, unless the change was to the very fields being typed in
(then the status bar says so, and the typing stays until saved or reverted). Cases whose
status is older than their data are evaluated in the background, as on opening.
"""

from __future__ import annotations

from hlhdesk.errors import InputError
from hlhdesk.gui.qt import QObject, QTimer, Signal
from hlhdesk.gui.desk.status_refresh import needs_status, shown_status
from hlhdesk.gui.kit.workers import run_in_background
from hlhdesk.logs import get_logger

CHECK_INTERVAL_MS = 30_000

STATUS_MESSAGE_MS = 10 * 1000  # how long the status bar says so


def list_cases_again(store, report_progress):
    """The case list through a second connection (this runs on a worker thread)."""
    from hlhdesk.store import open_another_connection

    with open_another_connection(store) as reader:
        return reader.list_cases()


class OutsideChanges(QObject):
    listed = Signal()  # the case list was re-read and shown (or found unchanged)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.files = window.files
        self.session = window.session
        self.case_list = window.case_list
        self._seen_version: int | None = None
        self._task = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.files.database_opened.connect(self._database_opened)

    def _database_opened(self, _path) -> None:
        self._seen_version = self._version()
        self.timer.start()

    def _version(self) -> int | None:
        store = self.session.store
        try:
            return store.data_version() if store is not None else None
        except InputError as exc:  # a busy or vanished file: try again next time
            get_logger().warning("could not check the database for changes: %s", exc)
            return None

    def check(self) -> bool:
        """Re-read the case list if another connection has committed since we last
        looked. True if a re-read was started."""
        store = self.session.store
        if not self.window.isVisible():
            return False  # closed (or not yet shown): nobody to show a change to
        if store is None or self._task is not None or self.files.status_refresh_running:
            # A running status refresh commits on its own connection; look once it is done.
            return False
        if getattr(store, "writes_refused", None):
            return False  # its opening check still runs; the checked list comes next

        version = self._version()
        if version is None or version == self._seen_version:
            return False
        # Noted now, before reading: a commit during the read changes it again.
        self._seen_version = version
        self._task = run_in_background(lambda report: list_cases_again(store, report),
                                       "re-read the case list",
                                       lambda summaries: self._listed(store, summaries), self._failed)
        return True

    def _failed(self, message: str) -> None:
        self._task = None
        self._seen_version = None  # try again at the next check
        get_logger().warning("case list not re-read: %s", message)

    def _listed(self, store, summaries) -> None:
        self._task = None
        if self.session.store is not store or not self.window.isVisible():
            return  # another database was opened, or the window closed, meanwhile
        before = {s.case_id: s for s in self.case_list.model.summaries()}
        if summaries != self.case_list.model.summaries():
            self.case_list.replace_summaries(summaries)
            for s in summaries:
                self.session.remember_status(s.case_id, shown_status(s))
            self._update_open_case(before, {s.case_id: s for s in summaries})
            if self.session.case is not None:  # an edit here while the list was being read
                self.case_list.model.refresh_from_case(self.session.case_id, self.session.case)
            stale = [s.case_id for s in summaries if needs_status(s) and s.case_id != self.session.case_id]
            if stale and self.files.refresh_stale_statuses:
                self.files.refresh_statuses(stale)
            get_logger().info("case list re-read after an outside change (%d cases)", len(summaries))
        self.listed.emit()

    def _update_open_case(self, before: dict, after: dict) -> None:
        case_id = self.session.case_id
        old, new = before.get(case_id), after.get(case_id)
        if case_id is None or new is None or (old is not None and old.updated_at == new.updated_at):
            return
        try:
            fresh = self.session.store.load_case(case_id)
        except InputError:
            return
        shown = self.session.case
        if fresh == shown:
            return  # only this desk's own change, already on screen
        # Typing on the Patient and case form survives a reload of the case's records,
        # but not a change to the very fields it edits.
        fields_changed = (fresh.patient, fresh.details) != (shown.patient, shown.details)
        if fields_changed and self.window.case_view.details_view.has_unsaved_changes():
            self.window.statusBar().showMessage(
                "This case was changed elsewhere. Save or revert the Patient and case form to see the changes.")
            return
        self.session.reload()
        self.window.statusBar().showMessage("This case was changed elsewhere; showing the latest data.",
                                          STATUS_MESSAGE_MS)


class DataVersionWatcher(QObject):
    """Emits `changed` when another connection has committed to the database since the
    last look (PRAGMA data_version), checked by `check()` and every CHECK_INTERVAL_MS
    while running. The Meetings window uses it as the desk uses OutsideChanges: an
    outcome recorded on the command line or at another desk appears without a restart."""

    changed = Signal()

    def __init__(self, store_of, parent=None, interval_ms: int = CHECK_INTERVAL_MS):
        super().__init__(parent)
        self._store_of = store_of
        self._seen: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.start()

    def start(self) -> None:
        """Look from now on (a database was opened)."""
        self._seen = self._version()
        self.timer.start()

    def _version(self) -> int | None:
        store = self._store_of()
        try:
            return store.data_version() if store is not None else None
        except InputError as exc:  # busy or gone: try again next time
            get_logger().warning("could not check the database for changes: %s", exc)
            return None

    def check(self) -> bool:
        version = self._version()
        if version is None or version == self._seen:
            return False
        self._seen = version
        self.changed.emit()
        return True
