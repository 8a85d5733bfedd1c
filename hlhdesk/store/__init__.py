"""The SQLite store: the only place hlhdesk writes SQL.

    store = open_database()            # or open_database(path)
    case_id = store.add_case(case)     # one transaction, audited
    case = store.load_case(case_id)    # records carry record_id

See docs/reliability.md for what the store promises and the tests that show it.
"""

from hlhdesk.store.database import (
    DEFAULT_BUSY_TIMEOUT,
    check_existing_database,
    open_another_connection,
    open_database,
)
from hlhdesk.store.errors import (
    CaseNotFoundError,
    DatabaseBusyError,
    RecordNotFoundError,
    SchemaTooNewError,
    StoreError,
)
from hlhdesk.store.repository import Store
from hlhdesk.store.rows import AuditRow, CaseStatus, CaseSummary

__all__ = [
    "DEFAULT_BUSY_TIMEOUT",
    "AuditRow",
    "CaseNotFoundError",
    "CaseStatus",
    "CaseSummary",
    "DatabaseBusyError",
    "RecordNotFoundError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "check_existing_database",
    "open_another_connection",
    "open_database",
]
