"""Page 1 of every case: the one-page A4 proforma a chair reads in 30 seconds.

Top to bottom: who (age, HLH type, referrer); where the patient is on the pathway (phase,
day, verdict, flags); six policy checks, each with a mark and a word by clinical meaning;
ferritin, HScore and mg/kg/day on one time axis with days 0, 7 and 14 marked; the previous
MDT decision with its actions; and the outcome box: the outcome as recorded (and signed),
or ruled space to write it in during the meeting.

The page is one page whatever the record holds: free text is clipped where space is fixed
and an outcome too long for its box continues on the next page, in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from hlhdesk.core.episodes import episode_line
from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.evaluation.pathway import Pathway, Tone, pathway_of
from hlhdesk.core.meetings.meeting import ActionDone, Amendment, Decision, Meeting, Outcome, SignOff
from hlhdesk.core.model import Case
from hlhdesk.core.wording import age_words
from hlhdesk.reports import charts, styles
from hlhdesk.reports.checklist import checklist
from hlhdesk.reports.outcome_text import outcome_paragraphs, signed_evaluation_note, signoff_line
from hlhdesk.reports.tables import p, section
from hlhdesk.reports.template import BOTTOM_MARGIN, CONTENT_WIDTH, PAGE_HEIGHT, TOP_MARGIN, PageContext, heading_for_case
from hlhdesk.reports.text import NOT_RECORDED, clip, para_text, uk_date, uk_datetime

TITLE = "HLH MDT proforma"
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
OUTCOME_MIN = 62 * mm  # the outcome box never gets less: room to write a decision by hand
CHART_HEIGHT = 44 * mm
GAP = 3 * mm
VERDICT_CHARS = 320  # a verdict listing everything to record is cut; the checklist lists it too

TONE_WORDS = {Tone.GOOD: "good news", Tone.WARNING: "warning", Tone.CAUTION: "caution",
              Tone.NEUTRAL: "for information", Tone.UNKNOWN: "unknown"}
TONE_SHADES = {Tone.WARNING: styles.WARNING_SHADE, Tone.CAUTION: styles.CAUTION_SHADE}


@dataclass(frozen=True)
class EarlierDecision:
    """The MDT's last decision on the case before this meeting."""

    held_on: date
    outcome: Outcome
    done: tuple[ActionDone, ...] = ()  # its actions recorded as done since


@dataclass(frozen=True)
class CaseSheet:
    """Everything one case's pages print."""

    case: Case
    evaluation: Evaluation
    pathway: Pathway | None = None  # None: worked out from the evaluation alone
    outcome: Outcome | None = None  # this meeting's outcome as recorded (amendments beside it)
    signoff: SignOff | None = None
    amendments: tuple[Amendment, ...] = ()
    meeting: Meeting | None = None
    previous: EarlierDecision | None = None

    @property
    def standing_outcome(self) -> Outcome | None:
        """The outcome as it stands: the last amendment's, else the one recorded."""
        if self.amendments:
            return self.amendments[-1].outcome
        return self.outcome or (self.signoff.outcome if self.signoff else None)

    @property
    def path(self) -> Pathway:
        return self.pathway or pathway_of(self.evaluation, (), self.evaluation.as_of)


def proforma_story(sheet: CaseSheet, title: str = TITLE) -> list:
    """The proforma's flowables: exactly one page, then the outcome's continuation when
    it is too long for its box."""
    evaluation = sheet.evaluation
    top = [
        p(identity_line(sheet.case, evaluation), styles.SMALL), Spacer(1, 1.5 * mm),
        phase_box(sheet.path), Spacer(1, GAP),
        checklist_table(evaluation, sheet.path.day), Spacer(1, GAP),
        chart_row(evaluation), Spacer(1, 1.5 * mm),
        *previous_block(sheet.previous, evaluation),
    ]
    box, continuation = outcome_box(sheet)
    return [PageContext(heading_for_case(title, sheet.case, evaluation, sheet.meeting)),
            KeepInFrame(CONTENT_WIDTH, FRAME_HEIGHT - OUTCOME_MIN - GAP, top, mode="shrink"),
            Spacer(1, GAP), box, *continuation]


def identity_line(case: Case, evaluation: Evaluation) -> str:
    patient, details = case.patient, case.details
    parts = [f"{age_words(patient.date_of_birth, evaluation.as_of)}, {patient.sex.value}"]
    hlh = f"{details.hlh_type.value} HLH" if details.hlh_type else "HLH type not recorded"
    if details.triggers:
        hlh += ": " + ", ".join(t.replace("_", " ") for t in details.triggers)
    if details.trigger_notes:
        hlh += f" ({clip(details.trigger_notes, 80)})"
    parts.append(hlh)
    parts.append(f"referred by {clip(details.referring_clinician or NOT_RECORDED, 60)}, "
                 f"{clip(details.referring_hospital or NOT_RECORDED, 60)}")
    parts.append(f"as of {uk_datetime(evaluation.as_of)}")
    if len(evaluation.episodes) > 1:  # a relapse: which episode, and the earlier ones as history
        parts.append(episode_line(evaluation.episodes))
    else:
        parts.append(f"day 0 {uk_datetime(evaluation.day0)}" if evaluation.day0 else "no anakinra yet")
    return "  ·  ".join(parts)


def tone_words(tone: Tone) -> str:
    return f"{tone.mark} {TONE_WORDS[tone]}"


def phase_box(pathway: Pathway) -> Table:
    day = f"Day {pathway.day}" if pathway.day is not None else "No anakinra"
    head = f"{pathway.phase_label}  ·  {tone_words(pathway.tone)}"
    if pathway.overdue:
        head += "  ·  OVERDUE"
    right = [p(head, styles.CELL_BOLD), p(clip(pathway.verdict, VERDICT_CHARS), styles.VERDICT)]
    if pathway.review_due:
        right.append(p(f"Review due {uk_date(pathway.review_due)}" + (", overdue" if pathway.overdue else ""),
                       styles.SMALL))
    if pathway.flags:
        right.append(p("\n".join(f"⚠ {clip(f.words, 110)}" for f in pathway.flags[:4]), styles.SMALL))
    box = Table([[p(day, styles.DAY), right]], colWidths=[30 * mm, CONTENT_WIDTH - 30 * mm])
    shade = TONE_SHADES.get(pathway.tone, styles.PALE)
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.6 if pathway.tone == Tone.WARNING else 0.9, styles.INK),
        ("BACKGROUND", (0, 0), (0, 0), shade),
        ("LINEAFTER", (0, 0), (0, 0), 0.6, styles.INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]))
    return box


def checklist_table(evaluation: Evaluation, day: int | None) -> Table:
    rows: list[list] = [["Policy check", "Reading", "What it rests on"]]
    extra = []
    for number, check in enumerate(checklist(evaluation, day), start=1):
        rows.append([p(check.question, styles.CELL_BOLD), p(f"{check.mark} {check.word}", styles.CELL_BOLD),
                     p(check.detail, styles.SMALL)])
        if check.tone in TONE_SHADES:
            extra.append(("BACKGROUND", (1, number), (1, number), TONE_SHADES[check.tone]))
    table = Table(rows, colWidths=[38 * mm, 42 * mm, CONTENT_WIDTH - 80 * mm])
    table.setStyle(styles.grid_style(("TOPPADDING", (0, 1), (-1, -1), 1.6),
                                     ("BOTTOMPADDING", (0, 1), (-1, -1), 1.6), *extra))
    return table


def chart_row(evaluation: Evaluation) -> Table:
    width = (CONTENT_WIDTH - 2 * GAP) / 3
    drawings = [charts.ferritin_chart(evaluation, width, CHART_HEIGHT),
                charts.hscore_chart(evaluation, width, CHART_HEIGHT),
                charts.dose_chart(evaluation, width, CHART_HEIGHT)]
    titles = [p("Ferritin, µg/L (log)", styles.CELL_BOLD), p("HScore, points", styles.CELL_BOLD),
              p("Anakinra, mg/kg/day", styles.CELL_BOLD)]
    table = Table([titles, drawings], colWidths=[width + GAP / 2, width + GAP, width + GAP / 2])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def previous_block(previous: EarlierDecision | None, evaluation: Evaluation) -> list:
    if previous is None:
        return [p("Previous MDT decision: none recorded.", styles.SMALL)]
    outcome = previous.outcome
    text = f"<b>Previous MDT decision ({uk_date(previous.held_on)}):</b> {para_text(outcome.decision.label)}"
    if outcome.rationale:
        text += f". {para_text(clip(outcome.rationale, 160).rstrip('.'))}"
    if outcome.next_review:
        text += f". Next review set for {uk_date(outcome.next_review)}"
    out = [Paragraph(text + ".", styles.SMALL)]
    today = evaluation.as_of.date()
    done_by_action = {d.action: d for d in previous.done}
    for action in outcome.actions[:4]:
        due = f", due {uk_date(action.due)}" if action.due else ""
        done = done_by_action.get(action)
        if done is not None:
            late = f" (done {uk_date(done.done_on)} by {clip(done.done_by, 40)})"
        else:
            late = " (past due)" if action.due and action.due < today else ""
        out.append(p(f"• Action: {clip(action.text, 110)} ({clip(action.owner, 40)}{due}){late}", styles.SMALL))
    if len(outcome.actions) > 4:
        out.append(p(f"… and {len(outcome.actions) - 4} more actions (see the actions page).", styles.SMALL))
    return out


class FillBox(Flowable):
    """A ruled box that takes the rest of the page (at least `least` high) and lays its
    flowables inside; what does not fit is left out (the caller continues it)."""

    def __init__(self, content: list, least: float, ruled: bool):
        super().__init__()
        self.content, self.least, self.ruled = content, least, ruled

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, max(self.least, available_height - 1)
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(styles.INK)
        canv.setLineWidth(1.2)
        canv.rect(0, 0, self.width, self.height)
        frame = Frame(0, 0, self.width, self.height, leftPadding=7, rightPadding=7, topPadding=5, bottomPadding=5)
        frame.addFromList(list(self.content), canv)
        if self.ruled:
            canv.setLineWidth(0.4)
            canv.setStrokeColor(styles.RULE)
            y = frame._y - 14  # the first ruled line under the printed prompts
            while y > 10:
                canv.line(7, y, self.width - 7, y)
                y -= 16
        canv.restoreState()


def decision_choices() -> str:
    return "   ".join(f"☐ {d.label}" for d in Decision)


def outcome_box(sheet: CaseSheet) -> tuple[FillBox, list]:
    """The box and, when the recorded outcome is too long for it, its continuation."""
    outcome = sheet.standing_outcome
    if outcome is None:
        prompts = [p("No MDT decision recorded: write the outcome in during the meeting", styles.CELL_BOLD), Spacer(1, 2),
                   p(decision_choices(), styles.CELL),
                   p("Rationale, dissent, actions (owner, due date), next review, chair's signature and date:",
                     styles.SMALL)]
        return FillBox(prompts, OUTCOME_MIN, ruled=True), []
    head = "MDT outcome, signed off" if sheet.signoff else "MDT outcome as recorded (not signed off)"
    full = [p(head, styles.SMALL), *outcome_paragraphs(outcome)]
    if sheet.amendments:
        last = sheet.amendments[-1]
        full.append(p(f"As amended on {uk_datetime(last.amended_at)} by {last.amended_by}: {last.reason}",
                      styles.SMALL))
    full.append(p(signoff_line(sheet.signoff), styles.CELL_BOLD))
    note = signed_evaluation_note(sheet.signoff, sheet.evaluation)
    if note:
        full.append(p(note, styles.SMALL))
    if _height(full) <= OUTCOME_MIN - 12:
        return FillBox(full, OUTCOME_MIN, ruled=False), []
    short = [p(head, styles.SMALL), *outcome_paragraphs(outcome, limit=300),
             p("The outcome continues on the next page, in full.", styles.CELL_BOLD),
             p(signoff_line(sheet.signoff), styles.CELL_BOLD), *([p(note, styles.SMALL)] if note else [])]
    return FillBox(short, OUTCOME_MIN, ruled=False), [*section("MDT outcome in full"), *full]


def _height(flowables: list) -> float:
    width = CONTENT_WIDTH - 14
    return sum(f.wrap(width, FRAME_HEIGHT)[1] for f in flowables)
