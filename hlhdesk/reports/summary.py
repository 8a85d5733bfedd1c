"""The MDT case summary: the page that goes in the record.

Decision first (or "No MDT decision recorded"), then whether the policy criteria are met
(never "approved": the MDT decides), then every rule with its status, detail and
evidence, the scores, the charts, dosing, the monitoring checklist, the meeting and its
sign-off, amendments, and the observations the evaluation could see.

Everything printed comes from the Case and the Evaluation handed in; nothing here
recomputes a criterion.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from hlhdesk.core.evaluation import CriteriaResult, Evaluation, HScoreResult, PolicyMarks, RuleGroup
from hlhdesk.core.evaluation.json_form import evaluation_from_dict
from hlhdesk.core.meetings.meeting import Amendment, Meeting, Outcome, SignOff
from hlhdesk.core.model import Case
from hlhdesk.core.policy.marks import marks_of
from hlhdesk.core.wording import age_words
from hlhdesk.core.units import CATALOGUE
from hlhdesk.reports import charts, styles
from hlhdesk.reports.tables import STATUS_COLUMNS, criterion_row, grid, p, rule_row, section
from hlhdesk.reports.template import CONTENT_WIDTH, PageContext, build_pdf, heading_for_case
from hlhdesk.reports.text import NOT_RECORDED, evidence_line, quantity, uk_date, uk_datetime

TITLE = "HLH MDT case summary"
NO_DECISION = "No MDT decision recorded"
NOT_SIGNED_OFF = "Not signed off"

# Groups the criteria table shows; the obligations have their own checklist.
CRITERIA_GROUPS = (RuleGroup.DIAGNOSIS, RuleGroup.INCLUSION, RuleGroup.EXCLUSION,
                   RuleGroup.RESPONSE, RuleGroup.STOPPING, RuleGroup.DOSING)
GROUP_NOTES = {
    RuleGroup.DIAGNOSIS: "any one met is enough",
    RuleGroup.INCLUSION: "both must be met",
    RuleGroup.EXCLUSION: "any one met excludes",
    RuleGroup.RESPONSE: "after day 0; any one met is a response",
    RuleGroup.STOPPING: "any one met: stopping recommended, for the MDT to confirm",
    RuleGroup.DOSING: "per course",
}
RULE_WIDTHS = (39 * mm, 28 * mm, CONTENT_WIDTH - 67 * mm)  # the longest ID and status fit unwrapped


def case_summary(
    case: Case,
    evaluation: Evaluation,
    *,
    outcome: Outcome | None = None,
    meeting: Meeting | None = None,
    signoff: SignOff | None = None,
    amendments: Sequence[Amendment] = (),
) -> bytes:
    """The case summary as PDF bytes."""
    story = summary_story(case, evaluation, outcome=outcome, meeting=meeting, signoff=signoff,
                          amendments=amendments)
    return build_pdf(story, title=TITLE)


def summary_story(case, evaluation, *, outcome=None, meeting=None, signoff=None, amendments=(),
                  observations=True) -> list:
    """The flowables of one case summary (a meeting pack strings several together).

    `observations=False` leaves out the listing of every observation (the meeting pack
    does: the evidence under each rule already shows the values used)."""
    if signoff is not None and outcome is None:
        outcome = signoff.outcome
    return [
        PageContext(heading_for_case(TITLE, case, evaluation, meeting)),
        Paragraph(TITLE, styles.TITLE),
        p(f"NHS England policy {evaluation.policy} (anakinra for HLH). Evaluated as of "
          f"{uk_datetime(evaluation.as_of)}; day 0 (first anakinra) "
          f"{uk_datetime(evaluation.day0) if evaluation.day0 else 'not reached'}.", styles.SUBTITLE),
        decision_box(outcome, signoff, amendments, evaluation),
        *eligibility_section(evaluation),
        *case_section(case, evaluation),
        *criteria_section(evaluation),
        *hscore_section(evaluation),
        *criteria_list_section(evaluation.hlh2004),
        *criteria_list_section(evaluation.mas2016, information_only=True),
        *chart_section(evaluation),
        *dosing_section(case, evaluation),
        *checklist_section(evaluation),
        *events_section(case, evaluation),
        *meeting_section(meeting, signoff),
        *amendments_section(amendments),
        *(observations_section(case, evaluation) if observations else []),
    ]


def current_outcome(outcome: Outcome | None, amendments: Sequence[Amendment]) -> Outcome | None:
    """The outcome as it stands: the last amendment's, else the one signed off."""
    return amendments[-1].outcome if amendments else outcome


def decision_box(outcome: Outcome | None, signoff: SignOff | None, amendments: Sequence[Amendment],
                 evaluation: Evaluation) -> Table:
    shown = current_outcome(outcome, amendments)
    cell: list = [p("MDT decision", styles.SMALL)]
    if shown is None:
        cell.append(p(NO_DECISION, styles.DECISION))
    else:
        cell += outcome_paragraphs(shown)
        if amendments:
            last = amendments[-1]
            cell.append(p(f"As amended on {uk_datetime(last.amended_at)} by {last.amended_by}: "
                          f"{last.reason} (see Amendments).", styles.SMALL))
    cell.append(p(signoff_line(signoff), styles.CELL_BOLD))
    signed_as_of = signed_evaluation_as_of(signoff, evaluation)
    if signed_as_of is not None:
        cell.append(p(f"Note: the decision was signed off against the evaluation as of {uk_datetime(signed_as_of)}; "
                      f"the rules on this page are a later evaluation, as of {uk_datetime(evaluation.as_of)}. "
                      "The signed-off record reprints unchanged from its snapshot.", styles.CELL_BOLD))
    box = Table([[cell]], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, styles.INK),
        ("BACKGROUND", (0, 0), (-1, -1), styles.PALE),
        ("LEFTPADDING", (0, 0), (-1, -1), 7), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return box


def outcome_paragraphs(outcome: Outcome) -> list:
    """Decision, rationale, dissent, actions, next review: the summary and the letter say
    them the same way."""
    out = [p(outcome.decision.label, styles.DECISION), Spacer(1, 2)]
    out.append(p(f"Rationale: {outcome.rationale or 'none recorded'}", styles.BODY))
    if outcome.dissent:
        out.append(p(f"Dissent: {outcome.dissent}", styles.BODY))
    for action in outcome.actions:
        due = f", due {uk_date(action.due)}" if action.due else ""
        out.append(p(f"• Action: {action.text} ({action.owner}{due})", styles.BODY))
    out.append(p(f"Next review: {uk_date(outcome.next_review) if outcome.next_review else 'none set'}", styles.BODY))
    out.append(p(f"Prior approval reference: {outcome.prior_approval_ref or NOT_RECORDED}", styles.BODY))
    return out


def signed_evaluation_as_of(signoff: SignOff | None, evaluation: Evaluation):
    """When a sign-off is printed beside an evaluation other than the one it froze, the
    as-of time of the frozen one (so the page can say so); else None. Re-making the same
    evaluation later (only `made_at` differs) is not a different evaluation."""
    if signoff is None or not signoff.evaluation_json:
        return None
    frozen = evaluation_from_dict(json.loads(signoff.evaluation_json))
    if replace(frozen, made_at=evaluation.made_at) == evaluation:
        return None
    return frozen.as_of


def signoff_line(signoff: SignOff | None) -> str:
    if signoff is None:
        return NOT_SIGNED_OFF
    return (f"Signed off by {signoff.signed_by} (chair) on {uk_date(signoff.signed_at)} "
            f"at {signoff.signed_at.strftime('%H:%M')}")


def eligibility_section(evaluation: Evaluation) -> list:
    eligibility = evaluation.eligibility
    out = [*section("Eligibility under the policy"),
           p(eligibility.status.label, styles.DECISION)]
    if eligibility.summary:
        out.append(p(eligibility.summary))
    if eligibility.decided_by:
        out.append(p(f"Decided by: {', '.join(eligibility.decided_by)}"))
    if eligibility.to_record:
        out.append(p(f"To record before this can be decided: {'; '.join(eligibility.to_record)}"))
    out.append(p("hlhdesk checks the policy criteria; the MDT makes the decision.", styles.SMALL))
    for warning in evaluation.warnings:
        out.append(p(f"Warning: {warning}", styles.CELL_BOLD))
    return out


def case_section(case: Case, evaluation: Evaluation) -> list:
    details, patient = case.details, case.patient
    hlh_type = details.hlh_type.value if details.hlh_type else NOT_RECORDED
    triggers = ", ".join(t.replace("_", " ") for t in details.triggers) if details.triggers else NOT_RECORDED
    if details.trigger_notes:
        triggers += f" ({details.trigger_notes})"
    steroids = details.steroid_first_line.value.replace("_", " ") if details.steroid_first_line else NOT_RECORDED
    rows = [
        ["Referred by", f"{details.referring_clinician or NOT_RECORDED}, {details.referring_hospital or NOT_RECORDED}"],
        ["Age and sex", f"{age_words(patient.date_of_birth, evaluation.as_of)}, {patient.sex.value}"],
        ["HLH type and triggers", f"{hlh_type}; {triggers}"],
        ["First-line corticosteroids", steroids],
    ]
    table = Table([[p(k, styles.CELL_BOLD), p(v)] for k, v in rows], colWidths=[45 * mm, CONTENT_WIDTH - 45 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [*section("Case"), table]


def rules_table(evaluation: Evaluation, groups: Sequence[RuleGroup], notes: dict | None = None):
    rows: list[list] = [["Rule", "Status", "Rule, detail and the values it used"]]
    group_rows = []
    for group in groups:
        rules = evaluation.rules_in(group)
        if not rules:
            continue
        note = (notes or {}).get(group)
        group_rows.append(len(rows))
        rows.append([f"{group.title}{f' ({note})' if note else ''}", "", ""])
        rows += [rule_row(rule) for rule in rules]
    extra = [STATUS_COLUMNS]
    for r in group_rows:
        extra += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), styles.SHADE)]
    return grid(rows, RULE_WIDTHS, *extra)


def criteria_section(evaluation: Evaluation) -> list:
    return [*section("Policy rules"), rules_table(evaluation, CRITERIA_GROUPS, GROUP_NOTES)]


def hscore_section(evaluation: Evaluation) -> list:
    score = evaluation.hscore
    rows: list[list] = [["HScore item", "Value used", "Points"]]
    for item in score.items:
        used = evidence_line(item.evidence) if item.evidence else "not recorded in the 7-day window"
        points = str(item.points) if item.points is not None else f"missing ({item.min_points} to {item.max_points})"
        rows.append([p(item.label, styles.CELL_BOLD), p(used), p(points)])
    rows.append([p("Total", styles.CELL_BOLD), p(""), p(score_text(score), styles.CELL_BOLD)])
    table = grid(rows, (55 * mm, CONTENT_WIDTH - 95 * mm, 40 * mm), ("LINEABOVE", (0, -1), (-1, -1), 0.8, styles.INK))
    out = [*section(score.variant),
           p(f"{score_text(score)}; probability of HLH {score.probability} (Fardet's published table). "
             f"DX-HSCORE needs more than {score.threshold}." + (
                 "" if score.complete else f" A range because {len(score.missing)} "
                 f"item{'s are' if len(score.missing) != 1 else ' is'} missing: {', '.join(score.missing)}.")),
           Spacer(1, 3), KeepTogether(table)]
    modified = evaluation.modified_hscore
    out.append(p(f"{modified.variant}: {score_text(modified)}; DX-MHSCORE needs more than {modified.threshold}.",
                 styles.SMALL))
    return out


def score_text(score: HScoreResult) -> str:
    return f"{score.low} points" if score.complete else f"{score.low} to {score.high} points"


def criteria_list_section(result: CriteriaResult, *, information_only: bool = False) -> list:
    rows: list[list] = [["Criterion", "Status", "Detail and the values it used"]]
    rows += [criterion_row(c) for c in result.criteria]
    # The engine's note already says the counts in its own words; else say them here.
    counts = result.note or (f"{result.met} met, {result.not_met} not met, {result.unknown} unknown; "
                             f"{result.needed} needed, up to {result.could_still_be_met} could be met.")
    if information_only and "never decides" not in counts:
        counts += " Shown for information: never decides eligibility."
    return [*section(result.name), p(counts), Spacer(1, 3),
            grid(rows, (45 * mm, 28 * mm, CONTENT_WIDTH - 73 * mm), STATUS_COLUMNS)]


def chart_section(evaluation: Evaluation) -> list:
    width, height = CONTENT_WIDTH, 62 * mm
    out = [*section("Trajectories", room=height + 30 * mm)]
    ferritin = charts.ferritin_chart(evaluation, width, height)
    trajectory = evaluation.ferritin
    if ferritin is None:
        out.append(p("Ferritin: no value recorded up to the as-of time."))
    else:
        marks = marks_of(evaluation)
        lines = " and ".join(line.label for line in marks.ferritin_lines)
        caption = (f"Ferritin, µg/L on a log scale. Dashed lines: {lines}. Dotted: baseline ferritin; "
                   f"long dashes: the −{marks.ferritin_fall:.0%} target to day {marks.response_day} "
                   "(RE-FERRITIN-7D). Grey bands: anakinra courses.")
        if trajectory and trajectory.baseline:
            caption += f" {evidence_line(trajectory.baseline)}."
        if trajectory and trajectory.max_fall_pct is not None:
            caption += (f" Largest fall below baseline: {trajectory.max_fall_pct:.1f}%"
                        f" on {uk_datetime(trajectory.max_fall_at)}.")
        out.append(KeepTogether([p("Ferritin", styles.H2), ferritin, p(caption, styles.SMALL)]))
    hscore = charts.hscore_chart(evaluation, width, height)
    if hscore is None:
        out.append(p("HScore: no scored time points up to the as-of time."))
    else:
        caption = (f"HScore over time. Where items are missing the score is a range: solid line and "
                   f"filled dots the lowest possible, dashed line and open dots the highest. Dashed "
                   f"line: {evaluation.hscore.threshold} (DX-HSCORE passes only above it). "
                   f"Grey bands: anakinra courses.")
        out.append(KeepTogether([p("HScore", styles.H2), hscore, p(caption, styles.SMALL)]))
    return out


def dosing_section(case: Case, evaluation: Evaluation) -> list:
    out = [*section("Treatment and dosing")]
    marks = marks_of(evaluation)
    if evaluation.dosing:
        rows: list[list] = [["Anakinra course", "Route", "Dose", "Daily", "Weight used", "mg/kg/day"]]
        for course in evaluation.dosing:
            span = f"{uk_datetime(course.start)} to {uk_datetime(course.stop) if course.stop else 'continuing'}"
            dose = (f"{quantity(course.dose_mg, 'mg')} every {quantity(course.every_hours)} h"
                    if course.dose_mg is not None else NOT_RECORDED)
            weight = evidence_line(course.weight) if course.weight else NOT_RECORDED
            rows.append([p(span), p((course.route or NOT_RECORDED).upper()), p(dose),
                         p(quantity(course.daily_mg, "mg")), p(weight),
                         [p(mg_per_kg_text(course.mg_per_kg_day, marks), styles.CELL_BOLD),
                          *([p(course.note, styles.EVIDENCE)] if course.note else [])]])
        out.append(grid(rows, (40 * mm, 13 * mm, 32 * mm, 20 * mm, CONTENT_WIDTH - 150 * mm, 45 * mm)))
        out.append(p(f"mg/kg/day = total daily mg ÷ the latest weight on or before the course. "
                     f"Ceiling {marks.dose_ceiling.label} (DO-MAX); the policy starts at "
                     f"{marks.dose_floor.label} or more (DO-START).", styles.SMALL))
    else:
        out.append(p("No anakinra course up to the as-of time."))
    others = [t for t in case.treatments if t.drug != "anakinra" and t.start <= evaluation.as_of]
    if others:
        rows = [["Other treatment", "Start", "Stop", "Dose", "Route"]]
        for t in sorted(others, key=lambda t: t.start):
            drug = f"{t.drug} ({t.name})" if t.name else t.drug
            dose = (f"{quantity(t.dose_mg, 'mg')} every {quantity(t.every_hours)} h"
                    if t.dose_mg is not None else NOT_RECORDED)
            rows.append([p(drug), p(uk_datetime(t.start)), p(uk_datetime(t.stop) if t.stop else "continuing"),
                         p(dose), p((t.route or NOT_RECORDED).upper())])
        out += [Spacer(1, 4), grid(rows, (50 * mm, 32 * mm, 32 * mm, CONTENT_WIDTH - 134 * mm, 20 * mm))]
    return out


def mg_per_kg_text(value: float | None, marks: PolicyMarks) -> str:
    if value is None:
        return "cannot be worked out (dose or weight not recorded)"
    text = f"{value:.2f} mg/kg/day"
    if value > marks.dose_ceiling.value:
        text += f" ⚠ above the {marks.dose_ceiling.value:g} mg/kg/day ceiling"
    return text


def checklist_section(evaluation: Evaluation) -> list:
    rules = evaluation.rules_in(RuleGroup.OBLIGATIONS)
    if not rules:
        return []
    rows: list[list] = [["Check", "Status", "What the policy asks and what is recorded"]]
    rows += [rule_row(rule) for rule in rules]
    return [*section("Monitoring and other policy obligations"), grid(rows, RULE_WIDTHS, STATUS_COLUMNS)]


def events_section(case: Case, evaluation: Evaluation) -> list:
    events = sorted((e for e in case.events if e.at <= evaluation.as_of), key=lambda e: e.at)
    checks = sorted((m for m in case.monitoring if m.at <= evaluation.as_of), key=lambda m: m.at)
    if not events and not checks:
        return []
    rows: list[list] = [["When", "Event or check", "Note"]]
    rows += [[p(uk_datetime(e.at)), p(e.kind.replace("_", " ")), p(e.note or "")] for e in events]
    rows += [[p(uk_datetime(m.at)), p(f"monitoring: {m.kind}"), p(m.note or "")] for m in checks]
    return [*section("Events and monitoring records"),
            grid(rows, (32 * mm, 50 * mm, CONTENT_WIDTH - 82 * mm))]


def meeting_section(meeting: Meeting | None, signoff: SignOff | None) -> list:
    out = [*section("MDT meeting and sign-off")]
    if meeting is None:
        out.append(p("No MDT meeting recorded for this summary."))
    else:
        out.append(p(f"Meeting on {uk_date(meeting.held_on)}, chaired by {meeting.chair}."))
        if meeting.attendees:
            rows = [["Attendee", "Role"]] + [[p(a.name), p(a.role)] for a in meeting.attendees]
            out += [Spacer(1, 3), grid(rows, (70 * mm, 70 * mm))]
        else:
            out.append(p("No attendees recorded."))
    out += [Spacer(1, 4), p(signoff_line(signoff), styles.CELL_BOLD)]
    return out


def amendments_section(amendments: Sequence[Amendment]) -> list:
    if not amendments:
        return []
    rows: list[list] = [["Amended", "By", "Reason", "Decision as amended"]]
    for a in amendments:
        rows.append([p(uk_datetime(a.amended_at)), p(a.amended_by), p(a.reason), p(a.outcome.decision.label)])
    return [*section("Amendments after sign-off"),
            p("The signed-off decision is kept; each amendment says who changed what and why.", styles.SMALL),
            Spacer(1, 3), grid(rows, (32 * mm, 35 * mm, CONTENT_WIDTH - 112 * mm, 45 * mm))]


def observations_section(case: Case, evaluation: Evaluation) -> list:
    """Every observation the evaluation could see: the record of what it was based on."""
    seen = sorted((o for o in case.observations if o.at <= evaluation.as_of), key=lambda o: (o.at, o.kind))
    later = len(case.observations) - len(seen)
    out = [*section(f"Observations up to {uk_datetime(evaluation.as_of)} ({len(seen)})")]
    if later:
        out.append(p(f"{later} later observation{'s' if later != 1 else ''} not shown: after the as-of time.",
                     styles.SMALL))
    if not seen:
        return [*out, p("None recorded.")]
    rows: list[list] = [["When", "Observation", "Value", "Entered as"]]
    for o in seen:
        entered = quantity(o.entered_value, o.entered_unit) if o.was_converted else ""
        label = CATALOGUE[o.kind].label if o.kind in CATALOGUE else o.kind
        if o.site:
            label += f" ({o.site.replace('_', ' ')})"
        rows.append([uk_datetime(o.at), label, quantity(o.value, o.unit), entered])
    out.append(grid(rows, (32 * mm, 62 * mm, 40 * mm, CONTENT_WIDTH - 134 * mm)))
    return out

