"""What the store hands back besides cases: the case list, the cached status, audit rows."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from hlhdesk.core.model import HlhType, Sex

LIST_CASES_SQL = """
SELECT c.id AS case_id, p.nhs_number, p.hospital_number, p.family_name, p.given_name,
       p.date_of_birth, p.sex, c.hlh_type, c.referring_hospital,
       (SELECT min(t.start) FROM treatments t
         WHERE t.case_id = c.id AND t.drug = 'anakinra') AS first_anakinra_start,
       (SELECT count(*) FROM observations o WHERE o.case_id = c.id) AS observation_count,
       c.updated_at, s.eligibility, s.next_review,
       coalesce(s.updated_at < c.updated_at OR s.stale, 0) AS status_stale,
       s.phase, s.day, s.verdict, s.tone, s.urgency, s.overdue, s.last_decision,
       s.last_decision_on, s.overdue_actions, s.as_of, s.day0
  FROM cases c
  JOIN patients p ON p.id = c.patient_id
  LEFT JOIN case_status s ON s.case_id = c.id
 ORDER BY c.id
"""

_LIST_COLUMNS = (
    "case_id, nhs_number, hospital_number, family_name, given_name, date_of_birth, sex, hlh_type, "
    "referring_hospital, first_anakinra_start, observation_count, updated_at, eligibility, next_review, "
    "status_stale, phase, day, verdict, tone, urgency, overdue, last_decision, last_decision_on, "
    "overdue_actions, as_of, day0")
_LIST_AS_JSON = f"SELECT json_group_array(json_array({_LIST_COLUMNS})) FROM ({LIST_CASES_SQL})"


@dataclass(frozen=True, kw_only=True)
class CachedPhase:
    """The pathway phase as last computed and cached (hlhdesk.core.evaluation.pathway),
    None until then: what the case list row and the status both carry. Keyword-only, so
    the classes that hold it keep their own fields first."""

    phase: str | None = None
    day: int | None = None
    verdict: str | None = None
    tone: str | None = None
    urgency: int | None = None
    overdue: bool = False
    last_decision: str | None = None  # the latest MDT outcome's decision (Decision value)
    last_decision_on: date | None = None  # the date of its meeting
    overdue_actions: int = 0

    @property
    def review_due(self) -> date | datetime | None:
        """The pathway's review due, under the contract's name (a property: rows are
        copied with their fields only)."""
        return self.next_review


@dataclass(frozen=True)
class CaseSummary(CachedPhase):
    """One line of the case list. `updated_at` is when anything in the case last changed
    (UTC, timezone-aware); `eligibility` and `next_review` come from the derived
    case_status cache and are None until the GUI has evaluated the case.
    `status_stale`: the case changed after its status was last computed."""

    case_id: int
    nhs_number: str | None
    hospital_number: str | None
    family_name: str | None
    given_name: str | None
    date_of_birth: date
    sex: Sex
    hlh_type: HlhType | None
    referring_hospital: str | None
    first_anakinra_start: datetime | None
    observation_count: int
    updated_at: datetime
    eligibility: str | None = None
    next_review: date | datetime | None = None  # the pathway's review due (past when overdue)
    status_stale: bool = False
    status_as_of: date | datetime | None = None  # the time the status was computed as of
    day0: datetime | None = None  # the current episode's day 0, as last evaluated

    @property
    def current_day0(self) -> datetime | None:
        """The current episode's day 0 as last evaluated (what `day` counts from: a relapse
        starts a new episode); before the first evaluation, the first anakinra dose."""
        return self.day0 or self.first_anakinra_start

    def needs_status(self, today: date) -> bool:
        """Never evaluated, the case or its MDT outcomes changed after its status was
        computed, or the status was computed on an earlier day (the pathway's day and
        "overdue" move with the calendar)."""
        if not self.eligibility or self.status_stale:
            return True
        computed = self.status_as_of
        computed_on = computed.date() if isinstance(computed, datetime) else computed
        return computed_on is not None and computed_on < today


# The fields of case_status a caller may set (case_id and updated_at are the store's).
CASE_STATUS_FIELDS = (
    "eligibility", "policy", "as_of", "day0", "next_review", "summary",
    "phase", "day", "verdict", "tone", "urgency", "overdue", "last_decision", "last_decision_on",
    "overdue_actions", "flags",
)


@dataclass(frozen=True)
class CaseStatus(CachedPhase):
    """The derived status last computed for a case (see the case_status table)."""

    case_id: int
    eligibility: str | None
    policy: str | None
    as_of: date | datetime | None
    day0: date | datetime | None
    next_review: date | datetime | None  # the pathway's review due (past when overdue)
    summary: str | None
    updated_at: datetime
    stale: bool = False  # an MDT outcome changed since it was computed


@dataclass(frozen=True)
class AuditRow:
    """One change to a clinical table: who, when, with which app version, before and after."""

    id: int
    at: datetime  # UTC, timezone-aware
    os_user: str | None
    app_version: str | None
    table_name: str
    row_id: int
    case_id: int | None
    action: str  # insert, update or delete
    before_json: str | None
    after_json: str | None

    @property
    def before(self) -> dict[str, Any] | None:
        return None if self.before_json is None else json.loads(self.before_json)

    @property
    def after(self) -> dict[str, Any] | None:
        return None if self.after_json is None else json.loads(self.after_json)

    @property
    def changed_fields(self) -> tuple[str, ...]:
        """For an update, the columns whose values changed."""
        before, after = self.before or {}, self.after or {}
        return tuple(k for k in after if before.get(k) != after.get(k)) if before else ()


def parse_when(text: str | None) -> date | datetime | None:
    """A stored date ('2026-11-21') or date-time ('2026-11-21T09:00:00') as Python."""
    if text is None:
        return None
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


def read_case_list(conn: sqlite3.Connection) -> list[CaseSummary]:
    """Every case, one line each, in one query; with sqlite3 alone, so the desk can list
    a database before the rest of the store (sqlite-utils, numpy) is imported."""
    # As one JSON text built by SQLite in one step: read row by row, a worker thread
    # waits for Python's GIL at every row while the GUI thread runs Python (the desk reads
    # its list while its window is built), and 2,000 rows took seconds instead of 30 ms.
    (text,) = conn.execute(_LIST_AS_JSON).fetchone()
    rows = sorted(json.loads(text), key=lambda row: row[0])  # by case id, as the query orders
    return [
        CaseSummary(
            case_id, nhs, hospital_number, family, given, date.fromisoformat(born), Sex(sex),
            HlhType(hlh_type) if hlh_type else None, referring_hospital,
            parse_when(first_anakinra), observation_count, datetime.fromisoformat(updated_at),
            eligibility, parse_when(next_review), bool(status_stale), parse_when(status_as_of),
            parse_when(day0), phase=phase, day=day, verdict=verdict, tone=tone, urgency=urgency,
            overdue=bool(overdue), last_decision=last_decision, last_decision_on=parse_when(last_decision_on),
            overdue_actions=overdue_actions or 0,
        )
        for (case_id, nhs, hospital_number, family, given, born, sex, hlh_type,
             referring_hospital, first_anakinra, observation_count, updated_at,
             eligibility, next_review, status_stale, phase, day, verdict, tone, urgency,
             overdue, last_decision, last_decision_on, overdue_actions, status_as_of, day0) in rows
    ]

