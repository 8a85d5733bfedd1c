"""The cumulative results grid: a lab printout typed as it is printed, tests down the
side and date-times across, one column per sample time.

Typing runs down a column: the column's date and time first ("3/12 08:00", "today
8am", read by hlhdesk.core.typed_dates), then each value; a column after a dated one
offers the next day at the same time (Enter or Tab takes it, typing replaces it,
Escape or moving away leaves the cell empty: it is never kept unless accepted); Enter or Tab moves down, a
blank cell is skipped with Enter, and the bottom of a column (or Ctrl+Enter anywhere in
it) leads to the top of the next. A finding takes one key (y or n), which also moves
on. Each row has its unit, which may be changed from the printout's (g/dL for
haemoglobin, mg/dL for triglycerides) and is converted as every entry path converts it.

"Save results" checks every cell first and saves all of them, or none, as one undoable
change with one audit transaction; a cell that is refused is marked, with the reason,
and everything typed stays.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hlhdesk.core.labs.labcsv import check_result_time
from hlhdesk.core.typed_dates import TypedDateError, parse_typed_moment
from hlhdesk.core.units import CATALOGUE, display_unit
from hlhdesk.gui.desk import entry
from hlhdesk.gui.desk.commands import AddRecords
from hlhdesk.gui.kit import date_field
from hlhdesk.gui.kit.wheel_guard import guard_wheel
from hlhdesk.gui.kit.widgets import ErrorLabel
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QShortcut,
    QStyledItemDelegate,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

# The weight first (every dose is judged per kg), then the tests in the order a UK
# cumulative report prints them, the temperature, then the findings.
GRID_KINDS = ("weight", "haemoglobin", "wbc", "neutrophils", "platelets", "ferritin", "triglycerides",
              "fibrinogen", "ast", "alt", "ldh", "crp", "scd25", "creatinine_clearance", "temperature",
              "splenomegaly", "hepatomegaly")
TIME_ROW = 0
FIRST_VALUE_COLUMN = 2  # 0: the test, 1: its unit
START_COLUMNS = 4
REFUSED = QColor("#f8d7da")
TIME_SHOWN = "%d/%m/%Y %H:%M"
OFFER_TIP = ("The next day at the same time as the column before: Enter or Tab takes it, "
             "typing replaces it, Esc leaves the cell empty.")


def _enter(event) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _next_column_key(event) -> bool:
    """Ctrl+Enter: this column is done, go to the top of the next."""
    return _enter(event) and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)


class _DownTheColumn(QStyledItemDelegate):
    """Enter in a cell being edited commits it and moves on, as Tab does; Ctrl+Enter
    commits it and goes to the top of the next column. An empty date-time cell opens
    with the date-time `offer(column)` gives, selected, kept only if Enter or Tab (going
    on from it) takes it."""

    def __init__(self, table, offer):
        super().__init__(table)
        self.offer = offer

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt's name
        super().setEditorData(editor, index)
        offered = self.offer(index.column()) if index.row() == TIME_ROW and not editor.text() else ""
        editor.setProperty("offered", offered)
        editor.setProperty("accepted", False)
        if offered:
            editor.setText(offered)
            editor.selectAll()  # the first key typed replaces it
            editor.setToolTip(OFFER_TIP)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt's name
        if editor.property("offered") and not editor.isModified() and not editor.property("accepted"):
            return  # an offer nobody took (Escape, a click elsewhere, Save): the cell stays empty
        super().setModelData(editor, model, index)

    def eventFilter(self, editor, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and (_enter(event) or event.key() == Qt.Key.Key_Tab):
            editor.setProperty("accepted", True)  # going on from it takes it; Shift+Tab back does not
        if event.type() == QEvent.Type.KeyPress and self._one_key_finding(editor, event):
            editor.setText(event.text().lower())
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.EditNextItem)
            return True
        if event.type() == QEvent.Type.KeyPress and _enter(event):
            self.commitData.emit(editor)
            if _next_column_key(event):
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                self.parent().next_column()
            else:
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.EditNextItem)
            return True
        return super().eventFilter(editor, event)


    def _one_key_finding(self, editor, event) -> bool:
        """A finding's row takes y or n as its whole answer and moves on."""
        row = self.parent().currentRow()
        return (event.text().lower() in ("y", "n") and not editor.text() and 0 < row <= len(GRID_KINDS)
                and CATALOGUE[GRID_KINDS[row - 1]].value_type == "boolean")


class GridTable(QTableWidget):
    """A table whose next cell is the one below (then the top of the next column)."""

    new_column_wanted = Signal()

    def moveCursor(self, action, modifiers):  # noqa: N802 - Qt's name
        current = self.currentIndex()
        actions = QAbstractItemView.CursorAction
        if current.isValid() and action in (actions.MoveNext, actions.MovePrevious):
            row, column = current.row(), current.column()
            step = 1 if action == actions.MoveNext else -1
            row += step
            if row >= self.rowCount():
                row, column = TIME_ROW, min(column + 1, self.columnCount() - 1)
            elif row < 0:
                row, column = self.rowCount() - 1, max(column - 1, FIRST_VALUE_COLUMN)
            return self.model().index(row, max(column, FIRST_VALUE_COLUMN))
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if _next_column_key(event):
            self.next_column()
            return
        if _enter(event) and self.state() != self.State.EditingState:
            self.setCurrentIndex(self.moveCursor(QAbstractItemView.CursorAction.MoveNext, event.modifiers()))
            return
        super().keyPressEvent(event)

    def next_column(self) -> None:
        """The top of the column after this one (a new column at the end)."""
        column = max(self.currentColumn(), FIRST_VALUE_COLUMN - 1) + 1
        if column >= self.columnCount():
            self.new_column_wanted.emit()
        self.setCurrentCell(TIME_ROW, min(column, self.columnCount() - 1))


class ResultsGrid(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.table = GridTable(1 + len(GRID_KINDS), FIRST_VALUE_COLUMN + START_COLUMNS)
        self.table.setAccessibleName("Results grid")
        self.table.setItemDelegate(_DownTheColumn(self.table, self.offered_time))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.CurrentChanged)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.unit_boxes: dict[str, QComboBox] = {}
        self._build_rows()
        self._label_columns()
        self.save_button = QPushButton("Save results")
        self.save_button.setAccessibleName("Save the results in the grid")
        self.add_column_button = QPushButton("Add a column")
        self.clear_button = QPushButton("Clear")
        self.error_label = ErrorLabel("Results grid error")
        hint = QLabel("Type down a column: its date and time, then each value (Enter or Tab moves down, "
                      "Enter alone skips a test, Ctrl+Enter goes to the next column, which offers the "
                      "next day at the same time: Enter takes it, typing replaces it). Findings: y or n. "
                      "Nothing is saved until Save results (Ctrl+S).")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_column_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_column_button.clicked.connect(self.add_column)
        self.clear_button.clicked.connect(self.clear)
        self.table.itemChanged.connect(self._changed)
        self.table.new_column_wanted.connect(self.add_column)
        guard_wheel(self)

    # -- building -------------------------------------------------------------------------

    def _build_rows(self) -> None:
        self._fixed_item(TIME_ROW, 0, "Date and time")
        self._fixed_item(TIME_ROW, 1, "dd/mm hh:mm")
        for row, kind in enumerate(GRID_KINDS, start=1):
            spec = CATALOGUE[kind]
            self._fixed_item(row, 0, spec.label)
            if spec.value_type == "number":
                box = QComboBox()
                box.setAccessibleName(f"{spec.label} unit")
                for unit in spec.accepted_units:
                    box.addItem(display_unit(unit), unit)
                box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab runs down the values
                self.unit_boxes[kind] = box
                self.table.setCellWidget(row, 1, box)
            else:
                self._fixed_item(row, 1, "y / n")
        for column in range(FIRST_VALUE_COLUMN, self.table.columnCount()):
            self._blank_column(column)
        # Narrow enough that four samples fit beside the case list on a 1024-pixel screen.
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 84)

    def _fixed_item(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, column, item)

    def _blank_column(self, column: int) -> None:
        for row in range(self.table.rowCount()):
            self.table.setItem(row, column, QTableWidgetItem(""))
        self.table.setColumnWidth(column, 122)

    def _label_columns(self) -> None:
        labels = ["Test", "Unit"] + [f"Sample {n}" for n in range(1, self.table.columnCount() - 1)]
        self.table.setHorizontalHeaderLabels(labels)

    def add_column(self) -> None:
        column = self.table.columnCount()
        self.table.insertColumn(column)
        self._blank_column(column)
        self._label_columns()

    def clear(self) -> None:
        self.table.blockSignals(True)
        for column in range(FIRST_VALUE_COLUMN, self.table.columnCount()):
            for row in range(self.table.rowCount()):
                self._mark(self.table.item(row, column), "")
                self.table.item(row, column).setText("")
        self.table.blockSignals(False)
        self.error_label.clear_error()

    def start_typing(self) -> None:
        """The cursor to the top of the first column with nothing typed in it."""
        empty = [c for c in self.value_columns()
                 if not any(self._text(row, c) for row in range(self.table.rowCount()))]
        if not empty:
            self.add_column()
            empty = [self.table.columnCount() - 1]
        self.table.setFocus()
        self.table.setCurrentCell(TIME_ROW, empty[0])
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None:  # already open there (the tab shown opened it): typing goes in
            editor.setFocus()

    def value_columns(self) -> range:
        return range(FIRST_VALUE_COLUMN, self.table.columnCount())

    # -- reading ----------------------------------------------------------------------------

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _moment(self, column: int, now: datetime) -> datetime:
        """The column's date-time; a time alone or a day alone takes the rest from the
        column before (a printout's samples are usually on neighbouring days)."""
        return parse_typed_moment(self._text(TIME_ROW, column), now, self._moment_before(column, now))

    def _moment_before(self, column: int, now: datetime) -> datetime | None:
        """The date-time of the nearest column before `column` that has a readable one."""
        for before in range(column - 1, FIRST_VALUE_COLUMN - 1, -1):
            try:
                return parse_typed_moment(self._text(TIME_ROW, before), now)
            except TypedDateError:
                continue
        return None

    def offered_time(self, column: int) -> str:
        """For an empty column's date-time: the next day at the time of the column before
        (a daily printout), or nothing if there is none or that is still to come."""
        now = date_field.clock()
        before = self._moment_before(column, now)
        if before is None or before + timedelta(days=1) > now:
            return ""
        return (before + timedelta(days=1)).strftime(TIME_SHOWN)

    def _changed(self, item: QTableWidgetItem) -> None:
        """A date-time typed at the top of a column is shown as it was read at once."""
        if item.row() != TIME_ROW or item.column() < FIRST_VALUE_COLUMN or not item.text().strip():
            return
        try:
            at = self._moment(item.column(), date_field.clock())
        except TypedDateError as exc:
            self._mark(item, str(exc))
            return
        self.table.blockSignals(True)
        item.setText(at.strftime(TIME_SHOWN))
        self.table.blockSignals(False)
        self._mark(item, "")

    @staticmethod
    def _mark(item: QTableWidgetItem, problem: str) -> None:
        item.setBackground(QBrush(REFUSED) if problem else QBrush())
        item.setToolTip(problem)

    def observations(self) -> tuple[list, list[str]]:
        """Every filled cell as an observation, and the problems (column and test named)."""
        now = date_field.clock()
        found, problems = [], []
        for column in self.value_columns():
            filled = [row for row in range(1, self.table.rowCount()) if self._text(row, column)]
            time_item = self.table.item(TIME_ROW, column)
            self._mark(time_item, "")
            if not filled:
                continue
            name = f"Sample {column - FIRST_VALUE_COLUMN + 1}"
            try:
                at = check_result_time(self._moment(column, now), now)
            except ValueError as exc:
                problem = str(exc) if self._text(TIME_ROW, column) else "enter the date and time at the top"
                problems.append(f"{name}: {problem}")
                self._mark(time_item, problem)
                continue
            for row in filled:
                kind = GRID_KINDS[row - 1]
                item = self.table.item(row, column)
                box = self.unit_boxes.get(kind)
                try:
                    found.append(entry.make_observation(at, kind, item.text(), box.currentData() if box else None))
                    self._mark(item, "")
                except entry.EntryError as exc:
                    problems.append(f"{name}, {CATALOGUE[kind].label}: {exc}")
                    self._mark(item, str(exc))
        return found, problems

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """All or nothing, as one undoable change."""
        if self.session.case is None:
            return False
        if self.table.state() == QAbstractItemView.State.EditingState:
            # Ctrl+S while a cell is being typed in: that cell counts too (moving the
            # cursor commits the editor's text).
            self.table.setCurrentCell(TIME_ROW, 0)
        found, problems = self.observations()
        if problems:
            self.error_label.show_error("Nothing was saved: " + "; ".join(problems[:6])
                                        + (f"; and {len(problems) - 6} more" if len(problems) > 6 else ""))
            return False
        if not found:
            self.error_label.show_error("Nothing to save: type a date and time and some values first.")
            return False
        if not self.session.execute(AddRecords(self.session, found, f"add {len(found)} results from the grid")):
            self.error_label.show_error("Not saved: the database refused it; your typing is kept.")
            return False
        self.clear()
        return True
