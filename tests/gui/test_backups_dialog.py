"""File > Backups…: the list, backing up now, and restoring with the desk reloaded."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from hlhdesk.gui.admin.backups_dialog import BackupsDialog
from hlhdesk.gui.qt import Qt
from tests.support.desk_cases import small_case

# Set HLHDESK_SCREENSHOTS to a folder to save what the dialog looks like.
SCREENSHOTS = os.environ.get("HLHDESK_SCREENSHOTS")


def table_rows(dialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_menu_opens_the_list_of_backups(window, qtbot):
    texts = [a.text() for a in window.menu("file").actions()]
    assert texts.index("&Backups…") == texts.index("&Quit") - 2  # then a separator, then Quit

    window.backups_action.trigger()
    dialog = window.backups_dialog()
    qtbot.addWidget(dialog)

    rows = table_rows(dialog)
    assert len(rows) == 1  # the daily backup made when the test store was opened
    assert rows[0][0].startswith(date.today().strftime("%d/%m/%Y")) and rows[0][1] == "Daily (automatic)"
    assert not dialog.restore_button.isEnabled()  # nothing selected yet
    if SCREENSHOTS:
        dialog.grab().save(str(Path(SCREENSHOTS) / "backups-dialog.png"))


def test_back_up_now_adds_a_selected_manual_backup(store, qtbot):
    dialog = BackupsDialog(store)
    qtbot.addWidget(dialog)
    before = dialog.table.rowCount()

    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)

    assert dialog.table.rowCount() == before + 1
    assert dialog.selected().kind == "manual"
    assert dialog.restore_button.isEnabled()


def test_restore_asks_keeps_the_current_database_and_reloads(store, qtbot, messages):
    made = store.backup()
    store.add_case(small_case("Later", "Added", None, "RX0000009"))
    reloaded = []
    dialog = BackupsDialog(store, on_restored=lambda: reloaded.append(True))
    qtbot.addWidget(dialog)
    dialog._select(made)

    dialog.restore_selected()

    assert [s.family_name for s in store.list_cases()] == ["Example", "Smith", "Patel"]
    assert reloaded == [True]
    title, text = messages[-1]
    assert title == "Restore" and "before-restore" in text
    assert any(b.kind == "before-restore" for b in store.list_backups())


def test_a_refused_restore_changes_nothing_and_says_so(store, qtbot, messages):
    made = store.backup()
    made.write_bytes(b"not a database")
    dialog = BackupsDialog(store)
    qtbot.addWidget(dialog)
    dialog._select(made)

    dialog.restore_selected()

    assert len(store.list_cases()) == 3
    title, text = messages[-1]
    assert title == "Restore" and text.startswith("Nothing was changed.")


def test_a_failed_daily_backup_is_shown(store, qtbot):
    store.backup_problem = "the backups folder is not writable"
    dialog = BackupsDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.problem.isHidden()
    assert "not writable" in dialog.problem.text()
