"""The proforma's short policy checklist: six questions a chair asks of every case, each
answered with a mark and a word by clinical meaning (a met stop criterion is a warning,
a ruled-out exclusion good news) and the line it rests on.

The answers are the evaluation's own rule results, read through the pathway's
`rule_meaning`; nothing here judges a rule again. The only reading added is the policy's
own grouping: response "is met if any RE rule is met".
"""

from __future__ import annotations

from dataclasses import dataclass

from hlhdesk.core.evaluation import EligibilityStatus, Evaluation, RuleGroup, RuleResult, Status
from hlhdesk.core.evaluation.pathway import Tone, rule_meaning
from hlhdesk.core.policy.marks import marks_of
from hlhdesk.reports.text import clip

DETAIL_CHARS = 150  # one or two lines of the checklist's last column
DOSE_CHARS = 230  # the dose line names the total, the courses, the weight and its date


@dataclass(frozen=True)
class Check:
    question: str  # "Day-7 response"
    tone: Tone
    mark: str
    word: str
    detail: str


ELIGIBILITY_MEANING = {
    EligibilityStatus.ELIGIBLE: (Tone.GOOD, "✓", "Criteria met"),
    EligibilityStatus.NOT_ELIGIBLE: (Tone.CAUTION, "✗", "Criteria not met"),
    EligibilityStatus.INSUFFICIENT_DATA: (Tone.UNKNOWN, "?", "Not yet known"),
}
NOT_ON_ANAKINRA = (Tone.NEUTRAL, "–", "Not on anakinra")
NO_RESULT = (Tone.UNKNOWN, "?", "Not evaluated")


def _rule(evaluation: Evaluation, rule_id: str) -> RuleResult | None:
    return next((r for r in evaluation.rules if r.id == rule_id), None)


def _from_rule(question: str, rule: RuleResult | None, detail: str | None = None, day: int | None = None) -> Check:
    if rule is None:
        return Check(question, *NO_RESULT, "this policy version has no such rule")
    tone, mark, word = rule_meaning(rule, day)
    return Check(question, tone, mark, word, clip(detail or f"{rule.id}: {rule.detail}", DETAIL_CHARS))


def eligibility_check(evaluation: Evaluation) -> Check:
    eligibility = evaluation.eligibility
    detail = eligibility.summary or ", ".join(eligibility.decided_by)
    return Check("Eligibility", *ELIGIBILITY_MEANING[eligibility.status], clip(detail, DETAIL_CHARS))


def response_check(evaluation: Evaluation, day: int | None = None) -> Check:
    question = f"Day-{marks_of(evaluation).response_day} response"
    if evaluation.day0 is None:
        return Check(question, *NOT_ON_ANAKINRA, "response is judged from day 0")
    rules = evaluation.rules_in(RuleGroup.RESPONSE)
    met = [r for r in rules if r.status == Status.MET]
    if met:
        return _from_rule(question, met[0], "; ".join(f"{r.id}: {r.detail}" for r in met), day)
    unknown = [r for r in rules if r.status == Status.UNKNOWN]
    if unknown:
        to_record = sorted({m for r in unknown for m in r.missing})
        detail = f"none met yet; undecided: {', '.join(r.id for r in unknown)}"
        if to_record:
            detail += f" (to record: {', '.join(to_record)})"
        return Check(question, Tone.UNKNOWN, "?", "Not yet known", clip(detail, DETAIL_CHARS))
    if not rules:
        return Check(question, *NO_RESULT, "no response rules in this evaluation")
    not_met = [r for r in rules if r.status == Status.NOT_MET]
    if not not_met:
        return _from_rule(question, rules[0], day=day)  # all not applicable
    return _from_rule(question, not_met[0], "; ".join(f"{r.id}: {r.detail}" for r in not_met), day)


def stop_check(evaluation: Evaluation) -> Check:
    question = f"Day-{marks_of(evaluation).stop_check_day} stop"
    if evaluation.day0 is None:
        return Check(question, *NOT_ON_ANAKINRA, "judged from day 0")
    return _from_rule(question, _rule(evaluation, "ST-NO-RESPONSE"))


def dose_check(evaluation: Evaluation) -> Check:
    """DO-MAX in the engine's words: the total of every course running together, on the
    weight of a named date, and that weight's age."""
    question = f"Dose against {marks_of(evaluation).dose_ceiling.value:g} mg/kg/day"
    if not evaluation.dosing:
        return Check(question, *NOT_ON_ANAKINRA, "no anakinra course recorded")
    rule = _rule(evaluation, "DO-MAX")
    return _from_rule(question, rule, clip(rule.detail, DOSE_CHARS) if rule else None)


def sae_check(evaluation: Evaluation) -> Check:
    if evaluation.day0 is None:
        return Check("Serious adverse event", *NOT_ON_ANAKINRA, "counted from day 0")
    return _from_rule("Serious adverse event", _rule(evaluation, "ST-SAE"))


def missing_check(evaluation: Evaluation) -> Check:
    wanted = list(evaluation.eligibility.to_record)
    for rule in evaluation.rules:
        if rule.status == Status.UNKNOWN:
            wanted += rule.missing
    unique = list(dict.fromkeys(w for w in wanted if w))
    if not unique:
        return Check("What is missing", Tone.GOOD, "✓", "Nothing to record", "no rule is waiting for data")
    return Check("What is missing", Tone.UNKNOWN, "?", f"{len(unique)} to record", clip("; ".join(unique), DETAIL_CHARS))


def checklist(evaluation: Evaluation, day: int | None = None) -> tuple[Check, ...]:
    """`day`: the episode's calendar day (the pathway's), which softens an unmet response
    before a response is expected."""
    return (eligibility_check(evaluation), response_check(evaluation, day), stop_check(evaluation),
            dose_check(evaluation), sae_check(evaluation), missing_check(evaluation))
