"""The response rules as they stood at chosen moments of an episode (end of day 7, end of
day 14), from one reading of the case: the policy module's own RE rules, each given the
moment to judge by, exactly as ST-NO-RESPONSE uses them. One reading instead of a whole
evaluation per moment is what keeps the audit of a thousand episodes to seconds."""

from __future__ import annotations

from datetime import datetime

from hlhdesk.core.evaluation.facts import Facts
from hlhdesk.core.evaluation.types import RuleResult
from hlhdesk.core.model import Case
from hlhdesk.core.policy import PolicySettings, policy_module


def responses_by(case: Case, as_of: datetime, moments: dict[str, datetime],
                 settings: PolicySettings | None = None) -> dict[str, tuple[RuleResult, ...]]:
    """For each named moment (not after `as_of`), the response rules judged up to it."""
    module = policy_module()
    facts = Facts(case, as_of, settings or PolicySettings())
    return {name: tuple(rule(facts, moment) for rule in module.RESPONSE_RULES)
            for name, moment in moments.items() if moment <= as_of}
