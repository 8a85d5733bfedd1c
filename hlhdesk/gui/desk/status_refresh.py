"""Bring the case list's status column up to date in the background.

The case list shows the store's case_status cache. Cases never evaluated (or whose
cache was cleared) are evaluated on a worker thread with its own database connection,
and their statuses written back and shown in batches as they come.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hlhdesk.errors import InputError
from hlhdesk.app.statuses import Evaluator, cache_status
from hlhdesk.logs import get_logger

BATCH = 50

# The status-cache fields the list shows: a fresh status that leaves them all unchanged
# need not be written again.
SHOWN_STATUS_FIELDS = ("eligibility", "next_review", "phase", "day", "verdict", "tone", "urgency",
                       "overdue", "last_decision", "last_decision_on", "overdue_actions", "day0")


def shown_status(source) -> tuple:
    """What the list shows of a status, from a summary or a status-cache dict alike."""
    get = source.get if isinstance(source, dict) else (lambda name: getattr(source, name, None))
    return tuple(get(name) for name in SHOWN_STATUS_FIELDS)


def needs_status(summary, today: date | None = None) -> bool:
    """See CaseSummary.needs_status: never evaluated, changed since, or computed on an
    earlier day."""
    return summary.needs_status(today or date.today())


def refresh_statuses(path: Path, case_ids: list[int], evaluator: Evaluator, as_of: datetime,
                     reporter) -> int:
    """Evaluate each case as of `as_of`, cache its status; returns how many were done."""
    from hlhdesk.store import open_database

    store = open_database(path)
    done, batch = 0, []
    try:
        for n, case_id in enumerate(case_ids, start=1):
            if reporter.cancelled:
                break
            try:
                fields = cache_status(store, case_id, as_of, evaluator)
            except InputError as exc:  # it stays "not evaluated"; opening it says why
                get_logger().warning("case %s: status not refreshed: %s", case_id, exc)
                continue
            batch.append((case_id, fields))
            done += 1
            if len(batch) >= BATCH:
                reporter.partial(batch)
                batch = []
            reporter(n, len(case_ids))
        if batch:
            reporter.partial(batch)
    finally:
        store.close()
    return done
