"""The newest backup that passes its check, found without opening the damaged database
(so `backup --list`, restore and the refusal message work when the database does not)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hlhdesk.store.backup import BackupInfo, list_backups

_CHECKED_AT_MOST = 10  # newest first; beyond this the user picks from `backup --list`


def backup_passes_check(path: Path) -> bool:
    """quick_check on a backup file, read without changing it (backups are in
    rollback-journal mode, so a read-only connection makes no files)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return False
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    for backup in list_backups(Path(db_path))[:_CHECKED_AT_MOST]:
        if backup.kind != "damaged" and backup_passes_check(backup.path):
            return backup
    return None
