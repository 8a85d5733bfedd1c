"""File ▸ Import lab results… and File ▸ Lab test names…: the window's side of the lab
import. The file is read and checked on a worker thread (pure work, no database); the
database is read and written on the GUI thread, which owns the store's connection."""

from __future__ import annotations

from pathlib import Path

from hlhdesk.errors import InputError
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.labs.lab_import_dialog import LabImportDialog
from hlhdesk.gui.labs.lab_mapping_dialog import TestNamesDialog
from hlhdesk.gui.qt import QDialog, QFileDialog, QObject
from hlhdesk.gui.kit.workers import run_in_background
from hlhdesk.logs import get_logger

LAB_FILE_FILTER = "Lab results (*.csv *.txt);;All files (*)"


class LabActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session

    def _store(self):
        return dialogs.store_or_say(self.window, "Lab results")

    # -- import ------------------------------------------------------------------------
    def choose_lab_file(self) -> None:
        if self._store() is None:
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "Import lab results", "", LAB_FILE_FILTER)
        if name:
            self.preview_file(Path(name))

    def preview_file(self, path: Path) -> None:
        from hlhdesk.core.labs.labcsv import read_lab_file

        store = self._store()
        if store is None:
            return
        try:
            mapping = store.load_test_names()
        except InputError as exc:
            dialogs.warn(self.window, "Could not read the lab test names", str(exc))
            return
        self.window.files.busy.emit(f"Reading {path.name}…")
        run_in_background(lambda report: read_lab_file(path, mapping), "read lab results",
                          lambda result: self._file_read(path, *result), self._read_failed)

    def _read_failed(self, message: str) -> None:
        self.window.files.busy.emit("")
        dialogs.warn(self.window, "Lab results not imported", message)

    def _file_read(self, path: Path, lab_file, sha256: str) -> None:
        from hlhdesk.app.lab_import import plan_lab_file

        self.window.files.busy.emit("")
        try:
            plan = plan_lab_file(self.session.store, lab_file, path.name, sha256)
        except InputError as exc:
            dialogs.warn(self.window, "Lab results not imported", str(exc))
            return
        self.show_preview(self.preview_dialog(plan))

    def preview_dialog(self, plan) -> LabImportDialog:
        from hlhdesk.app.lab_import import import_lab_plan

        store = self.session.store
        return LabImportDialog(plan, lambda p: import_lab_plan(store, p), self.window)

    def show_preview(self, dialog: LabImportDialog) -> None:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
            return
        outcome = dialog.outcome
        # Counts only: the log never names a patient.
        get_logger().info("lab import %s: %d added, %d skipped, %d rejected", outcome.import_id,
                          outcome.added, outcome.skipped, outcome.rejected)
        files = self.window.files
        files.refresh_cases()
        if self.session.case_id in outcome.case_ids:
            self.session.reload()  # re-evaluates the open case with its new results
        if outcome.case_ids and files.refresh_stale_statuses:
            files.refresh_statuses(list(outcome.case_ids))  # the list's policy status
        dialogs.inform(self.window, "Lab results imported", outcome.summary())

    # -- mapping -----------------------------------------------------------------------
    def edit_test_names(self) -> None:
        dialog = self.test_names_dialog()
        if dialog is not None:
            dialog.exec()

    def test_names_dialog(self) -> TestNamesDialog | None:
        from hlhdesk.app.lab_import import save_test_names

        store = self._store()
        if store is None:
            return None
        try:
            mapping = store.load_test_names()
        except InputError as exc:
            dialogs.warn(self.window, "Could not read the lab test names", str(exc))
            return None
        return TestNamesDialog(mapping, lambda pairs: save_test_names(store, pairs), self.window)
