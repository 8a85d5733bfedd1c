"""The Meeting view: meetings, their agenda, and the outcome of each case.

Left, the meetings (newest first) and New meeting. Middle, the selected meeting's date,
chair and attendees, and its agenda in order (drag, or Alt+Up/Alt+Down), with the cases
due for review offered. Right, the outcome form for the selected case, with Save, Sign
off as chair (a confirmation names what gets frozen) and Amend (reason required).

Changes go through `hlhdesk.app.meetings`; a refusal from the store (a signed-off
outcome, a closed meeting) is shown as a plain message and the typing stays on screen.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from hlhdesk.core.meetings.agenda import meeting_as_of
from hlhdesk.core.meetings.meeting import AgendaItem, Meeting, OutcomeRecord
from hlhdesk.app import meetings
from hlhdesk.app.statuses import evaluate_case
from hlhdesk.errors import InputError
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.meetings import departure, meeting_dialogs, signoff_dialog
from hlhdesk.gui.kit.identity import patient_line, patient_of_summary
from hlhdesk.gui.meetings.outcome_form import OutcomeForm
from hlhdesk.gui.render.pathway_marks import header_words, named_rules, phase_and_verdict, phase_of
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from hlhdesk.logs import log_unexpected

ID_ROLE = Qt.ItemDataRole.UserRole
# Two-line entries read better apart on a projector.
LIST_STYLE = (
    "QListWidget::item { padding: 6px 4px; border-bottom: 1px solid #d0d0d0; }"
    "QListWidget::item:selected { background: #1f4e8c; color: white; }"
)


def phase_text(summary) -> str:
    """Where a case is on the pathway, from the desk's status cache: "⚠ Stop recommended:
    Day 15: no response by day 14: …" (blank until the case has been evaluated)."""
    phase = phase_of(summary.phase)
    if phase is None:
        return "– Not evaluated yet"
    return phase_and_verdict(phase.label, summary.tone, summary.verdict)


def agenda_status(item: AgendaItem, record: OutcomeRecord | None) -> str:
    """Where a case stands at this meeting, in words and a mark (not colour alone)."""
    if record is None:
        return "○ Not yet discussed" if not item.discussed else "● Discussed"
    if record.signoff is None:
        return f"● {record.current.decision.label}, not signed off"
    amended = f", amended {len(record.amendments)}×" if record.amendments else ""
    return f"✔ {record.current.decision.label}, signed off{amended}"


class MeetingView(QWidget):
    """Emits `present_requested(meeting_id, case_id)` when the chair asks to present."""

    present_requested = Signal(int, int)
    outcome_changed = Signal(int)  # case id: its MDT record changed (saved, signed, amended)

    def __init__(self, store, *, evaluate: Callable | None = None, now: Callable[[], datetime] = datetime.now, parent=None):
        super().__init__(parent)
        self.store = None
        self.evaluate = evaluate or evaluate_case
        self.now = now
        self.meeting: Meeting | None = None
        self._records: dict[int, OutcomeRecord] = {}
        self._patients: dict = {}
        self._phases: dict[int, str] = {}  # case id -> phase and verdict, from the status cache
        self._day0: dict[int, date | None] = {}

        self._build_meeting_list()
        self._build_agenda()
        self._build_outcome_panel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.meetings_panel)
        splitter.addWidget(self.agenda_panel)
        splitter.addWidget(self.outcome_panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 5)
        splitter.setSizes([300, 620, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.set_store(store)

    def set_store(self, store) -> None:
        """Show the meetings of this database (the desk may open another)."""
        self._shown = (None, None, None)  # (meeting id, case id, record) the form was filled from
        self._shown_evaluation = None  # the policy's reading beside the form
        self.store = store
        self.meeting = None
        self.refresh(reload_cases=True)

    # -- building ------------------------------------------------------------------------

    def _build_meeting_list(self) -> None:
        self.meeting_list = QListWidget()
        self.meeting_list.setAccessibleName("Meetings")
        self.meeting_list.setStyleSheet(LIST_STYLE)
        self.meeting_list.currentItemChanged.connect(self._meeting_clicked)
        self.new_meeting_button = QPushButton("&New meeting…")
        self.new_meeting_button.clicked.connect(self.new_meeting)
        self.meetings_panel = _column(_heading("MDT meetings"), (self.meeting_list, 1), self.new_meeting_button)

    def _build_agenda(self) -> None:
        self.meeting_title = _heading("No meeting selected")
        self.meeting_people = QLabel()
        self.meeting_people.setWordWrap(True)
        self.meeting_people.setAccessibleName("Chair and attendees")
        self.edit_meeting_button = QPushButton("Edit details…")
        self.edit_meeting_button.clicked.connect(self.edit_meeting)
        self.close_meeting_button = QPushButton("Close meeting…")
        self.close_meeting_button.clicked.connect(self.close_meeting)

        self.agenda = QListWidget()
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setStyleSheet(LIST_STYLE)
        self.agenda.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda.setDefaultDropAction(Qt.DropAction.MoveAction)
        # Long lines wrap rather than scroll sideways (a narrow window, a projector).
        self.agenda.setWordWrap(True)
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agenda.setResizeMode(QListView.ResizeMode.Adjust)
        self.agenda.model().rowsMoved.connect(lambda *_: self._save_agenda_order())
        self.agenda.currentItemChanged.connect(self._case_clicked)
        self.agenda.itemDoubleClicked.connect(lambda _: self.present())

        self.offer_button = QPushButton("Add cases &due…")
        self.offer_button.setToolTip("Cases due for day-7 or day-14 review, flagged, carried over, or new referrals")
        self.offer_button.clicked.connect(self.add_due_cases)
        self.add_case_button = QPushButton("Add case…")
        self.add_case_button.clicked.connect(self.add_any_case)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton("▲ Up")
        self.up_button.setToolTip("Move the case up the agenda (Alt+Up)")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("▼ Down")
        self.down_button.setToolTip("Move the case down the agenda (Alt+Down)")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        QShortcut(QKeySequence("Alt+Up"), self.agenda, lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Alt+Down"), self.agenda, lambda: self.move_selected(1))
        self.present_button = QPushButton("▶ &Present (F5)")
        self.present_button.clicked.connect(self.present)
        QShortcut(QKeySequence("F5"), self, self.present)

        meeting_buttons = QHBoxLayout()
        meeting_buttons.addWidget(self.edit_meeting_button)
        meeting_buttons.addWidget(self.close_meeting_button)
        meeting_buttons.addStretch(1)
        meeting_buttons.addWidget(self.present_button)
        # Two lines (what is on the agenda; its order), so the agenda fits beside the
        # outcome form on a 1024-pixel screen.
        agenda_buttons = QVBoxLayout()
        for line_of_buttons in ((self.offer_button, self.add_case_button, self.remove_button),
                                (self.up_button, self.down_button)):
            line = QHBoxLayout()
            for button in line_of_buttons:
                line.addWidget(button)
            line.addStretch(1)
            agenda_buttons.addLayout(line)

        self.agenda_panel = _column(
            self.meeting_title, self.meeting_people, meeting_buttons, _heading("Agenda"), (self.agenda, 1), agenda_buttons
        )

    def _build_outcome_panel(self) -> None:
        self.case_title = _heading("Select a case on the agenda")
        self.case_title.setWordWrap(True)
        self.outcome_status = QLabel()
        self.outcome_status.setWordWrap(True)
        self.outcome_status.setAccessibleName("Outcome status")
        self.policy_status = QLabel()
        self.policy_status.setWordWrap(True)
        self.policy_status.setAccessibleName("Policy evaluation")
        self.policy_status.setStyleSheet("padding: 6px; background: #eef3fa; border: 1px solid #c5d3e8;")
        self.form = OutcomeForm()
        self.save_button = QPushButton("&Save outcome")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_outcome)
        self.sign_button = QPushButton("Sign off as chair…")
        self.sign_button.clicked.connect(self.sign_off)
        self.amend_button = QPushButton("Amend…")
        self.amend_button.clicked.connect(self.amend)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setAccessibleName("Sign-off and amendments")
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.amend_button)
        buttons.addStretch(1)
        self.outcome_panel = _column(
            self.case_title, self.outcome_status, self.policy_status, (self.form, 1), buttons, self.history
        )

    # -- messages ----------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        dialogs.warn(self, "hlhdesk", message)

    def _attempt(self, work: Callable, *args, **kwargs):
        """Run a store call; a refusal becomes a plain message, never a traceback."""
        try:
            return work(*args, **kwargs), True
        except InputError as exc:
            self.show_error(str(exc))
        except Exception:  # noqa: BLE001 - unexpected: logged, the user told where
            where = log_unexpected("meeting view", getattr(work, "__name__", "action"))
            self.show_error(f"Something unexpected went wrong; nothing was changed. Details: {where}")
        return None, False

    # -- loading ------------------------------------------------------------------------

    def refresh(self, meeting_id: int | None = None, case_id: int | None = None, *, reload_cases: bool = False) -> None:
        """Reload the meetings from the store, keeping (or moving to) a selection. The
        case names are read again only when asked (new cases on the desk): a save does
        not change them, and 10,000 of them take a noticeable moment."""
        meeting_id = meeting_id if meeting_id is not None else self.current_meeting_id()
        case_id = case_id if case_id is not None else self.current_case_id()
        if reload_cases:
            self._load_cases()
        entries = []
        for summary in self.store.list_meetings():
            state = f"closed {summary.closed_at:%d/%m/%Y}" if summary.closed_at else "open"
            text = (
                f"{summary.held_on:%a %d/%m/%Y} · {summary.chair}\n"
                f"{summary.agenda_count} cases, {summary.signed_count} signed off · {state}"
            )
            entries.append((text, summary.meeting_id))
        _fill_list(self.meeting_list, entries, meeting_id)
        self._select_meeting(self.meeting_list.currentItem(), case_id)

    def _load_cases(self) -> None:
        self._patients, self._day0, self._phases = {}, {}, {}
        for summary in self.store.list_cases():
            self._patients[summary.case_id] = patient_of_summary(summary)
            self._phases[summary.case_id] = phase_text(summary)
            # The current episode's day 0 as the pathway read it (the first dose ever only
            # until the case is first evaluated): the day-7 and day-14 buttons count from it.
            self._day0[summary.case_id] = _as_date(summary.day0 or summary.first_anakinra_start)

    def case_label(self, case_id: int) -> str:
        patient = self._patients.get(case_id)
        return patient_line(patient, hide_identifiers=False) if patient else f"Case {case_id}"

    def current_meeting_id(self) -> int | None:
        return self.meeting.meeting_id if self.meeting else None

    def current_case_id(self) -> int | None:
        item = self.agenda.currentItem()
        return item.data(ID_ROLE) if item else None

    def _select_meeting(self, item: QListWidgetItem | None, case_id: int | None = None) -> None:
        self.meeting = self.store.load_meeting(item.data(ID_ROLE)) if item else None
        self._records = self.store.outcomes_of_meeting(self.meeting.meeting_id) if self.meeting else {}
        self._show_meeting_header()
        entries = [
            (
                f"{item.position}. {self.case_label(item.case_id)}\n"
                f"     {self._phases.get(item.case_id, '')}\n"
                f"     {item.reason.label} · {agenda_status(item, self._records.get(item.case_id))}",
                item.case_id,
            )
            for item in (self.meeting.agenda if self.meeting else ())
        ]
        _fill_list(self.agenda, entries, case_id)
        self._select_case(self.agenda.currentItem())
        self._enable_meeting_controls()

    def _show_meeting_header(self) -> None:
        meeting = self.meeting
        if meeting is None:
            self.meeting_title.setText("No meeting selected: make one with New meeting")
            self.meeting_people.clear()
            return
        state = f"Closed {meeting.closed_at:%d/%m/%Y %H:%M}" if meeting.closed_at else "Open"
        self.meeting_title.setText(f"MDT meeting {meeting.held_on:%A %d/%m/%Y} · {state}")
        people = ", ".join(f"{a.name} ({a.role})" for a in meeting.attendees) or "none recorded"
        self.meeting_people.setText(f"Chair: {meeting.chair}\nAttendees: {people}")

    def _enable_meeting_controls(self) -> None:
        is_open = self.meeting is not None and not self.meeting.is_closed
        has_items = self.agenda.count() > 0
        for button in (self.edit_meeting_button, self.close_meeting_button, self.offer_button, self.add_case_button):
            button.setEnabled(is_open)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(is_open and has_items)
        self.agenda.setDragEnabled(is_open)
        self.present_button.setEnabled(has_items)

    def _select_case(self, item: QListWidgetItem | None) -> None:
        case_id = item.data(ID_ROLE) if item else None
        self._shown_evaluation = None
        if case_id is None or self.meeting is None:
            self._shown = (None, None, None)
            self.case_title.setText("Select a case on the agenda")
            self.outcome_status.clear()
            self.policy_status.clear()
            self.history.clear()
            self.form.set_outcome(None)
            self.form.set_read_only(True)
            for button in (self.save_button, self.sign_button, self.amend_button):
                button.setEnabled(False)
            return
        agenda_item = next(i for i in self.meeting.agenda if i.case_id == case_id)
        record = self._records.get(case_id)
        self.case_title.setText(f"{self.case_label(case_id)}\n{agenda_item.reason.label}")
        case, _ = self._attempt(self.store.load_case, case_id)
        # The same outcome shown again (a refresh, a change made elsewhere) keeps what
        # the chair is typing; the status line says if the stored outcome moved meanwhile.
        keep_typing = self._shown[:2] == (self.meeting.meeting_id, case_id) and self.form.is_dirty()
        changed_elsewhere = keep_typing and record != self._shown[2]
        if not keep_typing:
            self.form.set_day0(self._day0.get(case_id), not_before=self.meeting.held_on)
            prior_approval = case.details.prior_approval_ref if case and not record else None
            self.form.set_outcome(record.current if record else None, prior_approval)
            self._shown = (self.meeting.meeting_id, case_id, record)
        self.policy_status.setText(self._policy_text(case_id, case, record))
        signed = record is not None and record.is_signed
        can_record = not signed and (record is not None or not self.meeting.is_closed)
        self.form.set_read_only(not can_record)
        self.save_button.setEnabled(can_record)
        self.sign_button.setEnabled(record is not None and not signed)
        self.amend_button.setEnabled(signed)
        self.outcome_status.setText(self._status_text(record) + (_CHANGED_ELSEWHERE if changed_elsewhere else ""))
        self.history.setText(_history_text(record))

    def _policy_text(self, case_id: int, case, record: OutcomeRecord | None) -> str:
        """What the policy evaluation says, beside the form (the MDT decides, not this)."""
        if record is not None and record.signoff is not None:
            return f"Evaluation frozen at sign-off ({record.signoff.policy})."
        if case is None:
            return ""
        as_of = meeting_as_of(self.meeting.held_on, self.now())
        evaluation, ok = self._attempt(self.evaluate, case, as_of)
        if not ok:
            return "The policy evaluation could not be made."
        self._shown_evaluation = evaluation
        from hlhdesk.core.evaluation.pathway import pathway_of

        return policy_words(evaluation, pathway_of(evaluation, self.store.outcomes_of_case(case_id), as_of))

    def _status_text(self, record: OutcomeRecord | None) -> str:
        if record is None:
            if self.meeting.is_closed:
                return "No outcome was recorded at this meeting (the meeting is closed)."
            return "No outcome recorded yet."
        if record.signoff is None:
            return f"Outcome saved {record.recorded_at:%d/%m/%Y %H:%M}; not signed off."
        return (
            f"Signed off by {record.signoff.signed_by} on {record.signoff.signed_at:%d/%m/%Y %H:%M}. "
            "It cannot be edited: use Amend to record a change with a reason."
        )

    # -- meetings -------------------------------------------------------------------------

    def new_meeting(self) -> None:
        dialog = meeting_dialogs.MeetingDetailsDialog(self)
        if dialog.exec() != meeting_dialogs.QDialog.DialogCode.Accepted:
            return
        held_on, chair, attendees = dialog.values()
        meeting_id, ok = self._attempt(meetings.create_meeting, self.store, held_on, chair, attendees)
        if ok:
            self.refresh(meeting_id)

    def edit_meeting(self) -> None:
        if self.meeting is None:
            return
        dialog = meeting_dialogs.MeetingDetailsDialog(self, self.meeting)
        if dialog.exec() != meeting_dialogs.QDialog.DialogCode.Accepted:
            return
        held_on, chair, attendees = dialog.values()
        _, ok = self._attempt(
            meetings.update_meeting, self.store, self.meeting.meeting_id, held_on=held_on, chair=chair, attendees=attendees
        )
        if ok:
            self.refresh(self.meeting.meeting_id)

    def close_meeting(self) -> None:
        if self.meeting is None:
            return
        undiscussed = sum(not item.discussed for item in self.meeting.agenda)
        later_open = [
            m.held_on for m in self.store.list_meetings()
            if m.closed_at is None and m.held_on > self.meeting.held_on
        ]
        unsigned = [self.case_label(case_id) for case_id, record in self._records.items() if record.signoff is None]
        dialog = meeting_dialogs.CloseMeetingDialog(self, self.meeting, undiscussed, min(later_open, default=None),
                                                    unsigned)
        if dialog.exec() != meeting_dialogs.QDialog.DialogCode.Accepted:
            return
        _, ok = self._attempt(
            meetings.close_meeting, self.store, self.meeting.meeting_id, next_meeting_on=dialog.next_meeting_on()
        )
        if ok:
            self.refresh(self.meeting.meeting_id)

    # -- agenda ---------------------------------------------------------------------------

    def add_due_cases(self) -> None:
        if self.meeting is None:
            return
        self._load_cases()  # offers may name cases added on the desk since
        offers, ok = self._attempt(meetings.offered_cases, self.store, self.meeting.meeting_id, now=self.now())
        if not ok:
            return
        dialog = meeting_dialogs.OffersDialog(self, offers, self.case_label)
        if dialog.exec() != meeting_dialogs.QDialog.DialogCode.Accepted:
            return
        _, ok = self._attempt(meetings.add_offered, self.store, self.meeting.meeting_id, dialog.chosen())
        if ok:
            self.refresh(self.meeting.meeting_id)

    def add_any_case(self) -> None:
        if self.meeting is None:
            return
        self._load_cases()
        on_agenda = {item.case_id for item in self.meeting.agenda}
        case_ids = [case_id for case_id in self._patients if case_id not in on_agenda]
        choice = meeting_dialogs.pick_from_list(self, "Add a case to the agenda", [self.case_label(c) for c in case_ids])
        if choice is None:
            return
        _, ok = self._attempt(meetings.add_to_agenda, self.store, self.meeting.meeting_id, [case_ids[choice]])
        if ok:
            self.refresh(self.meeting.meeting_id, case_ids[choice])

    def remove_selected(self) -> None:
        case_id = self.current_case_id()
        if self.meeting is None or case_id is None:
            return
        _, ok = self._attempt(meetings.remove_from_agenda, self.store, self.meeting.meeting_id, case_id)
        if ok:
            self.refresh(self.meeting.meeting_id)

    def move_selected(self, steps: int) -> None:
        case_id = self.current_case_id()
        if self.meeting is None or case_id is None or self.meeting.is_closed:
            return
        _, ok = self._attempt(meetings.move_on_agenda, self.store, self.meeting.meeting_id, case_id, steps)
        self.refresh(self.meeting.meeting_id, case_id)

    def _save_agenda_order(self) -> None:
        """After a drag: store the order shown (or restore the stored one if refused)."""
        if self.meeting is None:
            return
        order = [self.agenda.item(row).data(ID_ROLE) for row in range(self.agenda.count())]
        case_id = self.current_case_id()
        self._attempt(meetings.reorder_agenda, self.store, self.meeting.meeting_id, order)
        self.refresh(self.meeting.meeting_id, case_id)

    # -- outcome ------------------------------------------------------------------------------

    def save_outcome(self, then_select: int | None = None) -> bool:
        """Save the outcome the form shows (then show `then_select`, if given)."""
        meeting_id, case_id, _ = self._shown
        if self.meeting is None or case_id is None or meeting_id != self.meeting.meeting_id:
            return False
        record = self._records.get(case_id)
        try:
            outcome = self.form.outcome(case_id, self.meeting.meeting_id, record.original.outcome_id if record else None)
        except InputError as exc:
            self.show_error(str(exc))  # the form keeps what was typed
            return False
        outcome = departure.with_reason(self, outcome, self._shown_evaluation)
        if outcome is None:
            return False  # no reason given for departing from the policy: nothing saved
        _, ok = self._attempt(meetings.record_outcome, self.store, outcome)
        if ok:
            self.form.mark_clean()  # stored: the form is refilled from the store
            self.refresh(self.meeting.meeting_id, then_select if then_select is not None else case_id)
            self.outcome_changed.emit(case_id)
        return ok

    # -- typing not yet saved ----------------------------------------------------------------

    def has_unsaved_outcome(self) -> bool:
        return self._shown[1] is not None and self.save_button.isEnabled() and self.form.is_dirty()

    def _ask_about_typing(self) -> str:
        """"none" (nothing typed), "save", "discard" or "cancel"."""
        if not self.has_unsaved_outcome():
            return "none"
        return dialogs.ask_to_save(
            self, "Unsaved outcome",
            f"The outcome typed for {self.case_label(self._shown[1])} is not saved.\n\n"
            "Save it, throw it away, or cancel to go back to it?")

    def may_leave_outcome(self) -> bool:
        """Before the window closes: typing is saved, thrown away, or kept by staying."""
        answer = self._ask_about_typing()
        if answer == "save":
            return self.save_outcome()
        return answer != "cancel"

    def _case_clicked(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        target = item.data(ID_ROLE) if item else None
        answer = "none" if target == self._shown[1] else self._ask_about_typing()
        if answer == "cancel" or (answer == "save" and not self.save_outcome(then_select=target)):
            _put_back(self.agenda, previous)
        elif answer != "save":  # a save has already shown the case clicked
            self._select_case(item)

    def _meeting_clicked(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        target = item.data(ID_ROLE) if item else None
        answer = self._ask_about_typing()
        if answer == "cancel" or (answer == "save" and not self.save_outcome()):
            _put_back(self.meeting_list, previous)
        elif answer == "save":
            _select_id(self.meeting_list, target)  # the save re-read the list: go on to the one clicked
        else:
            self._select_meeting(item)

    def _form_differs_from_saved(self, record: OutcomeRecord) -> bool:
        try:
            typed = self.form.outcome(record.original.case_id, record.original.meeting_id, record.original.outcome_id)
        except InputError:
            return True
        return typed != record.original

    def sign_off(self) -> None:
        case_id = self.current_case_id()
        record = self._records.get(case_id) if case_id is not None else None
        if self.meeting is None or record is None:
            self.show_error("Save the outcome before signing it off.")
            return
        if self._form_differs_from_saved(record):
            self.show_error("The form has changes that are not saved. Save the outcome, then sign off.")
            return
        signoff, ok = self._attempt(meetings.signoff_for, self.store, self.meeting.meeting_id, case_id,
                                    now=self.now(), evaluate=self.evaluate)
        if not ok:
            return
        if not signoff_dialog.ask_signature(self, signoff.signed_by, self.case_label(case_id), signoff.policy):
            return
        _, ok = self._attempt(meetings.sign_off, self.store, signoff)
        if ok:
            self.refresh(self.meeting.meeting_id, case_id)
            self.outcome_changed.emit(case_id)

    def amend(self) -> None:
        case_id = self.current_case_id()
        record = self._records.get(case_id) if case_id is not None else None
        if self.meeting is None or record is None or not record.is_signed:
            return
        dialog = meeting_dialogs.AmendDialog(self, record.current, self._day0.get(case_id))
        if dialog.exec() != meeting_dialogs.QDialog.DialogCode.Accepted:
            return
        _, ok = self._attempt(
            meetings.amend,
            self.store,
            record.original.outcome_id,
            dialog.amended_outcome(),
            amended_by=dialog.amended_by.text(),
            reason=dialog.reason.toPlainText(),
        )
        if ok:
            self.refresh(self.meeting.meeting_id, case_id)
            self.outcome_changed.emit(case_id)

    # -- presenting -----------------------------------------------------------------------

    def present(self) -> None:
        if self.meeting is not None and self.agenda.count():
            self.present_requested.emit(self.meeting.meeting_id, self.current_case_id() or 0)


def policy_words(evaluation, pathway) -> str:
    """The policy's reading beside the outcome form: the phase and its verdict, then
    eligibility with any failing rules named by their words ("Age under 8 months
    (EX-AGE)"), never by ID alone. It supports the MDT's decision; it does not make it."""
    as_of = f"{evaluation.policy} as of {evaluation.as_of:%d/%m/%Y %H:%M}"
    eligibility = evaluation.eligibility
    status = eligibility.status.label
    if eligibility.status.value != "eligible" and eligibility.decided_by:
        status += f": {named_rules(evaluation, eligibility.decided_by)}"
    return f"{header_words(pathway)}\n{as_of}: {status}"


_CHANGED_ELSEWHERE = ("\nThis outcome was changed elsewhere while you were typing; your typing is kept "
                      "here. Saving it replaces the stored outcome, unless it has been signed off.")


def _put_back(widget: QListWidget, previous: QListWidgetItem | None) -> None:
    """Undo a click on a list without acting on it (the user chose to stay)."""
    widget.blockSignals(True)
    widget.setCurrentItem(previous)
    widget.blockSignals(False)


def _select_id(widget: QListWidget, entry_id: int) -> None:
    for row in range(widget.count()):
        if widget.item(row).data(ID_ROLE) == entry_id:
            widget.setCurrentRow(row)
            return


def _fill_list(widget: QListWidget, entries: list[tuple[str, int]], selected_id: int | None) -> None:
    """Replace a list's entries (text, id), keeping `selected_id` (else the first)
    selected. The widget's own signals are held; its model's flow, so it lays out."""
    widget.blockSignals(True)
    widget.clear()
    for text, entry_id in entries:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, entry_id)
        widget.addItem(item)
        if entry_id == selected_id:
            widget.setCurrentItem(item)
    widget.blockSignals(False)
    if widget.currentItem() is None and widget.count():
        widget.setCurrentRow(0)


def _column(*parts) -> QWidget:
    """A panel of widgets and layouts stacked top to bottom; (part, stretch) to stretch."""
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        part, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(part, QWidget):
            layout.addWidget(part, stretch)
        else:
            layout.addLayout(part, stretch)
    return panel


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()


def _history_text(record: OutcomeRecord | None) -> str:
    if record is None or record.signoff is None:
        return ""
    lines = [
        f"Signed off by {record.signoff.signed_by}, {record.signoff.signed_at:%d/%m/%Y %H:%M} "
        f"({record.signoff.policy}, hlhdesk {record.signoff.app_version}). "
        f"Original decision: {record.original.decision.label}."
    ]
    for amendment in record.amendments:
        lines.append(
            f"Amended by {amendment.amended_by}, {amendment.amended_at:%d/%m/%Y %H:%M}: "
            f"{amendment.outcome.decision.label}. Reason: {amendment.reason}"
        )
    return "\n".join(lines)
