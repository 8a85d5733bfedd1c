"""Each case's policy status, computed by the one engine and cached in the store.

The store's case_status table caches what was last computed for each case (the
eligibility and next review shown in case lists), so a list of thousands of cases needs
no evaluation to show. Every writer of that cache comes through here: the desk when a
case is evaluated (`cache_evaluation`), its background refresh of cases never evaluated
(`cache_status`), and cases that arrive in bulk (`add_cases_with_status`: an import, the
demo database; `refresh_case_statuses`: a lab import).

The engine is looked up when first needed, so a window can open before the policy
modules are imported.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable, Iterable

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


def cache_evaluation(store, case_id: int, evaluation: Evaluation) -> dict:
    """Write the cached status an evaluation gives; returns its fields."""
    fields = status_fields(evaluation)
    store.set_case_status(case_id, **fields)
    return fields


def cache_status(store, case_id: int, as_of: datetime, evaluator: Evaluator = evaluate_case) -> dict:
    """Evaluate a stored case as of `as_of` and cache its status; returns its fields."""
    return cache_evaluation(store, case_id, evaluator(store.load_case(case_id), as_of))


def status_of(case: Case, as_of: datetime) -> dict | None:
    """The case_status fields for `case` evaluated as of `as_of`; None (logged) if the
    engine fails, since the cache is derived and a missing status only reads "not yet
    evaluated" until the case is opened."""
    try:
        return status_fields(evaluate_case(case, as_of))
    except Exception:  # noqa: BLE001 - a failed cache entry must never stop an import
        from hlhdesk.logs import log_unexpected

        log_unexpected("caching a case status", "evaluate")
        return None


def add_cases_with_status(store, cases: Iterable[Case], as_of: datetime) -> list[int]:
    """All the cases and their statuses in one transaction (all or none); the evaluations
    run first, so the write lock is held only for the writes."""
    cases = list(cases)
    statuses = [status_of(case, as_of) for case in cases]
    with store.transaction("saving the cases"):
        case_ids = store.add_cases(cases)
        for case_id, fields in zip(case_ids, statuses):
            if fields is not None:
                store.set_case_status(case_id, **fields)
    return case_ids


def refresh_case_statuses(store, case_ids: Iterable[int], as_of: datetime) -> None:
    """Recompute the cached status of cases whose data changed in bulk (a lab import).
    The cache is derived: a case whose evaluation fails keeps reading as before."""
    for case_id in case_ids:
        fields = status_of(store.load_case(case_id), as_of)
        if fields is not None:
            store.set_case_status(case_id, **fields)
