"""The evidence appendix after a proforma: every value the evaluation used, printed once.

One table lists the values (what, value, unit, date, as entered), each with a reference
(V1, V2, ...); the rules, the score items and the dosing then refer to those references
instead of printing the same ferritin six times. Then events and monitoring, the meeting
and its sign-off, amendments, and optionally every observation (a long case's listing is
cut to its latest rows plus a per-test summary, so it prints in bounded time).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from hlhdesk.core.evaluation import Evaluation, Evidence, RuleGroup
from hlhdesk.core.evaluation.pathway import rule_meaning
from hlhdesk.core.model import Case
from hlhdesk.core.units import CATALOGUE, display_unit, format_number
from hlhdesk.core.wording import quantity, status_words, unit_words
from hlhdesk.reports import styles
from hlhdesk.reports.outcome_text import signoff_line
from hlhdesk.reports.tables import STATUS_COLUMNS, grid, p, section
from hlhdesk.reports.template import CONTENT_WIDTH
from hlhdesk.reports.text import NOT_RECORDED, para_text, uk_date, uk_datetime

TITLE = "Evidence appendix"
LISTED_OBSERVATIONS = 300  # rows of the full listing; the rest summarised per test
QUALIFIERS = ("baseline ", "highest ", "lowest ", "latest ", "peak ", "day-0 ", "day 0 ")


def _same_value_key(item: Evidence) -> tuple:
    """Two rules that used the same measurement share a reference, whatever each called
    it ("Ferritin", "Baseline ferritin")."""
    label = item.label.lower()
    for qualifier in QUALIFIERS:
        label = label.removeprefix(qualifier)
    return label, repr(item.value), item.unit, item.at, item.entered


class ValueIndex:
    """The values the evaluation used, numbered in the order first met."""

    def __init__(self, evaluation: Evaluation):
        self.rule_ids = {r.id for r in evaluation.rules}
        self.refs: dict[tuple, str] = {}
        self.rows: list[Evidence] = []

    def ref(self, item: Evidence) -> str:
        key = _same_value_key(item)
        if key not in self.refs:
            self.refs[key] = f"V{len(self.rows) + 1}"
            self.rows.append(item)
        return self.refs[key]

    def refer(self, evidence: Sequence[Evidence]) -> str:
        """"Values: V1, V3 (peak)", or the rules a rule rests on, in words."""
        parts = []
        for item in evidence:
            if item.label in self.rule_ids:  # a rule resting on other rules
                parts.append(f"{item.label} {str(item.value).lower()}")
                continue
            parts.append(self.ref(item) + (f" ({item.note})" if item.note else ""))
        return f"Values: {', '.join(parts)}" if parts else ""


def appendix_story(case: Case, evaluation: Evaluation, *, meeting=None, signoff=None, amendments=(),
                   observations: bool = False) -> list:
    index = ValueIndex(evaluation)
    # The referring tables are laid out first so the values table holds what they use.
    rules = rules_section(evaluation, index)
    scores = scores_section(evaluation, index)
    dosing = dosing_section(evaluation, index)
    out = [CondPageBreak(60 * mm), Paragraph(TITLE, styles.TITLE),
           p(f"The values and rules behind page 1, evaluated as of {uk_datetime(evaluation.as_of)} under "
             f"policy {evaluation.policy}. Each value is listed once; the rules refer to it by its number.",
             styles.SUBTITLE),
           *warnings_section(evaluation), *details_section(case), *values_section(index), *rules, *scores, *dosing,
           *events_section(case, evaluation), *meeting_section(meeting, signoff), *amendments_section(amendments)]
    if observations:
        out += observations_section(case, evaluation)
    return out


def warnings_section(evaluation: Evaluation) -> list:
    return [p(f"Warning: {w}", styles.CELL_BOLD) for w in evaluation.warnings]


def details_section(case: Case) -> list:
    """The referral as recorded, free text in full (page 1 shortens it)."""
    details = case.details
    triggers = ", ".join(t.replace("_", " ") for t in details.triggers) if details.triggers else NOT_RECORDED
    rows = [
        ["Referred by", f"{details.referring_clinician or NOT_RECORDED}, {details.referring_hospital or NOT_RECORDED}"],
        ["HLH type", details.hlh_type.value if details.hlh_type else NOT_RECORDED],
        ["Triggers", triggers + (f": {details.trigger_notes}" if details.trigger_notes else "")],
        ["First-line corticosteroids",
         details.steroid_first_line.value.replace("_", " ") if details.steroid_first_line else NOT_RECORDED],
        ["Prior approval reference", details.prior_approval_ref or NOT_RECORDED],
    ]
    return [*section("Referral", room=30 * mm),
            grid([["Field", "As recorded"], *([k, p(v)] for k, v in rows)], (45 * mm, CONTENT_WIDTH - 45 * mm))]


def values_section(index: ValueIndex) -> list:
    if not index.rows:
        return [*section("Values used"), p("The evaluation used no recorded values.")]
    rows: list[list] = [["Ref", "What", "Value", "Unit", "Date", "As entered"]]
    for number, item in enumerate(index.rows, start=1):
        if isinstance(item.value, (int, float)) and not isinstance(item.value, bool):
            value, unit = format_number(item.value), display_unit(item.unit) or ""
        else:
            value, unit = quantity(item.value), ""
        rows.append([f"V{number}", p(item.label), p(value), unit, uk_datetime(item.at) if item.at else "–",
                     p(unit_words(item.entered) if item.entered else "")])
    return [*section("Values used"),
            grid(rows, (11 * mm, 52 * mm, 30 * mm, 20 * mm, 27 * mm, CONTENT_WIDTH - 140 * mm),
                 ("FONT", (0, 1), (0, -1), styles.FONT_BOLD, 8))]


def _rule_cell(rule, index: ValueIndex) -> list:
    lines = [f"<b>{para_text(rule.title)}</b>  {para_text(rule.detail)}"]
    refs = index.refer(rule.evidence)
    notes = [refs] if refs else []
    if rule.missing:
        notes.append(f"To record: {', '.join(rule.missing)}")
    if rule.setting:
        notes.append(f"Setting used: {rule.setting}")
    cell = [Paragraph(lines[0], styles.CELL)]
    if notes:
        cell.append(Paragraph("<br/>".join(para_text(n) for n in notes), styles.EVIDENCE))
    return cell


def rules_section(evaluation: Evaluation, index: ValueIndex) -> list:
    rows: list[list] = [["Rule", "Reading", "What it found, and the values it used"]]
    extra = [STATUS_COLUMNS]
    for group in RuleGroup:
        rules = evaluation.rules_in(group)
        if not rules:
            continue
        extra += [("SPAN", (0, len(rows)), (-1, len(rows))), ("BACKGROUND", (0, len(rows)), (-1, len(rows)), styles.SHADE)]
        rows.append([group.title, "", ""])
        for rule in rules:
            _tone, mark, word = rule_meaning(rule)
            rows.append([rule.id, f"{mark} {word}", _rule_cell(rule, index)])
    return [*section("Policy rules"), grid(rows, (39 * mm, 36 * mm, CONTENT_WIDTH - 75 * mm), *extra)]


def scores_section(evaluation: Evaluation, index: ValueIndex) -> list:
    out = []
    for score in (evaluation.hscore, evaluation.modified_hscore):
        rows: list[list] = [["Item", "Points", "Values"]]
        for item in score.items:
            points = str(item.points) if item.points is not None else f"missing ({item.min_points} to {item.max_points})"
            used = index.refer(item.inputs or ((item.evidence,) if item.evidence else ()))
            rows.append([p(item.label), points, p(used.removeprefix("Values: ") or "not recorded in the window")])
        total = f"{score.low}" if score.complete else f"{score.low} to {score.high}"
        rows.append(["Total", total, p(f"probability {score.probability}; the rule passes above {score.threshold}")])
        out += [*section(score.variant, room=30 * mm),
                grid(rows, (70 * mm, 35 * mm, CONTENT_WIDTH - 105 * mm), ("FONT", (0, -1), (-1, -1), styles.FONT_BOLD, 8))]
    for result in (evaluation.hlh2004, evaluation.mas2016):
        rows = [["Criterion", "Status", "Values"]]
        rows += [[p(c.label), status_words(c.status), p(index.refer(c.evidence).removeprefix("Values: ") or c.detail)]
                 for c in result.criteria]
        counts = result.note or f"{result.met} met, {result.not_met} not met, {result.unknown} unknown; {result.needed} needed."
        out += [*section(result.name, room=30 * mm), p(counts, styles.SMALL), Spacer(1, 2),
                grid(rows, (70 * mm, 28 * mm, CONTENT_WIDTH - 98 * mm), STATUS_COLUMNS)]
    return out


def dosing_section(evaluation: Evaluation, index: ValueIndex) -> list:
    if not evaluation.dosing:
        return []
    rows: list[list] = [["From", "To", "Route", "Dose", "Daily", "Weight", "mg/kg/day", "Note"]]
    for c in evaluation.dosing:
        dose = f"{format_number(c.dose_mg)} mg every {format_number(c.every_hours)} h" if c.dose_mg and c.every_hours else "–"
        rows.append([uk_datetime(c.start), uk_datetime(c.stop) if c.stop else "running", (c.route or "–").upper(),
                     p(dose), f"{format_number(c.daily_mg)} mg" if c.daily_mg else "–",
                     index.ref(c.weight) if c.weight else "–",
                     f"{c.mg_per_kg_day:.2f}" if c.mg_per_kg_day is not None else "–", p(c.note)])
    return [*section("Anakinra courses and mg/kg/day", room=30 * mm),
            grid(rows, (24 * mm, 24 * mm, 12 * mm, 30 * mm, 17 * mm, 14 * mm, 17 * mm, CONTENT_WIDTH - 138 * mm))]


def events_section(case: Case, evaluation: Evaluation) -> list:
    events = sorted((e for e in case.events if e.at <= evaluation.as_of), key=lambda e: e.at)
    checks = sorted((m for m in case.monitoring if m.at <= evaluation.as_of), key=lambda m: m.at)
    if not events and not checks:
        return []
    rows: list[list] = [["When", "Event or check", "Note"]]
    rows += [[uk_datetime(e.at), p(e.kind.replace("_", " ")), p(e.note or "")] for e in events]
    rows += [[uk_datetime(m.at), p(f"monitoring: {m.kind}"), p(m.note or "")] for m in checks]
    return [*section("Events and monitoring records", room=30 * mm),
            grid(rows, (27 * mm, 40 * mm, CONTENT_WIDTH - 67 * mm))]


def meeting_section(meeting, signoff) -> list:
    out = [*section("MDT meeting and sign-off", room=30 * mm)]
    if meeting is None:
        out.append(p("No MDT meeting recorded for these pages."))
    else:
        attendees = "; ".join(f"{a.name} ({a.role})" for a in meeting.attendees) or "none recorded"
        out.append(p(f"Meeting on {uk_date(meeting.held_on)}, chaired by {meeting.chair}. Attendees: {attendees}."))
    return [*out, p(signoff_line(signoff), styles.CELL_BOLD)]


def amendments_section(amendments) -> list:
    if not amendments:
        return []
    rows: list[list] = [["Amended", "By", "Reason", "Decision as amended"]]
    rows += [[uk_datetime(a.amended_at), p(a.amended_by), p(a.reason), p(a.outcome.decision.label)] for a in amendments]
    return [*section("Amendments after sign-off", room=30 * mm),
            p("The signed-off decision is kept; each amendment says who changed what and why.", styles.SMALL),
            grid(rows, (27 * mm, 35 * mm, CONTENT_WIDTH - 107 * mm, 45 * mm))]


def _label(kind: str) -> str:
    return CATALOGUE[kind].label if kind in CATALOGUE else kind


def observations_section(case: Case, evaluation: Evaluation) -> list:
    """Every observation up to the as-of time; past LISTED_OBSERVATIONS, the latest rows
    and a summary per test (count, first, last, lowest, highest)."""
    seen = sorted((o for o in case.observations if o.at <= evaluation.as_of), key=lambda o: (o.at, o.kind))
    later = len(case.observations) - len(seen)
    out = [*section(f"Observations up to {uk_datetime(evaluation.as_of)} ({len(seen):,})")]
    if later:
        out.append(p(f"{later:,} later observation{'s' if later != 1 else ''} not shown: after the as-of time.",
                     styles.SMALL))
    if not seen:
        return [*out, p("None recorded.")]
    listed = seen[-LISTED_OBSERVATIONS:]
    if len(listed) < len(seen):
        out += [p(f"{len(seen):,} observations: summarised per test, then the latest {len(listed)} listed. "
                  "The case file export holds every one.", styles.SMALL), summary_table(seen), Spacer(1, 4)]
    rows: list[list] = [["When", "Observation", "Value", "Entered as"]]
    for o in listed:
        entered = quantity(o.entered_value, o.entered_unit) if o.was_converted else ""
        label = _label(o.kind) + (f" ({o.site.replace('_', ' ')})" if o.site else "")
        rows.append([uk_datetime(o.at), label, quantity(o.value, o.unit), entered])
    return [*out, grid(rows, (32 * mm, 62 * mm, 40 * mm, CONTENT_WIDTH - 134 * mm))]


def summary_table(observations: list) -> object:
    by_kind: dict[str, list] = {}
    for o in observations:
        by_kind.setdefault(o.kind, []).append(o)
    rows: list[list] = [["Observation", "Count", "First", "Last", "Lowest", "Highest"]]
    for kind in sorted(by_kind, key=_label):
        items = by_kind[kind]
        numbers = [o for o in items if isinstance(o.value, (int, float)) and not isinstance(o.value, bool)]
        low = min(numbers, key=lambda o: o.value) if numbers else None
        high = max(numbers, key=lambda o: o.value) if numbers else None
        rows.append([_label(kind), f"{len(items):,}", uk_datetime(items[0].at), uk_datetime(items[-1].at),
                     quantity(low.value, low.unit) if low else "–", quantity(high.value, high.unit) if high else "–"])
    return grid(rows, (50 * mm, 16 * mm, 27 * mm, 27 * mm, 29 * mm, CONTENT_WIDTH - 149 * mm))
