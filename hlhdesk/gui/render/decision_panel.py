"""The decision panel: the evaluation read out as the policy lays it out.

Once anakinra has started, the pathway phase's verdict leads ("⚠ Day 15: no response by
day 14: stop criterion met, for the MDT to confirm") and eligibility comes second; before
it, eligibility leads ("Policy criteria met", never "approved") and the phase follows.
Then every rule under the policy's own headings in RuleGroup order. Each rule shows what
its status means clinically ("✓ No exclusion", "⚠ Stop criterion met", coloured by that
meaning) beside the policy's own met / not met, and its one-line detail; expanding it
shows the values it used, what would decide it when unknown, any named setting, and the
policy sentence. The decisive view puts just the rules that decided the verdict first.
"""

from __future__ import annotations

import html

from hlhdesk.core.episodes import episode_line
from hlhdesk.core.evaluation import EligibilityStatus, Evaluation, RuleGroup, RuleResult, Status
from hlhdesk.gui.kit import formatting as fmt
from hlhdesk.gui.render.pathway_marks import (
    TONE_BACKGROUNDS,
    TONE_COLOURS,
    meaning_words,
    tone_of,
    verdict_words,
)
from hlhdesk.gui.qt import (
    QSizePolicy,
    QBrush,
    QCheckBox,
    QColor,
    QFont,
    QFontMetrics,
    QHeaderView,
    QLabel,
    QRect,
    QSize,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Qt,
)

# Dark enough to read on a washed-out projector; the mark and word carry the meaning.
STATUS_COLOURS = {
    Status.MET: "#1b6e2a",
    Status.NOT_MET: "#b00020",
    Status.UNKNOWN: "#8a5300",
    Status.NOT_APPLICABLE: "#555555",
}
ELIGIBILITY_BACKGROUNDS = {
    EligibilityStatus.ELIGIBLE: "#e6f4ea",
    EligibilityStatus.NOT_ELIGIBLE: "#fce8e6",
    EligibilityStatus.INSUFFICIENT_DATA: "#fff4e0",
}

RULE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DECISIVE_TITLE = "What decided the verdict"


class WrappingDelegate(QStyledItemDelegate):
    """Row heights that fit wrapped text. QTreeView measures an item as one unwrapped
    line and then elides it; here the height is measured at the column's real width."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree
        self._heights: dict[tuple, int] = {}  # measuring text is slow; texts repeat

    def sizeHint(self, option, index):
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return hint
        width = self.tree.header().sectionSize(index.column())
        if index.column() == 0:
            width -= self.tree.indentation() * (_depth(index) + 1)
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        key = (text, width, font.key())
        height = self._heights.get(key)
        if height is None:
            bounds = QFontMetrics(font).boundingRect(
                QRect(0, 0, max(width - 12, 40), 100_000), int(Qt.TextFlag.TextWordWrap), str(text))
            height = self._heights[key] = bounds.height() + 6
            if len(self._heights) > 5_000:
                self._heights.clear()
        return QSize(hint.width(), max(hint.height(), height))


def _depth(index) -> int:
    depth = 0
    while index.parent().isValid():
        index = index.parent()
        depth += 1
    return depth


def group_summary(rules: tuple[RuleResult, ...]) -> str:
    counts = {s: sum(r.status == s for r in rules) for s in Status}
    parts = [f"{n} {s.label.lower()}" for s, n in counts.items() if n]
    return ", ".join(parts)


def rule_details(rule: RuleResult) -> list[tuple[str, str]]:
    """The lines under an expanded rule, each with its kind (for tests and styling)."""
    lines = [("evidence", fmt.evidence_line(e)) for e in rule.evidence]
    if rule.status == Status.UNKNOWN and rule.missing:
        lines.append(("missing", "To decide it, record: " + "; ".join(rule.missing)))
    if rule.setting:
        lines.append(("setting", f"Setting used: {rule.setting}"))
    if rule.policy_text:
        lines.append(("policy", f"Policy: “{rule.policy_text}”"))
    return lines


def scores_line(evaluation: Evaluation) -> str:
    hs, mhs, hlh = evaluation.hscore, evaluation.modified_hscore, evaluation.hlh2004
    def score(result) -> str:
        value = str(result.low) if result.complete else f"{result.low} to {result.high}"
        return f"{value} (threshold > {result.threshold})"
    return (
        f"HScore {score(hs)}, probability {hs.probability}  ·  "
        f"{mhs.variant} {score(mhs)}  ·  "
        f"{hlh.name}: {hlh.met} of 8 met, {hlh.unknown} unknown ({hlh.needed} needed)"
    )


TREE_MIN_HEIGHT = 150  # pixels: the deciding rule and a group or two stay in sight


class DecisionPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.pathway_label = QLabel()
        self.pathway_label.setAccessibleName("Pathway phase and verdict")
        self.pathway_label.setWordWrap(True)
        self.pathway_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.eligibility_label = QLabel()
        self.eligibility_label.setAccessibleName("Eligibility summary")
        self.eligibility_label.setWordWrap(True)
        self.eligibility_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scores_label = QLabel()
        self.scores_label.setAccessibleName("Scores")
        self.scores_label.setWordWrap(True)
        self.warnings_label = QLabel()
        self.warnings_label.setAccessibleName("Warnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #8a5300;")
        self.decisive_box = QCheckBox("Decisive rules first")
        self.decisive_box.setAccessibleName("Show the rules that decided the verdict first")
        self.decisive_box.setToolTip("The rules that decided the verdict, most decisive first; "
                                     "the policy's groups below, folded")
        # On by default: the rule that decided the verdict first, not twenty rows down.
        self.decisive_box.setChecked(True)
        self.decisive_box.toggled.connect(lambda _: self._redraw())

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Policy rules")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["What it means", "Rule and what decided it"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        # The rule column takes what is left and wraps; no sideways scrolling.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.tree.setIndentation(14)  # room for the meaning's words at 1024 pixels
        header.resizeSection(0, 190)  # "✓ Diagnosis criterion met" on one line
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # Heights depend on the width: measure again whenever a column changes size.
        header.sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())

        # Text is never squeezed below its height (it was clipped mid-line at 1024x768):
        # the rule tree gives up height first, down to a few rows; past that the desk's
        # decision column scrolls as a whole.
        for label in (self.pathway_label, self.eligibility_label, self.scores_label, self.warnings_label):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.tree.setMinimumHeight(TREE_MIN_HEIGHT)
        self.banners = QVBoxLayout()
        self.banners.setSpacing(4)
        self.banners.addWidget(self.pathway_label)
        self.banners.addWidget(self.eligibility_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.banners)
        layout.addWidget(self.scores_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.decisive_box)
        layout.addWidget(self.tree, 1)
        self._evaluation: Evaluation | None = None
        self._pathway = None
        self.show_evaluation(None)

    @property
    def decisive_view(self) -> bool:
        return self.decisive_box.isChecked()

    def set_decisive_view(self, on: bool) -> None:
        self.decisive_box.setChecked(on)

    def show_evaluation(self, evaluation: Evaluation | None, pathway=None) -> None:
        """Show an evaluation and, when known, its pathway phase (core `pathway_of`)."""
        self._evaluation, self._pathway = evaluation, pathway if evaluation is not None else None
        self._redraw()

    def _redraw(self) -> None:
        # One layout and paint for the whole rebuild, not one per item.
        self.tree.setUpdatesEnabled(False)
        try:
            self._show(self._evaluation, self._pathway)
        finally:
            self.tree.setUpdatesEnabled(True)

    def _show(self, evaluation: Evaluation | None, pathway) -> None:
        self.tree.clear()
        # Every item's Python wrapper is kept until the tree has deleted the items:
        # PySide 6.11 crashed in clear() when a group's wrapper had been collected first.
        self._items: list[QTreeWidgetItem] = []
        if evaluation is None:
            self.pathway_label.clear()
            self.pathway_label.setVisible(False)
            self.eligibility_label.setText("No case selected.")
            self.eligibility_label.setStyleSheet("padding: 8px; font-size: 13pt;")
            self.scores_label.clear()
            self.warnings_label.clear()
            self.warnings_label.setVisible(False)
            self.decisive_box.setEnabled(False)
            return
        started = pathway is not None and pathway.day is not None
        self._show_pathway(pathway, evaluation.warnings, leading=started,
                           episodes=episode_line(evaluation.episodes) if len(evaluation.episodes) > 1 else None)
        self._show_eligibility(evaluation, leading=not started)
        # Once anakinra has started the verdict leads; before it, eligibility does.
        self.banners.insertWidget(0, self.pathway_label if started else self.eligibility_label)
        self.scores_label.setText(scores_line(evaluation))
        warnings = "\n".join(f"⚠ {w}" for w in evaluation.warnings)
        self.warnings_label.setText(warnings)
        self.warnings_label.setVisible(bool(warnings))
        decisive = self._decisive_rules(evaluation, pathway)
        self.decisive_box.setEnabled(bool(decisive))
        bold = QFont(self.tree.font())
        bold.setBold(True)
        if self.decisive_view and decisive:
            group_item = self._item(self.tree, [DECISIVE_TITLE, group_summary(decisive)])
            group_item.setFont(0, bold)
            group_item.setExpanded(True)
            for rule in decisive:
                self._add_rule(group_item, rule)
        for group in RuleGroup:
            rules = evaluation.rules_in(group)
            if not rules:
                continue
            group_item = self._item(self.tree, [group.title, group_summary(rules)])
            group_item.setFirstColumnSpanned(False)
            group_item.setFont(0, bold)
            group_item.setExpanded(not (self.decisive_view and decisive))
            for rule in rules:
                self._add_rule(group_item, rule)

    @staticmethod
    def _decisive_rules(evaluation: Evaluation, pathway) -> list[RuleResult]:
        """The rules that decided the verdict, most decisive first (the pathway's order)."""
        if pathway is None:
            return []
        by_id = {rule.id: rule for rule in evaluation.rules}
        return [by_id[i] for i in pathway.decisive_rules if i in by_id]

    def _show_pathway(self, pathway, warnings=(), *, leading: bool, episodes: str | None = None) -> None:
        if pathway is None:
            self.pathway_label.clear()
            self.pathway_label.setVisible(False)
            return
        tone = tone_of(pathway.tone)
        colour, background = TONE_COLOURS[tone], TONE_BACKGROUNDS[tone]
        details = [f"Phase: {html.escape(pathway.phase_label, quote=False)}"]
        if pathway.review_due:
            details.append(f"review {'overdue since' if pathway.overdue else 'due'} {fmt.uk_date(pathway.review_due)}")
        lines = [f"<b>{html.escape(verdict_words(pathway), quote=False)}</b>",
                 "<span style='font-size:10pt'>" + " · ".join(details)
                 + " · the MDT decides</span>"]
        if episodes:  # a relapse: which episode the rules read, the earlier ones as history
            lines.append(f"<span style='font-size:10pt'>{html.escape(episodes, quote=False)}</span>")
        # A flag the warnings below already say in full is not said twice.
        lines += [f"<span style='font-size:10pt'>⚑ {html.escape(flag.words, quote=False)}</span>"
                  for flag in pathway.flags
                  if not any(flag.words in warning for warning in warnings)]
        self.pathway_label.setText("<br>".join(lines))
        self.pathway_label.setStyleSheet(
            f"background: {background}; color: {colour}; border-left: 6px solid {colour};"
            f" padding: 6px 8px; font-size: {13 if leading else 11}pt;")
        self.pathway_label.setVisible(True)

    def _show_eligibility(self, evaluation: Evaluation, *, leading: bool = True) -> None:
        eligibility = evaluation.eligibility
        background = ELIGIBILITY_BACKGROUNDS[eligibility.status]
        colour = fmt.ELIGIBILITY_COLOURS[eligibility.status]
        mark = fmt.ELIGIBILITY_MARKS[eligibility.status]
        as_of = (f" <span style='font-size:10pt'>as of {fmt.uk_datetime(evaluation.as_of)},"
                 f" {evaluation.policy}</span>")
        if not leading:
            # Second to the verdict once anakinra has started: one short block.
            summary = f"<br>{html.escape(eligibility.summary, quote=False)}" if eligibility.summary else ""
            self.eligibility_label.setText(
                f"<b>Eligibility: {mark} {eligibility.status.label}</b>{as_of}"
                f"<span style='font-size:9pt; color:#222'>{summary}</span>")
            self.eligibility_label.setStyleSheet(
                f"background: {background}; color: {colour}; border-left: 6px solid {colour};"
                " padding: 4px 8px; font-size: 10pt;")
            return
        lines = [f"<b>{mark} {eligibility.status.label}</b>{as_of}"]
        if eligibility.summary:
            summary = html.escape(eligibility.summary, quote=False)
            lines.append(f"<span style='font-size:10pt; color:#222'>{summary}</span>")
        if eligibility.to_record:
            lines.append("<span style='font-size:10pt; color:#222'>To record: "
                         + html.escape("; ".join(eligibility.to_record), quote=False) + "</span>")
        lines.append("<span style='font-size:9pt; color:#444'>Supports the MDT's decision; "
                     "the MDT decides.</span>")
        self.eligibility_label.setText("<br>".join(lines))
        self.eligibility_label.setStyleSheet(
            f"background: {background}; color: {colour}; border-left: 6px solid {colour};"
            " padding: 8px; font-size: 14pt;"
        )

    def _item(self, parent, texts: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, texts)
        self._items.append(item)
        return item

    def _add_rule(self, parent: QTreeWidgetItem, rule: RuleResult) -> None:
        tone, meaning = meaning_words(rule, self._pathway.day if self._pathway is not None else None)
        item = self._item(parent, [meaning, f"{rule.title}  [{rule.id}]\n{rule.detail}"])
        item.setData(0, RULE_ID_ROLE, rule.id)
        item.setForeground(0, QBrush(QColor(TONE_COLOURS[tone])))
        font = QFont(self.tree.font())
        font.setBold(True)
        item.setFont(0, font)
        item.setToolTip(0, f"What it means: {meaning.splitlines()[0]}; the policy's status: {rule.status.label}")
        item.setToolTip(1, rule.detail)
        for kind, text in rule_details(rule):
            child = self._item(item, [kind_label(kind), text])
            child.setToolTip(1, text)
            if kind == "missing":
                child.setForeground(1, QBrush(QColor(STATUS_COLOURS[Status.UNKNOWN])))

    # -- for tests and the meeting view --------------------------------------------------
    def rule_item(self, rule_id: str) -> QTreeWidgetItem | None:
        """The rule's row under its policy heading (not its copy among the decisive)."""
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group.text(0) == DECISIVE_TITLE:
                continue
            for r in range(group.childCount()):
                if group.child(r).data(0, RULE_ID_ROLE) == rule_id:
                    return group.child(r)
        return None

    def rule_order(self) -> list[str]:
        """Rule IDs in the order shown, top to bottom (decisive ones first when on)."""
        return [self.tree.topLevelItem(g).child(r).data(0, RULE_ID_ROLE)
                for g in range(self.tree.topLevelItemCount())
                for r in range(self.tree.topLevelItem(g).childCount())]

    def scroll_rules(self, steps: int) -> None:
        """Scroll the rules by `steps` lines (presentation mode's Up and Down)."""
        bar = self.tree.verticalScrollBar()
        bar.setValue(bar.value() + steps * max(bar.singleStep(), 20))


def kind_label(kind: str) -> str:
    return {"evidence": "Value used", "missing": "Missing", "setting": "Setting",
            "policy": "Policy text"}[kind]
