"""The service audit: every treatment episode in the database, judged against the policy.

Used by `hlhdesk audit`, Tools > Service audit and the audit report alike. It reads only:
the cases and the MDT's outcomes, then the one engine (hlhdesk.core.audit) makes the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

from hlhdesk.core.audit.compliance import CriterionResult, Outcomes, compliance, outcomes
from hlhdesk.core.audit.episode_audit import EpisodeAudit, Identity, age_band, audit_case
from hlhdesk.core.evaluation import PolicyMarks
from hlhdesk.core.policy import PolicySettings, policy_module
from hlhdesk.core.policy.marks import marks_from


@dataclass(frozen=True)
class AuditFilter:
    """Which episodes: day 0 within the period (inclusive), and optional subgroups."""

    period_from: date | None = None
    period_to: date | None = None
    hlh_type: str | None = None  # "primary" / "secondary"
    trigger: str | None = None
    age_band: str | None = None  # one of episode_audit.age_band's words

    def admits(self, e: EpisodeAudit) -> bool:
        day0 = e.day0.date()
        return ((self.period_from is None or day0 >= self.period_from)
                and (self.period_to is None or day0 <= self.period_to)
                and (self.hlh_type is None or e.hlh_type == self.hlh_type)
                and (self.trigger is None or self.trigger in e.triggers)
                and (self.age_band is None or age_band(e.age_months_at_day0) == self.age_band))

    @property
    def period_words(self) -> str:
        start = self.period_from.strftime("%d/%m/%Y") if self.period_from else "the first episode"
        end = self.period_to.strftime("%d/%m/%Y") if self.period_to else "today"
        return f"{start} to {end}"


@dataclass(frozen=True)
class ServiceAudit:
    made_at: datetime
    filter: AuditFilter
    episodes: tuple[EpisodeAudit, ...]
    compliance: tuple[CriterionResult, ...] = field(default=())
    outcomes: Outcomes | None = None
    failed_cases: tuple[int, ...] = ()  # cases the engine could not audit (logged)
    marks: PolicyMarks | None = None  # the numbers the charts draw, from the judging policy


def service_audit(store, audit_filter: AuditFilter | None = None, now: datetime | None = None,
                  progress: Callable[[int, int], None] | None = None) -> ServiceAudit:
    """Every episode whose day 0 the filter admits, with compliance and outcomes over them."""
    audit_filter = audit_filter or AuditFilter()
    now = now or datetime.now().replace(microsecond=0)
    treated = [c for c in store.list_cases() if c.first_anakinra_start is not None]
    rows: list[EpisodeAudit] = []
    failed: list[int] = []
    for n, summary in enumerate(treated, 1):
        name = ", ".join(part for part in ((summary.family_name or "").upper(), summary.given_name or "") if part)
        identity = Identity(summary.case_id, summary.nhs_number, name, summary.hospital_number)
        try:
            case = store.load_case(summary.case_id)
            rows += audit_case(identity, case, store.outcomes_of_case(summary.case_id), now)
        except Exception:  # noqa: BLE001 - one case the engine cannot read must not hide the rest
            from hlhdesk.logs import log_unexpected

            log_unexpected("auditing a case", "audit")
            failed.append(summary.case_id)
        if progress:
            progress(n, len(treated))
    everything = ServiceAudit(now, AuditFilter(), tuple(rows), failed_cases=tuple(failed),
                              marks=marks_from(policy_module(), PolicySettings().modified_hscore))
    return narrowed(everything, audit_filter)


def narrowed(audit: ServiceAudit, audit_filter: AuditFilter) -> ServiceAudit:
    """The same audit over the episodes a filter admits, with compliance and outcomes
    over those alone: the window changes its filters without auditing again."""
    chosen = tuple(sorted((e for e in audit.episodes if audit_filter.admits(e)),
                          key=lambda e: (e.day0, e.identity.case_id, e.episode)))
    return ServiceAudit(audit.made_at, audit_filter, chosen, compliance(chosen), outcomes(chosen),
                        audit.failed_cases, audit.marks)
