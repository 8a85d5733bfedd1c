"""The lab import preview: every row of the file with what will happen to it (added to
which case, skipped as already stored, or rejected and why), the counts, and Import /
Cancel. Nothing is written until Import; then all the added rows are written at once or
none (the store's transaction), and a failure leaves the dialog open with the preview.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from hlhdesk.core.labs.labimport import ImportPlan, PlannedRow, RowStatus, describe_result
from hlhdesk.errors import InputError
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QApplication,
    QBrush,
    QColor,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPushButton,
    QSize,
    Qt,
    QTableView,
    QVBoxLayout,
)
from hlhdesk.gui.kit.window_geometry import fitted_size

# Words first, colour second: the outcome is readable on a washed-out projector and by
# anyone who does not see red and green apart.
STATUS_TEXT = {RowStatus.ADD: "Add", RowStatus.DUPLICATE: "Skipped", RowStatus.REJECTED: "Rejected"}
STATUS_COLOUR = {RowStatus.ADD: "#e6f4ea", RowStatus.DUPLICATE: "#eeeeee",
                 RowStatus.REJECTED: "#fce8e6"}
# Outcome last and stretched: for a rejected row its reason is what the user reads.
COLUMNS = ("Line", "Case", "Identifier", "Taken", "Test", "Result as sent", "Stored as", "Outcome")
COLUMN_WIDTHS = (50, 170, 95, 115, 125, 105, 250)
FILTERS = (("All rows", None), ("To add", RowStatus.ADD),
           ("Skipped (already stored)", RowStatus.DUPLICATE), ("Rejected", RowStatus.REJECTED))


class LabImportModel(QAbstractTableModel):
    """The plan's rows, optionally only those of one status. Filtering rebuilds a plain
    list (cheap even for 100,000 rows) instead of a sort/filter proxy calling data()."""

    def __init__(self, plan: ImportPlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.rows: list[PlannedRow] = list(plan.rows)

    def show_only(self, status: RowStatus | None) -> None:
        self.beginResetModel()
        self.rows = [r for r in self.plan.rows if status is None or r.status is status]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        planned = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(planned, COLUMNS[index.column()])
        outcome_column = COLUMNS[index.column()] == "Outcome"
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cut-off cell
            return cell_text(planned, COLUMNS[index.column()]) or None
        if role == Qt.ItemDataRole.BackgroundRole and outcome_column:
            return QBrush(QColor(STATUS_COLOUR[planned.status]))
        if role == Qt.ItemDataRole.ForegroundRole and outcome_column:
            return QBrush(QColor("#202124"))
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()] == "Line":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def cell_text(planned: PlannedRow, column: str) -> str:
    row = planned.row
    if column == "Line":
        return str(row.line)
    if column == "Case":
        return planned.case.label if planned.case else ""
    if column == "Identifier":
        return row.identifier
    if column == "Taken":
        return f"{row.observation.at:%d/%m/%Y %H:%M}" if row.observation else row.when
    if column == "Test":
        return row.test
    if column == "Result as sent":
        return f"{row.value} {row.unit}".strip()
    if column == "Stored as":  # only for rows that are (or already were) stored
        stored = row.observation and planned.status is not RowStatus.REJECTED
        return describe_result(row.observation, with_time=False) if stored else ""
    return outcome_text(planned)


def outcome_text(planned: PlannedRow) -> str:
    """'Add', 'Skipped: already stored for this case', 'Rejected: <reason>'."""
    status = STATUS_TEXT[planned.status]
    return f"{status}: {planned.reason}" if planned.reason else status


class LabImportDialog(QDialog):
    """Shows `plan`; Import calls `do_import(plan)` (which writes, all or nothing, and
    returns an outcome with .summary()). `outcome` is set when the import succeeded."""

    def __init__(self, plan: ImportPlan, do_import: Callable[[ImportPlan], object], parent=None):
        super().__init__(parent)
        self.plan = plan
        self.do_import = do_import
        self.outcome = None
        self.setWindowTitle(f"Import lab results: {plan.source_name}")
        self.setSizeGripEnabled(True)
        self.resize(fitted_size(QSize(1280, 640)))

        self.file_label = QLabel(self._file_text())
        self.file_label.setWordWrap(True)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label = QLabel(self._counts_text())
        self.counts_label.setAccessibleName("Import summary")
        font = self.counts_label.font()
        font.setBold(True)
        self.counts_label.setFont(font)

        self.filter_box = QComboBox()
        self.filter_box.setAccessibleName("Show rows")
        for text, status in FILTERS:
            count = len(plan.rows) if status is None else plan.count(status)
            self.filter_box.addItem(f"{text} ({count:,})")
        self.filter_box.currentIndexChanged.connect(self._filter_changed)

        self.model = LabImportModel(plan, self)
        self.table = QTableView()
        self.table.setAccessibleName("Rows of the file")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        # The full outcome of the selected row, wrapped: a long reason never hides.
        self.detail_label = QLabel()
        self.detail_label.setAccessibleName("Selected row")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)

        self.save_rejected_button = QPushButton("Save skipped and rejected rows…")
        self.save_rejected_button.setEnabled(any(r.status is not RowStatus.ADD for r in plan.rows))
        self.save_rejected_button.clicked.connect(self.save_rejected_rows)
        self.buttons = QDialogButtonBox()
        to_add = plan.count(RowStatus.ADD)
        self.import_button = self.buttons.addButton(
            f"Import {to_add:,} result{'s' if to_add != 1 else ''}" if to_add else "Nothing to import",
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(to_add > 0)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.filter_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_rejected_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        note = QLabel("Nothing is written until you press Import; then every row marked Add is "
                      "written, or none. Censored values (such as <5) are never imported.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(bottom)
        if to_add:
            self.import_button.setDefault(True)
        else:
            self.cancel_button.setDefault(True)

    def _file_text(self) -> str:
        lab = self.plan.file
        parts = [f"{self.plan.source_name}: {lab.describe()}"]
        used = ", ".join(f"'{h}'" for h in lab.columns.values())
        parts.append(f"Columns used: {used}.")
        if lab.ignored_columns:
            parts.append(f"Not used: {', '.join(repr(h) for h in lab.ignored_columns)}.")
        return " ".join(parts)

    def _counts_text(self) -> str:
        return self.plan.summary()[:1].upper() + self.plan.summary()[1:] + "."

    def _show_detail(self, current, _previous=None) -> None:
        if not current.isValid():
            self.detail_label.clear()
            return
        planned = self.model.rows[current.row()]
        self.detail_label.setText(f"Line {planned.line}: {outcome_text(planned)}")

    def _filter_changed(self) -> None:
        # by position: Qt hands a Python enum back as a plain string
        self.model.show_only(FILTERS[self.filter_box.currentIndex()][1])

    def run_import(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.outcome = self.do_import(self.plan)
        except InputError as exc:
            failure = str(exc)
        else:
            failure = None
        finally:  # even an unexpected error must not leave the whole app showing "busy"
            QApplication.restoreOverrideCursor()
        if failure is not None:
            dialogs.warn(self, "Nothing was imported", failure)
            return
        self.accept()

    def save_rejected_rows(self, path: str | Path | None = None) -> Path | None:
        if not path:
            suggested = Path(self.plan.source_name or "lab-results").stem + "-not-imported.csv"
            path, _ = QFileDialog.getSaveFileName(self, "Save skipped and rejected rows",
                                                  suggested, "CSV files (*.csv)")
            if not path:
                return None
        return dialogs.write_chosen_file(self, "Could not save", Path(path), self.plan.rejected_rows_bytes())
