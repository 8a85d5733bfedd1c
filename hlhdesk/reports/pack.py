"""The meeting pack: a cover with the agenda as an index, a page of outcomes and actions,
then one proforma per case (its evidence appendix only when asked for).

The cover's index gives each case's page number, phase, verdict and last decision, so a
chair can open the pack at the case under discussion. One document, so "Page n of N"
counts the whole pack; each case's pages carry that patient's identifiers in the header,
the cover and the actions page carry none. After the meeting, the signed pack prints
each recorded outcome in its proforma's box.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from hlhdesk.core.meetings.meeting import Meeting
from hlhdesk.reports import styles
from hlhdesk.reports.outcome_text import current_outcome
from hlhdesk.reports.proforma import CaseSheet
from hlhdesk.reports.summary import sheet_story
from hlhdesk.reports.tables import grid, p, section
from hlhdesk.reports.template import CONTENT_WIDTH, PageAnchor, PageContext, PageHeading, PageRef, build_pdf, meeting_line
from hlhdesk.reports.text import clip, nhs_number_text, uk_date, uk_datetime

TITLE = "HLH MDT meeting pack"
NO_DECISION = "No MDT decision recorded"


def meeting_pack(meeting: Meeting, items: Sequence, *, with_evidence: bool = False) -> bytes:
    """`items`: one CaseSheet per agenda case in order (or, as before, tuples of case,
    evaluation, outcome[, signoff[, amendments]])."""
    sheets = [as_sheet(item, meeting) for item in items]
    story = [PageContext(cover_heading(meeting, sheets)), *cover(meeting, sheets),
             PageBreak(), *actions_page(meeting, sheets)]
    for number, sheet in enumerate(sheets, start=1):
        story += [PageBreak(), PageAnchor(number), *sheet_story(sheet, evidence=with_evidence)]
    return build_pdf(story, title=TITLE)


def as_sheet(item, meeting: Meeting) -> CaseSheet:
    if isinstance(item, CaseSheet):
        return item
    case, evaluation, outcome = item[:3]
    signoff = item[3] if len(item) > 3 else None
    amendments = tuple(item[4]) if len(item) > 4 else ()
    return CaseSheet(case, evaluation, None, outcome, signoff, amendments, meeting)


def cover_heading(meeting: Meeting, sheets: Sequence[CaseSheet]) -> PageHeading:
    policies = sorted({s.evaluation.policy for s in sheets})
    versions = sorted({s.evaluation.app_version for s in sheets})
    footer = (f"Policy {', '.join(policies) or 'none'}  ·  hlhdesk {', '.join(versions) or ''}  ·  "
              f"{len(sheets)} case{'s' if len(sheets) != 1 else ''}")
    return PageHeading(title=TITLE, meeting=meeting_line(meeting), footer=footer)


def agenda_reasons(meeting: Meeting, count: int) -> list[str]:
    """The agenda reason for each item, in agenda order, when the pack follows the agenda."""
    agenda = sorted(meeting.agenda, key=lambda a: a.position)
    if len(agenda) != count:
        return [""] * count
    return [a.reason.label for a in agenda]


def decision_words(sheet: CaseSheet) -> str:
    """This meeting's decision when recorded, else the last one before it."""
    outcome = current_outcome(sheet.outcome or (sheet.signoff.outcome if sheet.signoff else None), sheet.amendments)
    if outcome is not None:
        signed = (" (signed off, amended)" if sheet.amendments else " (signed off)") if sheet.signoff else ""
        return f"{outcome.decision.label}{signed}"
    if sheet.previous is not None:
        return f"{sheet.previous.outcome.decision.label} ({uk_date(sheet.previous.held_on)})"
    return NO_DECISION


def cover(meeting: Meeting, sheets: Sequence[CaseSheet]) -> list:
    attendees = "; ".join(f"{a.name} ({a.role})" for a in meeting.attendees) or "none recorded"
    out = [Spacer(1, 4 * mm), Paragraph(TITLE, styles.COVER_TITLE),
           p(f"Meeting on {uk_date(meeting.held_on)}  ·  Chair: {meeting.chair}", styles.COVER_SUB),
           p("NHS England policy 210701P (anakinra for HLH)", styles.COVER_SUB)]
    if meeting.closed_at:
        out.append(p(f"Meeting closed {uk_datetime(meeting.closed_at)}", styles.COVER_SUB))
    out += [Spacer(1, 4 * mm), p(f"Attendees: {clip(attendees, 900)}", styles.BODY), *section("Agenda", room=20 * mm)]
    if not sheets:
        return [*out, p("No cases on the agenda.")]
    rows: list[list] = [["#", "Patient", "Page", "Phase and verdict", "Last decision"]]
    for number, (sheet, reason) in enumerate(zip(sheets, agenda_reasons(meeting, len(sheets))), start=1):
        patient, path = sheet.case.patient, sheet.path
        who = f"{clip(patient.display_name, 40)}\nNHS {nhs_number_text(patient)}" + (f"\n{reason}" if reason else "")
        phase = f"{path.mark} {path.phase_label}" + (" (overdue)" if path.overdue else "")
        rows.append([str(number), p(who), PageRef(number), [p(phase, styles.CELL_BOLD), p(clip(path.verdict, 110), styles.SMALL)],
                     p(decision_words(sheet), styles.SMALL)])
    out.append(grid(rows, (7 * mm, 44 * mm, 11 * mm, CONTENT_WIDTH - 107 * mm, 45 * mm)))
    out.append(p("Each case's proforma follows, in agenda order, after the outcomes and actions page.", styles.SMALL))
    return out


def actions_page(meeting: Meeting, sheets: Sequence[CaseSheet]) -> list:
    """Actions set at earlier meetings for the cases on this agenda, with their owners and
    due dates, and those recorded as done with who did them and when (the MDT reviews
    them all); then the outcomes recorded at this meeting, once there are any."""
    out = [Paragraph("Outcomes and actions", styles.TITLE)]
    rows: list[list] = [["Patient", "Action", "Owner", "Due", "Done", "Set on"]]
    for sheet in sheets:
        if sheet.previous is None:
            continue
        done_by_action = {d.action: d for d in sheet.previous.done}
        for action in sheet.previous.outcome.actions:
            due = uk_date(action.due) if action.due else "no date"
            done = done_by_action.get(action)
            if done is None and action.due and action.due < meeting.held_on:
                due += " (past due)"
            done_words = f"✓ {uk_date(done.done_on)}, {clip(done.done_by, 40)}" if done else "not yet"
            rows.append([p(clip(sheet.case.patient.display_name, 40)), p(clip(action.text, 300)),
                         p(clip(action.owner, 60)), p(due), p(done_words), uk_date(sheet.previous.held_on)])
    out += section("Actions from earlier meetings", room=20 * mm)
    if len(rows) == 1:
        out.append(p("No actions outstanding from earlier meetings for these cases."))
    else:
        out.append(grid(rows, (34 * mm, CONTENT_WIDTH - 144 * mm, 28 * mm, 26 * mm, 34 * mm, 22 * mm)))
    decided = [(s, decision_words(s)) for s in sheets if s.standing_outcome is not None]
    if decided:
        rows = [["Patient", "Decision at this meeting", "Next review"]]
        rows += [[p(clip(s.case.patient.display_name, 40)), p(words),
                  uk_date(s.standing_outcome.next_review) if s.standing_outcome.next_review else "none set"]
                 for s, words in decided]
        out += [*section("Outcomes recorded at this meeting", room=20 * mm),
                grid(rows, (50 * mm, CONTENT_WIDTH - 80 * mm, 30 * mm))]
    return out
