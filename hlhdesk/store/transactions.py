"""One write, one transaction, and errors a user can act on.

Writes start with BEGIN IMMEDIATE: the write lock is taken (waiting up to the busy
timeout) before anything is read, so two hlhdesks saving at once queue up instead of one
failing half-way with "database is locked". Nested transactions are savepoints, so
several store calls can be grouped and still fail as one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from hlhdesk.store.errors import DatabaseBusyError, StoreError

DEFAULT_BUSY_TIMEOUT = 10.0  # seconds another hlhdesk may hold the database before we give up


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


@contextmanager
def sqlite_errors_as_store_errors(operation: str, busy_timeout: float) -> Iterator[None]:
    """Turn the SQLite errors a user can meet into StoreErrors that name the operation."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
            raise StoreError(
                f"{_capitalised(operation)} failed: the database is open read-only (the "
                "file or its folder cannot be written, or the command only reads). "
                "Nothing was saved."
            ) from exc
        if is_busy(exc):
            raise DatabaseBusyError(
                f"{_capitalised(operation)} waited {busy_timeout:g} s for another hlhdesk "
                "using this database, and gave up: nothing was saved. Try again in a "
                "moment; if it keeps happening, ask who else has the database open."
            ) from exc
        raise StoreError(f"{_capitalised(operation)} failed: {exc}. Nothing was saved.") from exc
    except sqlite3.IntegrityError as exc:
        raise StoreError(
            f"{_capitalised(operation)} failed: the database refused it ({exc}). Nothing was saved."
        ) from exc
    except UnicodeEncodeError as exc:
        # JSON may spell half a UTF-16 pair ("\ud800"); SQLite stores UTF-8 only.
        raise StoreError(
            f"{_capitalised(operation)} failed: some text is not valid Unicode (a lone "
            f"surrogate, character {exc.object[exc.start:exc.end]!r}). Nothing was saved."
        ) from exc


@contextmanager
def write_transaction(
    conn: sqlite3.Connection, operation: str, busy_timeout: float
) -> Iterator[None]:
    """All writes inside commit together or not at all."""
    with sqlite_errors_as_store_errors(operation, busy_timeout):
        if conn.in_transaction:
            with _savepoint(conn):
                yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            _rollback(conn)
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise


@contextmanager
def read_snapshot(conn: sqlite3.Connection, operation: str, busy_timeout: float) -> Iterator[None]:
    """Several SELECTs that see one consistent state of the database."""
    with sqlite_errors_as_store_errors(operation, busy_timeout):
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            _rollback(conn)  # nothing to keep: ending a read-only transaction


_savepoint_counter = 0


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    global _savepoint_counter
    _savepoint_counter += 1
    name = f"hlhdesk_{_savepoint_counter}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # an error may already have ended the whole transaction
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    conn.execute(f"RELEASE SAVEPOINT {name}")


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
