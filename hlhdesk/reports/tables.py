"""Table builders shared by the summary, the pack and the letter: ruled tables whose
header row repeats on every page they run onto, and rule/criterion rows that always say
the status in words beside its mark (never colour alone)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, LongTable, Paragraph

from hlhdesk.core.evaluation import Criterion, RuleResult
from hlhdesk.core.wording import status_words
from hlhdesk.reports import styles
from hlhdesk.reports.text import evidence_line, para_text


def p(text: str, style=styles.CELL) -> Paragraph:
    """A Paragraph of plain text (escaped for reportlab's mark-up)."""
    return Paragraph(para_text(text), style)


def grid(rows: list[list], widths: Sequence[float], *extra_style: tuple) -> LongTable:
    """A ruled table; row 0 is the header and repeats after every page break."""
    # splitInRow: a cell longer than a page (a 10,000-character note) runs on to the next.
    table = LongTable(rows, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(styles.grid_style(*extra_style))
    return table


def section(title: str, room=40 * mm) -> list:
    """A section heading that starts a new page rather than sit alone at a page's foot."""
    return [CondPageBreak(room), Paragraph(para_text(title), styles.H1)]


def explained(title: str, detail: str, evidence=(), missing=(), setting: str | None = None) -> list[Paragraph]:
    """A cell that reads aloud: the title, the detail, then the values it used."""
    head = f"<b>{para_text(title)}</b>  " if title else ""
    cell = [Paragraph(head + para_text(detail), styles.CELL)]
    notes = [f"• {evidence_line(ev)}" for ev in evidence]
    if missing:
        notes.append(f"To record: {', '.join(missing)}")
    if setting:
        notes.append(f"Setting used: {setting}")
    if notes:
        # One paragraph of lines, not one per line: a pack lays out thousands of these.
        cell.append(Paragraph("<br/>".join(para_text(n) for n in notes), styles.EVIDENCE))
    return cell


def rule_row(rule: RuleResult) -> list:
    # ID and status are plain strings (bold by `STATUS_COLUMNS`): no Paragraph to lay out.
    return [rule.id, status_words(rule.status),
            explained(rule.title, rule.detail, rule.evidence, rule.missing, rule.setting)]


def criterion_row(criterion: Criterion) -> list:
    return [p(criterion.label, styles.CELL_BOLD), status_words(criterion.status),
            explained("", criterion.detail, criterion.evidence)]


# Table style for rows made by rule_row/criterion_row: the ID and status columns in bold.
STATUS_COLUMNS = ("FONT", (0, 1), (1, -1), styles.FONT_BOLD, 8)
