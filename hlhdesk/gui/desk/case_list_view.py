"""The case list pane: search as you type, filters, and the sortable table of cases."""

from __future__ import annotations

from hlhdesk.core.evaluation import EligibilityStatus
from hlhdesk.gui.desk.case_list_model import COLUMNS, CaseFilter, CaseFilterProxy, CaseListModel, Column
from hlhdesk.gui.render.pathway_marks import PHASE_CHOICES
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QItemSelectionModel,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
    Qt,
    Signal,
)
from hlhdesk.gui.kit.widgets import combo


class CaseListPane(QWidget):
    case_selected = Signal(object)  # case id, or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = CaseListModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName("Search cases")
        self.search_edit.setPlaceholderText("Search name, NHS or hospital no. (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.status_box = combo("Filter by policy criteria", [
            ("All statuses", CaseFilter.ANY),
            *[(s.label, s.value) for s in EligibilityStatus],
            ("Not evaluated", CaseFilter.NOT_EVALUATED),
        ])
        # Narrow when it must be (a 1024-px projector), as wide as its words when it can.
        self.status_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_box.setMinimumContentsLength(8)
        self.phase_box = combo("Filter by pathway phase", [
            ("All phases", CaseFilter.ANY),
            *[(phase.label, phase.value) for phase in PHASE_CHOICES],
            ("Not evaluated", CaseFilter.NOT_EVALUATED),
        ])
        self.phase_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.phase_box.setMinimumContentsLength(8)
        self.anakinra_box = QCheckBox("On anakinra")
        self.anakinra_box.setAccessibleName("Only cases on anakinra")
        self.review_box = QCheckBox("Review due")
        self.review_box.setToolTip("A review due today or overdue (day 7, day 14, a stop to confirm or a date "
                                   "the MDT set); it stays until an MDT outcome on or after it is recorded")
        self.review_box.setAccessibleName("Only cases with a review due or overdue")
        self.anakinra_box.setToolTip("A course of anakinra running now")
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of cases shown")

        self.table = QTableView()
        self.table.setAccessibleName("Cases")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        # Most pressing first: the phase column sorts by the pathway's urgency.
        self.table.sortByColumn(COLUMNS.index(Column.PHASE), Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        for n, column in enumerate(COLUMNS):
            self.table.setColumnWidth(n, column.default_width)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.phase_box, 1)
        filters.addWidget(self.status_box, 1)
        checks = QHBoxLayout()
        checks.addWidget(self.anakinra_box)
        checks.addWidget(self.review_box)
        checks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addLayout(checks)
        layout.addWidget(self.table, 1)

        self.search_edit.textChanged.connect(self.apply_filter)
        self.status_box.currentIndexChanged.connect(self.apply_filter)
        self.phase_box.currentIndexChanged.connect(self.apply_filter)
        self.anakinra_box.toggled.connect(self.apply_filter)
        self.review_box.toggled.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._selected: int | None = None
        self._replacing = False  # replace_summaries at work: the open case stays open
        self._update_count()

    def apply_filter(self) -> None:
        keep = self._selected
        self.proxy.set_filter(CaseFilter(
            text=self.search_edit.text(), eligibility=self.status_box.currentData(),
            phase=self.phase_box.currentData(),
            on_anakinra=self.anakinra_box.isChecked(), review_due=self.review_box.isChecked()))
        if keep is not None and self.proxy.row_of_case(keep) is not None:
            self.select_case(keep)

    def replace_summaries(self, summaries) -> None:
        """The whole list re-read (cases changed elsewhere): the selected case stays
        selected without being opened again, the case at the top of the view stays at
        the top, and the filter and sort (the proxy's) stay as they are. A selected case
        that is filtered out now stays open in the case view."""
        top_row = self.table.rowAt(0)
        top_case = self.proxy.case_id_at(top_row) if top_row >= 0 else None
        scroll = self.table.verticalScrollBar().value(), self.table.horizontalScrollBar().value()
        self._replacing = True
        try:
            self.model.set_summaries(summaries)
            if self._selected is not None:
                row = self.proxy.row_of_case(self._selected)
                if row is not None:
                    self._make_current(row)
        finally:
            self._replacing = False
        top = self.proxy.row_of_case(top_case) if top_case is not None else None
        if top is not None:
            self.table.scrollTo(self.proxy.index(top, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            self.table.verticalScrollBar().setValue(scroll[0])
        self.table.horizontalScrollBar().setValue(scroll[1])

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown:,} of {total:,} cases" if shown != total else f"{total:,} cases")

    def _current_changed(self, current, previous) -> None:
        if self._replacing:
            return
        case_id = self.proxy.case_id_at(current.row()) if current.isValid() else None
        if case_id != self._selected:
            self._selected = case_id
            self.case_selected.emit(case_id)

    def selected_case(self) -> int | None:
        return self._selected

    def select_case(self, case_id: int) -> bool:
        row = self.proxy.row_of_case(case_id)
        if row is None:
            return False
        self.table.scrollTo(self._make_current(row))
        return True

    def _make_current(self, row: int):
        """Select and make current a row of the list as shown; its index."""
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return index

    def select_relative(self, step: int) -> None:
        """Next (+1) or previous (-1) case in the list as shown."""
        count = self.proxy.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = min(max(row, 0), count - 1)
        self.select_case(self.proxy.case_id_at(row))

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()
