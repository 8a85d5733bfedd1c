"""The lab import on screen (offscreen): the preview dialog, the test-names dialog, and
File ▸ Import lab results… from file to stored results."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from hlhdesk.core.labs.labimport import RowStatus
from hlhdesk.errors import InputError
from hlhdesk.gui.labs.lab_import_dialog import COLUMNS, LabImportDialog
from hlhdesk.gui.labs.lab_mapping_dialog import TestNamesDialog
from hlhdesk.gui.qt import QDialog
from hlhdesk.app.lab_import import preview_lab_data, save_test_names
from tests.support.desk_cases import synthetic_nhs_numbers

NHS_EXAMPLE, NHS_SMITH, _ = synthetic_nhs_numbers(3)
NOW = datetime(2026, 11, 1, 12, 0)
HEADER = "NHS Number,Collected,Test Name,Result,Units,Reference range"
LINES = [
    f"{NHS_SMITH},03/10/2026 08:00,Ferritin,38052,µg/L,20-300",
    f"{NHS_SMITH},03/10/2026 08:00,Hb,8.1,g/dL,11.5-16.5",
    f"{NHS_SMITH},03/10/2026 08:00,PLT,45,x10^9/L,150-400",
    f"{NHS_SMITH},03/10/2026 08:00,Triglycerides,310,mg/dL,",
    f"{NHS_SMITH},03/10/2026 08:00,CRP,<5,mg/L,0-5",
    "RX0000003,03/10/2026 09:00,Fibrinogen (Clauss),1.2,g/L,1.5-4.0",
    f"{NHS_SMITH},31/02/2026,ALT,230,U/L,0-40",
    "9990010021,03/10/2026,LDH,1200,U/L,",
    f"{NHS_EXAMPLE},01/10/2026 08:00,Ferritin,24000,µg/L,20-300",
]


def lab_csv(*lines: str) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode()


def column(name: str) -> int:
    return COLUMNS.index(name)


@pytest.fixture
def plan(store):
    return preview_lab_data(store, lab_csv(*LINES), "pathology-export.csv", now=NOW)


def texts(dialog, row: int) -> dict[str, str]:
    model = dialog.model
    return {name: model.index(row, i).data() for i, name in enumerate(COLUMNS)}


def test_preview_dialog_shows_each_row_its_status_case_and_reason(qtbot, plan):
    dialog = LabImportDialog(plan, lambda p: None)
    qtbot.addWidget(dialog)
    # the Example ferritin of 01/10/2026 08:00 is already in the demo case
    assert dialog.counts_label.text() == ("4 to add to 1 case, 1 already stored (skipped), "
                                          "4 rejected.")
    assert "Read as UTF-8, comma-separated" in dialog.file_label.text()
    assert "Not used: 'Reference range'" in dialog.file_label.text()
    assert dialog.model.rowCount() == len(LINES)
    hb = texts(dialog, 1)
    assert hb["Outcome"] == "Add" and hb["Case"] == "SMITH, Jordan (case 2)"
    assert hb["Stored as"] == "Haemoglobin 81 g/L (entered as 8.1 g/dL)"
    assert hb["Taken"] == "03/10/2026 08:00"
    crp = texts(dialog, 4)
    assert crp["Outcome"].startswith("Rejected: '<5' is a censored value")
    assert crp["Stored as"] == ""
    assert texts(dialog, 6)["Outcome"].startswith("Rejected: '31/02/2026' is not a real date")
    assert texts(dialog, 7)["Outcome"] == "Rejected: no case for NHS number 999 001 0021"
    assert texts(dialog, 5)["Outcome"] == "Rejected: NHS number 'RX0000003': an NHS number has 10 digits"
    assert texts(dialog, 8)["Outcome"] == "Skipped: already stored for this case"
    dialog.table.selectRow(6)
    assert dialog.detail_label.text().startswith("Line 8: Rejected: '31/02/2026'")
    assert dialog.import_button.text() == "Import 4 results" and dialog.import_button.isEnabled()


def test_filter_shows_only_rows_of_one_status(qtbot, plan):
    dialog = LabImportDialog(plan, lambda p: None)
    qtbot.addWidget(dialog)
    dialog.filter_box.setCurrentIndex(3)  # Rejected
    assert dialog.filter_box.currentText() == "Rejected (4)"
    assert dialog.model.rowCount() == 4
    assert all(dialog.model.index(r, column("Outcome")).data().startswith("Rejected: ") for r in range(4))
    dialog.filter_box.setCurrentIndex(0)
    assert dialog.model.rowCount() == len(LINES)


def test_import_button_writes_through_the_callback_and_closes(qtbot, plan):
    seen = []
    dialog = LabImportDialog(plan, lambda p: seen.append(p) or "outcome")
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    assert seen == [plan] and dialog.outcome == "outcome"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_failed_import_keeps_the_preview_open_and_says_why(qtbot, plan, messages):
    def fail(p):
        raise InputError("Importing lab results failed: disk full. Nothing was saved.")

    dialog = LabImportDialog(plan, fail)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.import_button.click()
    assert messages == [("Nothing was imported", "Importing lab results failed: disk full. Nothing was saved.")]
    assert dialog.isVisible() and dialog.outcome is None


def test_an_unexpected_failure_does_not_leave_the_wait_cursor_behind(qtbot, plan):
    from hlhdesk.gui.qt import QApplication

    def crash(p):
        raise RuntimeError("a bug")

    dialog = LabImportDialog(plan, crash)
    qtbot.addWidget(dialog)
    with pytest.raises(RuntimeError):
        dialog.run_import()
    assert QApplication.overrideCursor() is None and dialog.outcome is None


def test_nothing_to_import_disables_import(qtbot, store):
    plan = preview_lab_data(store, lab_csv(f"{NHS_SMITH},03/10/2026,CRP,<5,mg/L,"), "x.csv", now=NOW)
    dialog = LabImportDialog(plan, lambda p: None)
    qtbot.addWidget(dialog)
    assert dialog.import_button.text() == "Nothing to import" and not dialog.import_button.isEnabled()


def test_saved_rejected_rows_are_spreadsheet_safe(qtbot, store, tmp_path):
    plan = preview_lab_data(store, lab_csv(f"{NHS_SMITH},03/10/2026,@SUM(A1),1,g/L,"), "x.csv", now=NOW)
    dialog = LabImportDialog(plan, lambda p: None)
    qtbot.addWidget(dialog)
    path = dialog.save_rejected_rows(tmp_path / "not-imported.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[1][3] == "'@SUM(A1)"


# ------------------------------------------------------------------------ test names

def test_names_dialog_edits_persist_in_the_database(qtbot, store):
    dialog = TestNamesDialog(store.load_test_names(), lambda pairs: save_test_names(store, pairs))
    qtbot.addWidget(dialog)
    dialog.add_row()
    row = dialog.table.rowCount() - 1
    dialog.table.item(row, 0).setText("Derived fibrinogen")
    box = dialog.table.cellWidget(row, 1)
    box.setCurrentIndex(box.findData("fibrinogen"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.load_test_names().kind_for("derived fibrinogen") == "fibrinogen"


def test_names_dialog_refuses_a_contradiction_and_keeps_the_edits(qtbot, store, messages):
    dialog = TestNamesDialog(store.load_test_names(), lambda pairs: save_test_names(store, pairs))
    qtbot.addWidget(dialog)
    dialog.show()
    rows_before = dialog.table.rowCount()
    dialog.add_row()
    row = dialog.table.rowCount() - 1
    dialog.table.item(row, 0).setText("hb")  # already "Hb" = haemoglobin
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert messages and "listed twice with different kinds" in messages[0][1]
    assert dialog.isVisible() and dialog.table.rowCount() == rows_before + 1
    assert store.load_test_names().kind_for("hb") == "haemoglobin"


def test_names_dialog_search_remove_and_restore_defaults(qtbot, store):
    dialog = TestNamesDialog(store.load_test_names(), lambda pairs: save_test_names(store, pairs))
    qtbot.addWidget(dialog)
    total = dialog.table.rowCount()
    dialog.search.setText("ferr")
    visible = [r for r in range(total) if not dialog.table.isRowHidden(r)]
    assert {dialog.table.item(r, 0).text() for r in visible} >= {"Ferritin", "FERR"}
    assert len(visible) < total
    dialog.search.clear()
    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert dialog.table.rowCount() == total - 1
    dialog.restore_defaults()  # confirm() answers yes in tests
    assert dialog.table.rowCount() == total


def test_names_dialog_removes_only_rows_the_user_can_see(qtbot, store):
    dialog = TestNamesDialog(store.load_test_names(), lambda pairs: save_test_names(store, pairs))
    qtbot.addWidget(dialog)
    dialog.table.selectAll()
    dialog.search.setText("ferr")  # the selection stays on rows the search now hides
    visible = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())
               if not dialog.table.isRowHidden(r)}
    dialog.remove_selected()
    left = {name for name, _ in dialog.pairs()}
    assert not (left & visible) and "Hb" in left


# ---------------------------------------------------------------------- main window

def test_file_menu_import_reads_previews_and_stores(qtbot, window, store, tmp_path, monkeypatch, messages):
    texts_in_menu = [a.text() for a in window.menu("file").actions()]
    assert "Import &lab results…" in texts_in_menu and "Lab &test names…" in texts_in_menu
    path = tmp_path / "labs.csv"
    path.write_bytes(lab_csv(*LINES))

    shown = []

    def accept_at_once(dialog):
        shown.append(dialog)
        dialog.run_import()
        return dialog.result()

    monkeypatch.setattr(LabImportDialog, "exec", accept_at_once)
    window.labs.preview_file(path)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages[-1][0] == "Lab results imported"
    assert messages[-1][1].startswith("Added 4 results to 1 case; 1 already stored")
    case = store.load_case(2)
    assert {o.kind for o in case.observations} == {"ferritin", "haemoglobin", "platelets", "triglycerides"}
    # importing the same file again: every row is already stored
    window.labs.preview_file(path)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10_000)
    assert shown[1].plan.count(RowStatus.DUPLICATE) == 5


def test_unreadable_file_is_a_message_not_a_crash(qtbot, window, tmp_path, messages):
    path = tmp_path / "scan.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    window.labs.preview_file(path)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages[-1] == ("Lab results not imported", "the file contains NUL bytes: it is not a CSV text file")


def test_unusable_test_names_are_a_message_not_a_crash(qtbot, window, store, messages):
    store.db.execute("INSERT INTO lab_test_names (name, name_key, kind) VALUES ('DD', 'dd', 'd_dimer')")
    assert window.labs.test_names_dialog() is None
    assert messages[-1][0] == "Could not read the lab test names" and "'d_dimer'" in messages[-1][1]


def test_an_import_refreshes_the_policy_status_of_the_cases_it_changed(qtbot, window, tmp_path, monkeypatch):
    window.files.refresh_stale_statuses = True
    path = tmp_path / "labs.csv"
    path.write_bytes(lab_csv(*LINES))
    monkeypatch.setattr(LabImportDialog, "exec", lambda d: d.run_import() or d.result())
    with qtbot.waitSignal(window.files.statuses_refreshed, timeout=10_000):
        window.labs.preview_file(path)
    shown = {s.case_id: s.eligibility for s in window.case_list.model.summaries()}
    assert shown[2] is not None
