"""Backups: consistent copies made with SQLite's online backup API, in a `backups/`
folder beside the database.

- On opening, at most once a day, a `daily` backup; daily backups rotate: the newest of
  each of the last 7 days that have one, and the newest of each of the 4 weeks before
  those, are kept (grandfather-father-son). Other kinds are never deleted automatically:
  `manual` (hlhdesk backup), `before-upgrade` (before a new version migrates the
  schema), `before-restore` (the database a restore replaced) and `damaged` (a file
  that failed its check, moved aside by a restore).
- A backup is written under a temporary name and renamed only when complete, so a
  backup file with a final name is always whole.
- Restoring checks the chosen file first (integrity, an hlhdesk database, not from a
  newer version), keeps the current database as a backup, then copies the file into the
  database with the backup API, which takes the database's locks like any writer: another
  hlhdesk with it open sees the restored data, never a half-copied file.
"""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from hlhdesk.leftovers import left_behind
from hlhdesk.store.errors import StoreError

BACKUP_FOLDER = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KINDS = ("daily", "manual", "before-upgrade", "before-restore", "damaged")
_PARTIAL = ".partial"
_STALE_PARTIAL_SECONDS = 3600  # a partial file this old is from a killed or crashed backup
_partials = itertools.count(1)

# hlhdesk-20261121-093000-daily.sqlite3 (local time; sorts by time)
# A second backup in the same second gets -2, -3, ... after the time: a name is never reused.
_NAME = re.compile(r"^(?P<stem>.+)-(?P<when>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<kind>[a-z-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime  # local time, from the file name
    kind: str
    size_bytes: int

    @property
    def label(self) -> str:
        """'21/11/2026 09:30 (daily)', how a list shows it."""
        return f"{self.made_at:%d/%m/%Y %H:%M} ({self.kind.replace('-', ' ')})"


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of one database, newest first."""
    folder = backup_folder(db_path)
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            if not match or match["stem"] != Path(db_path).stem or match["kind"] not in KINDS:
                continue
            try:
                size = entry.stat().st_size
            except OSError:
                continue  # deleted meanwhile by another hlhdesk's rotation
            made_at = datetime.strptime(match["when"], "%Y%m%d-%H%M%S")
            found.append(BackupInfo(entry, made_at, match["kind"], size))
    return sorted(found, key=lambda b: (b.made_at, _number_in_second(b.path.name)), reverse=True)


def _number_in_second(name: str) -> int:
    match = _NAME.match(name)
    return int(match["n"]) if match and match["n"] else 1


def make_backup(conn: sqlite3.Connection, db_path: Path, kind: str, now: datetime | None = None) -> Path:
    """A consistent copy of the open database `conn`, made while others may be using it."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    now = now or datetime.now()
    final = backup_name(db_path, kind, now)
    folder = final.parent
    # The pid says whose it is (see remove_leftovers); the counter keeps two threads apart.
    partial = folder / f".{final.name}.{os.getpid()}-{next(_partials)}{_PARTIAL}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        _create_private(partial)
        target = sqlite3.connect(partial)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        finally:
            target.close()
        _fsync(partial)
        final = _publish(partial, db_path, kind, now)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"the backup to {folder} failed ({exc}); the database itself is unchanged") from exc
    return final


def daily_backup_due(db_path: Path, today: date) -> bool:
    return not any(b.kind == "daily" and b.made_at.date() == today for b in list_backups(db_path))


def backups_to_delete(backups: list[BackupInfo], keep_daily: int = KEEP_DAILY,
                      keep_weekly: int = KEEP_WEEKLY) -> list[BackupInfo]:
    """Which daily backups rotation removes. Kept: the newest of each of the last
    `keep_daily` days that have one, then the newest of each of the `keep_weekly` ISO
    weeks before those. Other kinds are never removed."""
    daily = sorted((b for b in backups if b.kind == "daily"), key=lambda b: b.made_at, reverse=True)
    keep: set[Path] = set()
    kept_days: set[date] = set()
    for backup in daily:
        day = backup.made_at.date()
        if day not in kept_days and len(kept_days) < keep_daily:
            kept_days.add(day)
            keep.add(backup.path)
    if not kept_days:
        return []
    weeks_with_a_daily = {_week(day) for day in kept_days}
    kept_weeks: set[tuple[int, int]] = set()
    for backup in daily:
        day = backup.made_at.date()
        week = _week(day)
        if day >= min(kept_days) or week in weeks_with_a_daily or week in kept_weeks:
            continue
        if len(kept_weeks) < keep_weekly:
            kept_weeks.add(week)
            keep.add(backup.path)
    return [b for b in daily if b.path not in keep]


def _week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def rotate(db_path: Path, keep_daily: int = KEEP_DAILY, keep_weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Delete the daily backups rotation no longer keeps, and stale partial files."""
    removed = []
    for backup in backups_to_delete(list_backups(db_path), keep_daily, keep_weekly):
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    folder = backup_folder(db_path)
    if folder.is_dir():
        remove_leftovers(db_path)
    return removed


def remove_leftovers(db_path: Path) -> list[Path]:
    """Partial backups of an hlhdesk that was killed while writing them: those whose
    process has gone, and any older than an hour. Returns what was removed."""
    removed = []
    folder = backup_folder(db_path)
    for entry in [*folder.glob(f".*{_PARTIAL}"), *folder.glob(f".*{_PARTIAL}-journal")]:
        name = entry.name.removesuffix("-journal")
        owner = name[: -len(_PARTIAL)].rsplit(".", 1)[-1].split("-", 1)[0]
        try:
            stale = time.time() - entry.stat().st_mtime > _STALE_PARTIAL_SECONDS
            if stale or (owner.isdigit() and left_behind(entry, int(owner))):
                entry.unlink()
                removed.append(entry)
        except OSError:
            pass  # another hlhdesk is tidying up too
    return removed


def _create_private(path: Path) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def backup_name(db_path: Path, kind: str, now: datetime | None = None, n: int = 1) -> Path:
    """Where a backup of `kind` made `now` goes (the name says when and why); `n` > 1
    for the n-th backup of the same kind within one second."""
    now = now or datetime.now()
    count = f"-{n}" if n > 1 else ""
    return backup_folder(db_path) / f"{Path(db_path).stem}-{now:%Y%m%d-%H%M%S}{count}-{kind}.sqlite3"


def unused_backup_name(db_path: Path, kind: str, now: datetime | None = None) -> Path:
    """The first backup_name not taken (for moving a file aside, not for racing writers:
    _publish claims its name atomically)."""
    now = now or datetime.now()
    n = 1
    while os.path.lexists(backup_name(db_path, kind, now, n)):
        n += 1
    return backup_name(db_path, kind, now, n)


def _publish(partial: Path, db_path: Path, kind: str, now: datetime) -> Path:
    """Give a finished backup its final name, never replacing another backup: a hard
    link fails if the name is taken (by another hlhdesk in the same second), so each
    claims its own."""
    for n in range(1, 10_000):
        final = backup_name(db_path, kind, now, n)
        try:
            os.link(partial, final)
        except FileExistsError:
            continue
        except OSError:  # no hard links here (FAT, some shares): check, then rename
            if os.path.lexists(final):
                continue
            os.replace(partial, final)
            return final
        partial.unlink()
        return final
    raise OSError("no free backup name in this second")
