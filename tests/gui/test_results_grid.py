"""The cumulative results grid: a printout typed down its columns with Enter and Tab,
saved all or nothing as one undoable change, refused cells marked with the typing kept."""

from __future__ import annotations

from datetime import datetime

import pytest

from hlhdesk.gui.entry.results_grid import FIRST_VALUE_COLUMN, GRID_KINDS, TIME_ROW
from hlhdesk.gui.kit import date_field
from hlhdesk.gui.qt import QApplication, Qt
from tests.gui.test_entry_safety import open_data_tab

NOW = datetime(2026, 12, 5, 12, 0)


@pytest.fixture
def grid(window, qtbot, monkeypatch):
    monkeypatch.setattr(date_field, "clock", lambda: NOW)
    return open_data_tab(window, qtbot, "Smith", lambda data: data.grid).grid


def keys(qtbot, text: str) -> None:
    """Type as a user does: each key to whatever has the focus ("\\n" is Enter, "\\t" Tab)."""
    for char in text:
        target = QApplication.focusWidget()
        if char == "\n":
            qtbot.keyClick(target, Qt.Key.Key_Return)
        elif char == "\t":
            qtbot.keyClick(target, Qt.Key.Key_Tab)
        else:
            qtbot.keyClicks(target, char)


def start_at(grid, qtbot, column: int = FIRST_VALUE_COLUMN) -> None:
    grid.table.setFocus()
    grid.table.setCurrentCell(TIME_ROW, column)
    qtbot.wait(1)


def row_of(kind: str) -> int:
    return GRID_KINDS.index(kind) + 1


def test_a_column_is_typed_down_with_enter_and_saved_as_one_undoable_change(window, grid, qtbot):
    session = window.session
    start_at(grid, qtbot)
    # time, Hb 95, (skip WBC), neutrophils 0.4, platelets 40 (Tab moves down too), ferritin 12,000
    keys(qtbot, "3/12 08:00\n\n95\n\n0.4\n40\t12000\n")  # the weight skipped
    assert grid.table.item(TIME_ROW, FIRST_VALUE_COLUMN).text() == "03/12/2026 08:00"
    assert grid.table.currentRow() == row_of("ferritin") + 1
    assert grid.save()
    stored = {o.kind: o for o in session.store.load_case(session.case_id).observations}
    assert {k: o.value for k, o in stored.items()} == {
        "haemoglobin": 95, "neutrophils": 0.4, "platelets": 40, "ferritin": 12000}
    assert {o.at for o in stored.values()} == {datetime(2026, 12, 3, 8, 0)}
    assert grid.table.item(row_of("haemoglobin"), FIRST_VALUE_COLUMN).text() == ""  # cleared for the next
    window.undo_action.trigger()  # one step takes back the whole grid
    assert session.store.load_case(session.case_id).observations == ()


def test_the_bottom_of_a_column_leads_to_the_top_of_the_next(grid, qtbot):
    start_at(grid, qtbot)
    keys(qtbot, "3/12 08:00" + "\n" * len(GRID_KINDS) + "\t")
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (TIME_ROW, FIRST_VALUE_COLUMN + 1)


def test_a_time_alone_takes_the_day_of_the_column_before(grid, qtbot):
    start_at(grid, qtbot)
    keys(qtbot, "3/12 08:00\n")
    start_at(grid, qtbot, FIRST_VALUE_COLUMN + 1)
    keys(qtbot, "20:00\n")
    assert grid.table.item(TIME_ROW, FIRST_VALUE_COLUMN + 1).text() == "03/12/2026 20:00"


def test_units_findings_and_several_columns(window, grid, qtbot):
    session = window.session
    grid.unit_boxes["haemoglobin"].setCurrentIndex(grid.unit_boxes["haemoglobin"].findData("g/dL"))
    start_at(grid, qtbot)
    keys(qtbot, "3/12 08:00\n\n9.5\n")
    grid.table.setCurrentCell(row_of("splenomegaly"), FIRST_VALUE_COLUMN)
    keys(qtbot, "y")  # one key: the answer, and on to the next row
    assert grid.table.currentRow() == row_of("hepatomegaly")
    start_at(grid, qtbot, FIRST_VALUE_COLUMN + 1)
    keys(qtbot, "4/12 08:00\n\n9.9\n")
    assert grid.save()
    stored = sorted(session.store.load_case(session.case_id).observations, key=lambda o: (o.at, o.kind))
    assert [(o.at.day, o.kind, o.value) for o in stored] == [
        (3, "haemoglobin", 95.0), (3, "splenomegaly", True), (4, "haemoglobin", 99.0)]
    assert stored[0].entered_unit == "g/dL" and stored[0].entered_value == 9.5


def test_one_bad_cell_saves_nothing_marks_the_cell_and_keeps_the_typing(window, grid, qtbot):
    session = window.session
    start_at(grid, qtbot)
    keys(qtbot, "3/12 08:00\n\n95\n2,5\n")
    assert not grid.save()
    assert session.store.load_case(session.case_id).observations == ()
    bad = grid.table.item(row_of("wbc"), FIRST_VALUE_COLUMN)
    assert bad.text() == "2,5" and "full stop" in bad.toolTip()
    assert "White cell count" in grid.error_label.text()
    assert grid.table.item(row_of("haemoglobin"), FIRST_VALUE_COLUMN).text() == "95"


def test_values_without_a_time_or_in_the_future_are_refused(window, grid, qtbot):
    start_at(grid, qtbot)
    keys(qtbot, "\n\n95\n")
    assert not grid.save() and "date and time" in grid.error_label.text()
    start_at(grid, qtbot)
    keys(qtbot, "6/12/2026 08:00\n")
    assert not grid.save() and "in the future" in grid.error_label.text()
    assert window.session.store.load_case(window.session.case_id).observations == ()


def test_an_ambiguous_column_time_is_marked_at_once(grid, qtbot):
    start_at(grid, qtbot)
    keys(qtbot, "3/12/26 08:00\n")
    item = grid.table.item(TIME_ROW, FIRST_VALUE_COLUMN)
    assert item.text() == "3/12/26 08:00" and "year in full" in item.toolTip()


def test_the_phase_verdict_is_shown_beside_the_data_tab(window, grid):
    label = window.case_view.data_view.verdict_label
    assert label.isVisible()
    before = label.text()
    assert window.session.pathway.verdict in before
    window.case_view.data_view.paste_text("03/12/2026 08:00\tWeight\t71\tkg")  # an entry changes the reading
    assert window.session.pathway.verdict in label.text()


# -- the next column offers the next day at the same time --------------------------------

def time_editor(grid):
    """The line edit open on the current cell (the cursor opens one as it arrives)."""
    editor = QApplication.focusWidget()
    assert editor is not grid.table and grid.table.isAncestorOf(editor), editor
    return editor


def next_column(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_the_next_column_offers_the_next_day_at_the_same_time_and_enter_accepts_it(window, grid, qtbot):
    start_at(grid, qtbot)
    keys(qtbot, "3/12 08:00\n\n95")
    next_column(qtbot)
    editor = time_editor(grid)
    # Shown where the typing goes, all selected: the next key replaces it.
    assert editor.text() == "04/12/2026 08:00" and editor.selectedText() == editor.text()
    assert "Enter" in editor.toolTip()
    keys(qtbot, "\n\n91")
    assert grid.table.item(TIME_ROW, FIRST_VALUE_COLUMN + 1).text() == "04/12/2026 08:00"
    assert grid.save()
    stored = sorted(window.session.store.load_case(window.session.case_id).observations, key=lambda o: o.at)
    assert [(o.at, o.value) for o in stored] == [(datetime(2026, 12, 3, 8, 0), 95), (datetime(2026, 12, 4, 8, 0), 91)]


def test_typing_replaces_the_offer(grid, qtbot):
    start_at(grid, qtbot)
    keys(qtbot, "3/12 08:00\n")
    next_column(qtbot)
    keys(qtbot, "20:00\n")  # a time alone still takes the day of the column before
    assert grid.table.item(TIME_ROW, FIRST_VALUE_COLUMN + 1).text() == "03/12/2026 20:00"
    next_column(qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # the offer gone, the cursor stays
    keys(qtbot, "2/12\n")  # the key that opens the cell again replaces the offer too
    assert grid.table.item(TIME_ROW, FIRST_VALUE_COLUMN + 2).text() == "02/12/2026 20:00"


def test_tab_takes_the_offer_as_enter_does(grid, qtbot):
    start_at(grid, qtbot)
    keys(qtbot, "3/12 08:00\n")
    next_column(qtbot)
    keys(qtbot, "\t")
    assert grid.table.item(TIME_ROW, FIRST_VALUE_COLUMN + 1).text() == "04/12/2026 08:00"
    assert grid.table.currentRow() == row_of("weight")


@pytest.mark.parametrize("leave", ["escape", "click elsewhere", "save", "shift+tab back"])
def test_an_offer_not_accepted_keeps_nothing(grid, qtbot, leave):
    start_at(grid, qtbot)
    keys(qtbot, "3/12 08:00\n")
    next_column(qtbot)
    assert time_editor(grid).text() == "04/12/2026 08:00"
    if leave == "escape":
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    elif leave == "click elsewhere":
        grid.table.setCurrentCell(row_of("ferritin"), FIRST_VALUE_COLUMN)
    elif leave == "save":
        grid.save()
    else:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert grid.table.item(TIME_ROW, FIRST_VALUE_COLUMN + 1).text() == ""


def test_no_offer_for_the_first_column_or_a_day_still_to_come(grid, qtbot):
    start_at(grid, qtbot)
    grid.table.edit(grid.table.currentIndex())
    assert time_editor(grid).text() == ""  # nothing to follow
    keys(qtbot, "4/12 13:00\n")  # the next day at 13:00 is after now (5/12 12:00)
    next_column(qtbot)
    assert time_editor(grid).text() == ""


def test_a_new_case_opens_on_the_results_grid_ready_for_its_first_sample_time(window, qtbot, monkeypatch):
    from hlhdesk.gui.desk.new_case_dialog import NewCaseDialog
    from hlhdesk.gui.qt import QDialog

    def typed_and_accepted(dialog):
        dialog.hospital_edit.setText("RX0000099")
        dialog.dob_edit.setText("02/01/1990")
        dialog.sex_box.setCurrentIndex(0)
        dialog.accept()
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(NewCaseDialog, "exec", typed_and_accepted)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.files.new_case()
    assert window.session.case.patient.hospital_number == "RX0000099"
    data = window.case_view.data_view
    assert window.case_view.tabs.currentWidget() is data and data.tabs.currentWidget() is data.grid
    table = data.grid.table
    qtbot.waitUntil(lambda: table.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is table)
    assert (table.currentRow(), table.currentColumn()) == (TIME_ROW, FIRST_VALUE_COLUMN)
    keys(qtbot, "1/12 8am\n")  # the first key typed goes into the cell
    assert table.item(TIME_ROW, FIRST_VALUE_COLUMN).text() == "01/12/2026 08:00"


@pytest.mark.parametrize("first, offered", [("4/12 12:00", "05/12/2026 12:00"), ("4/12 12:01", "")])
def test_the_next_day_is_offered_up_to_now_and_not_a_minute_after(grid, qtbot, first, offered):
    start_at(grid, qtbot)
    grid.table.edit(grid.table.currentIndex())
    keys(qtbot, f"{first}\n")  # now is 5/12 12:00
    next_column(qtbot)
    assert time_editor(grid).text() == offered
