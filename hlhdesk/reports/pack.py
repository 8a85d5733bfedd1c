"""The meeting pack: a cover (date, chair, attendees, agenda), then each case's summary.

The summaries in a pack leave out the listing of every observation (a 30-case pack would
run to hundreds of pages); the values each rule used are still printed under it, and the
full listing is in the case summary (`hlhdesk report`).

One document, so "Page n of N" counts the whole pack; each case's pages carry that
patient's identifiers in the header, the cover carries none.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.meetings.meeting import Amendment, Meeting, Outcome, SignOff
from hlhdesk.core.model import Case
from hlhdesk.reports import styles
from hlhdesk.reports.summary import current_outcome, summary_story
from hlhdesk.reports.tables import grid, p, section
from hlhdesk.reports.template import CONTENT_WIDTH, PageContext, PageHeading, build_pdf, meeting_line
from hlhdesk.reports.text import nhs_number_text, uk_date, uk_datetime

TITLE = "HLH MDT meeting pack"

# One agenda entry: the case, its evaluation and the outcome if one is recorded,
# optionally followed by the chair's sign-off and the amendments made since.
PackItem = (
    tuple[Case, Evaluation, Outcome | None]
    | tuple[Case, Evaluation, Outcome | None, SignOff | None]
    | tuple[Case, Evaluation, Outcome | None, SignOff | None, Sequence[Amendment]]
)


def meeting_pack(meeting: Meeting, items: Sequence[PackItem]) -> bytes:
    story = [PageContext(cover_heading(meeting, items)), *cover(meeting, items)]
    for item in items:
        case, evaluation, outcome, signoff, amendments = unpack(item)
        story += [PageBreak(), *summary_story(case, evaluation, outcome=outcome, meeting=meeting, signoff=signoff,
                                              amendments=amendments, observations=False)]
    return build_pdf(story, title=TITLE)


def unpack(item: PackItem) -> tuple:
    """(case, evaluation, outcome, signoff, amendments) from any form of pack item."""
    case, evaluation, outcome = item[:3]
    return case, evaluation, outcome, item[3] if len(item) > 3 else None, item[4] if len(item) > 4 else ()


def cover_heading(meeting: Meeting, items: Sequence[PackItem]) -> PageHeading:
    policies = sorted({item[1].policy for item in items})
    versions = sorted({item[1].app_version for item in items})
    footer = (f"Policy {', '.join(policies) or 'none'}  ·  hlhdesk {', '.join(versions) or ''}  ·  "
              f"{len(items)} case{'s' if len(items) != 1 else ''}")
    return PageHeading(title=TITLE, meeting=meeting_line(meeting), footer=footer)


def agenda_reasons(meeting: Meeting, count: int) -> list[str]:
    """The agenda reason for each item, in agenda order, when the pack follows the agenda."""
    agenda = sorted(meeting.agenda, key=lambda a: a.position)
    if len(agenda) != count:
        return [""] * count
    return [a.reason.label for a in agenda]


def cover(meeting: Meeting, items: Sequence[PackItem]) -> list:
    out = [Spacer(1, 18 * mm), Paragraph(TITLE, styles.COVER_TITLE),
           p(f"Meeting on {uk_date(meeting.held_on)}", styles.COVER_SUB),
           p(f"Chair: {meeting.chair}", styles.COVER_SUB),
           p("NHS England policy 210701P (anakinra for HLH)", styles.COVER_SUB)]
    if meeting.closed_at:
        out.append(p(f"Meeting closed {uk_datetime(meeting.closed_at)}", styles.COVER_SUB))
    out += [Spacer(1, 10 * mm), *section("Attendees")]
    if meeting.attendees:
        rows = [["Name", "Role"]] + [[p(a.name), p(a.role)] for a in meeting.attendees]
        out.append(grid(rows, (70 * mm, 70 * mm)))
    else:
        out.append(p("No attendees recorded."))
    out += section("Agenda")
    if not items:
        return [*out, p("No cases on the agenda.")]
    rows: list[list] = [["#", "Patient", "NHS number", "Hospital no.", "Reason", "Policy criteria", "MDT decision"]]
    for number, (item, reason) in enumerate(zip(items, agenda_reasons(meeting, len(items))), start=1):
        case, evaluation, outcome, signoff, amendments = unpack(item)
        outcome = current_outcome(outcome, amendments)
        decision = outcome.decision.label if outcome else "No MDT decision recorded"
        if signoff is not None:
            decision += " (signed off, amended)" if amendments else " (signed off)"
        patient = case.patient
        rows.append([p(str(number)), p(patient.display_name, styles.CELL_BOLD), p(nhs_number_text(patient)),
                     p(patient.hospital_number or "not recorded"), p(reason or "not given"),
                     p(evaluation.eligibility.status.label),
                     p(decision)])
    out.append(grid(rows, (7 * mm, 36 * mm, 24 * mm, 22 * mm, 27 * mm, 30 * mm, CONTENT_WIDTH - 146 * mm)))
    out.append(p("Each case's summary follows, in agenda order.", styles.SMALL))
    return out
