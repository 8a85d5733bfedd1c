"""The service-audit report: for the service lead's annual return or a commissioner's query.

A cover with the period and what the audit covers; compliance with each policy requirement
(which episodes did not comply); the outcomes the policy names; two vector charts (ferritin
as a percentage of baseline by day for every episode, and a swimmer plot of the courses);
then one line per episode. Identifiers only in the internal report: pseudonymised, each
patient is a code stable within this report and no name or number is printed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Polygon, Rect, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from hlhdesk.core.audit.table import DISPLAY_HEADERS, display_cells, patient_codes, short_who, who
from hlhdesk.core.wording import uk_datetime
from hlhdesk.reports import styles
from hlhdesk.reports.fonts import FONT
from hlhdesk.reports.tables import grid, p, section
from hlhdesk.reports.template import CONTENT_WIDTH, PageContext, PageHeading, build_pdf

TITLE = "HLH service audit: anakinra under policy 210701P"
# Both charts' day axis: to the last day any episode reached, at least to day 21 (past
# the day-14 check) and at most 90 (later days crowd the early ones a chart is for).
MIN_PLOT_DAYS, MAX_PLOT_DAYS = 21, 90


def plot_days(audit) -> int:
    last = [e.last_day for e in audit.episodes] + [d for e in audit.episodes for d, _ in e.ferritin_points]
    return min(max([MIN_PLOT_DAYS, *last]), MAX_PLOT_DAYS)


def audit_report(audit, *, pseudonymise: bool = False) -> bytes:
    codes = patient_codes(audit.episodes) if pseudonymise else {}
    use = "pseudonymised: for use outside the trust" if pseudonymise else "contains identifiers: internal use only"
    heading = PageHeading(title=TITLE, meeting=f"Day 0 from {audit.filter.period_words}",
                          footer=f"hlhdesk service audit made {uk_datetime(audit.made_at)}  ·  {use}")
    story = [PageContext(heading), *cover(audit, use), *compliance_section(audit, codes),
             *outcomes_section(audit), PageBreak(), *charts_section(audit, codes), PageBreak(),
             *episode_table(audit, codes)]
    return build_pdf(story, title=TITLE)


def cover(audit, use: str) -> list:
    o = audit.outcomes
    filters = [f"{label} {value}" for label, value in (("HLH type", audit.filter.hlh_type),
               ("trigger", audit.filter.trigger), ("age", audit.filter.age_band)) if value]
    return [
        p(TITLE, styles.TITLE),
        p(f"Episodes whose day 0 (first anakinra dose) falls from {audit.filter.period_words}"
          + (f"; {', '.join(filters)}" if filters else "") + f". Made {uk_datetime(audit.made_at)}; {use}.",
          styles.SUBTITLE),
        p(f"{o.episodes} episodes of anakinra in {o.patients} patients.", styles.VERDICT),
        p("Each episode is judged by "
          "the policy's rules as of the moments the policy names (day 0, the end of day 7, the end of day 14), "
          "from what the database holds; what was not recorded is counted as not assessable, never as "
          "complied."),
        *([p(f"Not audited (the engine could not read them; see the log): cases "
             f"{', '.join(map(str, audit.failed_cases))}.")] if audit.failed_cases else []),
    ]


def compliance_section(audit, codes) -> list:
    rows = [["Policy requirement", "Complied", "Did not comply (episodes)", "Not assessable"]]
    for c in audit.compliance:
        missed = "; ".join(f"{who(e, codes)} ep {e.episode}" for e in c.not_complied) or "none"
        rows.append([p(c.words), p(c.summary.split(";")[0], styles.CELL_BOLD), p(missed),
                     p(str(len(c.not_assessable)))])
    return [*section("Compliance with the policy"),
            grid(rows, (62 * mm, 30 * mm, CONTENT_WIDTH - 118 * mm, 26 * mm))]


def outcomes_section(audit) -> list:
    o = audit.outcomes
    fall = f"{o.ferritin_fall_median_pct:.1f}%" if o.ferritin_fall_median_pct is not None else "not known"
    icu = f"{o.icu_days_median:g} days" if o.icu_days_median is not None else "not recorded"
    rows = [["Outcome", "Episodes"],
            ["Died by day 30", str(o.died_by_day30)],
            ["Alive at day 30 (a record after day 30)", str(o.alive_at_day30)],
            ["Day-30 status not known", str(o.day30_unknown)],
            ["Response by day 14 (any response rule met)", str(o.responded_by_day14)],
            ["Median largest ferritin fall below baseline", fall],
            ["Serious adverse events recorded", str(o.serious_adverse_events)],
            ["Median ICU days (where recorded)", icu]]
    return [*section("Outcomes the policy names"),
            grid([[p(a), p(b)] for a, b in rows], (100 * mm, CONTENT_WIDTH - 100 * mm))]


# --- charts -------------------------------------------------------------------------------

BOTTOM, TOP, RIGHT = 20, 14, 8


@dataclass(frozen=True)
class _Frame:
    """Where a chart's plot area sits and how days map onto it."""

    left: float
    width: float
    days: int

    def x(self, day: float) -> float:
        return self.left + (self.width - self.left - RIGHT) * min(max(day, 0), self.days) / self.days


def _text(x, y, text, size=6.5, anchor="start"):
    return String(x, y, text, fontName=FONT, fontSize=size, fillColor=styles.INK, textAnchor=anchor)


def _day_axis(d: Drawing, frame: _Frame, response_day: int | None) -> None:
    step = 5 if frame.days <= 40 else 10
    for day in range(0, frame.days + 1, step):
        x = frame.x(day)
        d.add(Line(x, BOTTOM - 2, x, BOTTOM, strokeColor=styles.INK, strokeWidth=0.5))
        d.add(_text(x, BOTTOM - 10, str(day), anchor="middle"))
    d.add(_text((frame.left + frame.width) / 2, 1, "calendar day of the episode (day 0 = first dose)",
                anchor="middle"))
    if response_day is not None:
        x = frame.x(response_day)
        d.add(Line(x, BOTTOM, x, d.height - TOP, strokeColor=styles.MUTED, strokeWidth=0.6,
                   strokeDashArray=(1, 2)))
        d.add(_text(x + 2, d.height - TOP - 8, f"day {response_day}"))


def ferritin_chart(audit, width: float, height: float) -> Drawing:
    """Ferritin as % of baseline by day, one line per episode, with the response target."""
    d = Drawing(width, height)
    frame = _Frame(34, width, plot_days(audit))
    lines = [[(day, v) for day, v in e.ferritin_points if day <= frame.days] for e in audit.episodes]
    top = min(max([150.0, *(v for pts in lines for _, v in pts)]), 400.0)
    top = 50 * math.ceil(top / 50)

    def y(v: float) -> float:
        return BOTTOM + (height - BOTTOM - TOP) * min(max(v, 0), top) / top

    d.add(Rect(frame.left, BOTTOM, width - frame.left - RIGHT, height - BOTTOM - TOP, fillColor=None,
               strokeColor=styles.INK, strokeWidth=0.6))
    for v in range(0, int(top) + 1, 50):
        d.add(Line(frame.left - 2, y(v), frame.left, y(v), strokeColor=styles.INK, strokeWidth=0.5))
        d.add(_text(frame.left - 4, y(v) - 2, f"{v}%", anchor="end"))
    d.add(Line(frame.left, y(100), width - RIGHT, y(100), strokeColor=styles.MUTED, strokeWidth=0.5))
    marks = audit.marks
    if marks is not None:
        target = 100 * (1 - marks.ferritin_fall)
        d.add(Line(frame.left, y(target), width - RIGHT, y(target), strokeColor=styles.INK, strokeWidth=0.8,
                   strokeDashArray=(4, 2)))
        # Above the plot area, so it never sits on the data.
        d.add(_text(width - RIGHT, height - TOP + 4, f"dashed: response target, {marks.ferritin_fall:.0%} "
                    f"below baseline by day {marks.response_day}", anchor="end"))
    _day_axis(d, frame, marks.response_day if marks else None)
    for points in lines:
        coords = [c for day, v in points for c in (frame.x(day), y(v))]
        if len(coords) >= 4:
            d.add(PolyLine(coords, strokeColor=styles.INK, strokeWidth=0.5))
        for i in range(0, len(coords), 2):
            d.add(Circle(coords[i], coords[i + 1], 0.9, fillColor=styles.INK, strokeColor=None))
    return d


def swimmer_chart(audit, codes, width: float) -> Drawing:
    """One bar per episode from day 0 to its stop (or the audit's day), with markers:
    ○ response, ◆ stop criterion met, | anakinra stopped, ✕ death."""
    rows = list(audit.episodes)
    bar = 9
    height = BOTTOM + TOP + 6 + bar * max(len(rows), 1)
    d = Drawing(width, height)
    frame = _Frame(78, width, plot_days(audit))
    for n, e in enumerate(rows):
        yc = height - TOP - 6 - bar * n - bar / 2
        end = e.last_day if e.anakinra_stopped_day is None else e.anakinra_stopped_day
        d.add(Rect(frame.x(0), yc - 2.5, max(frame.x(end) - frame.x(0), 1), 5, fillColor=styles.RANGE,
                   strokeColor=None))
        d.add(_text(frame.left - 3, yc - 2, short_who(e, codes)[:28], size=5.5, anchor="end"))
        if e.response_by_day7 == "met" or e.response_by_day14 == "met":
            day = 7 if e.response_by_day7 == "met" else 14
            d.add(Circle(frame.x(day), yc, 2.2, fillColor=colors.white, strokeColor=styles.INK, strokeWidth=0.7))
        if e.stop_criterion_day is not None:
            xs = frame.x(e.stop_criterion_day)
            d.add(Polygon([xs, yc + 3, xs + 3, yc, xs, yc - 3, xs - 3, yc], fillColor=styles.INK, strokeColor=None))
        if e.anakinra_stopped_day is not None:
            xs = frame.x(e.anakinra_stopped_day)
            d.add(Line(xs, yc - 4, xs, yc + 4, strokeColor=styles.INK, strokeWidth=1.2))
        if e.death_day is not None and e.death_day <= frame.days:
            xs = frame.x(e.death_day)
            d.add(Line(xs - 2.5, yc - 2.5, xs + 2.5, yc + 2.5, strokeColor=styles.INK, strokeWidth=1))
            d.add(Line(xs - 2.5, yc + 2.5, xs + 2.5, yc - 2.5, strokeColor=styles.INK, strokeWidth=1))
    d.add(_text(frame.left, height - 8, "○ response   ◆ stop criterion met   | anakinra stopped   ✕ death   "
                "grey bar: on anakinra", size=6.5))
    _day_axis(d, frame, audit.marks.response_day if audit.marks else None)
    return d


def charts_section(audit, codes) -> list:
    return [*section("Ferritin by day, as a percentage of each episode's baseline"),
            ferritin_chart(audit, CONTENT_WIDTH, 80 * mm),
            p("One line per episode; 100% is the baseline ferritin (the latest on or before day 0).", styles.SMALL),
            Spacer(1, 6), *section("The courses (swimmer plot)"),
            swimmer_chart(audit, codes, CONTENT_WIDTH)]


TINY = ParagraphStyle("audit_tiny", parent=styles.SMALL, fontSize=6.3, leading=7.6)
TINY_BOLD = ParagraphStyle("audit_tiny_bold", parent=TINY, fontName=styles.FONT_BOLD)


def episode_table(audit, codes) -> list:
    """Every episode, one row each: the table is wide, so its type is small and its
    headers wrap; the same cells as the audit window's table."""
    rows = [[p(head, TINY_BOLD) for head in DISPLAY_HEADERS]]
    rows += [[p(cell, TINY) for cell in display_cells(e, who(e, codes))] for e in audit.episodes]
    widths = (22, 6, 17, 22, 17, 15, 19, 14, 15, 14, 20, 10)
    scale = CONTENT_WIDTH / (sum(widths) * mm)
    return [*section("Every episode"), grid(rows, tuple(w * mm * scale for w in widths))]
