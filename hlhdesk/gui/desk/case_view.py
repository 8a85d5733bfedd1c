"""The case under review: a banner (who, and as of when), then the Decision tab
(decision panel beside the trajectories), the Data tab and the Patient and case tab."""

from __future__ import annotations

import html

from hlhdesk.core.wording import age_words
from hlhdesk.gui.kit import formatting as fmt
from hlhdesk.gui.desk.data_view import DataView
from hlhdesk.gui.render.decision_panel import DecisionPanel
from hlhdesk.gui.render.mdt_record import MdtRecordView
from hlhdesk.gui.desk.details_view import DetailsView
from hlhdesk.gui.startup import DeferredWidget

PLOTS_AFTER_MS = 250
from hlhdesk.gui.qt import (
    QFrame,
    QScrollArea,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Qt,
)
from hlhdesk.core.typed_dates import TypedDateError
from hlhdesk.gui.kit.widgets import uk_datetime_edit


WIDE_BANNER = 900  # pixels: narrower, the as-of controls move below the patient's line


class CaseBanner(QWidget):
    """Who the case is and the as-of control every result on screen depends on."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setAccessibleName("Patient")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)  # a long name wraps rather than widening the window
        self.title.setMinimumWidth(240)
        self.now_box = QCheckBox("As of now")
        self.now_box.setAccessibleName("Evaluate as of now")
        self.now_box.setChecked(True)
        self.as_of_edit = uk_datetime_edit("Evaluate as of date and time")
        self.as_of_edit.setEnabled(False)
        self.apply_button = QPushButton("Re-evaluate")
        self.apply_button.setAccessibleName("Re-evaluate as of the chosen date")
        self.apply_button.setEnabled(False)
        self.as_of_controls = QWidget()
        controls = QHBoxLayout(self.as_of_controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel("Evaluate as of"))
        controls.addWidget(self.as_of_edit)
        controls.addWidget(self.now_box)
        controls.addWidget(self.apply_button)
        self.top_row, self.second_row = QHBoxLayout(), QHBoxLayout()
        self.top_row.addWidget(self.title, 1)
        self.second_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(0)
        layout.addLayout(self.top_row)
        layout.addLayout(self.second_row)
        self._place_controls(wide=True)
        self.now_box.toggled.connect(self._now_toggled)
        self.apply_button.clicked.connect(self.apply_as_of)
        self.as_of_edit.editingFinished.connect(self.apply_as_of)
        session.case_loaded.connect(self.show_case)
        self.show_case(None)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Beside the patient when there is room; below it in a narrow window (a projector
        # at 1024), so the name and numbers keep a line of their own instead of wrapping
        # into a column of fragments.
        self._place_controls(wide=event.size().width() >= WIDE_BANNER)
        super().resizeEvent(event)

    def _place_controls(self, wide: bool) -> None:
        row = self.top_row if wide else self.second_row
        if row.indexOf(self.as_of_controls) < 0:
            row.addWidget(self.as_of_controls)

    def show_case(self, case) -> None:
        if case is None:
            self.title.setText("<span style='font-size:13pt'>No case selected</span>")
            return
        p = case.patient
        as_of = self.session.effective_as_of
        parts = [
            f"NHS {fmt.nhs(p.nhs_number)}" if p.nhs_number else "",
            f"Hosp {p.hospital_number}" if p.hospital_number else "",
            f"born {fmt.uk_date(p.date_of_birth)} ({age_words(p.date_of_birth, as_of)})",
            p.sex.value,
        ]
        # A narrow window wraps between the parts, never inside one ("NHS" / "999 001 1141").
        details = " · ".join(_unbroken(part) for part in parts if part)
        self.title.setText(
            f"<span style='font-size:14pt; font-weight:bold'>{html.escape(p.display_name)}</span>"
            f"&nbsp;&nbsp;<span style='font-size:11pt'>{details}</span>")

    def _now_toggled(self, now: bool) -> None:
        self.as_of_edit.setEnabled(not now)
        self.apply_button.setEnabled(not now)
        if now:
            self.as_of_edit.follow_now()  # shows the time now, not when the window opened
            self.session.set_as_of(None)
        else:
            self.as_of_edit.set_moment(self.session.effective_as_of)
            self.as_of_edit.setFocus()

    def apply_as_of(self) -> None:
        if not self.now_box.isChecked():
            try:
                as_of = self.as_of_edit.moment()
            except TypedDateError:
                return  # the field shows why, in red, and keeps the text for correcting
            self.session.set_as_of(as_of)


def _make_plots(parent):
    from hlhdesk.gui.render.plots import TrajectoryPlots

    return TrajectoryPlots(parent)


class CaseView(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.banner = CaseBanner(session)
        self.panel = DecisionPanel()
        self.mdt_record = MdtRecordView()
        # Built after the window's first paint (app.py) or when first needed: pyqtgraph
        # and numpy load then, not before the window appears.
        self.deferred_plots = DeferredWidget(_make_plots, "Plots are loading…")
        self.data_view = DataView(session)
        self.details_view = DetailsView(session)
        self.data_view.steroid_offer.details_typing = self.details_view.has_unsaved_changes
        self.decision_splitter = QSplitter(Qt.Orientation.Horizontal)
        # The policy's reading above, the MDT's own record of the case beneath it.
        decision_column = QWidget()
        column = QVBoxLayout(decision_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.panel, 1)
        column.addWidget(self.mdt_record)
        # On a short screen (1024x768) a long verdict, warnings and the MDT record can need
        # more height than there is: the column then scrolls as a whole, rather than
        # clipping lines or growing the window past the screen.
        decision_scroller = QScrollArea()
        decision_scroller.setAccessibleName("Decision")
        decision_scroller.setWidget(decision_column)
        decision_scroller.setWidgetResizable(True)
        decision_scroller.setFrameShape(QFrame.Shape.NoFrame)
        decision_scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.decision_scroller = decision_scroller
        self.decision_splitter.addWidget(decision_scroller)
        self.decision_splitter.addWidget(self.deferred_plots)
        self.decision_splitter.setStretchFactor(0, 1)
        self.decision_splitter.setStretchFactor(1, 1)
        self.decision_splitter.setSizes([550, 450])
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Case tabs")
        self.tabs.addTab(self.decision_splitter, "&Decision")
        self.tabs.addTab(self.data_view, "D&ata")
        self.tabs.addTab(self.details_view, "Patient and &case")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        # A child of this view: it stops when the view goes (a window closed meanwhile).
        self._plots_timer = QTimer(self)
        self._plots_timer.setSingleShot(True)
        self._plots_timer.timeout.connect(lambda: self.plots)
        session.evaluated.connect(self.show_evaluation)

    def start_entry(self) -> None:
        """The Data tab's results grid, the cursor on the first sample's date and time."""
        self.tabs.setCurrentWidget(self.data_view)
        self.data_view.show_grid()

    @property
    def plots(self):
        """The plots, built now if not yet, and showing the case on screen."""
        self.build_plots()
        return self.deferred_plots.widget()

    def build_plots(self) -> None:
        """Build the plots if not yet, with the case on screen drawn in them. (Built alone,
        they stayed empty for the first case whenever its evaluation came first.)"""
        if not self.deferred_plots.is_built:
            self.deferred_plots.build()
            self._show_plots()

    def show_evaluation(self, evaluation) -> None:
        session = self.session
        self.panel.show_evaluation(evaluation, session.pathway)
        self.mdt_record.show_record(session.outcomes if session.case is not None else None,
                                    session.effective_as_of.date())
        if self.deferred_plots.is_built:
            self._show_plots()
        else:
            # Building the plots (pyqtgraph) takes a moment: the case list and the verdict
            # are laid out and painted first (a zero timer, or the panel's own first
            # paint, came before the list's delayed layout and paint), the plots after.
            self._plots_timer.start(PLOTS_AFTER_MS)

    def build_plots_within(self, ms: int) -> None:
        """Build the plots at the latest `ms` from now, if nothing has needed them before."""
        self._plots_timer.start(ms)

    def _show_plots(self) -> None:
        self.deferred_plots.widget().show_case(self.session.case, self.session.evaluation)


def _unbroken(text: str) -> str:
    """Rich text that wraps only outside it (names typed by users are escaped)."""
    return html.escape(text).replace(" ", "&nbsp;")
