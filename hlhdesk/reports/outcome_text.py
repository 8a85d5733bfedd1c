"""An MDT outcome as paper says it: decision, rationale, dissent, actions, next review and
the sign-off line. The proforma's outcome box, the appendix and the letter share it, so
an outcome reads the same everywhere."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from reportlab.platypus import Spacer

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.evaluation.json_form import evaluation_from_dict
from hlhdesk.core.meetings.meeting import Action, Amendment, Outcome, SignOff
from hlhdesk.reports import styles
from hlhdesk.reports.tables import p
from hlhdesk.reports.text import NOT_RECORDED, clip, uk_date, uk_datetime

NOT_SIGNED_OFF = "Not signed off"
SHORT_ACTIONS = 3  # actions a clipped outcome lists before "and N more"


def current_outcome(outcome: Outcome | None, amendments: Sequence[Amendment]) -> Outcome | None:
    """The outcome as it stands: the last amendment's, else the one signed off."""
    return amendments[-1].outcome if amendments else outcome


def action_line(action: Action, limit: int | None = None) -> str:
    due = f", due {uk_date(action.due)}" if action.due else ""
    text = clip(action.text, limit) if limit else action.text
    return f"• Action: {text} ({action.owner}{due})"


def outcome_paragraphs(outcome: Outcome, *, limit: int | None = None) -> list:
    """Decision, rationale, dissent, actions, next review. With `limit`, free text is
    clipped to that many characters and only the first few actions are listed (the box
    that prints it says where the rest is)."""
    def text(value: str) -> str:
        return clip(value, limit) if limit else value

    out = [p(outcome.decision.label, styles.DECISION), Spacer(1, 2),
           p(f"Rationale: {text(outcome.rationale) or 'none recorded'}", styles.BODY)]
    if outcome.dissent:
        out.append(p(f"Dissent: {text(outcome.dissent)}", styles.BODY))
    actions = outcome.actions[:SHORT_ACTIONS] if limit else outcome.actions
    out += [p(action_line(a, limit), styles.BODY) for a in actions]
    if len(actions) < len(outcome.actions):
        out.append(p(f"… and {len(outcome.actions) - len(actions)} more actions.", styles.BODY))
    out.append(p(f"Next review: {uk_date(outcome.next_review) if outcome.next_review else 'none set'}", styles.BODY))
    out.append(p(f"Prior approval reference: {outcome.prior_approval_ref or NOT_RECORDED}", styles.BODY))
    return out


def signoff_line(signoff: SignOff | None) -> str:
    if signoff is None:
        return NOT_SIGNED_OFF
    return (f"Signed off by {signoff.signed_by} (chair) on {uk_date(signoff.signed_at)} "
            f"at {signoff.signed_at.strftime('%H:%M')}")


def signed_evaluation_note(signoff: SignOff | None, evaluation: Evaluation) -> str | None:
    """When a sign-off is printed beside an evaluation other than the one it froze, words
    saying so; else None. Re-making the same evaluation later (only `made_at` differs) is
    not a different evaluation."""
    if signoff is None or not signoff.evaluation_json:
        return None
    frozen = evaluation_from_dict(json.loads(signoff.evaluation_json))
    if replace(frozen, made_at=evaluation.made_at) == evaluation:
        return None
    return (f"Note: the decision was signed off against the evaluation as of {uk_datetime(frozen.as_of)}; "
            f"the rest of these pages are a later evaluation, as of {uk_datetime(evaluation.as_of)}. "
            "The signed-off record reprints unchanged from its snapshot.")
