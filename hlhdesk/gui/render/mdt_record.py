"""The MDT's own record of a case, on the desk: its last decision and the meeting's date,
the rationale, who signed it off (or that nobody has yet), and the actions it left, each
with its owner and due date, an overdue one marked in words as well as colour.

The record is what the store holds (an outcome with its sign-off and amendments); this
only reads it out, so the desk shows what the MDT decided beside what the policy says.
"""

from __future__ import annotations

from datetime import date

from hlhdesk.core.evaluation.pathway import action_is_overdue
from hlhdesk.gui.kit import formatting as fmt
from hlhdesk.gui.qt import QLabel, Qt

OVERDUE_COLOUR = "#b00020"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def action_line(action, today: date) -> str:
    """ "Repeat ferritin: Dr Shah, due 09/10/2026 (⚠ overdue)" in plain words."""
    due = f", due {fmt.uk_date(action.due)}" if action.due else ", no due date"
    overdue = action_is_overdue(action, today)  # the pathway's definition, as the list counts them
    return f"{action.text}: {action.owner}{due}" + (" (⚠ overdue)" if overdue else "")


def record_lines(records, today: date) -> list[tuple[str, str]]:
    """The record as (kind, text) lines, latest outcome first; for the label and tests."""
    if not records:
        return [("none", "No MDT decision recorded yet.")]
    record = records[-1]
    outcome = record.current
    when = record.held_on
    lines = [("decision", f"Last MDT decision: {outcome.decision.label}"
              + (f", meeting of {fmt.uk_date(when)}" if when else ""))]
    if record.signoff is not None:
        amended = f"; amended {len(record.amendments)}×" if record.amendments else ""
        lines.append(("signed", f"Signed off by {record.signoff.signed_by}, "
                                f"{fmt.uk_datetime(record.signoff.signed_at)}{amended}"))
    else:
        lines.append(("signed", "Not signed off yet"))
    if outcome.rationale:
        lines.append(("rationale", f"Rationale: {outcome.rationale}"))
    if outcome.next_review:
        lines.append(("review", f"Next review set for {fmt.uk_date(outcome.next_review)}"))
    for action in outcome.actions:
        lines.append(("action", "Action: " + action_line(action, today)))
    if not outcome.actions:
        lines.append(("action", "No outstanding actions"))
    return lines


class MdtRecordView(QLabel):
    """The last MDT decision of the open case, as a few lines of text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("MDT record")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet("padding: 6px; background: #f4f4f4; border: 1px solid #c8c8c8;")
        self.lines: list[tuple[str, str]] = []
        self.show_record(None, date.today())

    def show_record(self, records, today: date) -> None:
        if records is None:
            self.lines = []
            self.setText("")
            self.setVisible(False)
            return
        self.lines = record_lines(records, today)
        html = []
        for kind, text in self.lines:
            text = _escape(text)
            if kind == "decision":
                text = f"<b>{text}</b>"
            elif "⚠ overdue" in text:
                text = f"<span style='color:{OVERDUE_COLOUR}'><b>{text}</b></span>"
            html.append(text)
        self.setText("<br>".join(html))
        self.setVisible(True)
