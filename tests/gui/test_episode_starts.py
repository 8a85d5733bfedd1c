"""Case > Episodes of anakinra: the MDT sets an episode start by hand (rules.md revision 2),
sees the episodes the rules will read before saving, and the save is one undoable edit."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.gui.entry.episode_starts_dialog import EpisodeStartsDialog
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.qt import Qt
from tests.support.desk_cases import DAY0, demo_case

ESCALATED = DAY0 + timedelta(days=9, hours=-1)  # anakinra running since DAY0
AS_OF = DAY0 + timedelta(days=12)


def type_start(qtbot, dialog, moment: datetime) -> None:
    """Typed as a user types it (a field that follows the clock keeps it only when typed)."""
    dialog.start_edit.clear()
    qtbot.keyClicks(dialog.start_edit, moment.strftime("%d/%m/%Y %H:%M"))


def episode_rows(dialog) -> list[tuple[str, ...]]:
    table = dialog.episodes
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


@pytest.fixture
def dialog(qtbot):
    made = EpisodeStartsDialog(demo_case(), evaluate, AS_OF)
    qtbot.addWidget(made)
    return made


def test_the_episodes_are_previewed_with_a_new_start_before_anything_is_saved(dialog, qtbot):
    dialog.show()  # shown, so Enter could reach the dialog's default button
    assert [row[0] for row in episode_rows(dialog)] == ["1 (current)"]
    type_start(qtbot, dialog, ESCALATED)
    qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Return)  # Enter in the field adds; it does not save

    assert dialog.isVisible() and dialog.result() != EpisodeStartsDialog.DialogCode.Accepted  # added, not saved
    rows = episode_rows(dialog)
    assert [row[0] for row in rows] == ["1", "2 (current)"]
    assert rows[1][1] == "12/10/2026 09:00" and rows[1][2].startswith("set by the MDT from 12/10/2026 09:00")
    assert rows[0][3] == "12/10/2026 09:00"  # the first episode ends where the MDT's begins
    assert dialog.has_changes() and "Not saved yet" in dialog.preview_note.text()
    assert dialog.edited_details().episode_starts == (ESCALATED,)


def test_a_start_in_the_future_or_twice_is_refused_with_words(dialog, qtbot):
    type_start(qtbot, dialog, AS_OF + timedelta(days=1))
    dialog.add_start()
    assert "in the future" in dialog.error_label.text() and dialog.starts == []
    type_start(qtbot, dialog, ESCALATED)
    dialog.add_start()
    dialog.add_start()
    assert "already in the list" in dialog.error_label.text() and dialog.starts == [ESCALATED]


def test_removing_a_start_previews_one_episode_again(dialog, qtbot):
    type_start(qtbot, dialog, ESCALATED)
    dialog.add_start()
    dialog.start_list.setCurrentRow(0)
    dialog.remove_selected()
    assert dialog.starts == [] and len(episode_rows(dialog)) == 1 and not dialog.has_changes()


def test_cancel_with_changes_asks_before_throwing_them_away(dialog, monkeypatch, qtbot):
    asked = []
    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent, title, text: asked.append(text) or "cancel")
    dialog.show()
    type_start(qtbot, dialog, ESCALATED)
    dialog.add_start()
    dialog.reject()
    assert asked and "not saved" in asked[0]
    assert dialog.isVisible() and dialog.starts == [ESCALATED]  # kept: the user said no


def test_saving_from_the_desk_is_one_undoable_edit(qtbot, store, monkeypatch):
    from hlhdesk.app.statuses import evaluate_case
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.desk.main_window import MainWindow

    session = CaseSession(evaluator=evaluate_case, clock=lambda: AS_OF)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.files.refresh_stale_statuses = False
    window.files._opened(store.path, store, store.list_cases())
    window.case_list.select_case(1)
    assert window.episodes_action.isEnabled()

    def choose_a_start(dialog):
        type_start(qtbot, dialog, ESCALATED)
        dialog.add_start()
        return EpisodeStartsDialog.DialogCode.Accepted

    monkeypatch.setattr(EpisodeStartsDialog, "exec", choose_a_start)
    window.edit_episode_starts()

    assert store.load_case(1).details.episode_starts == (ESCALATED,)
    assert session.evaluation.day0 == ESCALATED and len(session.evaluation.episodes) == 2
    assert "Episode 2 of 2" in window.case_view.panel.pathway_label.text()
    assert session.undo_stack().undoText() == "set the episode starts"
    session.undo_stack().undo()
    assert not store.load_case(1).details.episode_starts
    assert session.evaluation.day0 == DAY0


def test_the_dialog_opens_with_the_typing_going_to_the_new_start(qtbot, show_active):
    dialog = show_active(EpisodeStartsDialog(demo_case(), evaluate, AS_OF))
    assert dialog.focusWidget() is dialog.start_edit
    dialog.start_edit.clear()
    qtbot.keyClicks(dialog.focusWidget(), ESCALATED.strftime("%d/%m/%Y %H:%M"))
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.starts == [ESCALATED]


def test_escape_then_save_keeps_the_starts(dialog, monkeypatch, qtbot):
    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent, title, text: "save")
    dialog.show()
    type_start(qtbot, dialog, ESCALATED)
    dialog.add_start()
    dialog.reject()
    assert dialog.result() == EpisodeStartsDialog.DialogCode.Accepted and dialog.edited_details().episode_starts


def test_a_start_that_begins_no_episode_is_said_and_a_badly_typed_one_refused(dialog, qtbot):
    after_everything = AS_OF - timedelta(hours=1)  # anakinra runs: this one does begin an episode
    type_start(qtbot, dialog, after_everything)
    dialog.add_start()
    assert "No new episode from" not in dialog.preview_note.text()
    dialog.start_edit.clear()
    qtbot.keyClicks(dialog.start_edit, "31/02/2026 09:00")
    dialog.add_start()
    assert dialog.error_label.text() and dialog.starts == [after_everything]


def test_a_start_at_the_as_of_time_is_taken_and_a_minute_later_refused(dialog, qtbot):
    type_start(qtbot, dialog, AS_OF + timedelta(minutes=1))
    dialog.add_start()
    assert "in the future" in dialog.error_label.text()
    type_start(qtbot, dialog, AS_OF)
    dialog.add_start()
    assert dialog.starts == [AS_OF] and not dialog.error_label.text()
