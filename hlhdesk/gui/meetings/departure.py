"""A "Start" decision for a patient the policy evaluation does not find eligible: the
MDT may depart from the policy, but the record must say why.

The reason is asked for when the outcome is saved and kept in the rationale under
"Departure from the policy", so the signed record, the pack and the letter all carry
it. No reason, nothing saved (the typing stays). The evaluation's own eligibility
decides whether to ask: nothing here re-judges a rule.
"""

from __future__ import annotations

import dataclasses

from hlhdesk.core.meetings.meeting import Decision, Outcome
from hlhdesk.gui.kit import dialogs

HEADING = "Departure from the policy"


def departs(outcome: Outcome, evaluation) -> bool:
    return (outcome.decision == Decision.START and evaluation is not None
            and evaluation.eligibility.status.value != "eligible")


def with_reason(form_view, outcome: Outcome, evaluation) -> Outcome | None:
    """The outcome with the departure reason in its rationale (asked for if needed),
    or None if the chair gave none."""
    if not departs(outcome, evaluation) or HEADING in outcome.rationale:
        return outcome
    eligibility = evaluation.eligibility
    reading = eligibility.status.label + (f" ({eligibility.summary})" if eligibility.summary else "")
    reason = dialogs.ask_text(
        form_view, "Start against the policy",
        f"The policy evaluation ({evaluation.policy}) reads: {reading}.\n\n"
        "Why does the MDT depart from the policy? The reason is recorded in the rationale.")
    if not reason or not reason.strip():
        form_view.show_error("Not saved: a Start that departs from the policy needs the MDT's reason.")
        return None
    line = f"{HEADING} ({evaluation.policy}): {reason.strip()}"
    rationale = f"{outcome.rationale}\n\n{line}" if outcome.rationale else line
    form_view.form.rationale.setPlainText(rationale)
    return dataclasses.replace(outcome, rationale=rationale)
