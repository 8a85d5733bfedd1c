"""The result types of an evaluation: what the screen, the PDF and the JSON all render.

One `Evaluation` is made by `hlhdesk.core.evaluate(case, as_of)`; nothing downstream
recomputes a criterion, so a rule can never read differently in two places.

Every result is explained: the values it used (with their dates and units), the policy
sentence it implements, and for `unknown` results what data would decide it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        """Words for screens and paper; a status is never shown by colour alone."""
        return {
            "met": "Met",
            "not_met": "Not met",
            "unknown": "Unknown",
            "not_applicable": "Not applicable",
        }[self.value]

    @property
    def mark(self) -> str:
        """A symbol that survives black-and-white printing and colour blindness."""
        return {"met": "✓", "not_met": "✗", "unknown": "?", "not_applicable": "–"}[self.value]


class RuleGroup(StrEnum):
    """The policy's own headings, in the order it gives them."""

    DIAGNOSIS = "diagnosis"
    INCLUSION = "inclusion"
    EXCLUSION = "exclusion"
    RESPONSE = "response"
    STOPPING = "stopping"
    DOSING = "dosing"
    OBLIGATIONS = "obligations"

    @property
    def title(self) -> str:
        return {
            "diagnosis": "Diagnosis",
            "inclusion": "Inclusion",
            "exclusion": "Exclusion",
            "response": "Response",
            "stopping": "Stopping",
            "dosing": "Dosing",
            "obligations": "Other policy obligations",
        }[self.value]


class EligibilityStatus(StrEnum):
    ELIGIBLE = "eligible"  # shown as "Criteria met", never "approved": the MDT decides
    NOT_ELIGIBLE = "not_eligible"
    INSUFFICIENT_DATA = "insufficient_data"

    @property
    def label(self) -> str:
        return {
            "eligible": "Policy criteria met",
            "not_eligible": "Policy criteria not met",
            "insufficient_data": "Insufficient data to decide",
        }[self.value]


@dataclass(frozen=True)
class Evidence:
    """One value a result used: what, how much, in which unit, when.

    `value` is in the canonical `unit`; `entered` says how it was typed when it was
    converted (e.g. "39.6 mg/dL"), so both can be shown.
    """

    label: str
    value: float | bool | str | None
    unit: str | None = None
    at: datetime | None = None
    entered: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class RuleResult:
    id: str  # the stable ID from policy/rules.md, e.g. "DX-HSCORE"
    group: RuleGroup
    title: str
    status: Status
    detail: str  # one line a clinician can read aloud
    evidence: tuple[Evidence, ...] = ()
    policy_text: str = ""  # the sentence of the policy this rule implements
    missing: tuple[str, ...] = ()  # for unknown: the data that would decide it
    setting: str | None = None  # a named local setting the rule used (modified HScore)


@dataclass(frozen=True)
class ScoreItem:
    """One item of a score: the value used and the points it gave.

    With the value missing, `points` is None and `min_points`/`max_points` bound it.
    """

    item: str
    label: str
    points: int | None
    min_points: int
    max_points: int
    evidence: Evidence | None = None
    # every value the item read (cytopenias read three counts, organomegaly two findings);
    # `evidence` is the headline, `inputs` the detail.
    inputs: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class HScoreResult:
    variant: str  # "HScore (Fardet 2014)" or the named modified-HScore setting
    low: int
    high: int
    items: tuple[ScoreItem, ...]
    missing: tuple[str, ...]  # item labels with no value in the window
    probability: str  # from Fardet's published table, e.g. "54%" or "54% to 88%"
    threshold: int  # the rule passes when the score is above this
    at: datetime | None = None  # the time the 7-day window ends

    @property
    def complete(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Criterion:
    id: str  # e.g. "fever", "cytopenias"
    label: str
    status: Status
    detail: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CriteriaResult:
    """HLH-2004 (8 criteria, 5 needed) or the 2016 MAS criteria (information only)."""

    name: str
    criteria: tuple[Criterion, ...]
    met: int
    not_met: int
    unknown: int
    needed: int
    note: str = ""
    status: Status | None = None  # the overall reading (HLH-2004: met when >= 5 met)
    at: datetime | None = None  # the time the 7-day window ends

    @property
    def could_still_be_met(self) -> int:
        return self.met + self.unknown


@dataclass(frozen=True)
class ScorePoint:
    """The HScore at one date-time that has data, from that time point's own values (the
    latest of each item in the 72 hours up to it, rules.md revision 2): the series the
    HScore trajectory plot draws and RE-HSCORE-SERIAL reads."""

    at: datetime
    hscore_low: int
    hscore_high: int
    # HLH-2004 is judged on the diagnosis window at its deciding time (Evaluation.hlh2004);
    # points made since revision 2 leave these None, older frozen ones keep their counts.
    hlh2004_met: int | None
    hlh2004_unknown: int | None
    modified_low: int | None = None
    modified_high: int | None = None
    hscore_missing: tuple[str, ...] = ()  # inputs missing at this time


@dataclass(frozen=True)
class FerritinPoint:
    at: datetime
    value: float  # ug/L
    day: float | None  # days since day 0, None before anakinra
    change_pct: float | None  # against baseline; negative is a fall


@dataclass(frozen=True)
class FerritinTrajectory:
    baseline: Evidence | None
    points: tuple[FerritinPoint, ...]
    max_fall_pct: float | None  # largest fall below baseline, as a positive percentage
    max_fall_at: datetime | None
    max_fall_day7_pct: float | None = None  # largest fall in the 7 days after day 0 (RE-FERRITIN-7D)
    max_fall_day14_pct: float | None = None  # largest fall in the 14 days after day 0


@dataclass(frozen=True)
class SteroidPoint:
    at: datetime
    prednisolone_mg_per_day: float
    sources: tuple[str, ...]  # e.g. ("dexamethasone 20 mg every 24 h iv",)


@dataclass(frozen=True)
class OrganSupportPoint:
    at: datetime
    level: int  # higher is more support; comparable over time
    description: str


@dataclass(frozen=True)
class CourseDose:
    """One anakinra course (one dose) with its mg/kg/day on the latest weight."""

    start: datetime
    stop: datetime | None
    route: str | None
    dose_mg: float | None
    every_hours: float | None
    daily_mg: float | None
    weight: Evidence | None
    mg_per_kg_day: float | None
    note: str = ""  # e.g. "weight is 12 days older than the course"
    weight_out_of_date: bool = False  # the weight is older than the setting allows


@dataclass(frozen=True)
class Episode:
    """One episode of anakinra (rules.md revision 2): the rules read only the current one."""

    number: int  # 1 for the case's first
    day0: datetime  # the episode's first anakinra dose
    started_by: str  # why it is a new episode, e.g. "after 35 days without anakinra"
    opens: datetime | None = None  # its data count after this (the end of the episode before)
    ended: datetime | None = None  # when its anakinra ended; None while it runs


@dataclass(frozen=True)
class ThresholdLine:
    """A policy number a chart draws as a line, with its words and the rule it belongs to."""

    value: float
    label: str
    rule_id: str


@dataclass(frozen=True)
class PolicyMarks:
    """Every clinical number a renderer draws (hlhdesk.core.policy.marks fills it)."""

    ferritin_lines: tuple[ThresholdLine, ...]  # HLH-2004 criterion, DX-FERRITIN
    hscore_line: ThresholdLine  # DX-HSCORE passes above it
    modified_hscore_line: ThresholdLine  # DX-MHSCORE (a named local setting)
    dose_ceiling: ThresholdLine  # DO-MAX, mg/kg/day
    dose_floor: ThresholdLine  # DO-START, mg/kg/day
    ferritin_fall: float  # RE-FERRITIN-7D: fraction below baseline (0.1 = 10%)
    steroid_fall: float  # RE-STEROID-14D: fraction below the day-0 dose
    response_day: int  # the day-7 response check
    stop_check_day: int  # the day-14 stop check
    review_days: tuple[int, ...]  # MDT reviews after day 0


@dataclass(frozen=True)
class Eligibility:
    status: EligibilityStatus
    decided_by: tuple[str, ...]  # rule IDs
    to_record: tuple[str, ...] = ()  # data that would let it be decided
    summary: str = ""


@dataclass(frozen=True)
class Evaluation:
    policy: str  # e.g. "210701P v2.0": which policy module made this
    as_of: datetime
    made_at: datetime  # when the evaluation was computed
    app_version: str
    day0: datetime | None  # the current episode's first anakinra dose, if any by as_of
    eligibility: Eligibility
    rules: tuple[RuleResult, ...]
    hscore: HScoreResult
    modified_hscore: HScoreResult
    hlh2004: CriteriaResult
    mas2016: CriteriaResult
    score_series: tuple[ScorePoint, ...] = ()
    ferritin: FerritinTrajectory | None = None
    steroids: tuple[SteroidPoint, ...] = ()
    organ_support: tuple[OrganSupportPoint, ...] = ()
    dosing: tuple[CourseDose, ...] = ()
    warnings: tuple[str, ...] = field(default=())  # e.g. stale data, weight out of date
    # named local settings the evaluation used, as (name, description)
    settings: tuple[tuple[str, str], ...] = ()
    current_hscore: HScoreResult | None = None  # at the as-of time (hscore: the deciding one)
    # The numbers renderers draw, as the policy that judged set them (None only in
    # evaluations frozen before they were carried: read them with policy.marks.marks_of).
    marks: PolicyMarks | None = None
    # Which reading of the policy made it (the rules.md revision). Evaluations frozen
    # before revision 2 carry no such field: they were made by revision 1.
    reading: str = "rules.md revision 1"
    episodes: tuple[Episode, ...] = ()  # every episode up to as_of, the current one last

    @property
    def policy_reading(self) -> str:
        """The policy and its reading, e.g. "210701P v2.0 (rules.md revision 2)"."""
        return f"{self.policy} ({self.reading})"

    def rule(self, rule_id: str) -> RuleResult:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def rules_in(self, group: RuleGroup) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.rules if r.group == group)
