"""How the pathway phase and a rule's clinical meaning look on screen: a mark, words and a
colour chosen by clinical meaning (core.evaluation.pathway's Tone), never colour alone.

Nothing here judges: the phase, its verdict and a rule's meaning come from the core
(`pathway_of`, `rule_meaning`); this only chooses how they are drawn, for the case list,
the decision banner, the agenda and presentation mode alike.
"""

from __future__ import annotations

from hlhdesk.core.evaluation.pathway import Pathway, Phase, Tone, rule_meaning

# Dark enough to read on a washed-out projector; the mark and the words carry the meaning.
TONE_COLOURS = {
    Tone.GOOD: "#1b6e2a",
    Tone.WARNING: "#b00020",
    Tone.CAUTION: "#8a5300",
    Tone.NEUTRAL: "#1f4e8c",
    Tone.UNKNOWN: "#6b4c00",
}
TONE_BACKGROUNDS = {
    Tone.GOOD: "#e6f4ea",
    Tone.WARNING: "#fce8e6",
    Tone.CAUTION: "#fff4e0",
    Tone.NEUTRAL: "#eef3fa",
    Tone.UNKNOWN: "#fff8e6",
}

# Filter choices, most pressing first (the rules.md order; died last).
PHASE_CHOICES = tuple(sorted(Phase, key=lambda phase: phase is Phase.DIED))


def tone_of(value) -> Tone:
    """A Tone from the cache's text (unknown text reads as unknown, never as good)."""
    try:
        return Tone(value)
    except ValueError:
        return Tone.UNKNOWN


def phase_of(value) -> Phase | None:
    try:
        return Phase(value) if value else None
    except ValueError:
        return None


def phase_words(phase_label: str, tone) -> str:
    """The phase as the list and the agenda show it: "⚠ Stop recommended"."""
    return f"{tone_of(tone).mark} {phase_label}"


def verdict_words(pathway: Pathway) -> str:
    """The verdict line that leads the banner: "⚠ Day 15: no response by day 14: …"."""
    return f"{tone_of(pathway.tone).mark} {pathway.verdict}"


def phase_and_verdict(phase_label: str, tone, verdict: str | None) -> str:
    """Phase and verdict on one line (agenda rows, presentation header): "⚠ Stop
    recommended: Day 15: …"; a verdict that starts with the phase's own words ("Not
    eligible: age under 8 months") is not preceded by them twice."""
    verdict = verdict or ""
    if verdict.lower().startswith(phase_label.lower()):
        return f"{tone_of(tone).mark} {verdict}"
    return f"{phase_words(phase_label, tone)}: {verdict}" if verdict else phase_words(phase_label, tone)


def header_words(pathway: Pathway) -> str:
    return phase_and_verdict(pathway.phase_label, pathway.tone, pathway.verdict)


def meaning_words(rule, day: int | None = None) -> tuple[Tone, str]:
    """A rule's clinical meaning beside the policy's own status: ("⚠ Stop criterion met",
    then "policy: Met" on the next line), with the tone that colours it. `day` is the
    episode's day (an unmet response rule before day 7 is not yet a concern)."""
    tone, mark, words = rule_meaning(rule, day)
    return tone_of(tone), f"{mark} {words}\npolicy: {rule.status.label}"


def named_rules(evaluation, rule_ids) -> str:
    """Rules by their words first and ID second: "Age under 8 months (EX-AGE)"."""
    titles = {rule.id: rule.title for rule in evaluation.rules}
    return "; ".join(f"{titles[i]} ({i})" if i in titles else i for i in rule_ids)
