"""Table models over a case's observations, treatments and events.

Each model is declared as a list of columns (how to show a record, and, for editable
columns, how an edited text becomes a new record). An edit does not change the model:
it becomes an `edit_requested(old, new)` signal, which the data view turns into an
undoable store command; the model is refilled when the case is read back. An edit that
cannot be accepted (an implausible value, a date that is not a date) is refused with
`edit_refused(message)` and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from hlhdesk.core.model import (
    CORTICOSTEROIDS,
    EVENT_KINDS,
    MONITORING_KINDS,
    ROUTES,
    Observation,
    Treatment,
)
from hlhdesk.core.units import UnitError, analyte, display_unit, format_number
from hlhdesk.gui.desk import entry
from hlhdesk.gui.kit import formatting as fmt
from hlhdesk.gui.qt import QAbstractTableModel, QModelIndex, Qt, Signal

CHOICES_ROLE = Qt.ItemDataRole.UserRole + 10  # an editable cell's choices, for the delegate
RECORD_ROLE = Qt.ItemDataRole.UserRole + 11


@dataclass(frozen=True)
class RecordColumn:
    header: str
    text: Callable[[object], str]
    edit: Callable[[object, str], object] | None = None  # record, typed text -> new record
    choices: Callable[[object], tuple[str, ...]] | None = None
    edit_text: Callable[[object], str] | None = None  # what the editor starts with


class RecordTableModel(QAbstractTableModel):
    edit_requested = Signal(object, object)  # old record, new record
    edit_refused = Signal(str)
    COLUMNS: tuple[RecordColumn, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._records: list = []

    def set_records(self, records) -> None:
        self.beginResetModel()
        self._records = sorted(records, key=self.sort_key)
        self.endResetModel()

    @staticmethod
    def sort_key(record):
        return getattr(record, "at", None) or getattr(record, "start")

    def record(self, row: int):
        return self._records[row]

    def records(self) -> list:
        return list(self._records)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section].header
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()].edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        if role == Qt.ItemDataRole.EditRole:
            return (column.edit_text or column.text)(record)
        if role == CHOICES_ROLE and column.choices is not None:
            return list(column.choices(record)) or None  # free text when there is no list
        if role == RECORD_ROLE:
            return record
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.COLUMNS[index.column()]
        if column.edit is None:
            return False
        old = self._records[index.row()]
        try:
            new = column.edit(old, str(value))
        except (entry.EntryError, UnitError, ValueError) as exc:
            self.edit_refused.emit(f"{column.header}: {exc}")
            return False
        if new == old:
            return False
        self.edit_requested.emit(old, new)
        return True


# -- observations --------------------------------------------------------------------------

def _kind_label(obs: Observation) -> str:
    label = analyte(obs.kind).label
    return f"{label} ({obs.site.replace('_', ' ')})" if obs.site else label


def _entered(obs: Observation) -> str:
    if not isinstance(obs.value, (int, float)) or isinstance(obs.value, bool):
        return fmt.quantity(obs.value, None)
    value = obs.entered_value if obs.entered_value is not None else obs.value
    return entry.exact_number_display(value)


def _stored(obs: Observation) -> str:
    if isinstance(obs.value, (int, float)) and not isinstance(obs.value, bool):
        text = fmt.quantity(obs.value, obs.unit)
        return f"{text} (converted)" if obs.was_converted else text
    return ""


def _obs_choices(obs: Observation) -> tuple[str, ...]:
    return analyte(obs.kind).accepted_units


def _value_choices(obs: Observation) -> tuple[str, ...] | None:
    spec = analyte(obs.kind)
    if spec.value_type == "boolean":
        return ("yes", "no")
    if spec.value_type == "choice":
        return spec.choices
    return None


def _number_unit(obs: Observation) -> str:
    return display_unit(obs.entered_unit or obs.unit) if obs.unit else ""


def _edit_unit(obs: Observation, text: str) -> Observation:
    if analyte(obs.kind).value_type != "number":
        raise entry.EntryError(f"{analyte(obs.kind).label} has no unit", "unit")
    return entry.edit_observation(obs, unit_text=text)


class ObservationTableModel(RecordTableModel):
    COLUMNS = (
        RecordColumn("When", lambda o: fmt.uk_datetime(o.at),
                     lambda o, t: entry.edit_observation(o, at=fmt.parse_uk_datetime(t))),
        RecordColumn("Test", _kind_label),
        RecordColumn("Value as entered", _entered,
                     lambda o, t: entry.edit_observation(o, value_text=t),
                     choices=lambda o: _value_choices(o) or (),
                     edit_text=entry.observation_value_text),
        RecordColumn("Unit as entered", _number_unit, _edit_unit,
                     choices=_obs_choices, edit_text=lambda o: o.entered_unit or o.unit or ""),
        RecordColumn("Stored as", _stored),
    )


# -- treatments ----------------------------------------------------------------------------

def _treatment_with(t: Treatment, **changes) -> Treatment:
    """The course with one field changed, checked as a new entry would be; the fields not
    edited keep their exact values (a dose is never re-read from its rounded display)."""
    return entry.checked_treatment(entry.replace(t, **changes))


def _optional_datetime(text: str):
    return fmt.parse_uk_datetime(text) if text.strip() else None


def _route_text(t: Treatment) -> str:
    return (t.route or "").upper() if t.route in ("sc", "iv") else (t.route or "")


class TreatmentTableModel(RecordTableModel):
    COLUMNS = (
        RecordColumn("Drug", lambda t: t.drug.replace("_", " ").capitalize()),
        RecordColumn("Which", lambda t: t.name or "",
                      lambda t, s: _treatment_with(t, name=s or None),
                      choices=lambda t: CORTICOSTEROIDS if t.drug == "corticosteroid" else ()),
        RecordColumn("Start", lambda t: fmt.uk_datetime(t.start),
                     lambda t, s: _treatment_with(t, start=fmt.parse_uk_datetime(s))),
        RecordColumn("Stop", lambda t: fmt.uk_datetime(t.stop) or "ongoing",
                     lambda t, s: _treatment_with(t, stop=_optional_datetime(s)),
                     edit_text=lambda t: fmt.uk_datetime(t.stop)),
        RecordColumn("Dose (mg)", lambda t: entry.exact_number_display(t.dose_mg) if t.dose_mg else "",
                     lambda t, s: _treatment_with(t, dose_mg=entry.dose_from_text(s)),
                     edit_text=lambda t: entry.exact_number_text(t.dose_mg) if t.dose_mg else ""),
        RecordColumn("Every (h)", lambda t: entry.exact_number_display(t.every_hours) if t.every_hours else "",
                     lambda t, s: _treatment_with(t, every_hours=entry.interval_from_text(s)),
                     edit_text=lambda t: entry.exact_number_text(t.every_hours) if t.every_hours else ""),
        RecordColumn("Route", _route_text, lambda t, s: _treatment_with(t, route=s.lower() or None),
                      choices=lambda t: ROUTES, edit_text=lambda t: t.route or ""),
        RecordColumn("mg/day", lambda t: format_number(t.daily_dose_mg) if t.daily_dose_mg else ""),
    )

    @staticmethod
    def sort_key(record):
        return record.start


# -- events --------------------------------------------------------------------------------

def timed_note_columns(kinds: tuple[str, ...], header: str) -> tuple[RecordColumn, ...]:
    """When, which kind, and a note: events and monitoring records."""
    def kind_of(text: str) -> str:
        kind = text.strip().lower().replace(" ", "_")
        if kind not in kinds:
            raise entry.EntryError(f"'{text}' is not one of {', '.join(kinds)}")
        return kind

    return (
        RecordColumn("When", lambda e: fmt.uk_datetime(e.at),
                     lambda e, s: entry.replace(e, at=fmt.parse_uk_datetime(s))),
        RecordColumn(header, lambda e: e.kind.replace("_", " ").capitalize(),
                     lambda e, s: entry.replace(e, kind=kind_of(s)),
                     choices=lambda e: kinds, edit_text=lambda e: e.kind),
        RecordColumn("Note", lambda e: e.note or "",
                     lambda e, s: entry.replace(e, note=s.strip() or None)),
    )


class EventTableModel(RecordTableModel):
    COLUMNS = timed_note_columns(EVENT_KINDS, "Event")


class MonitoringTableModel(RecordTableModel):
    """Monitoring the policy asks for while on anakinra (infection, allergic reaction)."""

    COLUMNS = timed_note_columns(MONITORING_KINDS, "Monitoring for")
