"""The Patient and case tab: the case file's patient and case fields as one form.

The NHS number is checked as it is typed (10 digits, modulus 11). Yes/no questions
offer "Not recorded", because unknown is not "no". Save writes patient and details in
one undoable transaction; a refused save keeps everything typed.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from hlhdesk.core.model import (
    TRIGGERS,
    CaseDetails,
    HlhType,
    Patient,
    Sex,
    SteroidFirstLine,
    format_nhs_number,
    normalise_nhs_number,
)
from hlhdesk.gui.desk.commands import UpdateCaseFields
from hlhdesk.gui.qt import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QShortcut,
    Qt,
    QVBoxLayout,
    QWidget,
)
from hlhdesk.core.typed_dates import TypedDateError
from hlhdesk.gui.kit.wheel_guard import guard_wheel
from hlhdesk.gui.kit.widgets import ErrorLabel, OneKeyChoice, combo, mark_invalid, select_data, uk_date_edit

NOT_RECORDED = "Not recorded"

YES_NO_QUESTIONS = (
    ("known_immunosuppression", "Known immunosuppression"),
    ("anakinra_hypersensitivity", "Known hypersensitivity to anakinra"),
    ("tissue_diagnosis", "Tissue diagnosis of HLH"),
    ("cardiomyopathy", "Cardiomyopathy"),
    ("cns_inflammation", "CNS inflammation"),
    ("pregnant_or_breastfeeding", "Pregnant or breastfeeding"),
    ("offlabel_consent", "Informed of off-label use"),
)
# Combo data are strings: PySide 6.12 can miscount references to Python bools held as
# item data (a crash at exit), and a string key is as clear.
YES_NO_KEYS = {None: "", True: "yes", False: "no"}
YES_NO_VALUES = {v: k for k, v in YES_NO_KEYS.items()}

TEXT_FIELDS = (
    ("referring_hospital", "Referring hospital"),
    ("referring_clinician", "Referring clinician"),
    ("trigger_notes", "Trigger notes"),
    ("prior_approval_ref", "Prior approval reference"),
)


def _words(value: str) -> str:
    return {"car_t": "CAR-T"}.get(value) or value.replace("_", " ").capitalize()


def _optional_choices(enum) -> list[tuple[str, object]]:
    return [(NOT_RECORDED, None)] + [(_words(v.value), v) for v in enum]


def patient_from_form(form) -> Patient:
    """The patient fields of a form (this tab, or the New case dialog) as a Patient;
    ValueError in plain words when they cannot make one."""
    nhs = form.nhs_edit.digits()
    hospital = form.hospital_edit.text().strip() or None
    problems = []
    if not nhs and not hospital:
        problems.append("record an NHS number or a hospital number")
    try:
        born = form.dob_edit.date_value()
    except TypedDateError as exc:
        born = None
        problems.append(f"the date of birth: {exc}")
    else:
        if born is None:
            problems.append("enter the date of birth")
        elif born > date.today():
            problems.append("the date of birth is in the future")
    sex = form.sex_box.currentData()
    if sex is None:
        problems.append("choose the sex")
    if problems:
        raise ValueError("; ".join(problems))
    return Patient(date_of_birth=born, sex=sex, nhs_number=nhs,
                   hospital_number=hospital, family_name=form.family_edit.text().strip() or None,
                   given_name=form.given_edit.text().strip() or None)


class NhsNumberEdit(QLineEdit):
    """Checks as you type and says what is wrong; empty is allowed (hospital number only)."""

    def __init__(self, status: QLabel):
        super().__init__()
        self.status = status
        self.setAccessibleName("NHS number")
        self.setPlaceholderText("e.g. 999 000 0018")
        self.setMaxLength(12)
        self.setMinimumWidth(130)
        self.textChanged.connect(self._check)

    def digits(self) -> str | None:
        text = self.text().strip()
        return normalise_nhs_number(text) if text else None

    def _check(self) -> None:
        text = self.text().strip()
        typed = "".join(text.split())
        if not text:
            message, ok = "", True
        elif not typed.isdigit():
            message, ok = "✗ digits only", False
        elif len(typed) < 10:
            message, ok = f"{len(typed)} of 10 digits", False
        else:
            try:
                normalise_nhs_number(text)
                message, ok = "✓ valid NHS number", True
            except ValueError as exc:
                message, ok = f"✗ {exc}", False
        self.status.setText(message)
        self.status.setStyleSheet("color: #1b6e2a;" if ok else "color: #b00020;")
        mark_invalid(self, not ok and len(typed) >= 10)


class DetailsView(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.nhs_status = QLabel()
        self.nhs_status.setAccessibleName("NHS number check")
        self.nhs_edit = NhsNumberEdit(self.nhs_status)
        self.hospital_edit = self._line("Hospital number")
        self.family_edit = self._line("Family name")
        self.given_edit = self._line("Given name")
        self.dob_edit = uk_date_edit("Date of birth")
        self.sex_box = combo("Sex", [(_words(s.value), s) for s in Sex])
        self.hlh_type_box = combo("HLH type", _optional_choices(HlhType))
        self.steroid_box = combo("First-line corticosteroids", _optional_choices(SteroidFirstLine))
        self.text_edits = {name: self._line(label) for name, label in TEXT_FIELDS}
        # One key answers and moves on: y, n, or u for "Not recorded".
        self.yes_no_boxes = {
            name: OneKeyChoice(label, [(NOT_RECORDED, ""), ("Yes", "yes"), ("No", "no")],
                               {"y": "yes", "n": "no", "u": ""})
            for name, label in YES_NO_QUESTIONS
        }
        self.trigger_boxes = {t: QCheckBox(_words(t)) for t in TRIGGERS}
        for trigger, box in self.trigger_boxes.items():
            box.setAccessibleName(f"Trigger: {_words(trigger)}")
        self.save_button = QPushButton("Save details")
        self.save_button.setAccessibleName("Save patient and case details")
        self.revert_button = QPushButton("Revert")
        self.error_label = ErrorLabel("Details error")

        patient = QGroupBox("Patient")
        form = QFormLayout(patient)
        nhs_row = QHBoxLayout()
        nhs_row.addWidget(self.nhs_edit)
        nhs_row.addWidget(self.nhs_status, 1)
        form.addRow("NHS number", nhs_row)
        form.addRow("Hospital number", self.hospital_edit)
        form.addRow("Family name", self.family_edit)
        form.addRow("Given name", self.given_edit)
        form.addRow("Date of birth", self.dob_edit)
        form.addRow("Sex", self.sex_box)

        case = QGroupBox("Case (unknown is not no: leave 'Not recorded' until it is known)")
        case_form = QFormLayout(case)
        case_form.addRow("Referring hospital", self.text_edits["referring_hospital"])
        case_form.addRow("Referring clinician", self.text_edits["referring_clinician"])
        case_form.addRow("HLH type", self.hlh_type_box)
        triggers = QGridLayout()  # two columns: three made the form scroll sideways at 1024 px
        for n, box in enumerate(self.trigger_boxes.values()):
            triggers.addWidget(box, n // 2, n % 2)
        case_form.addRow("Triggers", triggers)
        case_form.addRow("Trigger notes", self.text_edits["trigger_notes"])
        case_form.addRow("First-line corticosteroids", self.steroid_box)
        for name, label in YES_NO_QUESTIONS:
            case_form.addRow(label, self.yes_no_boxes[name])
        case_form.addRow("Prior approval reference", self.text_edits["prior_approval_ref"])

        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        inner = QWidget()
        # Stacked, not side by side: the form then fits beside the case list at 1366 px
        # and scrolls down rather than sideways.
        columns = QVBoxLayout(inner)
        columns.addWidget(patient)
        columns.addWidget(case)
        columns.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.save_button.setToolTip("Ctrl+S")
        QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        session.case_loaded.connect(self.show_case)
        self._shown = None  # (case id, patient, details) the form was last filled from
        self.show_case(None)
        guard_wheel(self)

    @staticmethod
    def _line(accessible_name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible_name)
        return edit

    def show_case(self, case, *, force: bool = False) -> None:
        """Fill the form from `case`. The same case read back with the same patient and
        details (a result added on the Data tab, an undo there, a change made elsewhere
        to its records) leaves the form alone, so typing not yet saved here stays."""
        self.setEnabled(case is not None)
        shown = None if case is None else (self.session.case_id, case.patient, case.details)
        if shown == self._shown and not force:
            return
        self._shown = shown
        self.error_label.clear_error()
        if case is None:
            return
        p, d = case.patient, case.details
        self.nhs_edit.setText(format_nhs_number(p.nhs_number))
        self.hospital_edit.setText(p.hospital_number or "")
        self.family_edit.setText(p.family_name or "")
        self.given_edit.setText(p.given_name or "")
        self.dob_edit.set_date(p.date_of_birth)
        select_data(self.sex_box, p.sex)
        select_data(self.hlh_type_box, d.hlh_type)
        select_data(self.steroid_box, d.steroid_first_line)
        for name, edit in self.text_edits.items():
            edit.setText(getattr(d, name) or "")
        for name, box in self.yes_no_boxes.items():
            select_data(box, YES_NO_KEYS[getattr(d, name)])
        for trigger, box in self.trigger_boxes.items():
            box.setChecked(trigger in (d.triggers or ()))

    def entered(self) -> tuple[Patient, CaseDetails]:
        """The form as model objects; ValueError with words if it cannot be one."""
        patient = patient_from_form(self)
        old = self.session.case.details
        chosen = tuple(t for t, box in self.trigger_boxes.items() if box.isChecked())
        values = {
            "hlh_type": self.hlh_type_box.currentData(),
            "steroid_first_line": self.steroid_box.currentData(),
            "triggers": chosen or (None if old.triggers is None else ()),
            **{n: e.text().strip() or None for n, e in self.text_edits.items()},
            **{n: YES_NO_VALUES[b.currentData()] for n, b in self.yes_no_boxes.items()},
        }
        kept = {f.name: getattr(old, f.name) for f in fields(CaseDetails) if f.name not in values}
        return patient, CaseDetails(**values, **kept)

    def revert(self) -> None:
        """Throw away the typing: the case as stored now (it may have changed elsewhere)."""
        self.session.reload()
        self.show_case(self.session.case, force=True)

    def has_unsaved_changes(self) -> bool:
        """Typing that differs from the case as stored (or cannot be read as a case)."""
        case = self.session.case
        if case is None:
            return False
        try:
            return self.entered() != (case.patient, case.details)
        except ValueError:
            return True

    def save(self) -> bool:
        case = self.session.case
        if case is None:
            return False
        try:
            patient, details = self.entered()
        except ValueError as exc:
            self.error_label.show_error(f"Not saved: {exc}")
            return False
        if (patient, details) == (case.patient, case.details):
            return True
        command = UpdateCaseFields(self.session, case.patient, case.details, patient, details)
        if not self.session.execute(command):
            self.error_label.show_error("Not saved: the database refused it; your typing is kept.")
            return False
        return True
