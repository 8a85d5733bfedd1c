"""The meeting view's dialogs: meeting details, cases offered for the agenda, amendment
(reason and name required) and closing the meeting. Sign-off has its own module
(signoff_dialog)."""

from __future__ import annotations

from datetime import date, timedelta

from hlhdesk.core.meetings.agenda import Offer
from hlhdesk.core.meetings.meeting import AgendaReason, Attendee, Meeting, Outcome
from hlhdesk.gui.kit.date_field import DateField
from hlhdesk.gui.kit.wheel_guard import guard_wheel
from hlhdesk.gui.meetings.outcome_form import OutcomeForm
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

ROLES = (
    "Haematologist", "Rheumatologist", "Intensivist", "Paediatrician", "Pharmacist",
    "Infectious diseases", "Clinical nurse specialist", "MDT coordinator", "Trainee", "Other",
)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class MeetingDetailsDialog(QDialog):
    """Date, chair and attendees with their roles, for a new meeting or to edit one."""

    def __init__(self, parent=None, meeting: Meeting | None = None):
        super().__init__(parent)
        self.setWindowTitle("Meeting details" if meeting else "New MDT meeting")
        self.held_on = DateField("Meeting date", meeting.held_on if meeting else date.today())
        self.chair = QLineEdit(meeting.chair if meeting else "")
        self.chair.setAccessibleName("Chair")
        self.chair.setPlaceholderText("Name of the chair, e.g. Dr A Chair")
        self.attendees = QTableWidget(0, 2)
        self.attendees.setAccessibleName("Attendees")
        self.attendees.setHorizontalHeaderLabels(["Name", "Role"])
        self.attendees.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.attendees.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for person in meeting.attendees if meeting else ():
            self.add_attendee(person.name, person.role)
        add = QPushButton("Add attendee")
        add.clicked.connect(lambda: self.add_attendee())
        remove = QPushButton("Remove attendee")
        remove.clicked.connect(self._remove_attendee)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Meeting &date", self.held_on)
        form.addRow("&Chair", self.chair)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Attendees and their roles (the chair is added if missing):"))
        layout.addWidget(self.attendees)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Save meeting"))
        self.resize(560, 420)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter never saves: attendees are typed one after another, and Enter ending a
        # name must not save the meeting with the others still to come. (Save meeting
        # is clicked, or reached with Tab and Space.)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def add_attendee(self, name: str = "", role: str = "") -> None:
        row = self.attendees.rowCount()
        self.attendees.insertRow(row)
        self.attendees.setItem(row, 0, QTableWidgetItem(name))
        role_box = QComboBox()
        role_box.setEditable(True)
        role_box.addItems(ROLES)
        role_box.setCurrentText(role or ROLES[0])
        guard_wheel(role_box)
        self.attendees.setCellWidget(row, 1, role_box)

    def _remove_attendee(self) -> None:
        row = self.attendees.currentRow()
        self.attendees.removeRow(row if row >= 0 else self.attendees.rowCount() - 1)

    def values(self) -> tuple[date, str, tuple[Attendee, ...]]:
        chair = self.chair.text().strip()
        people = []
        for row in range(self.attendees.rowCount()):
            item = self.attendees.item(row, 0)
            name = item.text().strip() if item else ""
            if name:
                people.append(Attendee(name, self.attendees.cellWidget(row, 1).currentText().strip()))
        return self.held_on.date_value(), chair, tuple(people)

    def accept(self) -> None:
        problems = []  # (words, the field to correct)
        try:
            if self.held_on.date_value() is None:
                problems.append(("Enter the meeting date.", self.held_on))
        except ValueError as exc:
            problems.append((f"Meeting date: {exc}.", self.held_on))
        if not self.chair.text().strip():
            problems.append(("Enter the chair's name.", self.chair))
        unnamed = [row + 1 for row in range(self.attendees.rowCount())
                   if not (self.attendees.item(row, 0) and self.attendees.item(row, 0).text().strip())]
        if unnamed:
            rows = ", ".join(map(str, unnamed))
            problems.append((f"Attendee row {rows} has no name: type it or remove the row.", self.attendees))
        if problems:
            self.error.setText("\n".join(words for words, _ in problems))
            problems[0][1].setFocus()
            return
        super().accept()


class OffersDialog(QDialog):
    """The cases due for this meeting, ticked; the chair unticks any to leave off."""

    def __init__(self, parent, offers: list[Offer], label_of):
        super().__init__(parent)
        self.setWindowTitle("Add cases due for review")
        self._offers = offers
        self.list = QListWidget()
        self.list.setAccessibleName("Cases offered")
        for offer in offers:
            item = QListWidgetItem(f"{label_of(offer.case_id)} — {offer.explanation}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        # The reasons in the agenda's order, in the core's words (AgendaReason is ordered).
        reasons = "; ".join(reason.label[0].lower() + reason.label[1:] for reason in AgendaReason)
        intro = f"These cases are due, most pressing first: {reasons}."
        heading = QLabel(intro if offers else "No cases are due for this meeting.")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(_buttons(self, "Add to agenda"))
        self.resize(720, 420)

    def chosen(self) -> list[Offer]:
        return [o for i, o in enumerate(self._offers) if self.list.item(i).checkState() == Qt.CheckState.Checked]


class AmendDialog(QDialog):
    """Change a signed-off outcome: the amended outcome, who amends, and why (required)."""

    def __init__(self, parent, current: Outcome, day0: date | None):
        super().__init__(parent)
        self.setWindowTitle("Amend a signed-off outcome")
        self._current = current
        self.form = OutcomeForm()
        self.form.set_day0(day0)
        self.form.set_outcome(current)
        # Never pre-filled (it was the chair's name): whoever amends types their own.
        self.amended_by = QLineEdit()
        self.amended_by.setAccessibleName("Amended by")
        self.amended_by.setPlaceholderText("Your name")
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for the amendment")
        self.reason.setPlaceholderText("Required: why the signed-off outcome is being changed")
        self.reason.setMaximumHeight(80)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        note = QLabel("The signed-off original is kept; this amendment is added with your name, the time and the reason.")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Amended &by", self.amended_by)
        form.addRow("&Reason", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.form, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Save amendment"))
        self.resize(760, 680)

    def amended_outcome(self) -> Outcome:
        return self.form.outcome(self._current.case_id, self._current.meeting_id, self._current.outcome_id)

    def accept(self) -> None:
        problems = []
        if not self.reason.toPlainText().strip():
            problems.append("Give a reason for the amendment.")
        if not self.amended_by.text().strip():
            problems.append("Say who is amending.")
        try:
            if self.amended_outcome() == self._current:
                problems.append("The amendment changes nothing.")
        except Exception as exc:  # InputError from the form: show its problems
            problems.append(str(exc))
        if problems:
            self.error.setText("\n".join(problems))
            return
        super().accept()


class CloseMeetingDialog(QDialog):
    """Closing fixes the agenda; undiscussed cases roll over to the next meeting."""

    def __init__(self, parent, meeting: Meeting, undiscussed: int, next_open: date | None,
                 unsigned: list[str] = ()):
        super().__init__(parent)
        self.setWindowTitle("Close the meeting")
        if not undiscussed:
            where = "Every case on the agenda has an outcome."
        elif next_open:
            where = f"{undiscussed} undiscussed case(s) will be carried over to the meeting of {next_open:%d/%m/%Y}."
        else:
            where = f"{undiscussed} undiscussed case(s) will be carried over."
        if unsigned:
            where += (f"\n\n{len(unsigned)} outcome(s) not signed off: " + "; ".join(unsigned)
                      + ". They can still be signed off after closing; until then they are not part of the record.")
        text = QLabel(f"Close the meeting of {meeting.held_on:%d/%m/%Y}? Its agenda will no longer change.\n{where}")
        text.setWordWrap(True)
        self.create_next = QCheckBox("Create the next meeting on")
        self.next_date = DateField("Next meeting date", meeting.held_on + timedelta(days=7))  # weekly: not a policy number
        self.create_next.setChecked(bool(undiscussed) and next_open is None)
        row = QHBoxLayout()
        row.addWidget(self.create_next)
        row.addWidget(self.next_date)
        row.addStretch(1)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if undiscussed and next_open is None:
            layout.addLayout(row)
            layout.addWidget(QLabel("Otherwise they are offered when the next meeting is made."))
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Close meeting"))

    def next_meeting_on(self) -> date | None:
        if self.create_next.isChecked() and self.create_next.isVisibleTo(self):
            return self.next_date.date_value()
        return None

    def accept(self) -> None:
        try:
            if self.create_next.isChecked() and self.create_next.isVisibleTo(self) and self.next_meeting_on() is None:
                raise ValueError("enter the next meeting's date, or untick it")
        except ValueError as exc:
            self.error.setText(str(exc)[:1].upper() + str(exc)[1:] + ".")
            self.next_date.setFocus()
            return
        super().accept()


def pick_from_list(parent, title: str, labels: list[str]) -> int | None:
    """A searchable single choice (used to add any case to the agenda)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    search = QLineEdit()
    search.setPlaceholderText("Type to filter by name, NHS number or hospital number")
    search.setAccessibleName("Filter")
    choices = QListWidget()
    choices.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    choices.addItems(labels)

    def refilter(text: str) -> None:
        needle = text.replace(" ", "").lower()
        for row in range(choices.count()):
            haystack = choices.item(row).text().replace(" ", "").lower()
            choices.item(row).setHidden(needle not in haystack)

    search.textChanged.connect(refilter)
    choices.itemDoubleClicked.connect(lambda _: dialog.accept())
    layout = QVBoxLayout(dialog)
    layout.addWidget(search)
    layout.addWidget(choices)
    layout.addWidget(_buttons(dialog, "Add to agenda"))
    dialog.resize(640, 480)
    if dialog.exec() != QDialog.DialogCode.Accepted or choices.currentRow() < 0:
        return None
    return choices.currentRow()
