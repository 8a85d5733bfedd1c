"""The File menu's work: open a database (off the GUI thread), new case, import and
export case files, the demo database. Kept apart from the window so the window stays
a frame of menus and panes."""

from __future__ import annotations

from pathlib import Path

from hlhdesk.errors import InputError
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.desk.new_case_dialog import NewCaseDialog
from hlhdesk.gui.qt import QDialog, QFileDialog, QObject, Signal
from hlhdesk.gui.kit.settings import remember_database
from hlhdesk.gui.desk.status_refresh import needs_status, shown_status, refresh_statuses
from hlhdesk.gui.kit.workers import run_in_background
from hlhdesk.gui.admin.background_checks import start_background_checks
from hlhdesk.gui.admin.opening import DeskOpening
from hlhdesk.logs import get_logger
from hlhdesk.paths import demo_database_path

CASE_FILE_FILTER = "hlhdesk case files (*.json);;All files (*)"
DATABASE_FILTER = "hlhdesk databases (*.sqlite3 *.db);;All files (*)"


class FileActions(QObject):
    database_listed = Signal(object)  # path: its cases are shown; its opening check still runs
    database_reading = Signal(object)  # path: its cases can be read; its opening check runs
    database_opened = Signal(object)  # path: checked and open
    database_closed = Signal(object)  # path: what was shown of it before its check is gone
    database_refused = Signal(object)  # path: it failed its opening check; nothing is open
    statuses_refreshed = Signal()
    busy = Signal(str)  # what is running ("" when done)
    progress = Signal(int, int)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.case_list = window.case_list
        self.path: Path | None = None
        self.open_failed_hook = None  # the smoke start-up check replaces the dialog
        self.refresh_stale_statuses = True  # tests turn it off to keep the list still
        self._refresh_task = None
        self._opening: DeskOpening | None = None

    # -- databases -------------------------------------------------------------------
    def open_database(self, path: Path, list_read=None) -> None:
        """`list_read`: the list of `path` already being read (opening.ListRead)."""
        if not self.window.may_leave_case():
            return  # the user went back to unsaved typing
        path = Path(path)
        if self._refresh_task is not None:
            self._refresh_task.cancel()
        if self._opening is not None:
            if self._opening.checking:
                self._take_away_list()  # its check will not be waited for: nothing stays open
            self._opening.abandon()
        self.busy.emit(f"Opening {path.name}…")
        self._opening = DeskOpening(path, self.case_list.table.viewport(), self._listed, self._reading,
                                    self._opened, self._refused, self.progress.emit, list_read)

    @property
    def checking(self) -> bool:
        """The case list is shown and the opening check still runs: nothing may be saved."""
        return self._opening is not None and self._opening.checking

    def _show_cases(self, path: Path, store, summaries) -> None:
        old = self.session.store
        self.path = path
        self.session.set_store(store)
        for s in summaries:
            self.session.remember_status(s.case_id, shown_status(s))
        self.case_list.model.set_summaries(summaries)
        if old is not None and old is not store and hasattr(old, "close"):
            old.close()

    def _listed(self, path: Path, summaries) -> None:
        """The list, read before the opening check: shown at once; no store yet."""
        self._show_cases(path, None, summaries)
        self.busy.emit(f"Checking {path.name}…")
        self.database_listed.emit(path)

    def _reading(self, path: Path, store) -> None:
        """Cases can be read (not saved) while the check runs: the list's case opens."""
        self.session.set_store(store)
        self.database_reading.emit(path)

    def _opened(self, path: Path, store, summaries, listed: bool = False) -> None:
        if listed:  # the store shown is now the checked one; its list read again, checked
            for s in summaries:
                self.session.remember_status(s.case_id, shown_status(s))
            self.case_list.replace_summaries(summaries)
        else:
            self._show_cases(path, store, summaries)
        remember_database(path)
        get_logger().info("opened a database with %d cases", len(summaries))
        self.busy.emit("")
        self.database_opened.emit(path)
        self.background_check = start_background_checks(self.window, path, store.busy_timeout)
        if store.read_only:
            self.window.setWindowTitle(f"hlhdesk: {path.name} (read-only)")
            self.window.statusBar().showMessage(
                f"{path.name} is read-only for you: you can read and print, but changes cannot be saved.")
            return  # a status refresh would write the status cache
        stale = [s.case_id for s in summaries if needs_status(s)]
        if stale and self.refresh_stale_statuses:
            self.refresh_statuses(stale)

    def _refused(self, message: str, listed: bool) -> None:
        """The opening check failed. A list shown before it goes: nothing is open."""
        if listed:
            self.database_refused.emit(self._take_away_list())
        self._open_failed(message)

    def _take_away_list(self) -> Path:
        """The list and store shown before an opening check that will not pass (it failed,
        or another database is being opened): closed; no database is open. Its path."""
        path, self.path = self.path, None
        shown = self.session.store
        self.session.set_store(None)
        self.case_list.model.set_summaries([])
        if shown is not None:
            shown.close()
        self.database_closed.emit(path)
        return path

    def refresh_statuses(self, case_ids: list[int]):
        """Evaluate cases with no cached status off the GUI thread, showing each batch."""
        if self._refresh_task is not None:
            self._refresh_task.cancel()
        path, evaluator, as_of = self.path, self.session.evaluator, self.session.clock()
        self.busy.emit(f"Evaluating {len(case_ids):,} case(s)…")

        def show(batch) -> None:
            if self.path != path:
                return  # another database was opened meanwhile
            for case_id, fields in batch:
                self.session.remember_status(case_id, shown_status(fields))
            self.case_list.model.set_statuses(batch)

        def finished(_result) -> None:
            self._refresh_task = None
            self.busy.emit("")
            self.statuses_refreshed.emit()

        self._refresh_task = run_in_background(
            lambda reporter: refresh_statuses(path, case_ids, evaluator, as_of, reporter),
            "evaluate cases", finished, self._refresh_failed, self.progress.emit, show)
        return self._refresh_task

    @property
    def status_refresh_running(self) -> bool:
        return self._refresh_task is not None

    def _refresh_failed(self, message: str) -> None:
        self._refresh_task = None
        self.busy.emit("")
        get_logger().warning("status refresh failed: %s", message)

    def _open_failed(self, message: str) -> None:
        self.busy.emit("")
        if self.open_failed_hook is not None:
            self.open_failed_hook(message)
            return
        dialogs.warn(self.window, "Could not open the database", message)

    def choose_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Open database",
                                              str(self.path.parent if self.path else ""), DATABASE_FILTER)
        if name:
            self.open_database(Path(name))

    def open_demo(self) -> None:
        """The synthetic demo cases, rebuilt so their dates look live today."""
        path = demo_database_path()
        self.busy.emit("Building the demo database…")

        def build(report_progress):
            from hlhdesk.app.demo import build_demo_database

            build_demo_database(path)
            return path

        run_in_background(build, "build demo database", self.open_database, self._open_failed)

    def refresh_cases(self) -> None:
        if self.session.store is None:
            return
        self.case_list.model.set_summaries(self.session.store.list_cases())

    # -- cases -------------------------------------------------------------------------
    def new_case(self) -> None:
        if self.session.store is None:
            return
        dialog = NewCaseDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.case is None:
            return
        if self.add_cases([dialog.case]):
            self.window.case_view.start_entry()  # a new case has no data yet: its results come next

    def add_cases(self, cases: list) -> list[int]:
        """Store cases in one transaction (all or none) and select the first."""
        from hlhdesk.app.case_import import add_cases

        return self._stored(lambda: add_cases(self.session.store, cases, self.session.clock()))

    def _stored(self, store_them) -> list[int]:
        try:
            ids = list(store_them())
        except InputError as exc:
            dialogs.warn(self.window, "Nothing was saved", str(exc))
            return []
        self.refresh_cases()
        if ids:
            self.case_list.select_case(ids[0])
        return ids

    def choose_case_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window, "Import case files", "", CASE_FILE_FILTER)
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> None:
        if self.session.store is None:
            dialogs.warn(self.window, "No database open", "Open a database before importing cases.")
            return
        self.busy.emit(f"Reading {len(paths)} case file(s)…")
        from hlhdesk.app.case_import import read_case_files

        run_in_background(lambda report: read_case_files(paths, report), "import case files",
                          self._files_read, self._import_failed, self.progress.emit)

    def _files_read(self, files) -> None:
        from hlhdesk.app.case_import import import_case_files

        self.busy.emit("")
        notes: list[str] = []

        def store_them():
            imported = import_case_files(self.session.store, files, self.session.clock())
            notes.extend(imported.notes)
            return imported.case_ids

        ids = self._stored(store_them)
        if ids:
            self.window.statusBar().showMessage(f"Imported {len(ids)} case(s).", 5000)
        if notes:
            dialogs.inform(self.window, f"Imported {len(ids)} case(s), with notes",
                           "\n".join(f"- {line}" for line in notes))

    def _import_failed(self, message: str) -> None:
        self.busy.emit("")
        dialogs.warn(self.window, "Nothing was imported", message)

    def export_case(self) -> None:
        case = self.session.case
        if case is None:
            return
        suggested = f"case-{self.session.case_id}.json"
        name, _ = QFileDialog.getSaveFileName(self.window, "Export case file", suggested, CASE_FILE_FILTER)
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        from hlhdesk.core.casefile.caseio import dumps_case

        if not dialogs.write_chosen_file(self.window, "Not exported", path,
                                         dumps_case(self.session.case).encode("utf-8")):
            return False
        self.window.statusBar().showMessage(f"Exported to {path}", 5000)
        return True
