"""Commissioning policies, one module per version, and the local settings they read.

A policy module exposes `VERSION` (e.g. "210701P v2.0"), `RULE_IDS` and
`evaluate_rules(facts) -> (rules, eligibility)`. A future revision of the policy is a
new module beside the old one, added to `REGISTRY`; every `Evaluation` records the
version that made it, so a signed-off decision can always be explained by its own rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from types import ModuleType

from hlhdesk.core.scores import MODIFIED_WITHOUT_MARROW, HScoreVariant

CURRENT = "210701P v2.0"
REGISTRY: dict[str, str] = {
    "210701P v2.0": "hlhdesk.core.policy.p210701_v2_0",
}


@dataclass(frozen=True)
class PolicySettings:
    """Choices the policy leaves to the MDT, each named and shown wherever it is used.

    - `modified_hscore`: the policy's undefined "modified H score > 132" (default: the
      HScore without its bone-marrow haemophagocytosis item, above 132).
    - `weight_max_age`: how much older than an anakinra course its weight may be before
      the mg/kg/day is flagged as resting on an out-of-date weight.
    """

    modified_hscore: HScoreVariant = MODIFIED_WITHOUT_MARROW
    weight_max_age: timedelta = field(default=timedelta(days=7))

    def described(self) -> tuple[tuple[str, str], ...]:
        days = self.weight_max_age / timedelta(days=1)
        return (
            (self.modified_hscore.name, self.modified_hscore.description),
            ("Weight out of date after", f"A weight more than {days:g} days older than an anakinra "
                                         "course is flagged: its mg/kg/day may be wrong."),
        )


def policy_module(version: str | None = None) -> ModuleType:
    """The module that implements a policy version (the current one by default)."""
    name = version or CURRENT
    try:
        return import_module(REGISTRY[name])
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise ValueError(f"unknown policy version '{name}' (known: {known})") from None
