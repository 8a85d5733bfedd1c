"""The Data tab: a case's observations, treatments, events and monitoring checks as editable tables, each
with its entry form; paste from a spreadsheet; delete. Every change is an undoable
command run through the CaseSession."""

from __future__ import annotations

from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.desk.commands import AddRecords, DeleteRecords, UpdateRecord
from hlhdesk.gui.desk.data_models import (
    CHOICES_ROLE,
    EventTableModel,
    MonitoringTableModel,
    ObservationTableModel,
    RecordTableModel,
    TreatmentTableModel,
)
from hlhdesk.core.model import MONITORING_KINDS, MonitoringCheck
from hlhdesk.gui.desk.entry import parse_pasted_observations
from hlhdesk.gui.desk.entry_forms import EventForm, ObservationForm, TreatmentForm
from hlhdesk.gui.entry import course_offer, course_paste
from hlhdesk.gui.entry.results_grid import ResultsGrid
from hlhdesk.gui.entry.steroid_offer import SteroidOffer
from hlhdesk.gui.render.pathway_marks import TONE_BACKGROUNDS, TONE_COLOURS, header_words, tone_of
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QShortcut,
    QTableView,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from hlhdesk.gui.kit.widgets import ChoiceDelegate, ErrorLabel, SidewaysScroller

COLUMN_WIDTHS = {
    "observations": (130, 190, 120, 110, 200),
    "treatments": (110, 110, 130, 130, 80, 80, 60, 80),
    "events": (130, 190, 400),
    "monitoring": (130, 190, 400),
}


class RecordPane(QWidget):
    """One table with its form and buttons."""

    def __init__(self, name: str, model: RecordTableModel, form: QWidget, noun: str, parent=None):
        super().__init__(parent)
        self.name, self.model, self.form, self.noun = name, model, form, noun
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(f"{noun.capitalize()} table")
        self.table.setItemDelegate(ChoiceDelegate(CHOICES_ROLE, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS[name]):
            self.table.setColumnWidth(column, width)
        self.error_label = ErrorLabel(f"{noun.capitalize()} edit error")
        self.delete_button = QPushButton(f"Delete selected {noun}")
        self.delete_button.setAccessibleName(f"Delete selected {noun}")
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(SidewaysScroller(form))  # a 1024-px screen scrolls it, not the window
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        model.edit_refused.connect(self.error_label.show_error)
        model.modelReset.connect(self.error_label.clear_error)

    def selected_records(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.record(r) for r in rows]


class DataView(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.observations = RecordPane("observations", ObservationTableModel(self), ObservationForm(),
                                       "results")
        self.treatments = RecordPane("treatments", TreatmentTableModel(self), TreatmentForm(), "courses")
        self.events = RecordPane("events", EventTableModel(self), EventForm(), "events")
        self.monitoring = RecordPane("monitoring", MonitoringTableModel(self),
                                     EventForm(MonitoringCheck, MONITORING_KINDS, "monitoring check"),
                                     "monitoring checks")
        self.paste_button = QPushButton("Paste rows from a spreadsheet")
        self.paste_button.setAccessibleName("Paste results from a spreadsheet")
        self.paste_button.setToolTip("Tab-separated: date, test, value, unit (Ctrl+Shift+V)")
        self.observations.buttons.insertWidget(0, self.paste_button)
        self.paste_courses_button = QPushButton("Paste courses from a spreadsheet")
        self.paste_courses_button.setToolTip(f"Tab-separated: {course_paste.COLUMNS}")
        self.treatments.buttons.insertWidget(0, self.paste_courses_button)
        self.steroid_offer = SteroidOffer(session)
        self.treatments.layout().insertWidget(1, self.steroid_offer)
        QShortcut(QKeySequence("Ctrl+Shift+V"), self.observations, activated=self.paste_from_clipboard)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.observations, "Results")
        self.tabs.addTab(self.treatments, "Treatments")
        self.tabs.addTab(self.events, "Events")
        self.tabs.addTab(self.monitoring, "Monitoring")
        self.grid = ResultsGrid(session)
        self.tabs.addTab(self.grid, "Cumulative results")
        # The phase verdict beside the entry forms: the effect of each entry is seen here.
        self.verdict_label = QLabel()
        self.verdict_label.setAccessibleName("Pathway verdict")
        self.verdict_label.setWordWrap(True)
        session.evaluated.connect(lambda _evaluation: self._show_verdict())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.tabs)
        # Choosing an entry tab puts the cursor where its typing starts.
        self.tabs.currentChanged.connect(lambda _index: QTimer.singleShot(0, self.focus_entry))

        for pane in self.panes():
            pane.form.submitted.connect(lambda record, p=pane: self.add_records(p, [record]))
            pane.model.edit_requested.connect(lambda old, new, p=pane: self._edit_later(p, old, new))
            pane.delete_button.clicked.connect(lambda _=False, p=pane: self.delete_selected(p))
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.paste_courses_button.clicked.connect(lambda: self.paste_courses_text(QApplication.clipboard().text()))
        session.case_loaded.connect(self.show_case)
        self.show_case(None)

    def _show_verdict(self) -> None:
        pathway = self.session.pathway
        if pathway is None:
            self.verdict_label.clear()
            return
        tone = tone_of(pathway.tone)
        self.verdict_label.setStyleSheet(
            f"padding: 4px; color: {TONE_COLOURS[tone]}; background: {TONE_BACKGROUNDS[tone]};")
        self.verdict_label.setText(header_words(pathway))

    def show_grid(self) -> None:
        """The Cumulative results tab, ready for typing (as choosing it makes it)."""
        self.tabs.setCurrentWidget(self.grid)
        QTimer.singleShot(0, self.focus_entry)

    def focus_entry(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.grid:
            self.grid.start_typing()
        elif isinstance(current, RecordPane) and self.isEnabled():
            current.form.first_field().setFocus()

    def panes(self) -> tuple[RecordPane, ...]:
        return (self.observations, self.treatments, self.events, self.monitoring)

    def show_case(self, case) -> None:
        self.observations.model.set_records(case.observations if case else ())
        self.treatments.model.set_records(case.treatments if case else ())
        self.events.model.set_records(case.events if case else ())
        self.monitoring.model.set_records(case.monitoring if case else ())
        self.setEnabled(case is not None)

    # -- changes -----------------------------------------------------------------------
    def add_records(self, pane: RecordPane, records: list) -> bool:
        text = f"add {len(records)} {pane.noun}" if len(records) > 1 else f"add {pane.noun.rstrip('s')}"
        closing = ()
        if pane is self.treatments and self.session.case is not None:
            records, closing = course_offer.settle(self, self.session.case.treatments, records)
        command = (course_offer.AddClosingEarlier(self.session, records, closing, text) if closing
                   else AddRecords(self.session, records, text))
        ok = self.session.execute(command)
        if ok:
            pane.form.saved()
            if pane is self.treatments:
                self.steroid_offer.offer(self.session.case)
        else:
            pane.form.refused("Not saved: the database refused it (see the message).")
        return ok

    def _edit_later(self, pane: RecordPane, old, new) -> None:
        # The edit arrives from inside the table's delegate; refill the model only after
        # the editor has closed.
        QTimer.singleShot(0, lambda: self.session.execute(
            UpdateRecord(self.session, old, new, f"edit {pane.noun.rstrip('s')}")))

    def delete_selected(self, pane: RecordPane) -> None:
        records = pane.selected_records()
        if not records:
            pane.error_label.show_error(f"Select the {pane.noun} to delete first (click a row; Ctrl+click for more).")
            return
        what = f"{len(records)} {pane.noun}" if len(records) > 1 else f"1 {pane.noun.rstrip('s')}"
        if not dialogs.confirm(self, "Delete", f"Delete {what} from this case?\n\n"
                               "Edit > Undo brings them back; the audit trail keeps both steps."):
            return
        self.session.execute(DeleteRecords(self.session, records, f"delete {what}"))

    def _test_names(self):
        """The trust's lab test names (as edited under File > Lab test names)."""
        return self.session.store.load_test_names() if self.session.store is not None else None

    def paste_from_clipboard(self) -> None:
        self.paste_text(QApplication.clipboard().text())

    def paste_text(self, text: str) -> tuple[int, list[str]]:
        """All or nothing: every row is checked before any is saved."""
        return self._paste(self.observations, *parse_pasted_observations(text, mapping=self._test_names()))

    def paste_courses_text(self, text: str) -> tuple[int, list[str]]:
        """Courses pasted all or nothing; a course that finds one of its drug open is asked about."""
        return self._paste(self.treatments, *course_paste.parse_pasted_courses(text))

    def _paste(self, pane: RecordPane, records: list, problems: list[str]) -> tuple[int, list[str]]:
        if problems:
            dialogs.warn(
                self, "Nothing was pasted",
                "No rows were saved, because:\n\n" + "\n".join(problems[:20])
                + (f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""))
            return 0, problems
        if self.add_records(pane, records):
            return len(records), []
        return 0, ["the database refused the rows"]
