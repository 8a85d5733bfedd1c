"""The SQLite store: the only place hlhdesk writes SQL.

    store = open_database()            # or open_database(path)
    case_id = store.add_case(case)     # one transaction, audited
    case = store.load_case(case_id)    # records carry record_id

See docs/reliability.md for what the store promises and the tests that show it.

The names below are imported when first used, not with the package: the desk reads its
case list (store/integrity/before_check.py, with sqlite3 alone) before sqlite-utils and
numpy, which the rest of the store needs, have been imported (about a third of a second).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {
    "DEFAULT_BUSY_TIMEOUT": "transactions", "check_existing_database": "database",
    "open_another_connection": "database", "open_database": "database",
    "CaseNotFoundError": "errors", "DatabaseBusyError": "errors", "RecordNotFoundError": "errors",
    "SchemaTooNewError": "errors", "StoreError": "errors",
    "Store": "repository",
    "AuditRow": "rows", "CaseStatus": "rows", "CaseSummary": "rows",
}

__all__ = [  # noqa: F822 - each is imported by __getattr__ when first used
    "DEFAULT_BUSY_TIMEOUT", "AuditRow", "CaseNotFoundError", "CaseStatus", "CaseSummary",
    "DatabaseBusyError", "RecordNotFoundError", "SchemaTooNewError", "Store", "StoreError",
    "check_existing_database", "open_another_connection", "open_database",
]

if TYPE_CHECKING:
    from hlhdesk.store.database import check_existing_database, open_another_connection, open_database
    from hlhdesk.store.errors import (
        CaseNotFoundError, DatabaseBusyError, RecordNotFoundError, SchemaTooNewError, StoreError,
    )
    from hlhdesk.store.repository import Store
    from hlhdesk.store.rows import AuditRow, CaseStatus, CaseSummary
    from hlhdesk.store.transactions import DEFAULT_BUSY_TIMEOUT


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
