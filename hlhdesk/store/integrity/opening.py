"""Reading a database without changing a byte of it, and the check every opening makes.

A read-only opening must leave no trace: no -wal/-shm files, no backup, no migration, no
status written. SQLite's own read-only mode is not enough for a file in WAL mode: it
creates -wal and -shm files it then cannot remove (and which, made read-only, later
stop every save). So:

- a file we may write is opened read-write but with `PRAGMA query_only`: SQLite refuses
  any write, and as the last connection it removes the -wal/-shm it made;
- a file we may not write, in WAL mode with no -wal beside it (nobody has it open), is
  opened `immutable`: no journal files at all;
- otherwise (-wal already there: another hlhdesk has it open) it is opened read-only and
  uses the files that are already there.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from hlhdesk.store.errors import StoreError

_WAL_VERSION_OFFSET = 18  # header bytes 18 and 19 are 2 for a database in WAL mode
_PROBLEMS_SHOWN = 5


class DamagedDatabaseError(StoreError):
    """The file failed SQLite's check; nothing was changed. Names the newest good backup."""


def writable(path: Path) -> bool:
    """Whether this account may change the file (and make journal files beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def in_wal_mode(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            header = file.read(_WAL_VERSION_OFFSET + 2)
    except OSError:
        return False
    return len(header) == _WAL_VERSION_OFFSET + 2 and header[_WAL_VERSION_OFFSET] == 2


def read_only_connection(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection that reads `path` and can change nothing in or beside it."""
    path = Path(path)
    uri = path.resolve().as_uri()
    if writable(path):
        conn = sqlite3.connect(uri + "?mode=rw", uri=True, timeout=busy_timeout, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        return conn
    wal_present = Path(f"{path}-wal").exists()
    options = "?mode=ro&immutable=1" if in_wal_mode(path) and not wal_present else "?mode=ro"
    return sqlite3.connect(uri + options, uri=True, timeout=busy_timeout, check_same_thread=False)


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """PRAGMA quick_check: catches damaged pages (zeroed, cut, bytes flipped in the
    b-tree structure) in a fraction of integrity_check's time. Raises
    DamagedDatabaseError naming the newest good backup."""
    # As bytes: a damaged page can put bytes that are not UTF-8 into the messages.
    previous, conn.text_factory = conn.text_factory, bytes
    try:
        problems = [row[0].decode("utf-8", "replace") for row in conn.execute("PRAGMA quick_check")]
    finally:
        conn.text_factory = previous
    if problems != ["ok"]:
        raise damaged(path, "it failed SQLite's quick check", problems)


def damaged(path: Path, what: str, problems: list[str] | None = None, *,
            headline: str = "is damaged") -> DamagedDatabaseError:
    from hlhdesk.store.integrity.good_backups import newest_good_backup

    good = newest_good_backup(path)
    if good is not None:
        advice = (f"The newest backup that passes its check is {good.label}: restore it with "
                  f"hlhdesk restore \"{good.path}\" (or File > Backups…).")
    else:
        advice = "No backup of it passes its check; ask IT for a copy from the file server's backups."
    return DamagedDatabaseError(
        f"{path} {headline}: {what}. Nothing was changed. {advice}",
        list(problems or [])[:_PROBLEMS_SHOWN],
    )
