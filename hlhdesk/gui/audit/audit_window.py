"""Tools > Service audit: every treatment episode against the policy, at a glance.

A period and filters at the top; compliance with each policy requirement on the left
(each "did not comply" line opens that case on the desk); the table of episodes; the two
plots (ferritin as % of baseline by day, and the swimmer plot of courses); and buttons to
save the audit as a PDF report or a CSV, identified or pseudonymised. The audit runs off
the GUI thread; the window shows what hlhdesk.app.audit returns, nothing recomputed here.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from hlhdesk.core.audit.episode_audit import AGE_BANDS
from hlhdesk.core.audit.table import DISPLAY_HEADERS, csv_text, display_cells, patient_codes, who
from hlhdesk.gui.audit.audit_plots import FerritinByDayPlot, SwimmerPlot
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.kit.workers import run_in_background
from hlhdesk.gui.qt import (
    QAbstractTableModel, QCheckBox, QComboBox, QDate, QDateEdit, QDialog, QFileDialog, QHBoxLayout, QLabel,
    QModelIndex, QPushButton, QSplitter, QTableView, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    Qt,
)

ANY = "Any"


class EpisodeTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []
        self.episodes: list = []

    def set_episodes(self, episodes, codes: dict[int, str]) -> None:
        self.beginResetModel()
        self.episodes = list(episodes)
        self.rows = [display_cells(e, who(e, codes)) for e in self.episodes]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(DISPLAY_HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return DISPLAY_HEADERS[section]
        return None


class AuditWindow(QDialog):
    """Non-modal: the chair can open a case from it and come back."""

    def __init__(self, store, open_case: Callable[[int], None], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Service audit: anakinra under policy 210701P")
        self.store = store
        self.open_case = open_case
        self.audit = None  # what is shown: the filtered audit
        self.everything = None  # every episode, as last audited: filters narrow it
        self.task = None

        self.period_from = _date_edit(date(date.today().year, 1, 1))
        self.period_to = _date_edit(date.today())
        self.hlh_type = _combo((ANY, "primary", "secondary"), "HLH type")
        self.trigger = _combo((ANY,), "Trigger")
        self.age = _combo((ANY, *AGE_BANDS), "Age band")
        self.pseudonymise = QCheckBox("Pseudonymise (for use outside the trust)")
        self.run_button = QPushButton("&Audit again")
        self.run_button.setToolTip("Read every case again (the filters narrow the last audit at once)")
        self.run_button.setDefault(True)
        self.pdf_button = QPushButton("Save report as &PDF…")
        self.csv_button = QPushButton("Save as &CSV…")
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(False)
        self.summary = QLabel("Choose a period and run the audit.")
        self.summary.setWordWrap(True)
        self.compliance = QTreeWidget()
        self.compliance.setAccessibleName("Compliance with the policy")
        self.compliance.setHeaderLabels(["Policy requirement (double-click an episode to open its case)",
                                         "Complied", "Did not", "Not assessable"])
        self.compliance.setRootIsDecorated(True)
        self.compliance.setWordWrap(True)
        self.table = QTableView()
        self.table.setAccessibleName("Episodes")
        self.model = EpisodeTableModel(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Column widths from the first rows only: measuring a thousand rows takes seconds.
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.ferritin_plot = FerritinByDayPlot()
        self.swimmer_plot = SwimmerPlot()

        filters = QHBoxLayout()
        for label, widget in (("Day 0 from", self.period_from), ("to", self.period_to), ("HLH type", self.hlh_type),
                              ("Trigger", self.trigger), ("Age", self.age)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.run_button)
        filters.addStretch(1)
        saving = QHBoxLayout()
        saving.addWidget(self.pseudonymise)
        saving.addStretch(1)
        saving.addWidget(self.pdf_button)
        saving.addWidget(self.csv_button)

        tabs = QTabWidget()
        tabs.addTab(self.table, "Episodes")
        tabs.addTab(self.ferritin_plot, "Ferritin by day")
        tabs.addTab(self.swimmer_plot, "Courses")
        self.tabs = tabs
        # Compliance first (what a commissioner asks), the episodes and plots below it.
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.compliance)
        split.addWidget(tabs)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(saving)

        self.run_button.clicked.connect(self.run_audit)
        for edit in (self.period_from, self.period_to):
            edit.dateChanged.connect(self.apply_filters)
        for combo in (self.hlh_type, self.trigger, self.age):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.pseudonymise.toggled.connect(self.apply_filters)
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.csv_button.clicked.connect(lambda: self.save("csv"))
        self.compliance.itemDoubleClicked.connect(self._open_item)
        self.table.doubleClicked.connect(lambda index: self.open_case(self.model.episodes[index.row()].identity.case_id))
        self.resize(1000, 680)

    # -- running ----------------------------------------------------------------------------
    def audit_filter(self):
        from hlhdesk.app.audit import AuditFilter

        def chosen(combo):
            return None if combo.currentText() == ANY else combo.currentText()

        return AuditFilter(self.period_from.date().toPython(), self.period_to.date().toPython(),
                           chosen(self.hlh_type), chosen(self.trigger), chosen(self.age))

    def run_audit(self) -> None:
        """Audit every episode again (off the GUI thread), then show the filtered view."""
        from hlhdesk.app.audit import AuditFilter, service_audit

        audit_filter = AuditFilter()
        self.run_button.setEnabled(False)
        self.summary.setText("Auditing every episode…")
        store = self.store

        def work(report):
            from hlhdesk.store import open_another_connection

            with open_another_connection(store) as reader:  # a worker thread's own connection
                return service_audit(reader, audit_filter, progress=report)

        self.task = run_in_background(work, "service audit", self._audited, self._failed,
                                      on_progress=self._progress)

    def _audited(self, everything) -> None:
        self.everything = everything
        self.apply_filters()

    def apply_filters(self) -> None:
        """Show the last audit through the period and filters now chosen (no new audit)."""
        from hlhdesk.app.audit import narrowed

        if self.everything is None:
            return
        audit_filter = self.audit_filter()
        if audit_filter.period_to < audit_filter.period_from:
            self.summary.setText("The period ends before it starts: choose its dates again.")
            return
        self.show_audit(narrowed(self.everything, audit_filter))

    def _progress(self, done: int, total: int) -> None:
        self.summary.setText(f"Auditing every episode… case {done} of {total}")

    def _failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.summary.setText("The audit could not be made.")
        dialogs.warn(self, "Service audit", message)

    def show_audit(self, audit) -> None:
        self.audit = audit
        self.run_button.setEnabled(True)
        self._offer_triggers(self.everything or audit)
        o = audit.outcomes
        text = (f"{o.episodes} episodes in {o.patients} patients, day 0 from {audit.filter.period_words}. "
                f"Died by day 30: {o.died_by_day30}; alive at day 30: {o.alive_at_day30}; not known: {o.day30_unknown}.")
        if audit.failed_cases:
            text += f" Not audited (see the log): cases {', '.join(map(str, audit.failed_cases))}."
        self.summary.setText(text)
        codes = patient_codes(audit.episodes) if self.pseudonymise.isChecked() else {}
        self.model.set_episodes(audit.episodes, codes)
        self.table.resizeColumnsToContents()
        self._fill_compliance(audit, codes)
        self.ferritin_plot.show_audit(audit)
        self.swimmer_plot.show_audit(audit, codes)
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(bool(audit.episodes))

    def _offer_triggers(self, audit) -> None:
        current = self.trigger.currentText()
        triggers = sorted({t for e in audit.episodes for t in e.triggers} | ({current} - {ANY}))
        self.trigger.blockSignals(True)
        self.trigger.clear()
        self.trigger.addItems([ANY, *triggers])
        self.trigger.setCurrentText(current)
        self.trigger.blockSignals(False)

    def _fill_compliance(self, audit, codes) -> None:
        """One line per requirement, its mark by what it means: ✓ all assessed episodes
        complied, ⚠ some did not (each listed under it), – none could be assessed."""
        self.compliance.clear()
        for result in audit.compliance:
            if result.not_complied:
                mark = "⚠"
            else:
                mark = "✓" if result.assessed else "–"
            complied = f"{len(result.complied)} of {result.assessed}" if result.assessed else "none assessable"
            head = QTreeWidgetItem([f"{mark} {result.words}", complied, str(len(result.not_complied)),
                                    str(len(result.not_assessable))])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.compliance.addTopLevelItem(head)
            for e in result.not_complied:
                item = QTreeWidgetItem([f"did not comply: {who(e, codes)}, episode {e.episode} "
                                        f"(day 0 {e.day0:%d/%m/%Y})"])
                item.setData(0, Qt.ItemDataRole.UserRole, e.identity.case_id)
                head.addChild(item)
        self.compliance.resizeColumnToContents(1)
        self.compliance.setColumnWidth(0, max(self.compliance.width() - 300, 420))

    def _open_item(self, item, column: int = 0) -> None:
        case_id = item.data(0, Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.open_case(case_id)

    # -- saving -----------------------------------------------------------------------------
    def save(self, kind: str) -> None:
        if self.audit is None:
            return
        pseudonymise = self.pseudonymise.isChecked()
        suffix = "pseudonymised" if pseudonymise else "internal"
        path, _ = QFileDialog.getSaveFileName(self, "Save the service audit", f"HLH service audit {suffix}.{kind}",
                                              "PDF (*.pdf)" if kind == "pdf" else "CSV (*.csv)")
        if not path:
            return
        try:
            if kind == "pdf":
                from hlhdesk.reports.audit_report import audit_report

                data = audit_report(self.audit, pseudonymise=pseudonymise)
            else:
                data = ("\ufeff" + csv_text(self.audit.episodes, pseudonymise)).encode("utf-8")
            from hlhdesk.output_file import write_output

            # The save dialog has already asked before replacing a file.
            written = write_output(path, data, replace=True, protected=_protected(self.store))
        except Exception as exc:  # noqa: BLE001 - said in words; never a traceback
            from hlhdesk.errors import InputError
            from hlhdesk.logs import log_unexpected

            message = str(exc) if isinstance(exc, InputError) else (
                f"The audit could not be saved. Details were written to {log_unexpected('saving the audit', kind)}.")
            dialogs.warn(self, "Service audit", message)
            return
        dialogs.inform(self, "Service audit", f"Saved to {written}.")


def _protected(store) -> tuple:
    from hlhdesk.output_file import database_paths

    return database_paths(store.path) if getattr(store, "path", None) else ()


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def _combo(items, name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItems(list(items))
    combo.setAccessibleName(name)
    return combo
