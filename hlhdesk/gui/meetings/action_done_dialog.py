"""Record an MDT action as done: who did it (typed, never filled in) and on which day.

Saved through the app's one door (one transaction with its audit row); a refusal (a day
before the meeting or in the future, a blank name) is said in the dialog, which stays
open with the typing kept. The outcome itself, signed or not, does not change.
"""

from __future__ import annotations

import html

from datetime import date

from hlhdesk.app import meetings
from hlhdesk.core.typed_dates import TypedDateError
from hlhdesk.core.wording import uk_date
from hlhdesk.errors import InputError
from hlhdesk.gui.kit.date_field import DateField
from hlhdesk.gui.kit.widgets import ErrorLabel
from hlhdesk.gui.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit


class ActionDoneDialog(QDialog):
    def __init__(self, store, record, action, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Record an action as done")
        self.store, self.record, self.action = store, record, action
        due = f", due {uk_date(action.due)}" if action.due else ""
        text, owner = (html.escape(words, quote=False) for words in (action.text, action.owner))
        what = QLabel(f"<b>{text}</b><br>{owner}{due}; set at the MDT meeting "
                      f"of {uk_date(record.held_on)}")
        what.setWordWrap(True)
        self.done_by = QLineEdit()
        self.done_by.setAccessibleName("Done by")
        self.done_by.setPlaceholderText("Who did it, e.g. Sr A Ward")
        self.done_on = DateField("Done on", date.today())
        self.error_label = ErrorLabel("Action done error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record as done")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(what)
        form.addRow("Done by", self.done_by)
        form.addRow("Done on", self.done_on)
        form.addRow(self.error_label)
        form.addRow(buttons)
        self.setTabOrder(self.done_by, self.done_on)
        self.setMinimumWidth(440)  # the action's words on two lines, not cut off at three
        self.done_by.setFocus()

    def accept(self) -> None:
        """Save, or say why not and stay open with the typing kept."""
        try:
            done_on = self.done_on.date_value()
            if done_on is None:
                raise InputError("give the day it was done")
            meetings.mark_action_done(self.store, self.record.original.outcome_id, self.action,
                                      done_on=done_on, done_by=self.done_by.text())
        except (InputError, TypedDateError) as exc:
            message = str(exc)
            self.error_label.show_error(message[:1].upper() + message[1:] + ".")
            return
        super().accept()
