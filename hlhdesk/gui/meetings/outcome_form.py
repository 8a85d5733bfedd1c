"""The outcome form: what the MDT decided about one case, as the chair types it.

Decision, rationale, dissent, actions (what, who, by when), the next review date (the
day-7 and day-14 dates from day 0 offered as one click), and the prior-approval
reference. A signed-off outcome is shown read-only: its controls are disabled, so
nothing can be typed that would then be refused.
"""

from __future__ import annotations

from datetime import date

from hlhdesk.core.meetings.agenda import review_dates
from hlhdesk.core.meetings.meeting import Action, AgendaReason, Decision, Outcome
from hlhdesk.errors import InputError
from hlhdesk.core.typed_dates import parse_typed_date
from hlhdesk.gui.kit import date_field
from hlhdesk.gui.kit.date_field import DateField
from hlhdesk.gui.kit.wheel_guard import guard_wheel
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ACTION_COLUMNS = ("Action", "Owner", "Due (dd/mm/yyyy)")


class OutcomeForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.decision = QComboBox()
        self.decision.setAccessibleName("Decision")
        self.decision.setPlaceholderText("Choose the MDT's decision…")
        for choice in Decision:
            self.decision.addItem(choice.label, choice.value)
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setPlaceholderText("Why the MDT decided this (read into the record)")
        self.rationale.setMinimumHeight(90)
        self.dissent = QPlainTextEdit()
        self.dissent.setAccessibleName("Dissent")
        self.dissent.setPlaceholderText("Any member who disagreed, and why")
        self.dissent.setMaximumHeight(70)

        self.actions = QTableWidget(0, len(ACTION_COLUMNS))
        self.actions.setAccessibleName("Actions")
        self.actions.setHorizontalHeaderLabels(ACTION_COLUMNS)
        header = self.actions.horizontalHeader()
        # What and who share the room; the due date takes what it needs. (A fixed-width
        # owner column left the action itself a few pixels on a 1024-pixel screen.)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.actions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions.setMinimumHeight(110)
        self.actions.setMaximumHeight(170)
        self.add_action_button = QPushButton("Add action")
        self.remove_action_button = QPushButton("Remove action")
        self.add_action_button.clicked.connect(lambda: self.add_action_row())
        self.remove_action_button.clicked.connect(self._remove_action_row)

        self.has_next_review = QCheckBox("Next review on")
        self.has_next_review.setAccessibleName("Set a next review date")
        self.next_review = DateField("Next review date")
        self.next_review.setEnabled(False)
        self.has_next_review.toggled.connect(self.next_review.setEnabled)
        self.day_buttons = {
            AgendaReason.DAY7_REVIEW: QPushButton("Day 7"),
            AgendaReason.DAY14_REVIEW: QPushButton("Day 14"),
        }
        for reason, button in self.day_buttons.items():
            button.clicked.connect(lambda _=False, r=reason: self._use_review_day(r))
        self.prior_approval = QLineEdit()
        self.prior_approval.setAccessibleName("Prior approval reference")
        self.prior_approval.setPlaceholderText("e.g. BT-000123 (Blueteq)")

        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.add_action_button)
        action_buttons.addWidget(self.remove_action_button)
        action_buttons.addStretch(1)
        # Two lines, the date and then the day-7/day-14 offers, so the form fits beside
        # the agenda on a 1024-pixel screen.
        date_line = QHBoxLayout()
        date_line.addWidget(self.has_next_review)
        date_line.addWidget(self.next_review)
        date_line.addStretch(1)
        offers_line = QHBoxLayout()
        for button in self.day_buttons.values():
            offers_line.addWidget(button)
        offers_line.addStretch(1)
        review_row = QVBoxLayout()
        review_row.addLayout(date_line)
        review_row.addLayout(offers_line)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Decision", self.decision)
        form.addRow("&Rationale", self.rationale)
        form.addRow("D&issent", self.dissent)
        actions_box = QVBoxLayout()
        actions_box.addWidget(self.actions)
        actions_box.addLayout(action_buttons)
        form.addRow("Actions", actions_box)
        form.addRow("Next review", review_row)
        form.addRow("Prior &approval ref.", self.prior_approval)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        self._day0: date | None = None
        self.set_day0(None)
        guard_wheel(self)

    # -- day 0 and the review dates it gives ----------------------------------------

    def set_day0(self, day0: date | None, not_before: date | None = None) -> None:
        """The day-7 and day-14 buttons for this day 0, never offering a date before
        `not_before` (the meeting's date; default today)."""
        self._day0 = day0
        self._not_before = not_before or date.today()
        dates = review_dates(day0, not_before=self._not_before) if day0 else {}
        for reason, button in self.day_buttons.items():
            due = dates.get(reason)
            button.setVisible(due is not None)
            if due is not None:
                label = "Day 7" if reason == AgendaReason.DAY7_REVIEW else "Day 14"
                button.setText(f"{label}: {due:%d/%m/%Y}")
                button.setToolTip(f"{reason.label}: {label.lower()} after day 0 ({day0:%d/%m/%Y})")

    def _use_review_day(self, reason: AgendaReason) -> None:
        if self._day0 is None:
            return
        self.has_next_review.setChecked(True)
        due = review_dates(self._day0, not_before=self._not_before).get(reason)
        if due is not None:
            self.next_review.set_date(due)

    # -- actions table ----------------------------------------------------------------

    def add_action_row(self, text: str = "", owner: str = "", due: date | None = None) -> None:
        row = self.actions.rowCount()
        self.actions.insertRow(row)
        for column, value in enumerate((text, owner, f"{due:%d/%m/%Y}" if due else "")):
            self.actions.setItem(row, column, QTableWidgetItem(value))

    def _remove_action_row(self) -> None:
        rows = sorted({index.row() for index in self.actions.selectedIndexes()}, reverse=True)
        for row in rows or [self.actions.rowCount() - 1]:
            if row >= 0:
                self.actions.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.actions.item(row, column)
        return item.text().strip() if item else ""

    # -- reading and writing the whole form --------------------------------------------

    def clear(self) -> None:
        self.decision.setCurrentIndex(-1)
        self.rationale.clear()
        self.dissent.clear()
        self.actions.setRowCount(0)
        self.has_next_review.setChecked(False)
        self.next_review.set_date(date_field.clock().date())
        self.prior_approval.clear()

    def set_outcome(self, outcome: Outcome | None, prior_approval_default: str | None = None) -> None:
        """Show an outcome; None gives an empty form (with the case's prior-approval
        reference filled in, when it has one)."""
        self._fill(outcome, prior_approval_default)
        self.mark_clean()

    def _fill(self, outcome: Outcome | None, prior_approval_default: str | None) -> None:
        self.clear()
        if outcome is None:
            self.prior_approval.setText(prior_approval_default or "")
            return
        self.decision.setCurrentIndex(self.decision.findData(Decision(outcome.decision).value))
        self.rationale.setPlainText(outcome.rationale)
        self.dissent.setPlainText(outcome.dissent)
        for action in outcome.actions:
            self.add_action_row(action.text, action.owner, action.due)
        if outcome.next_review is not None:
            self.has_next_review.setChecked(True)
            self.next_review.set_date(outcome.next_review)
        self.prior_approval.setText(outcome.prior_approval_ref or "")

    def outcome(self, case_id: int, meeting_id: int, outcome_id: int | None = None) -> Outcome:
        """The outcome as typed. Raises InputError listing every problem; the form keeps
        what was typed either way."""
        problems = []
        if self.decision.currentIndex() < 0:
            problems.append("choose the MDT's decision")
        actions = []
        for row in range(self.actions.rowCount()):
            text, owner, due_text = (self._cell(row, c) for c in range(3))
            if not (text or owner or due_text):
                continue  # an empty row added and not used
            if not text or not owner:
                problems.append(f"action {row + 1}: say what is to be done and who owns it")
                continue
            due = None
            if due_text:
                try:
                    due = parse_typed_date(due_text, date_field.clock())
                except ValueError as exc:
                    problems.append(f"action {row + 1}: {exc}")
                    continue
            actions.append(Action(text=text, owner=owner, due=due))
        next_review = None
        if self.has_next_review.isChecked():
            try:
                next_review = self.next_review.date_value()
            except ValueError as exc:
                problems.append(f"next review: {exc}")
            else:
                if next_review is None:
                    problems.append("enter the next review date, or untick Next review")
        if problems:
            raise InputError("The outcome was not saved.", problems)
        return Outcome(
            case_id=case_id,
            meeting_id=meeting_id,
            decision=Decision(self.decision.currentData()),
            rationale=self.rationale.toPlainText().strip(),
            dissent=self.dissent.toPlainText().strip(),
            actions=tuple(actions),
            next_review=next_review,
            prior_approval_ref=self.prior_approval.text().strip() or None,
            outcome_id=outcome_id,
        )

    # -- typing not yet saved ------------------------------------------------------------

    def snapshot(self) -> tuple:
        """Everything on the form as typed (valid or not), to tell typing from what was shown."""
        cells = tuple(self._cell(row, column) for row in range(self.actions.rowCount()) for column in range(3))
        return (self.decision.currentIndex(), self.rationale.toPlainText(), self.dissent.toPlainText(), cells,
                self.has_next_review.isChecked(), self.next_review.text(), self.prior_approval.text())

    def mark_clean(self) -> None:
        """What is shown now is what is stored: typing is measured from here."""
        self._clean = self.snapshot()

    def is_dirty(self) -> bool:
        return getattr(self, "_clean", None) is not None and self.snapshot() != self._clean

    def set_read_only(self, read_only: bool) -> None:
        """Signed-off outcomes: every control disabled (text stays selectable to copy)."""
        for widget in (
            self.decision, self.actions, self.add_action_button, self.remove_action_button,
            self.has_next_review, self.prior_approval, *self.day_buttons.values(),
        ):
            widget.setEnabled(not read_only)
        for text in (self.rationale, self.dissent):
            text.setReadOnly(read_only)
        self.next_review.setEnabled(not read_only and self.has_next_review.isChecked())
