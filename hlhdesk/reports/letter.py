"""The outcome letter: one page to the referring clinician, copied to the GP, saying what
the MDT decided in words that agree with the policy's reading ("Stop anakinra: no
response by day 14, as the policy requires"), the response so far in two lines, the
actions and the next review.

The policy reading printed is the pathway's verdict, never the eligibility label: "Policy
criteria met" beside "Stop anakinra" read as a contradiction to referrers. Dated from the
record (the sign-off, else the meeting), never from the clock, so the same outcome
always prints the same letter.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, Spacer, Table, TableStyle

from hlhdesk.core.evaluation import Evaluation, RuleGroup, Status
from hlhdesk.core.evaluation.pathway import Pathway, Phase, pathway_of
from hlhdesk.core.meetings.meeting import Decision, Meeting, Outcome, SignOff
from hlhdesk.core.model import Case
from hlhdesk.core.policy.marks import marks_of
from hlhdesk.core.wording import age_words
from hlhdesk.reports import styles
from hlhdesk.reports.outcome_text import action_line, signoff_line
from hlhdesk.reports.tables import p
from hlhdesk.reports.template import (
    BOTTOM_MARGIN, CONTENT_WIDTH, PAGE_HEIGHT, TOP_MARGIN, PageContext, build_pdf, heading_for_case,
)
from hlhdesk.reports.text import clip, nhs_number_text, para_text, uk_date

TITLE = "HLH MDT outcome letter"
RATIONALE_CHARS = 1200  # a one-page letter; the full rationale is in the MDT record
LETTER_ACTIONS = 8

# The decisions each phase's reading supports; any other is the MDT's own call, said so.
AGREES = {
    Decision.START: {Phase.DECIDE_START},
    Decision.CONTINUE: {Phase.EARLY, Phase.DAY7_CHECK, Phase.DAY14_CHECK, Phase.CONTINUING},
    Decision.INCREASE_DOSE: {Phase.EARLY, Phase.DAY7_CHECK, Phase.DAY14_CHECK, Phase.CONTINUING},
    Decision.STOP: {Phase.STOP_RECOMMENDED},
    Decision.NOT_ELIGIBLE: {Phase.NOT_ELIGIBLE},
    Decision.DEFER_FOR_DATA: {Phase.INSUFFICIENT_DATA},
}


def outcome_letter(case: Case, evaluation: Evaluation, outcome: Outcome, meeting: Meeting, *, referrer: str,
                   signoff: SignOff | None = None, pathway: Pathway | None = None, gp: str | None = None) -> bytes:
    """`referrer` is the clinician's name, optionally followed by address lines."""
    pathway = pathway or pathway_of(evaluation, (), evaluation.as_of)
    body = KeepInFrame(CONTENT_WIDTH, PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN - 2 * mm,
                       letter_body(case, evaluation, outcome, meeting, referrer, signoff, pathway, gp), mode="shrink")
    return build_pdf([PageContext(heading_for_case(TITLE, case, evaluation, meeting)), body], title=TITLE)


def stop_reason(evaluation: Evaluation, pathway: Pathway) -> str | None:
    """The policy's reason to stop, in words, from the rule that decided the verdict."""
    reasons = {
        "ST-NO-RESPONSE": f"no response by day {marks_of(evaluation).stop_check_day}, as the policy requires",
        "ST-SAE": "a serious adverse event, as the policy requires",
        "ST-RESOLUTION": "HLH has resolved, as recorded by the MDT",
    }
    return next((reasons[r] for r in pathway.decisive_rules if r in reasons), None)


def decision_sentence(outcome: Outcome, evaluation: Evaluation, pathway: Pathway) -> str:
    label = outcome.decision.label
    if outcome.decision == Decision.STOP and pathway.phase == Phase.STOP_RECOMMENDED:
        reason = stop_reason(evaluation, pathway)
        if reason:
            return f"{label}: {reason}."
    if outcome.decision == Decision.START and pathway.phase == Phase.DECIDE_START:
        return f"{label}: the policy's criteria for starting are met."
    if pathway.phase in AGREES.get(outcome.decision, set()):
        return f"{label}. The policy's reading: {pathway.verdict}."
    return (f"{label}. This is the MDT's clinical decision; the policy's reading was: {pathway.verdict} "
            "(the rationale below explains the difference).")


def response_lines(evaluation: Evaluation) -> list[str]:
    """Two lines: ferritin against baseline, then the HScore and the response criteria met."""
    if evaluation.day0 is None:
        return ["Not on anakinra: there is no response to assess yet.", ""]
    trajectory = evaluation.ferritin
    if trajectory and trajectory.baseline and trajectory.points:
        latest = trajectory.points[-1]
        change = f" ({latest.change_pct:+.0f}% against baseline)" if latest.change_pct is not None else ""
        first = (f"Ferritin {trajectory.baseline.value:,.0f} µg/L at baseline ({uk_date(trajectory.baseline.at)}), "
                 f"{latest.value:,.0f} µg/L on {uk_date(latest.at)}{change}.")
    else:
        first = "Ferritin: no baseline and later value to compare."
    series = evaluation.score_series
    score = ""
    if series:
        start = next((s for s in reversed(series) if s.at <= evaluation.day0), series[0])
        end = series[-1]
        score = f"HScore {_score(start)} on {uk_date(start.at)}, {_score(end)} on {uk_date(end.at)}. "
    met = [r.id for r in evaluation.rules_in(RuleGroup.RESPONSE) if r.status == Status.MET]
    return [first, score + (f"Response shown by {', '.join(met)}." if met else "No response criterion met so far.")]


def _score(point) -> str:
    low, high = point.hscore_low, point.hscore_high
    return f"{low}" if low == high else f"{low} to {high}"


def letter_body(case, evaluation, outcome, meeting, referrer, signoff, pathway, gp=None) -> list:
    patient, details = case.patient, case.details
    to_lines = [clip(line.strip(), 120) for line in referrer.splitlines() if line.strip()][:6] or ["The referring clinician"]
    if details.referring_hospital and details.referring_hospital not in to_lines:
        to_lines.append(clip(details.referring_hospital, 120))
    written_on = signoff.signed_at.date() if signoff else meeting.held_on
    address = Table(
        [[Paragraph("<br/>".join(para_text(line) for line in to_lines), styles.BODY),
          Paragraph(f"<b>HLH multidisciplinary team</b><br/>Chair: {para_text(meeting.chair)}<br/>"
                    f"Date: {uk_date(written_on)}", styles.BODY)]],
        colWidths=[CONTENT_WIDTH * 0.6, CONTENT_WIDTH * 0.4],
    )
    address.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    out = [
        address, Spacer(1, 6 * mm),
        p(f"Re: {patient.display_name}, {age_words(patient.date_of_birth, evaluation.as_of)}", styles.CELL_BOLD),
        p(f"NHS number {nhs_number_text(patient)}  ·  Date of birth {uk_date(patient.date_of_birth)}  ·  "
          f"Hospital number {patient.hospital_number or 'not recorded'}", styles.CELL_BOLD),
        Spacer(1, 4 * mm),
        p(f"Dear {to_lines[0]},", styles.BODY), Spacer(1, 2 * mm),
        p(f"The HLH MDT discussed your patient at its meeting on {uk_date(meeting.held_on)}, chaired by "
          f"{meeting.chair}, under NHS England policy {evaluation.policy} (anakinra for HLH). "
          "The team's decision:", styles.BODY),
        Spacer(1, 2 * mm),
        p(decision_sentence(outcome, evaluation, pathway), styles.VERDICT), Spacer(1, 2 * mm),
        p(f"Rationale: {clip(outcome.rationale, RATIONALE_CHARS) or 'none recorded'}", styles.BODY),
    ]
    if outcome.dissent:
        out.append(p(f"Dissent: {clip(outcome.dissent, RATIONALE_CHARS // 2)}", styles.BODY))
    out += [Spacer(1, 3 * mm), Paragraph("Response so far", styles.H2),
            *(p(line, styles.BODY) for line in response_lines(evaluation) if line),
            Spacer(1, 3 * mm), Paragraph("Actions and next review", styles.H2)]
    out += [p(action_line(a, 200), styles.BODY) for a in outcome.actions[:LETTER_ACTIONS]]
    if len(outcome.actions) > LETTER_ACTIONS:
        out.append(p(f"… and {len(outcome.actions) - LETTER_ACTIONS} more actions in the MDT record.", styles.BODY))
    if not outcome.actions:
        out.append(p("No actions were set.", styles.BODY))
    out += [
        p(f"Next review: {uk_date(outcome.next_review) if outcome.next_review else 'none set'}", styles.BODY),
        Spacer(1, 3 * mm),
        p("The MDT made the decision above; hlhdesk checks the policy criteria and does not make "
          "decisions.", styles.SMALL),
        Spacer(1, 3 * mm),
        p(signoff_line(signoff) if signoff else "This outcome has not yet been signed off by the chair.", styles.BODY),
        Spacer(1, 6 * mm),
        p("Yours sincerely,", styles.BODY), Spacer(1, 8 * mm),
        p(meeting.chair, styles.CELL_BOLD), p("Chair, HLH multidisciplinary team", styles.BODY),
        Spacer(1, 5 * mm),
        p(f"Copy: {gp or 'the patient’s general practitioner'}", styles.SMALL),
    ]
    return out
