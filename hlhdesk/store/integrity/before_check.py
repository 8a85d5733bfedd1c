"""The desk's first read of a database, made before its opening check.

Every opening checks the file (PRAGMA quick_check, in open_database) before it writes
anything. On a large database that check takes about a second, and the chair opened the
desk to see the case list. So the desk reads the list first, through a connection that
cannot write (`read_only_connection`: query_only, or immutable), shows it, and then runs
the checked opening on a worker thread. What this keeps of the promise "checked before
anything else":

- nothing is written before the check has passed: the store made here refuses every
  write in words (`CHECKING`), and its connection could not write anyway;
- a file that fails the check is refused as before, naming the newest good backup, and
  what was shown from it is taken away (gui/admin/opening.py);
- a read that fails here (a damaged page, bytes that are not text, a date that is not
  one) is never shown to the user: the check's refusal says what is wrong.

A file whose list cannot be read here (no file yet, another program's database, an older
schema without the list's columns) gets None: the checked opening alone decides, as it
always did. One from an older or newer hlhdesk may show its list for as long as the
check takes; the checked opening then upgrades it (after a backup) or refuses it.

This module needs sqlite3 alone, not sqlite-utils or numpy (a third of a second to
import), so the list can be read while the window is first painted.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hlhdesk.logs import get_logger
from hlhdesk.store.integrity.opening import read_only_connection
from hlhdesk.store.rows import CaseSummary, read_case_list

CHECKING = ("hlhdesk is still checking {name} (a few seconds on a large database): nothing can be "
            "saved until the check has passed. Nothing was saved; try again in a moment.")


def checking_words(path: Path) -> str:
    return CHECKING.format(name=Path(path).name)


def read_list_before_check(path: Path, busy_timeout: float) -> tuple[sqlite3.Connection, list[CaseSummary]] | None:
    """A connection that cannot write `path`, and its case list; None when the list must
    wait for the checked opening (see the module's docstring)."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    conn = None
    try:
        conn = read_only_connection(path, busy_timeout)
        return conn, read_case_list(conn)
    except Exception as exc:  # noqa: BLE001 - any failure of an unchecked file waits for its check
        # A damaged file fails here in many ways (SQLite errors, bytes that are not
        # UTF-8, a date or a code that is not one): none is shown; the check decides.
        get_logger().info("the case list waits for the opening check: %s", type(exc).__name__)
        if conn is not None:
            conn.close()
        return None


def store_before_check(path: Path, conn: sqlite3.Connection, busy_timeout: float):
    """A Store over the connection read_list_before_check gave, refusing every write
    until it takes over the checked opening's connection (Store.take_connection_of)."""
    from sqlite_utils import Database

    from hlhdesk.store.repository import Store

    store = Store(Path(path), Database(conn, execute_plugins=False), busy_timeout)
    store.read_only = True
    store.writes_refused = checking_words(path)
    return store
