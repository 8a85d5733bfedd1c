"""Putting a backup back: check it, say what it would remove, keep what is there now,
then copy it in, and record the restore in the restored database.

A restore never moves or replaces a file it has not proven damaged: a database that is
busy (another hlhdesk saving, a network share slow to answer), from a newer hlhdesk, or
not an hlhdesk database at all is refused with nothing changed. Only a file that fails
SQLite's check is moved aside (into the backups folder, as `damaged`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from hlhdesk.logs import get_logger
from hlhdesk.paths import default_database_path
from hlhdesk.store.backup import make_backup, unused_backup_name
from hlhdesk.store.database import (
    DEFAULT_BUSY_TIMEOUT,
    check_existing_database,
    open_database,
)
from hlhdesk.store.errors import DatabaseBusyError, SchemaTooNewError, StoreError
from hlhdesk.store.integrity.opening import DamagedDatabaseError, read_only_connection
from hlhdesk.store.transactions import sqlite_errors_as_store_errors, write_transaction

_REMOVED_SHOWN = 20


class RestoreNeedsConfirmation(StoreError):
    """The restore would remove records made after the backup; --force (or the GUI's
    confirmation naming them) is needed."""


@dataclass(frozen=True)
class RestorePlan:
    source: Path
    database: Path
    current: str  # "absent", "ok" or "damaged"
    removed: list[str] = field(default_factory=list)  # records the restore would remove


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    database: Path
    previous_kept_as: Path | None  # None when there was no database before
    removed: list[str] = field(default_factory=list)


def plan_restore(source, db_path=None, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> RestorePlan:
    """Every check a restore makes, and what it would remove; changes nothing."""
    source = Path(source).expanduser()
    target = Path(db_path).expanduser() if db_path is not None else default_database_path()
    if not source.is_file():
        raise StoreError(f"{source}: no such backup file")
    if target.exists() and source.resolve() == target.resolve():
        raise StoreError(f"{source} is the database itself, not a backup of it")
    check_existing_database(source, busy_timeout)
    _refuse_a_tampered_backup(source, busy_timeout)
    if not target.exists() or target.stat().st_size == 0:
        return RestorePlan(source, target, "absent")
    try:
        check_existing_database(target, busy_timeout)
    except DamagedDatabaseError:
        return RestorePlan(source, target, "damaged")
    except SchemaTooNewError:
        raise StoreError(f"{target} was written by a newer hlhdesk; this version does not replace it. "
                         "Nothing was changed.") from None
    except DatabaseBusyError:
        raise StoreError(f"{target} is busy: another hlhdesk kept it locked for {busy_timeout:g} s. "
                         "A busy database is not a damaged one: nothing was changed. Try again "
                         "when the other desk has finished saving.") from None
    except StoreError as exc:
        raise StoreError(f"{target} is not a database this restore can replace ({exc}). "
                         "Nothing was changed.") from None
    return RestorePlan(source, target, "ok", _removed_by(source, target, busy_timeout))


def restore_backup(source, db_path=None, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
                   force: bool = False) -> RestoreResult:
    """Replace the database's contents with a backup's (see plan_restore for the checks).

    Records made after the backup (outcomes, sign-offs, amendments, cases) would be
    removed: refused with RestoreNeedsConfirmation naming them unless `force`. The
    current database is kept as a `before-restore` backup (a damaged one is moved aside
    as `damaged`), and the restore is recorded in the restored database's audit.
    """
    plan = plan_restore(source, db_path, busy_timeout=busy_timeout)
    if plan.removed and not force:
        shown = plan.removed[:_REMOVED_SHOWN]
        if len(plan.removed) > len(shown):
            shown.append(f"... and {len(plan.removed) - len(shown)} more")
        raise RestoreNeedsConfirmation(
            f"restoring {plan.source.name} would remove records made after it. Nothing was "
            "changed; add --force to restore anyway (the database as it is now is kept as a backup).",
            shown,
        )
    kept: Path | None = None
    if plan.current == "damaged":
        kept = _move_aside(plan.database)
        get_logger().warning("restore: the current database failed its check and was moved aside")
    with open_database(plan.database, busy_timeout=busy_timeout, backups=False) as store:
        if plan.current == "ok":
            kept = make_backup(store.db.conn, plan.database, "before-restore")
        _copy_into(plan.source, store.db.conn, busy_timeout)
    # Open once more as the app will: checks the result and migrates an older backup;
    # then the restore is written into the restored database's own audit trail.
    with open_database(plan.database, busy_timeout=busy_timeout, backups=False) as store:
        with write_transaction(store.db.conn, "recording the restore", busy_timeout):
            store.db.conn.execute(
                "INSERT INTO restores (backup_file, previous_kept_as, removed) VALUES (?, ?, ?)",
                [plan.source.name, kept.name if kept else None, json.dumps(plan.removed, ensure_ascii=False)],
            )
    get_logger().info("restored the database from a backup (%s)", plan.source.name)
    return RestoreResult(plan.source, plan.database, kept, plan.removed)


def _refuse_a_tampered_backup(source: Path, busy_timeout: float) -> None:
    from hlhdesk.store.integrity.verify import verify

    conn = read_only_connection(source, busy_timeout)
    try:
        report = verify(conn)
    finally:
        conn.close()
    if not report.ok:
        raise StoreError(f"{source.name} is not as hlhdesk left it, so it is not restored. "
                         "Nothing was changed.", report.problems)


def _removed_by(source: Path, target: Path, busy_timeout: float) -> list[str]:
    """Outcomes, sign-offs, amendments, actions done and cases in the database that the
    backup lacks."""
    old, new = (read_only_connection(p, busy_timeout) for p in (source, target))
    try:
        def ids(conn, table):
            return {r[0] for r in conn.execute(f"SELECT id FROM {table}")}

        removed = []
        for signoff_id, signed_by, signed_at, case_id in new.execute(
                "SELECT s.id, s.signed_by, s.signed_at, o.case_id FROM signoffs s "
                "JOIN outcomes o ON o.id = s.outcome_id ORDER BY s.id"):
            if signoff_id not in ids(old, "signoffs"):
                removed.append(f"the sign-off of case {case_id}'s outcome by {signed_by} at {signed_at}")
        for amendment_id, amended_by, amended_at, decision in new.execute(
                "SELECT id, amended_by, amended_at, decision FROM amendments ORDER BY id"):
            if amendment_id not in ids(old, "amendments"):
                removed.append(f"the amendment by {amended_by} at {amended_at} (decision {decision})")
        old_outcomes = ids(old, "outcomes")
        for outcome_id, case_id, held_on, decision in new.execute(
                "SELECT o.id, o.case_id, m.held_on, o.decision FROM outcomes o "
                "JOIN meetings m ON m.id = o.meeting_id ORDER BY o.id"):
            if outcome_id not in old_outcomes:
                removed.append(f"the MDT outcome of case {case_id} at the meeting of {held_on} ({decision})")
        tables = [{r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                  for conn in (old, new)]
        if "action_completions" in tables[1]:  # a backup from before 0009 has none
            kept = ids(old, "action_completions") if "action_completions" in tables[0] else set()
            for completion_id, action, done_by, done_on in new.execute(
                    "SELECT id, json_extract(action, '$.text'), done_by, done_on FROM action_completions ORDER BY id"):
                if completion_id not in kept:
                    removed.append(f"the action '{action}' recorded as done by {done_by} on {done_on}")
        new_cases = ids(new, "cases") - ids(old, "cases")
        if new_cases:
            removed.append(f"{len(new_cases)} case(s) added since: {', '.join(map(str, sorted(new_cases)[:10]))}")
        return removed
    except sqlite3.Error as exc:
        raise StoreError(f"comparing the backup with the database failed ({exc}); nothing was changed") from exc
    finally:
        old.close()
        new.close()


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
    kept = unused_backup_name(target, "damaged")
    kept.parent.mkdir(mode=0o700, exist_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        sidecar = target.with_name(target.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, kept.with_name(kept.name + suffix))
    os.replace(target, kept)
    return kept
