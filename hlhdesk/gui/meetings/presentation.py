"""Presentation mode: one case per screen, for a projector or a second monitor.

Large type; the pathway phase and its verdict in the header ("⚠ Stop recommended: Day 15:
no response by day 14: …"); the trajectories and the decision panel side by side (the
desk's own widgets, so the room sees exactly what the chair sees), the panel showing the
rules that decided the verdict first (D switches that view). Next and previous case from
the keyboard or a presenter's clicker (PgDown/PgUp, Left/Right, Space), Up and Down scroll
the rules, Esc to leave; and a switch (H) that hides patient identifiers for a wider
audience, leaving only initials and the hospital number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.evaluation.pathway import Pathway, pathway_of
from hlhdesk.core.model import Case
from hlhdesk.core.wording import age_words
from hlhdesk.errors import InputError
from hlhdesk.gui.render.decision_panel import DecisionPanel
from hlhdesk.gui.render.pathway_marks import TONE_COLOURS, header_words, tone_of
from hlhdesk.gui.kit.identity import patient_line, redact
from hlhdesk.gui.render.plots import TrajectoryPlots
from hlhdesk.gui.qt import (
    QCheckBox,
    QFont,
    QGuiApplication,
    QHBoxLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QShortcut,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from hlhdesk.logs import log_unexpected

BASE_POINT_SIZE = 16  # on a 1080-line screen; type_size_for scales it to the screen
SMALLEST_POINT_SIZE = 10
NEXT_KEYS = ("PgDown", "Right", "Space")
PREVIOUS_KEYS = ("PgUp", "Left", "Backspace")
SCROLL_KEYS = (("Down", 1), ("Up", -1))  # the rules, when they run below the screen


@dataclass(frozen=True)
class Slide:
    case_id: int
    reason: str  # why it is on the agenda, in words


def case_facts(case: Case, evaluation: Evaluation | None, *, hide_identifiers: bool) -> str:
    """The line under the name: who, what kind of HLH, and where treatment is."""
    patient = case.patient
    on = (evaluation.as_of if evaluation else datetime.now()).date()
    parts = [patient.sex.value.capitalize(), age_words(patient.date_of_birth, on)]
    if not hide_identifiers:
        parts.append(f"born {patient.date_of_birth:%d/%m/%Y}")
    details = case.details
    if details.hlh_type:
        parts.append(f"{details.hlh_type.value} HLH")
    if details.triggers:
        parts.append("trigger: " + ", ".join(t.replace("_", " ") for t in details.triggers))
    if evaluation is not None and evaluation.day0 is not None:
        day = (evaluation.as_of.date() - evaluation.day0.date()).days  # calendar days, as the rules count
        episodes = evaluation.episodes
        episode = (f", episode {episodes[-1].number} of {len(episodes)}: {episodes[-1].started_by}"
                   if len(episodes) > 1 else "")  # a relapse: which course the rules read
        parts.append(f"anakinra day {day} (day 0 {evaluation.day0:%d/%m/%Y}{episode})")
    elif evaluation is not None:
        parts.append("not on anakinra")
    return " · ".join(parts)


def type_size_for(screen_height: int) -> int:
    """The presentation's base point size: the same share of the screen's height on a
    1024x768 projector as on a 1080p screen, so everything fits and reads alike."""
    return max(SMALLEST_POINT_SIZE, round(BASE_POINT_SIZE * min(screen_height, 1080) / 1080))


class PresentationWindow(QWidget):
    def __init__(
        self,
        slides: Sequence[Slide],
        load: Callable[[int], tuple],  # case id -> (case, evaluation[, pathway])
        *,
        title: str = "",
        hide_identifiers: bool = False,
        start_at: int = 0,
        parent=None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"hlhdesk presentation · {title}" if title else "hlhdesk presentation")
        self.type_size = BASE_POINT_SIZE
        self.slides = list(slides)
        self.load = load
        self.index = -1
        self._shown: tuple[Case, Evaluation] | None = None
        self.pathway: Pathway | None = None

        self.counter = QLabel()
        self.counter.setAccessibleName("Case number and reason")
        self.patient = QLabel()
        self.patient.setAccessibleName("Patient")
        self.patient.setWordWrap(True)  # a long name line wraps rather than widen the window
        self.facts = QLabel()
        self.facts.setAccessibleName("Case facts")
        self.facts.setWordWrap(True)
        self.phase_line = QLabel()
        self.phase_line.setAccessibleName("Pathway phase and verdict")
        self.phase_line.setWordWrap(True)
        self.hide_switch = QCheckBox("Hide identifiers (H)")
        self.hide_switch.setAccessibleName("Hide patient identifiers")
        self.hide_switch.setChecked(hide_identifiers)
        self.hide_switch.toggled.connect(lambda _: self._show_case())
        self.hint = QLabel("PgDown / → next case · PgUp / ← previous · ↑ / ↓ scroll the rules · "
                           "D decisive rules first · H hide identifiers · Esc leave")
        self.hint.setWordWrap(True)

        self.plots = TrajectoryPlots()
        self.panel = DecisionPanel()
        self.panel.set_decisive_view(True)  # the room sees what decided it first (the desk's default too)
        # The panel redraws itself on the switch; the room's type size and hidden
        # identifiers are applied again after it.
        self.panel.decisive_box.toggled.connect(lambda _: self._show_case())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.plots)
        splitter.addWidget(self.panel)
        splitter.setSizes([1000, 900])
        self.fit_type_to(QGuiApplication.primaryScreen().geometry().size()
                         if QGuiApplication.primaryScreen() else None)

        top = QHBoxLayout()
        top.addWidget(self.counter, 1)
        top.addWidget(self.hide_switch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.patient)
        layout.addWidget(self.facts)
        layout.addWidget(self.phase_line)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hint)

        # View only: no child takes the keyboard, so the arrows always move between cases.
        for child in self.findChildren(QWidget):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for keys, step in ((NEXT_KEYS, 1), (PREVIOUS_KEYS, -1)):
            for key in keys:
                QShortcut(QKeySequence(key), self, lambda s=step: self.go(self.index + s))
        for key, step in SCROLL_KEYS:
            QShortcut(QKeySequence(key), self, lambda s=step: self.panel.scroll_rules(s))
        QShortcut(QKeySequence("D"), self, self.panel.decisive_box.toggle)
        QShortcut(QKeySequence("Esc"), self, self.close)
        QShortcut(QKeySequence("H"), self, self.hide_switch.toggle)
        self.go(start_at)

    def fit_type_to(self, screen_size) -> None:
        """Set every type size for a screen of `screen_size` (see type_size_for)."""
        size = type_size_for(screen_size.height()) if screen_size is not None else BASE_POINT_SIZE
        self.type_size = size
        font = self.font()
        font.setPointSize(size)
        self.setFont(font)
        self.patient.setStyleSheet(f"font-size: {size * 2}pt; font-weight: bold;")
        self.hint.setStyleSheet(f"color: #555555; font-size: {size - 2}pt;")
        # "⚠ Stop criterion met" and the group titles: 250 px at 16 pt
        self.panel.tree.header().resizeSection(0, round(250 * size / BASE_POINT_SIZE))
        _enlarge_plots(self.plots, size)
        if self._shown is not None:
            self._show_case()  # the panel's rich text is scaled as it is shown

    @property
    def hide_identifiers(self) -> bool:
        return self.hide_switch.isChecked()

    def go(self, index: int) -> None:
        """Show slide `index` (clamped to the agenda)."""
        if not self.slides:
            self.counter.setText("The agenda is empty.")
            return
        index = max(0, min(len(self.slides) - 1, index))
        if index == self.index:
            return
        self.index = index
        slide = self.slides[index]
        self.pathway = None
        try:
            case, evaluation, *pathway = self.load(slide.case_id)
            self._shown = case, evaluation
            self.pathway = pathway[0] if pathway else pathway_of(evaluation)
        except InputError as exc:
            self._shown = None
            self.facts.setText(f"This case cannot be shown: {exc}")
        except Exception:  # noqa: BLE001 - never a traceback on a projector
            self._shown = None
            where = log_unexpected("presentation", f"case {slide.case_id}")
            self.facts.setText(f"This case cannot be shown (details in {where}).")
        self._show_case()

    def _show_case(self) -> None:
        """Draw the current case; with identifiers hidden, scrub them from every text
        the panel shows too (a rule's evidence may quote the date of birth)."""
        case, evaluation = self._shown or (None, None)
        self.plots.show_case(case, evaluation)
        self.panel.show_evaluation(evaluation, self.pathway)
        self.panel.pathway_label.setVisible(False)  # the header says it, larger
        factor = 1.5 * self.type_size / BASE_POINT_SIZE
        for label in self.panel.findChildren(QLabel):
            label.setText(_scaled_rich_text(label.text(), factor))
        if case is not None and self.hide_identifiers:
            self._redact_panel(case.patient)
        self._show_header()

    def _redact_panel(self, patient) -> None:
        for label in self.panel.findChildren(QLabel):
            label.setText(redact(label.text(), patient))
        for node in self._tree_items():
            for column in range(self.panel.tree.columnCount()):
                node.setText(column, redact(node.text(column), patient))
                node.setToolTip(column, redact(node.toolTip(column), patient))

    def _tree_items(self) -> list:
        tree = self.panel.tree
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        found = []
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(node.child(i) for i in range(node.childCount()))
        return found

    def _show_header(self) -> None:
        if self.index < 0:
            return
        slide = self.slides[self.index]
        self.counter.setText(f"Case {self.index + 1} of {len(self.slides)} · {slide.reason}")
        if self._shown is None:
            self.patient.setText(f"Case {slide.case_id}")
            self.phase_line.clear()
            return
        case, evaluation = self._shown
        self.patient.setText(patient_line(case.patient, hide_identifiers=self.hide_identifiers))
        self.facts.setText(case_facts(case, evaluation, hide_identifiers=self.hide_identifiers))
        self._show_phase(case.patient)

    def _show_phase(self, patient) -> None:
        """Where the patient is and what the room must decide, in words with its colour."""
        if self.pathway is None:
            self.phase_line.clear()
            return
        text = header_words(self.pathway)
        if self.hide_identifiers:
            text = redact(text, patient)
        colour = TONE_COLOURS[tone_of(self.pathway.tone)]
        self.phase_line.setText(text)
        self.phase_line.setStyleSheet(
            f"color: {colour}; font-size: {round(self.type_size * 1.4)}pt; font-weight: bold;"
            f" border-left: 8px solid {colour}; padding-left: 8px;")

    def visible_texts(self) -> list[str]:
        """Every piece of text on screen (what the room can read), for checks."""
        texts = [label.text() for label in self.findChildren(QLabel) if label.isVisibleTo(self)]
        for node in self._tree_items():
            for column in range(self.panel.tree.columnCount()):
                texts += [node.text(column), node.toolTip(column)]
        return texts

    def show_on(self, screen) -> None:
        """Full screen on the chosen screen (a projector, a second monitor)."""
        if screen is not None:
            self.setScreen(screen)
            self.fit_type_to(screen.geometry().size())
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()


def _scaled_rich_text(text: str, factor: float = 1.5) -> str:
    """The panel's rich text sets point sizes for a desk; a room needs them larger."""
    return re.sub(r"font-size:\s*(\d+(?:\.\d+)?)pt", lambda m: f"font-size:{float(m.group(1)) * factor:g}pt", text)


def _enlarge_plots(plots, size: int) -> None:
    """Dates and titles readable from the back of the room. The value axes keep their
    size: pyqtgraph drops log-axis labels that would overlap, and larger ones would."""
    tick_font = QFont()
    tick_font.setPointSize(size - 3)
    for plot in (plots.ferritin_plot, plots.hscore_plot, plots.dose_plot):
        plot.getAxis("bottom").setStyle(tickFont=tick_font)
        plot.setTitle(plot.titleLabel.text, size=f"{size - 2}pt")


def choose_screen(parent):
    """With one screen, that screen; with more, ask (the one not showing the desk first,
    which is usually the projector). None if the user cancels."""
    screens = QGuiApplication.screens()
    if len(screens) <= 1:
        return screens[0] if screens else None
    current = parent.screen() if parent is not None else None
    ordered = sorted(screens, key=lambda s: s is current)
    names = [f"{s.name()} ({s.geometry().width()}×{s.geometry().height()})" for s in ordered]
    name, ok = QInputDialog.getItem(parent, "Present on", "Show the presentation on:", names, 0, False)
    return ordered[names.index(name)] if ok else None
