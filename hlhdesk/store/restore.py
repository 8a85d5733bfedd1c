"""Putting a backup back: check it, keep what is there now, then copy it in."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hlhdesk.logs import get_logger
from hlhdesk.paths import default_database_path
from hlhdesk.store.backup import backup_name, make_backup
from hlhdesk.store.database import (
    DEFAULT_BUSY_TIMEOUT,
    check_existing_database,
    open_database,
)
from hlhdesk.store.errors import StoreError
from hlhdesk.store.transactions import sqlite_errors_as_store_errors


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    database: Path
    previous_kept_as: Path | None  # None when there was no database before


def restore_backup(
    source: str | os.PathLike,
    db_path: str | os.PathLike | None = None,
    *,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
) -> RestoreResult:
    """Replace the database's contents with a backup's.

    The backup is checked first (integrity, an hlhdesk database, not from a newer
    hlhdesk): a bad one is refused and nothing changes. The current database is kept as a
    `before-restore` backup; if it is itself damaged it is moved aside under that name.
    """
    source = Path(source).expanduser()
    target = Path(db_path).expanduser() if db_path is not None else default_database_path()
    if not source.is_file():
        raise StoreError(f"{source}: no such backup file")
    if target.exists() and source.resolve() == target.resolve():
        raise StoreError(f"{source} is the database itself, not a backup of it")
    check_existing_database(source, busy_timeout)

    kept: Path | None = None
    if target.exists() and target.stat().st_size > 0:
        try:
            check_existing_database(target, busy_timeout)
        except StoreError as problem:
            kept = _move_aside(target)
            get_logger().warning("restore: the current database failed its check (%s)", problem)
    if target.exists() and target.stat().st_size > 0:
        with open_database(target, busy_timeout=busy_timeout, backups=False) as store:
            kept = make_backup(store.db.conn, target, "before-restore")
            _copy_into(source, store.db.conn, busy_timeout)
    else:
        with open_database(target, busy_timeout=busy_timeout, backups=False) as store:
            _copy_into(source, store.db.conn, busy_timeout)
    # Open once more as the app will: checks the result and migrates an older backup.
    open_database(target, busy_timeout=busy_timeout, backups=False).close()
    get_logger().info("restored the database from a backup (%s)", source.name)
    return RestoreResult(source, target, kept)


def _copy_into(source: Path, destination: sqlite3.Connection, busy_timeout: float) -> None:
    """SQLite's backup API, run into the live database: it takes the write lock like any
    save, and other connections see the restored data when it commits."""
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout)
    try:
        with sqlite_errors_as_store_errors("restoring the backup", busy_timeout):
            reader.backup(destination)
    finally:
        reader.close()


def _move_aside(target: Path) -> Path:
    """Move a damaged database (and its journal files) into the backups folder."""
    kept = backup_name(target, "damaged")
    kept.parent.mkdir(mode=0o700, exist_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        sidecar = target.with_name(target.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, kept.with_name(kept.name + suffix))
    os.replace(target, kept)
    return kept
