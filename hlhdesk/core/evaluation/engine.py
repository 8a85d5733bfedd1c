"""`evaluate(case, as_of)`: the one place an `Evaluation` is made.

The screen, the PDF and `hlhdesk evaluate --json` all render what this returns; nothing
downstream recomputes a criterion.
"""

from __future__ import annotations

from datetime import datetime

from hlhdesk import __version__
from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.wording import when
from hlhdesk.core.evaluation.facts import Facts
from hlhdesk.core.model import Case
from hlhdesk.core.policy import PolicySettings, policy_module
from hlhdesk.core.policy.marks import marks_from
from hlhdesk.core.scores import SCORE_KINDS, mas2016


def evaluate(
    case: Case,
    as_of: datetime | None = None,
    *,
    settings: PolicySettings | None = None,
    policy: str | None = None,
    made_at: datetime | None = None,
) -> Evaluation:
    """Evaluate a case against a policy version (the current one by default) as of a time.

    Data dated after `as_of` (default: now) is ignored. Day 0 is the first anakinra dose
    of the current episode (rules.md revision 2, "Time"); `episodes` lists them all.
    """
    as_of = as_of or datetime.now().replace(second=0, microsecond=0)
    settings = settings or PolicySettings()
    module = policy_module(policy)
    facts = Facts(case, as_of, settings)
    rules, eligibility = module.evaluate_rules(facts)
    return Evaluation(
        policy=module.VERSION,
        as_of=as_of,
        made_at=made_at or datetime.now().replace(microsecond=0),
        app_version=__version__,
        day0=facts.day0,
        eligibility=eligibility,
        rules=rules,
        hscore=facts.explained(facts.hscore_decisive.at).hscore,
        modified_hscore=facts.explained(facts.modified_decisive.at).modified,
        hlh2004=facts.explained(facts.hlh2004_decisive.at).hlh2004,
        mas2016=mas2016(facts.hlh2004_decisive.snapshot),
        score_series=tuple(r.point() for r in facts.responses),
        ferritin=facts.ferritin,
        steroids=facts.steroids,
        organ_support=facts.organ_support,
        dosing=facts.dosing,
        warnings=_warnings(facts),
        settings=settings.described(),
        current_hscore=facts.explained(facts.as_of).hscore,
        marks=marks_from(module, settings.modified_hscore),
        reading=module.READING,
        episodes=facts.episodes,
    )


def _warnings(f: Facts) -> tuple[str, ...]:
    out = []
    if f.ignored_after_as_of:
        out.append(f"{f.ignored_after_as_of} records dated after {when(f.as_of)} were not used")
    recent = [t for t in f.index.times(SCORE_KINDS) if t <= f.as_of]
    if f.day0 is None and (not recent or (f.as_of - recent[-1]).days >= 7):
        out.append(f"No score data in the 7 days up to {when(f.as_of)}: scores at this time are incomplete")
    for c in f.dosing:
        if c.weight_out_of_date or c.weight is None:
            out.append(f"Anakinra course from {when(c.start)}: {c.note}")
    return tuple(out)
