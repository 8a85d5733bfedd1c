"""The outcome letter: one page to the referring clinician saying what the MDT decided,
why, what happens next and when the case is reviewed again.

Dated from the record (the sign-off, else the meeting), never from the clock, so the
same outcome always prints the same letter.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, Spacer, Table, TableStyle

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.meetings.meeting import Meeting, Outcome, SignOff
from hlhdesk.core.model import Case
from hlhdesk.reports import styles
from hlhdesk.reports.summary import outcome_paragraphs, signoff_line
from hlhdesk.reports.tables import p
from hlhdesk.reports.template import (
    BOTTOM_MARGIN, CONTENT_WIDTH, PAGE_HEIGHT, TOP_MARGIN, PageContext, build_pdf, heading_for_case,
)
from hlhdesk.reports.text import nhs_number_text, para_text, uk_date, uk_datetime

TITLE = "HLH MDT outcome letter"


def outcome_letter(
    case: Case,
    evaluation: Evaluation,
    outcome: Outcome,
    meeting: Meeting,
    *,
    referrer: str,
    signoff: SignOff | None = None,
) -> bytes:
    """`referrer` is the clinician's name, optionally followed by address lines."""
    body = KeepInFrame(CONTENT_WIDTH, PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN - 2 * mm,
                       letter_body(case, evaluation, outcome, meeting, referrer, signoff), mode="shrink")
    return build_pdf([PageContext(heading_for_case(TITLE, case, evaluation, meeting)), body], title=TITLE)


def eligibility_sentence(eligibility) -> str:
    """The status label, and the engine's summary unless it already starts with it."""
    label, summary = eligibility.status.label, eligibility.summary.strip()
    if summary.startswith(label):
        return summary
    return f"{label}. {summary}".strip()


def letter_body(case, evaluation, outcome, meeting, referrer, signoff) -> list:
    patient, details = case.patient, case.details
    to_lines = [line.strip() for line in referrer.splitlines() if line.strip()] or ["The referring clinician"]
    if details.referring_hospital and details.referring_hospital not in to_lines:
        to_lines.append(details.referring_hospital)
    written_on = signoff.signed_at.date() if signoff else meeting.held_on
    address = Table(
        [[Paragraph("<br/>".join(para_text(line) for line in to_lines), styles.BODY),
          Paragraph(f"<b>HLH multidisciplinary team</b><br/>Chair: {para_text(meeting.chair)}<br/>"
                    f"Date: {uk_date(written_on)}", styles.BODY)]],
        colWidths=[CONTENT_WIDTH * 0.6, CONTENT_WIDTH * 0.4],
    )
    address.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    eligibility = evaluation.eligibility
    out = [
        address, Spacer(1, 8 * mm),
        p(f"Re: {patient.display_name}", styles.CELL_BOLD),
        p(f"NHS number {nhs_number_text(patient)}  ·  Date of birth {uk_date(patient.date_of_birth)}  ·  "
          f"Hospital number {patient.hospital_number or 'not recorded'}", styles.CELL_BOLD),
        Spacer(1, 5 * mm),
        p(f"Dear {to_lines[0]},", styles.BODY), Spacer(1, 3 * mm),
        p(f"The HLH MDT discussed your patient at its meeting on {uk_date(meeting.held_on)}, chaired by "
          f"{meeting.chair}, under NHS England policy {evaluation.policy} (anakinra for HLH). "
          "The team's decision:", styles.BODY),
        Spacer(1, 3 * mm),
        *outcome_paragraphs(outcome),
        Spacer(1, 4 * mm),
        Paragraph("Policy criteria", styles.H2),
        p(f"Assessed as of {uk_datetime(evaluation.as_of)}: {eligibility_sentence(eligibility)}", styles.BODY),
    ]
    if eligibility.to_record:
        out.append(p(f"Still to record: {'; '.join(eligibility.to_record)}.", styles.BODY))
    out += [
        p("The MDT made the decision above; hlhdesk checks the policy criteria and does not make "
          "decisions.", styles.SMALL),
        Spacer(1, 4 * mm),
        p(signoff_line(signoff) if signoff else "This outcome has not yet been signed off by the chair.",
          styles.BODY),
        Spacer(1, 8 * mm),
        p("Yours sincerely,", styles.BODY), Spacer(1, 10 * mm),
        p(meeting.chair, styles.CELL_BOLD), p("Chair, HLH multidisciplinary team", styles.BODY),
    ]
    return out
