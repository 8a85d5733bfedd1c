"""Case > Episodes of anakinra: the episodes the rules read, and the starts the MDT sets.

hlhdesk finds episodes by itself (the first dose, the first course after HLH was recorded
as resolved, a long break without anakinra). Where the MDT judges that a new episode began
otherwise, for example maintenance anakinra for systemic JIA escalated for MAS, it sets
that start here (rules.md revision 2, "Time"). The table shows the episodes as they will
be read with the starts listed, before anything is saved; Save keeps the list as one
undoable edit of the case details (one transaction with its audit record).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from hlhdesk.core.episodes import NO_ANAKINRA_GAP, unused_mdt_starts
from hlhdesk.core.typed_dates import TypedDateError
from hlhdesk.core.wording import uk_datetime
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.kit.widgets import ErrorLabel, uk_datetime_edit
from hlhdesk.gui.qt import (
    QAbstractItemView, QDialog, QEvent, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, Qt,
)

EPISODE_COLUMNS = ("Episode", "Day 0", "Why a new episode", "Anakinra ended")


class EpisodeStartsDialog(QDialog):
    """`evaluate(case, as_of)` reads the case with the starts being edited, for the preview."""

    def __init__(self, case, evaluate, as_of: datetime, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Episodes of anakinra: {case.patient.display_name}")
        self.case, self._evaluate, self._as_of = case, evaluate, as_of
        self._saved_starts = tuple(sorted(case.details.episode_starts or ()))
        self.starts: list[datetime] = list(self._saved_starts)

        explanation = QLabel(
            "The rules read only the current episode. hlhdesk starts a new episode at the first "
            "anakinra dose, at the first course after HLH was recorded as resolved, and after "
            f"more than {NO_ANAKINRA_GAP.days} days without anakinra. Where the MDT judges that "
            "a new episode began otherwise (for example maintenance anakinra for systemic JIA, "
            "escalated for MAS), set its start below: day 0 is that time if anakinra is running, "
            "otherwise the next dose.")
        explanation.setWordWrap(True)
        self.episodes = QTableWidget(0, len(EPISODE_COLUMNS))
        self.episodes.setAccessibleName("Episodes as the rules will read them")
        self.episodes.setHorizontalHeaderLabels(EPISODE_COLUMNS)
        self.episodes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.episodes.verticalHeader().setVisible(False)
        self.episodes.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.preview_note = QLabel()
        self.preview_note.setWordWrap(True)

        self.start_list = QListWidget()
        self.start_list.setAccessibleName("Episode starts set by the MDT")
        self.start_edit = uk_datetime_edit("New episode start, date and time")
        self.add_button = QPushButton("&Add start")
        self.remove_button = QPushButton("&Remove selected")
        self.error_label = ErrorLabel("Episode start error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")

        adding = QHBoxLayout()
        adding.addWidget(QLabel("New start"))
        adding.addWidget(self.start_edit, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(QLabel("<b>Episodes</b> (as the rules will read them, as of "
                                f"{uk_datetime(as_of)})"))
        layout.addWidget(self.episodes, 1)
        layout.addWidget(self.preview_note)
        layout.addWidget(QLabel("<b>Episode starts set by the MDT</b>"))
        layout.addWidget(self.start_list)
        self.start_list.setMaximumHeight(110)  # a few starts; the episodes table takes the rest
        layout.addLayout(adding)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(self.add_start)
        self.remove_button.clicked.connect(self.remove_selected)
        # Enter in the start field adds the start; it must never reach the dialog's Save.
        self.start_edit.installEventFilter(self)
        self.add_button.setAutoDefault(False)
        self.remove_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(720, 520)
        self._show()
        # Typing goes to the new start (it went to the table, and Enter then closed the
        # dialog through Save with the typing lost).
        self.start_edit.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (watched is self.start_edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add_start()
            return True
        return super().eventFilter(watched, event)

    # -- editing ----------------------------------------------------------------------------
    def add_start(self) -> None:
        try:
            moment = self.start_edit.moment()
        except TypedDateError as exc:
            self.error_label.show_error(str(exc))
            return
        if moment > self._as_of:
            self.error_label.show_error(f"{uk_datetime(moment)} is in the future: an episode start "
                                        "is set when it has happened.")
            return
        if moment in self.starts:
            self.error_label.show_error(f"{uk_datetime(moment)} is already in the list.")
            return
        self.starts = sorted([*self.starts, moment])
        self._show()

    def remove_selected(self) -> None:
        chosen = {item.data(Qt.ItemDataRole.UserRole) for item in self.start_list.selectedItems()}
        if chosen:
            self.starts = [s for s in self.starts if s not in chosen]
            self._show()

    def has_changes(self) -> bool:
        return tuple(self.starts) != self._saved_starts

    def edited_details(self):
        """The case details to save: the same, with the starts as listed."""
        return replace(self.case.details, episode_starts=tuple(self.starts) or None)

    def reject(self) -> None:
        """Escape or Cancel: changes not saved are saved, thrown away, or kept by staying,
        as the desk asks everywhere (Enter means Save, never a silent discard)."""
        if self.has_changes():
            answer = dialogs.ask_to_save(
                self, "Unsaved changes",
                "The episode starts have changes that are not saved.\n\n"
                "Save them, throw them away, or cancel to go back to them?")
            if answer == "save":
                self.accept()
                return
            if answer != "discard":
                return
        super().reject()

    # -- showing ----------------------------------------------------------------------------
    def _show(self) -> None:
        self.error_label.clear_error()
        self.start_list.clear()
        for moment in self.starts:
            item = QListWidgetItem(uk_datetime(moment))
            item.setData(Qt.ItemDataRole.UserRole, moment)
            self.start_list.addItem(item)
        self.remove_button.setEnabled(bool(self.starts))
        evaluation = self._evaluate(replace(self.case, details=self.edited_details()), self._as_of)
        episodes = evaluation.episodes
        self.episodes.setRowCount(len(episodes))
        for row, episode in enumerate(episodes):
            current = row == len(episodes) - 1
            cells = (f"{episode.number}{' (current)' if current else ''}", uk_datetime(episode.day0),
                     episode.started_by, uk_datetime(episode.ended) if episode.ended else "running")
            for column, text in enumerate(cells):
                self.episodes.setItem(row, column, QTableWidgetItem(text))
        self.episodes.resizeColumnsToContents()
        self.episodes.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        unused = unused_mdt_starts(episodes, self.starts)
        notes = []
        if not episodes:
            notes.append("No anakinra recorded yet: the first dose will be day 0.")
        if unused:
            notes.append("No new episode from " + ", ".join(uk_datetime(s) for s in unused)
                         + ": no anakinra after it, or an episode already starts at that dose.")
        if self.has_changes():
            notes.append("Not saved yet: Save to keep these starts (Undo takes them back).")
        self.preview_note.setText(" ".join(notes))
        self.preview_note.setVisible(bool(notes))
