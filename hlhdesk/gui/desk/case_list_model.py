"""The case list: a table model over `store.list_cases()`, and a proxy that searches,
filters and sorts it.

Where each patient is comes from the store's status cache (the pathway phase, the day of
the episode, the verdict, urgency, the review due, the MDT's last decision), written when
a case is evaluated: nothing here evaluates a case, so the list never judges on the GUI
thread. Sorted by urgency (the phase column) unless the user sorts otherwise.

The proxy is our own (a flat QAbstractProxyModel) rather than QSortFilterProxyModel:
with 10,000 cases, QSortFilterProxyModel sorts by calling the Python `data()` once per
comparison (about a second per sort here), while sorting precomputed keys in Python
takes a few milliseconds. Search keys are precomputed too, so a keystroke costs one
pass over plain strings.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum

from hlhdesk.core.evaluation import EligibilityStatus
from hlhdesk.core.evaluation.pathway import review_is_due
from hlhdesk.core.meetings.meeting import Decision
from hlhdesk.core.model import display_name as patient_display_name
from hlhdesk.gui.kit import formatting as fmt
from hlhdesk.gui.render.pathway_marks import (
    TONE_COLOURS,
    phase_and_verdict,
    phase_of,
    phase_words,
    tone_of,
)
from hlhdesk.gui.qt import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QColor,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(Enum):
    # (header, default width in pixels)
    PATIENT = ("Patient", 150)
    PHASE = ("Phase", 165)
    DAY = ("Day", 45)
    VERDICT = ("Verdict", 360)
    LAST_DECISION = ("Last MDT decision", 200)
    ACTIONS = ("Overdue actions", 125)
    NEXT_REVIEW = ("Review due", 150)
    STATUS = ("Policy criteria", 190)
    NHS_NUMBER = ("NHS number", 100)
    HOSPITAL_NUMBER = ("Hospital no.", 90)
    DAY0 = ("Day 0", 85)
    DATE_OF_BIRTH = ("Born", 85)
    HLH_TYPE = ("HLH type", 80)
    REFERRING_HOSPITAL = ("Referred from", 140)
    OBSERVATIONS = ("Results", 60)
    UPDATED = ("Updated", 120)

    @property
    def header(self) -> str:
        return self.value[0]

    @property
    def default_width(self) -> int:
        return self.value[1]


COLUMNS = tuple(Column)


def _replace(record, **changes):
    """CaseSummary may be a dataclass or a named tuple; both can be copied with changes."""
    if dataclasses.is_dataclass(record):
        return dataclasses.replace(record, **changes)
    return record._replace(**changes)


def _fields_of(record) -> frozenset[str]:
    """The names a summary can be copied with (not its properties, e.g. review_due)."""
    if dataclasses.is_dataclass(record):
        return frozenset(f.name for f in dataclasses.fields(record))
    return frozenset(record._fields)


def display_name(summary) -> str:
    return patient_display_name(summary.family_name, summary.given_name)


def _field(summary, name: str, default=None):
    """A status-cache field of the summary (None before the case was first evaluated)."""
    return getattr(summary, name, default)


def phase_text(summary) -> str:
    """The phase cell: mark and words, "⚠ Stop recommended" (colour only adds to it)."""
    phase = phase_of(_field(summary, "phase"))
    if phase is None:
        return "– Not evaluated"
    return phase_words(_field(summary, "phase_label") or phase.label, _field(summary, "tone"))


def last_decision_text(summary) -> str:
    decision, held_on = _field(summary, "last_decision"), _field(summary, "last_decision_on")
    if not decision:
        return ""
    try:
        words = Decision(decision).label  # the cache holds the value ("continue")
    except ValueError:
        words = str(decision)
    return f"{words}, {fmt.uk_date(held_on)}" if held_on else words


def overdue_actions_text(summary) -> str:
    count = _field(summary, "overdue_actions") or 0
    return f"⚠ {count} overdue" if count else ""


def review_due_text(summary) -> str:
    due = _field(summary, "review_due", summary.next_review)
    if not due:
        return ""
    return f"⚠ {fmt.uk_date(due)} overdue" if _field(summary, "overdue") else fmt.uk_date(due)


def _cell_text(summary, column: Column) -> str:
    match column:
        case Column.PATIENT:
            return display_name(summary)
        case Column.PHASE:
            return phase_text(summary)
        case Column.DAY:
            day = _field(summary, "day")
            return "" if day is None else str(day)
        case Column.VERDICT:
            return _field(summary, "verdict") or ""
        case Column.LAST_DECISION:
            return last_decision_text(summary)
        case Column.ACTIONS:
            return overdue_actions_text(summary)
        case Column.NHS_NUMBER:
            return fmt.nhs(summary.nhs_number)
        case Column.HOSPITAL_NUMBER:
            return summary.hospital_number or ""
        case Column.DATE_OF_BIRTH:
            return fmt.uk_date(summary.date_of_birth)
        case Column.HLH_TYPE:
            return str(summary.hlh_type or "").capitalize()
        case Column.REFERRING_HOSPITAL:
            return summary.referring_hospital or ""
        case Column.DAY0:
            return fmt.uk_date(summary.current_day0)
        case Column.STATUS:
            return fmt.eligibility_text(summary.eligibility)
        case Column.NEXT_REVIEW:
            return review_due_text(summary)
        case Column.OBSERVATIONS:
            return str(summary.observation_count or 0)
        case Column.UPDATED:
            return fmt.uk_datetime(summary.updated_at)
    return ""


def _sort_key(summary, column: Column):
    """Keys that sort as a clinician expects: dates as dates, counts as numbers, and
    blanks last whichever the direction (a (flag, value) pair keeps types apart)."""
    match column:
        case Column.PHASE:
            # Most pressing first; ties by name, so the order is stable and readable.
            urgency = _field(summary, "urgency")
            return (urgency is None, urgency if urgency is not None else 0, _name_key(summary))
        case Column.DATE_OF_BIRTH | Column.DAY0 | Column.NEXT_REVIEW | Column.UPDATED | Column.LAST_DECISION:
            moment = fmt.as_datetime({
                Column.DATE_OF_BIRTH: summary.date_of_birth,
                Column.DAY0: summary.current_day0,
                Column.NEXT_REVIEW: _field(summary, "review_due", summary.next_review),
                Column.UPDATED: summary.updated_at,
                Column.LAST_DECISION: _field(summary, "last_decision_on"),
            }[column])
            return (moment is None, moment or datetime.min)
        case Column.OBSERVATIONS:
            return (False, summary.observation_count or 0)
        case Column.DAY | Column.ACTIONS:
            value = _field(summary, "day" if column is Column.DAY else "overdue_actions")
            return (value is None, value or 0)
        case Column.PATIENT:
            return (False, _name_key(summary))
    text = _cell_text(summary, column).lower()
    return (text == "", text)


def _name_key(summary) -> tuple[str, str]:
    return (summary.family_name or "").lower(), (summary.given_name or "").lower()


_HEADER_TIPS = {
    Column.PHASE: "Where the patient is on the pathway; sorted most pressing first",
    Column.DAY: "Calendar day of the anakinra episode (day 0: the first dose)",
    Column.VERDICT: "What the MDT must decide, and why (supports the MDT; the MDT decides)",
    Column.LAST_DECISION: "The MDT's last recorded decision and the date of its meeting",
    Column.ACTIONS: "Actions from earlier MDT outcomes past their due date",
    Column.NEXT_REVIEW: "The review that is due; it stays until an outcome on or after it is recorded",
}


def _tooltip(summary, column: Column) -> str | None:
    if column is Column.STATUS:
        return "From the last evaluation; the MDT decides." if summary.eligibility else (
            "Not evaluated yet: select the case to evaluate it.")
    if column in (Column.PHASE, Column.VERDICT):
        phase = phase_of(_field(summary, "phase"))
        if phase is None:
            return "Not evaluated yet: select the case to evaluate it."
        return phase_and_verdict(phase.label, _field(summary, "tone"), _field(summary, "verdict"))
    return None


class CaseListModel(QAbstractTableModel):
    """Every case in the database, one row each, in the order the store gave them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._summaries: list = []
        self._row_of: dict[int, int] = {}

    # -- the Qt model interface -------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._summaries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column_number: int, role):
        """data() by row and column, for the proxy to call without making indexes."""
        summary = self._summaries[row]
        column = COLUMNS[column_number]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cell_text(summary, column)
        if role == CASE_ID_ROLE:
            return summary.case_id
        if role == SUMMARY_ROLE:
            return summary
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is Column.STATUS and summary.eligibility:
                return QColor(fmt.ELIGIBILITY_COLOURS[EligibilityStatus(summary.eligibility)])
            if column in (Column.PHASE, Column.VERDICT) and _field(summary, "phase"):
                return QColor(TONE_COLOURS[tone_of(_field(summary, "tone"))])
            if column in (Column.ACTIONS, Column.NEXT_REVIEW) and _cell_text(summary, column).startswith("⚠"):
                return QColor(TONE_COLOURS[tone_of("warning")])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(summary, column)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return _HEADER_TIPS.get(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section].header
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    # -- what the desk calls -------------------------------------------------------------
    def set_summaries(self, summaries) -> None:
        self.beginResetModel()
        self._summaries = list(summaries)
        self._row_of = {s.case_id: row for row, s in enumerate(self._summaries)}
        self.endResetModel()

    def summaries(self) -> list:
        return self._summaries

    def summary(self, row: int):
        return self._summaries[row]

    def row_of(self, case_id: int) -> int | None:
        return self._row_of.get(case_id)

    def upsert(self, summary) -> None:
        """Replace the row of a case that changed, or append a new case."""
        row = self._row_of.get(summary.case_id)
        if row is None:
            row = len(self._summaries)
            self.beginInsertRows(QModelIndex(), row, row)
            self._summaries.append(summary)
            self._row_of[summary.case_id] = row
            self.endInsertRows()
            return
        self._summaries[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_status(self, case_id: int, fields: dict) -> None:
        """Show a fresh evaluation's status (the cache's fields) without reloading the list."""
        self.set_statuses([(case_id, fields)])

    def set_statuses(self, statuses) -> None:
        """Many statuses at once (a background refresh): one dataChanged for the lot,
        so the filter is recomputed once, not once a row. Each status is (case id, the
        status cache's fields); fields the list does not show are left out."""
        rows = []
        for case_id, fields in statuses:
            row = self._row_of.get(case_id)
            if row is not None:
                old = self._summaries[row]
                self._summaries[row] = _replace(old, **{k: v for k, v in fields.items() if k in _fields_of(old)})
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def refresh_from_case(self, case_id: int, case) -> None:
        """Bring a row up to date with a case just read back from the store (names,
        day 0, result count), without listing the whole database again."""
        row = self._row_of.get(case_id)
        if row is None:
            return
        old = self._summaries[row]
        starts = [t.start for t in case.treatments if t.drug == "anakinra"]
        p, d = case.patient, case.details
        new = _replace(
            old, family_name=p.family_name, given_name=p.given_name, nhs_number=p.nhs_number,
            hospital_number=p.hospital_number, date_of_birth=p.date_of_birth,
            sex=p.sex, hlh_type=d.hlh_type,
            referring_hospital=d.referring_hospital,
            first_anakinra_start=min(starts) if starts else None,
            observation_count=len(case.observations),
        )
        if any(_cell_text(old, c) != _cell_text(new, c) for c in COLUMNS):
            self.upsert(new)


class CaseFilter:
    """What the user asked to see: search text and the filter choices."""

    ANY = "any"
    NOT_EVALUATED = "not_evaluated"

    def __init__(self, text: str = "", eligibility: str = ANY, on_anakinra: bool = False,
                 review_due: bool = False, today: date | None = None, phase: str = ANY):
        self.text = text
        self.eligibility = eligibility
        self.phase = phase
        self.on_anakinra = on_anakinra
        self.review_due = review_due
        self.today = today


def _search_key(summary) -> tuple[str, str]:
    words = " ".join(
        w for w in (summary.family_name, summary.given_name, summary.given_name,
                    summary.family_name, summary.hospital_number) if w
    ).lower()
    return words, summary.nhs_number or ""


class CaseFilterProxy(QAbstractProxyModel):
    """Search as you type, filter and sort over a CaseListModel; a flat table."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filter = CaseFilter()
        self._sort_column: Column | None = None
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._rows: list[int] = []  # source rows, in display order
        self._position: dict[int, int] = {}
        self._words: list[str] = []  # names and hospital number, lower case, per source row
        self._digits: list[str] = []  # NHS number digits, per source row
        self._order: list[int] = []  # every source row, sorted

    # -- wiring to the source -----------------------------------------------------------
    def setSourceModel(self, model: CaseListModel) -> None:
        self.beginResetModel()
        old = self.sourceModel()
        if old is not None:
            for signal in (old.modelReset, old.rowsInserted, old.rowsRemoved, old.layoutChanged):
                signal.disconnect(self._rebuild)
            old.dataChanged.disconnect(self._source_data_changed)
        super().setSourceModel(model)
        model.modelReset.connect(self._rebuild)
        model.rowsInserted.connect(self._rebuild)
        model.rowsRemoved.connect(self._rebuild)
        model.layoutChanged.connect(self._rebuild)
        model.dataChanged.connect(self._source_data_changed)
        self._index_source()
        self._apply()
        self.endResetModel()

    def _rebuild(self, *args) -> None:
        self.beginResetModel()
        self._index_source()
        self._apply()
        self.endResetModel()

    def _index_source(self) -> None:
        """Search keys and the sorted order of every case: work done once per change of
        the data, so a keystroke only filters an already sorted list."""
        source = self.sourceModel()
        summaries = source.summaries() if source is not None else []
        keys = [_search_key(s) for s in summaries]
        self._words = [k[0] for k in keys]
        self._digits = [k[1] for k in keys]
        self._sort_all()

    def _sort_all(self) -> None:
        source = self.sourceModel()
        summaries = source.summaries() if source is not None else []
        order = list(range(len(summaries)))
        if self._sort_column is not None:
            column = self._sort_column
            keys = [_sort_key(s, column) for s in summaries]
            order.sort(key=keys.__getitem__, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        self._order = order

    def _source_data_changed(self, top_left, bottom_right, roles=()) -> None:
        # A changed row may now fall outside the filter or sort elsewhere.
        rows_before = list(self._rows)
        self._index_source()
        self._apply()
        if rows_before != self._rows:
            self.layoutAboutToBeChanged.emit()
            self._remap_persistent(rows_before)
            self.layoutChanged.emit()
            return
        for row in range(top_left.row(), bottom_right.row() + 1):
            position = self._position.get(row)
            if position is not None:
                self.dataChanged.emit(self.index(position, 0),
                                      self.index(position, self.columnCount() - 1))

    def _remap_persistent(self, rows_before: list[int]) -> None:
        old = self.persistentIndexList()
        new = []
        for index in old:
            source_row = rows_before[index.row()] if index.row() < len(rows_before) else None
            position = self._position.get(source_row) if source_row is not None else None
            new.append(QModelIndex() if position is None else self.index(position, index.column()))
        self.changePersistentIndexList(old, new)

    # -- filtering and sorting ------------------------------------------------------------
    def set_filter(self, case_filter: CaseFilter) -> None:
        self._filter = case_filter
        self.beginResetModel()
        self._apply()
        self.endResetModel()

    def case_filter(self) -> CaseFilter:
        return self._filter

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = COLUMNS[column] if 0 <= column < len(COLUMNS) else None
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        rows_before = list(self._rows)
        self._sort_all()
        self._apply()
        self._remap_persistent(rows_before)
        self.layoutChanged.emit()

    def _apply(self) -> None:
        """The rows to show: the sorted order, filtered. Text is matched with one list
        comprehension per word (the keystroke path); other filters then thin the rest."""
        source = self.sourceModel()
        summaries = source.summaries() if source is not None else []
        rows = self._order
        text = self._filter.text.strip().lower()
        if text:
            compact = text.replace(" ", "")
            digits = self._digits
            by_digits = [r for r in rows if compact in digits[r]] if compact.isdigit() else []
            words = self._words
            for part in text.split():
                rows = [r for r in rows if part in words[r]]
            if by_digits:
                found = set(rows) | set(by_digits)
                rows = [r for r in self._order if r in found]
        accepts = self._acceptor()
        if accepts is not None:
            rows = [r for r in rows if accepts(summaries[r])]
        self._rows = rows if rows is not self._order else list(rows)
        self._position = {source_row: position for position, source_row in enumerate(self._rows)}

    def _acceptor(self):
        """One test for a row, built once per filter with only the checks it needs
        (None when there are none beyond the text)."""
        f = self._filter
        checks = []
        if f.eligibility != CaseFilter.ANY:
            wanted = None if f.eligibility == CaseFilter.NOT_EVALUATED else f.eligibility
            checks.append(lambda summary: (summary.eligibility or None) == wanted)
        if f.phase != CaseFilter.ANY:
            wanted = None if f.phase == CaseFilter.NOT_EVALUATED else f.phase
            checks.append(lambda summary: (_field(summary, "phase") or None) == wanted)
        if f.on_anakinra:
            # A course running now (the cached phase), not "ever had anakinra".
            checks.append(lambda summary: (phase := phase_of(_field(summary, "phase"))) is not None
                          and phase.on_anakinra)
        if f.review_due:
            # The pathway's one definition (core.evaluation.pathway.review_is_due): the cache
            # keeps a review until an outcome on or after it is recorded, so an overdue one
            # (its date long past) stays in, and stays at the top.
            today = f.today or date.today()
            checks.append(lambda summary: review_is_due(_field(summary, "review_due"), today))
        if not checks:
            return None
        if len(checks) == 1:
            return checks[0]
        return lambda summary: all(check(summary) for check in checks)

    # -- the proxy interface (a flat table) -----------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def index(self, row, column, parent=QModelIndex()):
        if parent.isValid() or not (0 <= row < len(self._rows)) or not (0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index=QModelIndex()):
        return QModelIndex()

    def sibling(self, row, column, index):
        return self.index(row, column)

    def hasChildren(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and bool(self._rows)

    def mapToSource(self, proxy_index):
        if not proxy_index.isValid() or self.sourceModel() is None:
            return QModelIndex()
        if isinstance(proxy_index, QPersistentModelIndex):
            proxy_index = QModelIndex(proxy_index)
        return self.sourceModel().index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index):
        if not source_index.isValid():
            return QModelIndex()
        position = self._position.get(source_index.row())
        if position is None:
            return QModelIndex()
        return self.index(position, source_index.column())

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.sourceModel() is None:
            return None
        return self.sourceModel().cell(self._rows[index.row()], index.column(), role)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        return self.sourceModel().headerData(section, orientation, role) if self.sourceModel() else None

    # -- what the desk calls ---------------------------------------------------------------
    def case_id_at(self, row: int) -> int | None:
        if not 0 <= row < len(self._rows):
            return None
        return self.sourceModel().summary(self._rows[row]).case_id

    def row_of_case(self, case_id: int) -> int | None:
        source_row = self.sourceModel().row_of(case_id)
        return None if source_row is None else self._position.get(source_row)
