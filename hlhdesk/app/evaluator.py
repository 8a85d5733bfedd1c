"""The desk's one door to the policy engine, and what it caches from an Evaluation.

The GUI never recomputes a criterion: it asks `hlhdesk.core.evaluate` and renders what
comes back. The engine is looked up when first needed so the window can open before
the core's policy modules are imported.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.model import Case

Evaluator = Callable[[Case, datetime], Evaluation]

# The policy asks for a response check by day 7 (ferritin) and day 14 (stopping rule).
REVIEW_DAYS = (7, 14)


def evaluate_case(case: Case, as_of: datetime) -> Evaluation:
    from hlhdesk.core import evaluate

    return evaluate(case, as_of)


def next_review(day0: datetime | None, as_of: datetime) -> date | None:
    """The next day-7 or day-14 review date on or after the as-of date, if any."""
    if day0 is None:
        return None
    for days in REVIEW_DAYS:
        due = (day0 + timedelta(days=days)).date()
        if due >= as_of.date():
            return due
    return None


def status_fields(evaluation: Evaluation) -> dict:
    """The case_status cache row for an evaluation (what the case list shows)."""
    return {
        "eligibility": evaluation.eligibility.status.value,
        "policy": evaluation.policy,
        "as_of": evaluation.as_of,
        "day0": evaluation.day0,
        "next_review": next_review(evaluation.day0, evaluation.as_of),
        "summary": evaluation.eligibility.summary,
    }
