"""New case: the least the case file needs (date of birth, sex, and an NHS or hospital
number); everything else is filled in on the Patient and case tab."""

from __future__ import annotations

from hlhdesk.core.model import Case, Sex
from hlhdesk.gui.desk.details_view import NhsNumberEdit, patient_from_form
from hlhdesk.gui.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit
from hlhdesk.gui.kit.wheel_guard import guard_wheel
from hlhdesk.gui.kit.widgets import ErrorLabel, combo, uk_date_edit


class NewCaseDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New case")
        self.nhs_status = QLabel()
        self.nhs_edit = NhsNumberEdit(self.nhs_status)
        self.hospital_edit = QLineEdit()
        self.hospital_edit.setAccessibleName("Hospital number")
        self.family_edit = QLineEdit()
        self.family_edit.setAccessibleName("Family name")
        self.given_edit = QLineEdit()
        self.given_edit.setAccessibleName("Given name")
        # Nothing pre-filled: a guessed date of birth or sex would be saved unnoticed.
        self.dob_edit = uk_date_edit("Date of birth")
        self.sex_box = combo("Sex", [(s.value.capitalize(), s) for s in Sex], placeholder="Choose…")
        self.error_label = ErrorLabel("New case error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        # What a case needs first (NHS number, date of birth, sex), then the rest: Tab
        # goes from one needed field to the next.
        form.addRow("NHS number", self.nhs_edit)
        form.addRow("", self.nhs_status)
        form.addRow("Date of birth", self.dob_edit)
        form.addRow("Sex", self.sex_box)
        form.addRow("Hospital number", self.hospital_edit)
        form.addRow("Family name", self.family_edit)
        form.addRow("Given name", self.given_edit)
        form.addRow(self.error_label)
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.case: Case | None = None
        order = (self.nhs_edit, self.dob_edit, self.sex_box, self.hospital_edit, self.family_edit, self.given_edit)
        for before, after in zip(order, order[1:]):
            self.setTabOrder(before, after)
        guard_wheel(self)

    def accept(self) -> None:
        try:
            self.case = Case(patient=patient_from_form(self))
        except ValueError as exc:
            message = str(exc)
            self.error_label.show_error(message[:1].upper() + message[1:] + ".")
            return
        super().accept()
