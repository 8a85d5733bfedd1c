"""Opening a database: checks before touching it, then pragmas and migrations.

An existing file is first opened read-only and checked: is it an SQLite file, does it
pass PRAGMA quick_check (damaged pages; the desk runs the full integrity_check in the
background), is it an hlhdesk database, and was it written by a version of hlhdesk this
one knows. Only then is it opened for writing. So a damaged file, someone else's
database, or one from a newer hlhdesk is refused without a byte changed, naming the
newest backup that passes its check.

`read_only=True` opens for reading only and changes nothing at all, not even journal
files beside it (see integrity/opening.py): the commands that only read use it.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from hlhdesk import __version__
from hlhdesk.logs import get_logger
from hlhdesk.store import backup
from hlhdesk.paths import default_database_path
from hlhdesk.store.errors import SchemaTooNewError, StoreError
from hlhdesk.store.integrity.opening import damaged, quick_check, read_only_connection, writable
from hlhdesk.store.location import journal_mode_for
from hlhdesk.store.repository import Store
from hlhdesk.store.schema import MIGRATIONS, known_migration_names, register_functions
from hlhdesk.store.transactions import (
    DEFAULT_BUSY_TIMEOUT,
    is_busy,
    sqlite_errors_as_store_errors,
    write_transaction,
)


def open_database(
    path: str | os.PathLike | None = None,
    *,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    journal_mode: str | None = None,
    backups: bool = True,
    read_only: bool = False,
) -> Store:
    """Open (creating if absent) an hlhdesk database, migrated to this version's schema.

    `busy_timeout`: seconds to wait for another hlhdesk that is saving before giving up
    with DatabaseBusyError. `journal_mode`: None decides by where the file is (WAL on a
    local disk, DELETE on a network share: see location.py); tests force one or the other.
    `backups`: make the daily backup (and one before a schema upgrade); see backup.py.
    `read_only`: the file must exist; nothing is written (no backup, no migration).
    """
    path = Path(path).expanduser() if path is not None else default_database_path()
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if read_only:
        return _open_read_only(path, busy_timeout)
    if path.exists() and path.stat().st_size > 0:
        check_existing_database(path, busy_timeout)
    else:
        _create_private_file(path)
    with sqlite_errors_as_store_errors("opening the database", busy_timeout):
        conn = sqlite3.connect(str(path), timeout=busy_timeout, check_same_thread=False)
    try:
        with sqlite_errors_as_store_errors("opening the database", busy_timeout):
            _prepare_connection(conn, journal_mode or journal_mode_for(path))
            store = Store(path, Database(conn, execute_plugins=False), busy_timeout)
            upgrading = bool(MIGRATIONS.applied(store.db)) and bool(MIGRATIONS.pending(store.db))
            if backups and upgrading:
                backup.make_backup(conn, path, "before-upgrade")  # refuse to upgrade without one
            _migrate(store)
    except BaseException:
        conn.close()
        raise
    backup.remove_leftovers(path)  # partial backups of a killed hlhdesk
    if backups:
        _daily_backup(store)
    return store


def _open_read_only(path: Path, busy_timeout: float) -> Store:
    if not path.is_file() or path.stat().st_size == 0:
        raise StoreError(f"there is no hlhdesk database at {path}")
    with sqlite_errors_as_store_errors(f"opening {path.name}", busy_timeout):
        conn = read_only_connection(path, busy_timeout)
    try:
        applied = _checked(conn, path, busy_timeout)
        _refuse_unknown_migrations(path, applied)
        if len(applied) < len(known_migration_names()):
            raise StoreError(
                f"{path} was written by an older hlhdesk and needs upgrading before it can "
                "be read; open it once in the desk, or run 'hlhdesk backup', to upgrade it (a backup of it is made first)."
            )
        with sqlite_errors_as_store_errors(f"opening {path.name}", busy_timeout):
            _configure(conn)
    except BaseException:
        conn.close()
        raise
    store = Store(path, Database(conn, execute_plugins=False), busy_timeout)
    store.read_only = True
    return store


def _daily_backup(store: Store) -> None:
    """A failed daily backup must not stop a meeting: the database is fine, so the
    problem is logged and kept on the store for the GUI to show."""
    try:
        if backup.daily_backup_due(store.path, date.today()):
            backup.make_backup(store.db.conn, store.path, "daily")
            backup.rotate(store.path)
    except (StoreError, OSError) as exc:
        store.backup_problem = str(exc)
        get_logger().warning("daily backup failed: %s", exc)


JOURNAL_MODES = ("wal", "delete")


def _prepare_connection(conn: sqlite3.Connection, journal_mode: str) -> None:
    if journal_mode not in JOURNAL_MODES:
        raise ValueError(f"journal_mode must be one of {JOURNAL_MODES}, not {journal_mode!r}")
    _configure(conn)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")


def _configure(conn: sqlite3.Connection) -> None:
    """What every connection needs (the journal mode is the file's, set once)."""
    register_functions(conn, __version__)
    conn.execute("PRAGMA foreign_keys = ON")
    if conn.execute("PRAGMA foreign_keys").fetchone()[0] != 1:
        raise StoreError("this SQLite library cannot enforce foreign keys; hlhdesk needs them")
    # FULL: a save that has returned is on disk, even if the machine loses power next.
    conn.execute("PRAGMA synchronous = FULL")


def open_another_connection(store: Store) -> Store:
    """A second connection to a database already opened with open_database, for a worker
    thread (a connection must not be shared between threads mid-transaction). It skips
    open_database's integrity check, migration and backup, which that opening did: on a
    large database the check alone takes seconds, too slow to repeat for a re-read of
    the case list. Safe to call from any thread: it does not touch `store`'s connection."""
    with sqlite_errors_as_store_errors("opening the database", store.busy_timeout):
        conn = sqlite3.connect(str(store.path), timeout=store.busy_timeout, check_same_thread=False)
        try:
            _configure(conn)
        except BaseException:
            conn.close()
            raise
    return Store(store.path, Database(conn, execute_plugins=False), store.busy_timeout)


def _migrate(store: Store) -> None:
    if not MIGRATIONS.pending(store.db):
        return
    # One write transaction around them all: two hlhdesks opening a new database at the
    # same moment migrate it once, the second waiting for the first.
    with write_transaction(store.db.conn, "preparing the database", store.busy_timeout):
        _refuse_unknown_migrations(store.path, [m.name for m in MIGRATIONS.applied(store.db)])
        MIGRATIONS.apply(store.db)


def check_existing_database(path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> list[str]:
    """Checks of an existing database file that write nothing; returns its migrations.

    Raises StoreError if it is not an SQLite database, fails the integrity check, or is
    some other program's database; SchemaTooNewError if a newer hlhdesk wrote it.
    """
    # A read-write connection that only reads (query_only): SQLite may then finish
    # what a killed writer left (roll back a hot journal, restoring the last committed
    # state) and, as the last connection, tidy away the -wal/-shm files it made. A file
    # that cannot be written gets a connection that makes no files at all.
    try:
        conn = read_only_connection(path, busy_timeout)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened: {exc}") from exc
    try:
        applied = _checked(conn, path, busy_timeout)
    finally:
        conn.close()
    _refuse_unknown_migrations(path, applied)
    return applied


def _checked(conn: sqlite3.Connection, path: Path, busy_timeout: float) -> list[str]:
    """quick_check, then which migrations it has; refuses a damaged or foreign file."""
    with sqlite_errors_as_store_errors(f"checking {path.name}", busy_timeout):
        try:
            quick_check(conn, path)
            return _applied_migrations(conn, path)
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise
            raise _unusable(path, exc) from exc
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise _unusable(path, exc) from exc


def _unusable(path: Path, exc: Exception) -> StoreError:
    if not _starts_like_sqlite(path):
        return StoreError(
            f"{path} is not a usable database ({exc}). If it is a backup or a copy, check "
            "it is the right file."
        )
    return damaged(path, f"it is damaged, SQLite cannot read it ({exc})",
                   headline="is not a usable database")


def _starts_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _applied_migrations(conn: sqlite3.Connection, path: Path) -> list[str]:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    applied = []
    if "_sqlite_migrations" in tables:
        applied = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                (MIGRATIONS.name,),
            )
        ]
    if not applied and {"audit", "cases", "patients"} <= tables:
        raise damaged(path, "its record of which schema versions it has is unreadable")
    if not applied and tables - {"sqlite_sequence"}:
        raise StoreError(
            "this file is an SQLite database, but not an hlhdesk one: hlhdesk will not add "
            "its tables to another program's database"
        )
    return applied


def _refuse_unknown_migrations(path: Path, applied: list[str]) -> None:
    known = known_migration_names()
    unknown = [name for name in applied if name not in set(known)]
    if unknown and not set(known) <= set(applied):
        # A newer hlhdesk has every migration this one knows, and more. Unknown names
        # in place of known ones are damage (a flipped byte), not a newer version.
        raise damaged(path, "its record of which schema versions it has is damaged", unknown)
    if unknown:
        raise SchemaTooNewError(
            f"{path} was written by a newer version of hlhdesk (its schema includes "
            f"{', '.join(unknown)}). This version ({__version__}) has not changed it; "
            "open it with the newer version."
        )


def _create_private_file(path: Path) -> None:
    """An empty file readable by its owner only (0600 on POSIX): patient data."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StoreError(f"cannot create the database {path}: {exc.strerror}") from exc
    os.close(fd)
