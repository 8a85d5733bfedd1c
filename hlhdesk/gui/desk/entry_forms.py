"""Entry forms for a new observation, treatment course or event.

A form checks what was typed (hlhdesk.gui.desk.entry), shows a refusal beside the field
that caused it, and keeps the typing. Only a valid record leaves the form, through
`submitted`; the data view saves it and calls `saved()` to clear the value for the
next entry, or `refused(message)` if the store would not take it.
"""

from __future__ import annotations

from hlhdesk.core.model import CORTICOSTEROIDS, DRUGS, EVENT_KINDS, ROUTES, Event
from hlhdesk.core.units import CATALOGUE, HAEMOPHAGOCYTOSIS_SITES, display_unit, format_number
from hlhdesk.gui.desk import entry
from hlhdesk.gui.qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
    Signal,
)
from hlhdesk.core.labs.labcsv import check_result_time
from hlhdesk.core.typed_dates import TypedDateError
from hlhdesk.gui.entry.usual_route import RouteFollowsDrug
from hlhdesk.gui.kit import date_field
from hlhdesk.gui.kit.wheel_guard import guard_wheel
from hlhdesk.gui.kit.widgets import ErrorLabel, combo, mark_invalid, uk_datetime_edit


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()


class ObservationForm(QWidget):
    submitted = Signal(object)  # Observation

    def __init__(self, parent=None):
        super().__init__(parent)
        self.at_edit = uk_datetime_edit("Observation date and time")
        self.kind_box = combo("Test", [(spec.label, kind) for kind, spec in CATALOGUE.items()])
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName("Value")
        self.value_edit.setPlaceholderText("value")
        self.choice_box = QComboBox()
        self.choice_box.setAccessibleName("Finding")
        self.value_stack = QStackedWidget()
        self.value_stack.addWidget(self.value_edit)
        self.value_stack.addWidget(self.choice_box)
        self.unit_box = QComboBox()
        self.unit_box.setAccessibleName("Unit")
        self.site_box = combo("Site", [(_words(s), s) for s in HAEMOPHAGOCYTOSIS_SITES])
        self.add_button = QPushButton("Add result")
        self.add_button.setAccessibleName("Add result")
        self.conversion_label = QLabel()
        self.conversion_label.setAccessibleName("Converted value")
        self.error_label = ErrorLabel("Result error")

        row = QHBoxLayout()
        for label, widget in (("When", self.at_edit), ("Test", self.kind_box),
                              ("Value", self.value_stack), ("Unit", self.unit_box),
                              ("Site", self.site_box)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
            if widget is self.site_box:
                self.site_caption = caption
        row.addWidget(self.add_button)
        row.addWidget(self.conversion_label)
        row.addStretch(1)
        outer = QFormLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addRow(row)
        outer.addRow(self.error_label)
        self.setTabOrder(self.at_edit, self.kind_box)
        self.setTabOrder(self.kind_box, self.value_edit)
        self.setTabOrder(self.value_edit, self.unit_box)
        self.setTabOrder(self.unit_box, self.add_button)

        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.value_edit.textChanged.connect(self._preview)
        self.unit_box.currentIndexChanged.connect(self._preview)
        self.value_edit.returnPressed.connect(self.submit)
        self.add_button.clicked.connect(self.submit)
        self._kind_changed()
        guard_wheel(self)

    def kind(self) -> str:
        return self.kind_box.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))

    def _kind_changed(self) -> None:
        spec = CATALOGUE[self.kind()]
        numeric = spec.value_type == "number"
        self.value_stack.setCurrentIndex(0 if numeric else 1)
        self.choice_box.clear()
        if spec.value_type == "boolean":
            self.choice_box.addItems(["yes", "no"])
        elif spec.value_type == "choice":
            self.choice_box.addItems(list(spec.choices))
        self.unit_box.clear()
        for unit in spec.accepted_units:
            self.unit_box.addItem(display_unit(unit), unit)
        self.unit_box.setEnabled(numeric)
        self.site_box.setVisible(self.kind() == "haemophagocytosis")
        self.site_caption.setVisible(self.kind() == "haemophagocytosis")
        self._clear_error()
        self._preview()

    def _value_text(self) -> str:
        return self.value_edit.text() if self.value_stack.currentIndex() == 0 else self.choice_box.currentText()

    def _preview(self) -> None:
        """Show the stored value as soon as a converted value is valid (both units)."""
        self.conversion_label.clear()
        if self.value_stack.currentIndex() != 0 or not self.value_edit.text().strip():
            return
        try:
            obs = self._build()
        except entry.EntryError:
            return
        if obs.was_converted:
            self.conversion_label.setText(f"= {format_number(obs.value)} {display_unit(obs.unit)}")

    def _build(self):
        site = self.site_box.currentData() if self.kind() == "haemophagocytosis" else None
        at = _moment(self.at_edit)
        try:
            check_result_time(at, date_field.clock())  # as the lab import and paste check it
        except ValueError as exc:
            raise entry.EntryError(f"The date: {exc}", "at") from None
        return entry.make_observation(at, self.kind(), self._value_text(), self.unit_box.currentData(), site)

    def submit(self) -> None:
        try:
            obs = self._build()
        except entry.EntryError as exc:
            self.refused(str(exc), exc.field)
            return
        self._clear_error()
        self.submitted.emit(obs)

    def refused(self, message: str, field: str = "value") -> None:
        """Say why beside the field, and keep everything typed."""
        self.error_label.show_error(message)
        widget = {"unit": self.unit_box, "at": self.at_edit}.get(field, self.value_edit)
        if widget is not self.at_edit:  # the date field marks itself
            mark_invalid(widget, True)
        widget.setFocus()

    def saved(self) -> None:
        self.value_edit.clear()
        self._clear_error()
        self.value_edit.setFocus()

    def first_field(self):
        return self.at_edit

    def _clear_error(self) -> None:
        self.error_label.clear_error()
        mark_invalid(self.value_edit, False)
        mark_invalid(self.unit_box, False)


class TreatmentForm(QWidget):
    submitted = Signal(object)  # Treatment

    def __init__(self, parent=None):
        super().__init__(parent)
        self.drug_box = combo("Drug", [(_words(d), d) for d in DRUGS])
        self.name_box = combo("Corticosteroid", [(_words(c), c) for c in CORTICOSTEROIDS])
        self.start_edit = uk_datetime_edit("Course start")
        self.ongoing_box = QCheckBox("ongoing")
        self.ongoing_box.setAccessibleName("Course ongoing")
        self.ongoing_box.setChecked(True)
        self.stop_edit = uk_datetime_edit("Course stop")
        self.stop_edit.setEnabled(False)
        self.dose_edit = QLineEdit()
        self.dose_edit.setAccessibleName("Dose in mg")
        self.dose_edit.setPlaceholderText("mg")
        self.every_edit = QLineEdit()
        self.every_edit.setAccessibleName("Every so many hours")
        self.every_edit.setPlaceholderText("hours")
        self.route_box = combo("Route", [(r.upper() if r != "oral" else "Oral", r) for r in ROUTES],
                               placeholder="Choose…")
        self.add_button = QPushButton("Add course")
        self.error_label = ErrorLabel("Course error")

        # Three rows (what, how much, when), so the form fits beside the case list on a
        # 1024-pixel screen: in two, the dose was cut off and the interval out of sight.
        grid = QGridLayout()
        placed = ((0, "Drug", self.drug_box), (0, "Which", self.name_box), (0, "Route", self.route_box),
                  (1, "Dose (mg)", self.dose_edit), (1, "every (hours)", self.every_edit),
                  (2, "Start", self.start_edit), (2, "Stop", self.stop_edit), (2, None, self.ongoing_box))
        column = {0: 0, 1: 0, 2: 0}
        for row, label, widget in placed:
            if label:
                caption = QLabel(label)
                caption.setBuddy(widget)
                grid.addWidget(caption, row, column[row])
                column[row] += 1
            grid.addWidget(widget, row, column[row])
            column[row] += 1
        grid.addWidget(self.add_button, 2, column[2])
        grid.setColumnStretch(10, 1)
        outer = QFormLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addRow(grid)
        outer.addRow(self.error_label)
        self.drug_box.currentIndexChanged.connect(self._drug_changed)
        self.ongoing_box.toggled.connect(lambda on: self.stop_edit.setEnabled(not on))
        self.add_button.clicked.connect(self.submit)
        # Tab follows the form as it reads (drug, which, route, dose, every, start, stop),
        # and Enter in a typed field adds the course, as Enter adds a result.
        order = (self.drug_box, self.name_box, self.route_box, self.dose_edit, self.every_edit,
                 self.start_edit, self.stop_edit, self.ongoing_box, self.add_button)
        for before, after in zip(order, order[1:]):
            self.setTabOrder(before, after)
        for field in (self.dose_edit, self.every_edit, self.start_edit, self.stop_edit):
            field.returnPressed.connect(self.submit)
        self._drug_changed()
        self.route = RouteFollowsDrug(self.route_box, self.drug_box, self.name_box)
        self.route_box.currentIndexChanged.connect(lambda _i: mark_invalid(self.route_box, False))
        guard_wheel(self)

    def _drug_changed(self) -> None:
        self.name_box.setEnabled(self.drug_box.currentData() == "corticosteroid")

    def submit(self) -> None:
        if self.route_box.currentData() is None:
            self.refused("Choose the route (SC, IV or oral): the dose rules and the course question read it.")
            mark_invalid(self.route_box, True)
            self.route_box.setFocus()
            return
        try:
            stop = None if self.ongoing_box.isChecked() else _moment(self.stop_edit, "stop")
            course = entry.make_treatment(
                self.drug_box.currentData(), _moment(self.start_edit, "start"), stop,
                self.name_box.currentData(), self.dose_edit.text(), self.every_edit.text(),
                self.route_box.currentData())
        except entry.EntryError as exc:
            self.refused(str(exc))
            return
        self.error_label.clear_error()
        self.submitted.emit(course)

    def refused(self, message: str, field: str = "") -> None:
        self.error_label.show_error(message)

    def saved(self) -> None:
        self.error_label.clear_error()
        self.dose_edit.clear()
        self.every_edit.clear()
        self.route.reset()  # the next course shows its own drug's usual route
        self.drug_box.setFocus()  # ready for the next course

    def first_field(self):
        return self.drug_box


class EventForm(QWidget):
    """A dated, kinded note: an event, or (with MonitoringCheck) a monitoring record."""

    submitted = Signal(object)  # Event or MonitoringCheck

    def __init__(self, record_type=Event, kinds=EVENT_KINDS, noun: str = "event", parent=None):
        super().__init__(parent)
        self.record_type = record_type
        self.noun = noun
        self.at_edit = uk_datetime_edit(f"{noun.capitalize()} date and time")
        # No kind chosen until the user chooses one: a default kind (it was "Serious
        # adverse event", which meets a stop rule) would be recorded by a note and Enter.
        self.kind_box = combo(noun.capitalize(), [(_words(k), k) for k in kinds], placeholder="Choose the kind…")
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(f"{noun.capitalize()} note")
        self.note_edit.setPlaceholderText("note (no patient identifiers needed)")
        self.add_button = QPushButton(f"Add {noun}")
        self.error_label = ErrorLabel(f"{noun.capitalize()} error")
        row = QHBoxLayout()
        for label, widget in (("When", self.at_edit), ("Kind", self.kind_box), ("Note", self.note_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget, 1 if widget is self.note_edit else 0)
        row.addWidget(self.add_button)
        outer = QFormLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addRow(row)
        outer.addRow(self.error_label)
        self.add_button.clicked.connect(self.submit)
        self.note_edit.returnPressed.connect(self.submit)
        guard_wheel(self)

    def submit(self) -> None:
        kind = self.kind_box.currentData()
        if kind is None:
            self.refused(f"Choose the kind of {self.noun} first.")
            self.kind_box.setFocus()
            return
        try:
            at = _moment(self.at_edit)
        except entry.EntryError as exc:
            self.refused(str(exc))
            return
        self.submitted.emit(self.record_type(at=at, kind=kind, note=self.note_edit.text().strip() or None))

    def refused(self, message: str, field: str = "") -> None:
        self.error_label.show_error(message)

    def saved(self) -> None:
        self.error_label.clear_error()
        self.note_edit.clear()
        self.kind_box.setCurrentIndex(-1)  # the next one's kind is chosen again

    def first_field(self):
        return self.at_edit


def _moment(field, which: str = "at"):
    """The field's date-time, or EntryError saying why it cannot be read."""
    try:
        return field.moment()
    except TypedDateError as exc:
        message = str(exc)
        label = {"at": "The date", "start": "Start", "stop": "Stop"}[which]
        raise entry.EntryError(f"{label}: {message}", "at") from None
