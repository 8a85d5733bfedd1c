"""The application around the views: start-up (window first, database off the GUI
thread), opening, importing and exporting, drag and drop, remembered settings, the
background status refresh, unexpected errors, and the data models' contracts."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from hlhdesk.core.casefile.caseio import read_case_file, write_case_file
from hlhdesk.gui.desk.case_session import CaseSession
from hlhdesk.core.model import MonitoringCheck
from hlhdesk.gui.desk.data_models import (
    EventTableModel,
    MonitoringTableModel,
    ObservationTableModel,
    TreatmentTableModel,
)
from hlhdesk.gui.desk.main_window import MainWindow
from hlhdesk.gui.qt import QDropEvent, QMimeData, QPointF, QRect, Qt, QUrl
from hlhdesk.gui.kit.settings import last_database, recent_databases
from hlhdesk.logs import log_path
from tests.support.desk_cases import demo_case, synthetic_nhs_numbers
from tests.support.fake_engine import fake_evaluate


@pytest.fixture
def empty_window(qtbot):
    win = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(win)
    win.show()
    return win


def open_and_wait(qtbot, window, path: Path) -> None:
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.files.open_database(path)


def test_smoke_start_shows_the_window_loads_the_list_and_exits_0(tmp_path, monkeypatch):
    from hlhdesk.gui.app import run_app
    from hlhdesk.store import open_database

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    path = tmp_path / "smoke.sqlite3"
    with open_database(path) as store:
        store.add_case(demo_case(nhs=synthetic_nhs_numbers(1)[0]))
    assert run_app(db_path=path, smoke=True) == 0
    assert last_database() == path


def test_smoke_start_exits_1_on_an_unexpected_error_instead_of_waiting_for_a_click(
        tmp_path, monkeypatch, capsys):
    from hlhdesk.gui.kit import dialogs
    from hlhdesk.gui.app import run_app
    from hlhdesk.gui.qt import QTimer
    from hlhdesk.store import open_database

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    shown = []
    monkeypatch.setattr(dialogs, "warn", lambda *a, **k: shown.append(a))
    path = tmp_path / "smoke.sqlite3"
    with open_database(path) as store:
        store.add_case(demo_case(nhs=synthetic_nhs_numbers(1)[0]))

    def fail_later():  # an error in a slot reaches sys.excepthook, as in the running app
        try:
            raise RuntimeError("broken on purpose")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())

    QTimer.singleShot(0, fail_later)
    assert run_app(db_path=path, smoke=True) == 1
    assert "unexpected error (RuntimeError)" in capsys.readouterr().err
    assert shown == []  # no dialog that nobody could click


def test_the_database_opens_off_the_gui_thread_and_fills_the_list(qtbot, empty_window, store):
    store_path = store.path
    store.close()
    open_and_wait(qtbot, empty_window, store_path)
    assert empty_window.case_list.model.rowCount() == 3
    assert empty_window.session.case is not None  # the first case is opened
    assert empty_window.windowTitle() == f"hlhdesk: {store_path.name}"
    assert recent_databases()[0] == store_path


def test_a_file_that_is_not_a_database_is_refused_in_plain_words(qtbot, empty_window, tmp_path, messages):
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("these are not the droids")
    empty_window.files.open_database(bad)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    title, text = messages[-1]
    assert title == "Could not open the database"
    assert "Traceback" not in text
    assert empty_window.case_list.model.rowCount() == 0


def test_stale_statuses_are_evaluated_in_the_background(qtbot, empty_window, store):
    store_path = store.path
    assert all(s.eligibility is None for s in store.list_cases())
    store.close()
    with qtbot.waitSignal(empty_window.files.statuses_refreshed, timeout=10_000):
        empty_window.files.open_database(store_path)
    shown = {s.family_name: s.eligibility for s in empty_window.case_list.model.summaries()}
    assert shown == {"Example": "eligible", "Smith": "insufficient_data", "Patel": "insufficient_data"}
    from hlhdesk.store import open_database

    with open_database(store_path) as again:
        assert {s.family_name: s.eligibility for s in again.list_cases()} == shown


def write_cases(tmp_path: Path, good: int, bad: int) -> list[Path]:
    numbers = synthetic_nhs_numbers(good, seed=11)
    paths = []
    for n in range(good):
        path = tmp_path / f"good{n}.json"
        write_case_file(demo_case(f"Import{n}", "Test", numbers[n]), path)
        paths.append(path)
    for n in range(bad):
        path = tmp_path / f"bad{n}.json"
        path.write_text('{"format": "hlhdesk-case", "version": 1, "patient": {}}')
        paths.append(path)
    return paths


def test_a_failed_import_stores_nothing(qtbot, window, store, tmp_path, messages):
    before = len(store.list_cases())
    window.files.import_files(write_cases(tmp_path, good=2, bad=1))
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    title, text = messages[-1]
    assert title == "Nothing was imported"
    assert "bad0.json" in text and "nothing was imported: 1 of 3 files have problems" in text
    assert len(store.list_cases()) == before


def test_importing_a_file_with_an_unknown_field_names_it_in_a_note(qtbot, window, store, tmp_path, messages):
    import json

    path = write_cases(tmp_path, good=1, bad=0)[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["written_by"] = "a newer hlhdesk"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = len(store.list_cases())
    window.files.import_files([path])
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    title, text = messages[-1]
    assert title == "Imported 1 case(s), with notes"
    assert f"{path}: written_by: unknown field ignored" in text
    assert len(store.list_cases()) == before + 1


def test_dropping_case_files_imports_them_and_selects_the_first(qtbot, window, store, tmp_path):
    paths = write_cases(tmp_path, good=2, bad=0)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 5, timeout=10_000)
    assert window.session.case.patient.family_name == "Import0"
    assert len(store.list_cases()) == 5


def test_export_writes_a_case_file_that_reads_back_equal(window, tmp_path):
    window.case_list.select_case(window.case_list.model.summaries()[0].case_id)
    out = tmp_path / "exported.json"
    assert window.files.export_to(out)
    back, shown = read_case_file(out), window.session.case
    assert (back.patient, back.details, back.treatments, back.events) == (
        shown.patient, shown.details, shown.treatments, shown.events)
    # Converted values may differ in the last binary digit after a JSON round trip.
    assert [(o.at, o.kind, o.entered_value, o.entered_unit) for o in back.observations] == [
        (o.at, o.kind, o.entered_value, o.entered_unit) for o in shown.observations]
    assert [o.value for o in back.observations] == pytest.approx([o.value for o in shown.observations])


def test_new_case_dialog_needs_an_identifier_then_adds_the_case(qtbot, window, store):
    from hlhdesk.gui.desk.new_case_dialog import NewCaseDialog

    dialog = NewCaseDialog(window)
    qtbot.addWidget(dialog)
    dialog.family_edit.setText("Newman")
    dialog.accept()
    assert dialog.case is None and "NHS number or a hospital number" in dialog.error_label.text()
    dialog.hospital_edit.setText("RX0000099")
    dialog.dob_edit.setText("02/01/1990")
    dialog.sex_box.setCurrentIndex(0)
    dialog.accept()
    assert dialog.case is not None
    window.files.add_cases([dialog.case])
    assert window.session.case.patient.family_name == "Newman"
    assert len(store.list_cases()) == 4


def test_window_layout_and_column_widths_are_remembered(qtbot, window, fake_screens):
    fake_screens(QRect(0, 0, 1920, 1040))  # room for the saved size, which is kept
    window.resize(1100, 700)
    window.case_list.table.setColumnWidth(0, 222)
    window.save_settings()
    saved_size = window.size()
    again = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(again)
    again.show()
    assert again.case_list.table.columnWidth(0) == 222
    # Qt's restoreGeometry narrows a window wider than the real (offscreen, 800 px)
    # screen to its minimum width; the height, which fits, is the one saved.
    assert again.height() == saved_size.height() == 700
    assert again.width() <= saved_size.width()


def test_data_table_column_widths_are_remembered_per_table(qtbot, window, store):
    panes = window.case_view.data_view.panes()
    for n, pane in enumerate(panes):
        pane.table.setColumnWidth(0, 201 + n)  # each table its own width
    panes[0].table.setColumnWidth(1, 177)
    window.save_settings()
    again = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(again)
    again.files._opened(store.path, store, store.list_cases())  # a case opened: tables refilled
    assert again.session.case is not None
    again_panes = again.case_view.data_view.panes()
    assert [p.table.columnWidth(0) for p in again_panes] == [201 + n for n in range(len(panes))]
    assert again_panes[0].table.columnWidth(1) == 177
    again.case_list.select_relative(+1)  # another case: the tables are rebuilt, widths kept
    assert again_panes[0].table.columnWidth(1) == 177


def test_a_stretching_last_column_is_not_restored_wider_than_the_table(qtbot, window, store):
    # Saved on a wide screen, the stretched last column ("Stored as") was ~900 px; restored
    # as a fixed width on a smaller window it pushed the table into sideways scrolling.
    results = window.case_view.data_view.observations.table
    last = results.model().columnCount() - 1
    assert results.horizontalHeader().stretchLastSection()
    results.setColumnWidth(last, 3000)
    window.save_settings()
    again = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(again)
    again.resize(1366, 768)
    again.show()
    again.files._opened(store.path, store, store.list_cases())
    table = again.case_view.data_view.observations.table
    assert table.columnWidth(last) < 3000
    assert not table.horizontalScrollBar().isVisible()


def test_print_is_enabled_while_a_case_is_open_and_shortcuts_exist(window):
    # Connected by hlhdesk.gui.meetings.meetings_window.install_meetings (tests/gui/test_meetings_window.py prints).
    case_id = window.session.case_id
    window.session.open_case(None)
    assert not window.print_action.isEnabled() and not window.save_case_pdf_action.isEnabled()
    window.session.open_case(case_id)
    assert window.session.case is not None and window.print_action.isEnabled()
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.new_case_action.shortcut().toString() == "Ctrl+N"


def test_unexpected_errors_are_logged_and_shown_without_a_traceback(window, monkeypatch, messages):
    from hlhdesk.gui.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(lambda: window)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    title, text = messages[-1]
    assert title == "Something went wrong"
    assert "Traceback" not in text and str(log_path()) in text
    assert "RuntimeError: boom in a slot" in log_path().read_text()


@pytest.mark.parametrize("model_class, records", [
    (ObservationTableModel, demo_case().observations),
    (TreatmentTableModel, demo_case().treatments),
    (EventTableModel, demo_case().events),
    (MonitoringTableModel, (MonitoringCheck(datetime(2026, 10, 4, 9, 0), "allergy", "no reaction"),)),
])
def test_data_models_pass_the_model_tester(qtmodeltester, model_class, records):
    model = model_class()
    model.set_records(records)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(records)


def test_actions_that_need_a_database_say_so_when_none_is_open(qtbot, messages):
    empty = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(empty)
    assert empty.session.store is None
    for action in (empty.meetings_action, empty.backups_action, empty.import_labs_action):
        action.trigger()
    assert [text for _title, text in messages] == ["Open a database first."] * 3
    assert [title for title, _text in messages] == ["Meetings", "Backups", "Lab results"]
    assert empty.meetings_window() is None  # nothing opened on no database
