"""Store new cases together with their policy status, so case lists show it at once.

The store's case_status table caches what the desk last computed for each case (the
eligibility and next review shown in case lists). The desk refreshes it when a case is
evaluated; cases that arrive in bulk (`hlhdesk import`, the demo database) get theirs
here, computed by the one engine and cached as the desk caches it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from hlhdesk.core.model import Case


def status_of(case: Case, as_of: datetime) -> dict | None:
    """The case_status fields for `case` evaluated as of `as_of`; None (logged) if the
    engine fails, since the cache is derived and a missing status only reads "not yet
    evaluated" until the case is opened."""
    from hlhdesk.core import evaluate
    from hlhdesk.app.evaluator import status_fields  # pure (no Qt): the fields the desk caches

    try:
        return status_fields(evaluate(case, as_of))
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
