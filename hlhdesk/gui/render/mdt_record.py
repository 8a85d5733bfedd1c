"""The MDT's own record of a case, on the desk: its last decision and the meeting's date,
the rationale, who signed it off (or that nobody has yet), and the actions it left, each
with its owner and due date, an overdue one marked in words as well as colour, and those
recorded as done with who did them and when.

The record is what the store holds (an outcome with its sign-off and amendments); this
only reads it out, so the desk shows what the MDT decided beside what the policy says.
"""

from __future__ import annotations

import html

from datetime import date

from hlhdesk.core.evaluation.pathway import action_is_overdue
from hlhdesk.gui.kit import formatting as fmt
from hlhdesk.gui.qt import QLabel, QSizePolicy, Qt, Signal

OVERDUE_COLOUR = "#b00020"
DONE_COLOUR = "#1b5e20"  # done: good news, said in words too


def action_line(action, today: date) -> str:
    """ "Repeat ferritin: Dr Shah, due 09/10/2026 (⚠ overdue)" in plain words."""
    due = f", due {fmt.uk_date(action.due)}" if action.due else ", no due date"
    overdue = action_is_overdue(action, today)  # the pathway's definition, as the list counts them
    return f"{action.text}: {action.owner}{due}" + (" (⚠ overdue)" if overdue else "")


def done_line(action, done) -> str:
    """ "Repeat ferritin: Dr Shah, done 08/10/2026 by Sr Ward" """
    return f"{action.text}: {action.owner}, done {fmt.uk_date(done.done_on)} by {done.done_by}"


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
    for number, action in enumerate(outcome.actions):
        done = record.done_record(action)
        if done is None:
            lines.append((f"action:{number}", "Action: " + action_line(action, today)))
        else:
            lines.append(("done", "✓ Action done: " + done_line(action, done)))
    if not record.outstanding_actions:
        lines.append(("action", "No outstanding actions"))
    return lines


class MdtRecordView(QLabel):
    """The last MDT decision of the open case, as a few lines of text. Each outstanding
    action carries a "record as done" link (keyboard: Tab to it, Enter)."""

    mark_done_requested = Signal(object, object)  # the outcome record, the action

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("MDT record")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.linkActivated.connect(self._link)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never clipped
        self._record = None
        self.setStyleSheet("padding: 6px; background: #f4f4f4; border: 1px solid #c8c8c8;")
        self.lines: list[tuple[str, str]] = []
        self.show_record(None, date.today())

    def show_record(self, records, today: date) -> None:
        if records is None:
            self.lines = []
            self.setText("")
            self.setVisible(False)
            return
        self._record = records[-1] if records else None
        self.lines = record_lines(records, today)
        shown = []
        for kind, text in self.lines:
            text = html.escape(text, quote=False)
            if kind == "decision":
                text = f"<b>{text}</b>"
            elif "⚠ overdue" in text:
                text = f"<span style='color:{OVERDUE_COLOUR}'><b>{text}</b></span>"
            elif kind == "done":
                text = f"<span style='color:{DONE_COLOUR}'>{text}</span>"
            if kind.startswith("action:"):
                text += f" &nbsp;<a href='{kind}'>record as done…</a>"
            shown.append(text)
        self.setText("<br>".join(shown))
        self.setVisible(True)

    def _link(self, link: str) -> None:
        if self._record is not None and link.startswith("action:"):
            self.mark_done_requested.emit(self._record, self._record.current.actions[int(link.split(":")[1])])
