"""The audit as a table: one flat record per episode, for JSON, CSV and the report.

`COLUMNS` is the data dictionary (docs/service-audit.md prints the same words). A report
for use outside the trust is pseudonymised: each patient gets a code that is stable within
the report (P001, P002 ... in order of first day 0), and no name, NHS or hospital number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from hlhdesk.core.audit.episode_audit import EpisodeAudit, age_band
from hlhdesk.core.csvsafe import safe_csv_text


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str


COLUMNS = (
    Column("case_id", "The case's number in this database (blank when pseudonymised)"),
    Column("nhs_number", "10-digit NHS number, or the report's patient code when pseudonymised"),
    Column("episode", "Which episode of anakinra in the case: 1 for the first, 2 for a relapse..."),
    Column("day0", "Date and time of the episode's first anakinra dose (ISO 8601, local time)"),
    Column("hlh_type", "primary or secondary HLH, as recorded"),
    Column("triggers", "Recorded triggers, separated by '; '"),
    Column("age_band", "Age at day 0: under 2, 2 to 15, 16 to 64, 65 and over"),
    Column("criteria_met_at_day0", "Policy eligibility at the first dose: true, false, or blank when data was missing"),
    Column("criteria_routes", "Which diagnostic routes were met at day 0 (HLH-2004, HScore, ...)"),
    Column("departure_reason", "The MDT's recorded reason for starting outside the criteria"),
    Column("prior_approval_ref", "Prior-approval reference, if recorded"),
    Column("prior_approval_timing", "Whether the reference was recorded before or after day 0"),
    Column("start_mg_per_kg_day", "Starting dose, mg/kg/day on the freshest weight"),
    Column("max_mg_per_kg_day", "Highest total dose in the episode, mg/kg/day"),
    Column("day7_review", "The day-7 MDT review: held on time (within 2 days), late, not held, not yet due"),
    Column("day14_review", "The day-14 MDT review, as above"),
    Column("ferritin_response_7d", "RE-FERRITIN-7D at the end of day 7: met, not_met, unknown (blank before then)"),
    Column("response_by_day7", "Any response rule met by the end of day 7: met, not_met, unknown"),
    Column("response_by_day14", "Any response rule met by the end of day 14: met, not_met, unknown"),
    Column("response_by_day14_criteria", "Which response rules were met by day 14"),
    Column("max_ferritin_fall_pct", "Largest ferritin fall in the episode, % below baseline (0 if never below)"),
    Column("max_ferritin_fall_day", "The calendar day of that fall"),
    Column("stop_criterion", "The first stop criterion met (ST-SAE, ST-NO-RESPONSE, ST-RESOLUTION, ST-DEATH)"),
    Column("stop_criterion_day", "The calendar day it was met"),
    Column("anakinra_stopped_day", "The calendar day anakinra actually stopped"),
    Column("serious_adverse_events", "Serious adverse events recorded in the episode"),
    Column("died_by_day30", "Died by the end of day 30: true, false (known alive later), blank (not known)"),
    Column("discharge", "Date of discharge in the episode, if recorded"),
    Column("icu_days", "Days in ICU during the episode, from ICU admission/discharge events"),
)


def patient_codes(episodes: Iterable[EpisodeAudit]) -> dict[int, str]:
    """A code per case, stable within one report: in order of each case's first day 0."""
    codes: dict[int, str] = {}
    for e in sorted(episodes, key=lambda e: (e.day0, e.identity.case_id)):
        codes.setdefault(e.identity.case_id, f"P{len(codes) + 1:03d}")
    return codes


def episode_record(e: EpisodeAudit, code: str | None = None) -> dict[str, Any]:
    """One episode as plain JSON values; `code` replaces every identifier."""
    return {
        "case_id": None if code else e.identity.case_id,
        "nhs_number": code or e.identity.nhs_number,
        "episode": e.episode,
        "day0": e.day0.isoformat(),
        "hlh_type": e.hlh_type,
        "triggers": list(e.triggers),
        "age_band": age_band(e.age_months_at_day0),
        "criteria_met_at_day0": e.criteria_met_at_day0,
        "criteria_routes": list(e.criteria_routes),
        "departure_reason": e.departure_reason,
        "prior_approval_ref": e.prior_approval_ref,
        "prior_approval_timing": e.prior_approval_timing,
        "start_mg_per_kg_day": _round(e.start_mg_per_kg_day),
        "max_mg_per_kg_day": _round(e.max_mg_per_kg_day),
        "day7_review": e.day7_review.words,
        "day14_review": e.day14_review.words,
        "ferritin_response_7d": _status(e.ferritin_response_7d),
        "response_by_day7": _status(e.response_by_day7),
        "response_by_day14": _status(e.response_by_day14) or "unknown",
        "response_by_day14_criteria": list(e.response_by_day14_rules),
        "max_ferritin_fall_pct": e.max_ferritin_fall_pct,
        "max_ferritin_fall_day": e.max_ferritin_fall_day,
        "stop_criterion": e.stop_criterion,
        "stop_criterion_day": e.stop_criterion_day,
        "anakinra_stopped_day": e.anakinra_stopped_day,
        "serious_adverse_events": e.serious_adverse_events,
        "died_by_day30": e.died_by_day30,
        "discharge": e.discharge.isoformat() if e.discharge else None,
        "icu_days": e.icu_days,
    }


def records(episodes: Iterable[EpisodeAudit], pseudonymise: bool = False) -> list[dict[str, Any]]:
    episodes = sorted(episodes, key=lambda e: (e.day0, e.identity.case_id, e.episode))
    codes = patient_codes(episodes) if pseudonymise else {}
    return [episode_record(e, codes.get(e.identity.case_id)) for e in episodes]


def csv_text(episodes: Iterable[EpisodeAudit], pseudonymise: bool = False) -> str:
    """Formula-safe CSV (a cell starting =, +, - or @ cannot become a live formula)."""
    header = [c.name for c in COLUMNS]
    rows = [[_cell(record[name]) for name in header] for record in records(episodes, pseudonymise)]
    return safe_csv_text(header, rows)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _status(status) -> str | None:
    return None if status is None else str(status.value if hasattr(status, "value") else status)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# --- the table as people read it (the audit window and the PDF report) ----------------------

DISPLAY_HEADERS = ("Patient", "Ep", "Day 0", "Criteria at day 0", "Prior approval", "mg/kg/day start / max",
                   "Day-7 / day-14 review", "Ferritin by day 7", "Response by day 14", "Largest fall (day)",
                   "Stop criterion (day) / stopped", "Day 30")

_STATUS_WORDS = {"met": "met", "not_met": "not met", "unknown": "unknown"}


def display_cells(e: EpisodeAudit, who: str) -> tuple[str, ...]:
    """One episode in words, in DISPLAY_HEADERS order."""
    if e.criteria_met_at_day0:
        criteria = "met: " + ", ".join(e.criteria_routes)
    else:
        criteria = "not met" if e.criteria_met_at_day0 is False else "unknown (data missing)"
    if e.departure_reason:
        criteria += f"; MDT's reason: {e.departure_reason}"
    approval = f"{e.prior_approval_ref} ({e.prior_approval_timing})" if e.prior_approval_ref else "none recorded"
    fall = "—" if e.max_ferritin_fall_pct is None else f"{e.max_ferritin_fall_pct:.1f}%" + (
        f" (day {e.max_ferritin_fall_day})" if e.max_ferritin_fall_day is not None else "")
    stop = f"{e.stop_criterion} (day {e.stop_criterion_day})" if e.stop_criterion else "none"
    if e.anakinra_stopped_day is not None:
        stop += f"; stopped day {e.anakinra_stopped_day}"
    day30 = {True: "died", False: "alive", None: "not known"}[e.died_by_day30]
    return (who, str(e.episode), e.day0.strftime("%d/%m/%Y"), criteria, approval,
            f"{_dose(e.start_mg_per_kg_day)} / {_dose(e.max_mg_per_kg_day)}",
            f"{e.day7_review.words} / {e.day14_review.words}",
            status_words(e.ferritin_response_7d), status_words(e.response_by_day14), fall, stop, day30)


def status_words(status) -> str:
    """A rule status in words; None is a check whose day has not come yet."""
    if status is None:
        return "not yet"
    return _STATUS_WORDS.get(_status(status), _status(status))


def who(e: EpisodeAudit, codes: dict[int, str]) -> str:
    """The patient as a report names them: a code when pseudonymised."""
    if codes:
        return codes[e.identity.case_id]
    return f"{e.identity.name} (case {e.identity.case_id})"


def short_who(e: EpisodeAudit, codes: dict[int, str]) -> str:
    """The patient and episode as a plot's row label: name (or code) and episode."""
    return f"{codes.get(e.identity.case_id) or e.identity.name} ep {e.episode}"


def _dose(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
