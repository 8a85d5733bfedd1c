"""One reading of a case as of a moment, through the policy module's own rules.

The audit needs, for each episode, only a few of the rules at a few moments (eligibility at
day 0; the response rules up to the end of day 7 and of day 14; the stop rule; the ferritin
trajectory and the doses). A whole Evaluation per moment would explain every rule and
score; reading the case once per episode and asking the policy module for just these keeps
the audit of a thousand episodes to seconds. The rules are the module's, never re-judged.
"""

from __future__ import annotations

from datetime import datetime

from hlhdesk.core.evaluation.facts import Facts
from hlhdesk.core.evaluation.types import Eligibility, PolicyMarks, RuleResult
from hlhdesk.core.model import Case
from hlhdesk.core.policy import PolicySettings, policy_module
from hlhdesk.core.policy.marks import marks_from


class Reading:
    def __init__(self, case: Case, as_of: datetime, settings: PolicySettings | None = None):
        self.settings = settings or PolicySettings()
        self.module = policy_module()
        self.facts = Facts(case, as_of, self.settings)

    @property
    def as_of(self) -> datetime:
        return self.facts.as_of

    @property
    def episodes(self):
        return self.facts.episodes

    @property
    def ferritin(self):
        return self.facts.ferritin

    @property
    def dosing(self):
        return self.facts.dosing

    @property
    def marks(self) -> PolicyMarks:
        return marks_from(self.module, self.settings.modified_hscore)

    def responses_until(self, moment: datetime) -> tuple[RuleResult, ...]:
        """The response rules judged on what was known up to `moment`."""
        return tuple(rule(self.facts, moment) for rule in self.module.RESPONSE_RULES)

    def no_response(self) -> RuleResult:
        """ST-NO-RESPONSE's status (its "responding since" wording, which needs the
        response rules as of now as well, is not asked for: the audit reads the status)."""
        return self.module.st_no_response(self.facts, [])

    def eligibility(self) -> tuple[tuple[RuleResult, ...], Eligibility]:
        """The rules eligibility rests on and its summary, as the policy module decides them."""
        rules = tuple(self.module.eligibility_rules(self.facts))
        return rules, self.module.eligibility({r.id: r for r in rules})
