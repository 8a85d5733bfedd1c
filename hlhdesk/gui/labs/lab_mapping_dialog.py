"""Edit which pathology test names and codes mean which result (the lab import's
mapping). Changes are kept on screen until Save; a save that fails (an empty name, a
name listed twice with different meanings) says why and keeps the edits."""

from __future__ import annotations

from typing import Callable, Iterable

from hlhdesk.core.labs.labnames import DEFAULT_TEST_NAMES, MAPPABLE_KINDS, TestNameMapping
from hlhdesk.core.units import analyte, display_unit
from hlhdesk.errors import InputError
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

SavePairs = Callable[[list[tuple[str, str]]], TestNameMapping]


def kind_label(kind: str) -> str:
    """'Ferritin (µg/L)': the result a name maps to, with the unit it is stored in."""
    spec = analyte(kind)
    return f"{spec.label} ({display_unit(spec.canonical_unit)})"


class TestNamesDialog(QDialog):
    """`save(pairs)` stores the whole list (ValueError or InputError if it cannot)."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(self, mapping: TestNameMapping, save: SavePairs, parent=None):
        super().__init__(parent)
        self.save = save
        self.saved: TestNameMapping | None = None
        self.setWindowTitle("Lab test names")
        self.resize(620, 640)

        intro = QLabel("Which test names and codes in a pathology CSV mean which result. "
                       "Matching ignores capitals and extra spaces. A name not listed here is "
                       "rejected on import, never guessed.")
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a name or result…")
        self.search.setAccessibleName("Find a test name")
        self.search.textChanged.connect(self._apply_search)

        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Test names")
        self.table.setHorizontalHeaderLabels(["Test name or code", "Means"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 260)
        self._fill(mapping.entries.items())

        self.add_button = QPushButton("&Add")
        self.remove_button = QPushButton("&Remove")
        self.defaults_button = QPushButton("Restore &defaults")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)

        row_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.defaults_button):
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.buttons)

    # -- rows -----------------------------------------------------------------------
    def _fill(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.table.setRowCount(0)
        for name, kind in sorted(pairs, key=lambda p: (MAPPABLE_KINDS.index(p[1]), p[0].casefold())):
            self._append(name, kind)

    def _append(self, name: str, kind: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        box = QComboBox()
        box.setAccessibleName("Means")
        for k in MAPPABLE_KINDS:
            box.addItem(kind_label(k), k)
        box.setCurrentIndex(max(box.findData(kind), 0))
        self.table.setCellWidget(row, 1, box)
        return row

    def pairs(self) -> list[tuple[str, str]]:
        """The list as edited, blank rows left out."""
        result = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            name = item.text().strip() if item else ""
            if name:
                result.append((name, self.table.cellWidget(row, 1).currentData()))
        return result

    def add_row(self) -> None:
        self.search.clear()
        row = self._append("", MAPPABLE_KINDS[0])
        self.table.scrollToBottom()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def restore_defaults(self) -> None:
        if dialogs.confirm(self, "Restore defaults",
                           "Replace this list with the names hlhdesk ships with? Your additions "
                           "are lost when you then press Save."):
            self.search.clear()
            self._fill(DEFAULT_TEST_NAMES.items())

    def _apply_search(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0).text().casefold() if self.table.item(row, 0) else ""
            means = self.table.cellWidget(row, 1).currentText().casefold()
            self.table.setRowHidden(row, bool(needle) and needle not in name and needle not in means)

    # -- save -----------------------------------------------------------------------
    def try_save(self) -> None:
        try:
            self.saved = self.save(self.pairs())
        except (ValueError, InputError) as exc:
            dialogs.warn(self, "Lab test names not saved", str(exc))
            return
        self.accept()
