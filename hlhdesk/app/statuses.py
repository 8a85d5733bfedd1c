"""Each case's policy status, computed by the one engine and cached in the store.

The store's case_status table caches what was last computed for each case (the
eligibility and the pathway phase shown in case lists), so a list of thousands of cases needs
no evaluation to show. Every writer of that cache comes through here: the desk when a
case is evaluated (`cache_evaluation`), its background refresh of cases never evaluated
(`cache_status`), and cases that arrive in bulk (`add_cases_with_status`: an import, the
demo database; `refresh_case_statuses`: a lab import).

The engine is looked up when first needed, so a window can open before the policy
modules are imported.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Callable, Iterable, Sequence

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.model import Case

Evaluator = Callable[[Case, datetime], Evaluation]


def evaluate_case(case: Case, as_of: datetime) -> Evaluation:
    from hlhdesk.core import evaluate

    return evaluate(case, as_of)


def status_fields(evaluation: Evaluation, outcomes: Sequence = ()) -> dict:
    """The case_status cache row for an evaluation and the case's MDT outcome records:
    the eligibility and the pathway phase (what the case list, the agenda and `hlhdesk
    list` show). `next_review` is the pathway's review due: the one definition of it."""
    from hlhdesk.core.evaluation.pathway import pathway_of

    pathway = pathway_of(evaluation, outcomes)
    latest = max(outcomes, key=lambda o: (o.dated, o.recorded_at), default=None)
    return {
        "eligibility": evaluation.eligibility.status.value,
        "policy": evaluation.policy,
        "as_of": evaluation.as_of,
        "day0": evaluation.day0,
        "next_review": pathway.review_due,
        "summary": evaluation.eligibility.summary,
        "phase": pathway.phase.value,
        "day": pathway.day,
        "verdict": pathway.verdict,
        "tone": pathway.tone.value,
        "urgency": pathway.urgency,
        "overdue": pathway.overdue,
        "last_decision": latest.current.decision.value if latest else None,
        "last_decision_on": latest.dated if latest else None,
        "overdue_actions": pathway.overdue_actions,
        "flags": tuple(f.code for f in pathway.flags),
    }


def outcomes_of(store, case_id: int) -> list:
    """The case's MDT outcome records (what the pathway reads besides the evaluation)."""
    return store.outcomes_of_case(case_id)


def cache_evaluation(store, case_id: int, evaluation: Evaluation, outcomes: Sequence | None = None) -> dict:
    """Write the cached status an evaluation gives with the case's MDT outcome records
    (read from the store unless given); returns its fields."""
    fields = status_fields(evaluation, outcomes_of(store, case_id) if outcomes is None else outcomes)
    store.set_case_status(case_id, **fields)
    return fields


def cache_status(store, case_id: int, as_of: datetime, evaluator: Evaluator = evaluate_case) -> dict:
    """Evaluate a stored case as of `as_of` and cache its status; returns its fields."""
    return cache_evaluation(store, case_id, evaluator(store.load_case(case_id), as_of))


def status_of(case: Case, as_of: datetime, outcomes: Sequence = ()) -> dict | None:
    """The case_status fields for `case` evaluated as of `as_of`; None (logged) if the
    engine fails, since the cache is derived and a missing status only reads "not yet
    evaluated" until the case is opened."""
    try:
        return status_fields(evaluate_case(case, as_of), outcomes)
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
        fields = status_of(store.load_case(case_id), as_of, outcomes_of(store, case_id))
        if fields is not None:
            store.set_case_status(case_id, **fields)


def current_summaries(store, now: datetime) -> list:
    """The case list with every status as of `now`, for readers that must not write (a
    read-only `hlhdesk list`): a case whose cached status is missing, out of date with its
    data or MDT outcomes, or computed on an earlier day (the pathway's day and "overdue"
    move with the calendar) is evaluated here, in memory. The cache is left as it is; the
    summary keeps `status_stale` to say the database's cache was out of date."""
    summaries = store.list_cases()
    return [
        with_status(summary, status_of(store.load_case(summary.case_id), now,
                                       outcomes_of(store, summary.case_id)))
        if summary.needs_status(now.date()) else summary
        for summary in summaries
    ]


def with_status(summary, fields: dict | None):
    """A case-list row carrying freshly computed status fields (unchanged if the engine
    failed: the row then reads as the cache does). `status_stale` stays true: the
    database's cache is still out of date."""
    if fields is None:
        return summary
    return replace(
        summary, eligibility=fields["eligibility"], next_review=fields["next_review"],
        phase=fields["phase"], day=fields["day"], verdict=fields["verdict"], tone=fields["tone"],
        urgency=fields["urgency"], overdue=fields["overdue"], last_decision=fields["last_decision"],
        last_decision_on=fields["last_decision_on"], overdue_actions=fields["overdue_actions"],
        status_as_of=fields["as_of"], day0=fields["day0"], status_stale=True,
    )
