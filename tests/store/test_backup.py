"""Backups: daily on opening, rotated 7 daily + 4 weekly, consistent while in use,
restorable after checks, and the current database kept when one is restored."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hlhdesk.cli import main
from hlhdesk.store import SchemaTooNewError, StoreError, open_database
from hlhdesk.store.backup import BackupInfo, backup_folder, backups_to_delete, list_backups, rotate
from hlhdesk.store.restore import restore_backup
from hlhdesk.store.schema import MIGRATIONS, known_migration_names
from tests.support.stored_cases import NHS_NUMBERS, full_case, sparse_case


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def case_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        conn.close()


def test_opening_makes_one_daily_backup_a_day(tmp_path):
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path) as store:
        store.add_case(full_case())
    with open_database(path) as store:
        (daily,) = store.list_backups()
    assert daily.kind == "daily" and daily.made_at.date() == date.today()
    assert daily.path.parent == tmp_path / "backups"
    assert case_count(daily.path) == 0  # taken on first opening, before the case was added
    if sys.platform != "win32":
        assert stat.S_IMODE(daily.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(daily.path.parent.stat().st_mode) == 0o700


def test_a_backup_is_consistent_while_another_hlhdesk_is_mid_save(tmp_path):
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path, backups=False) as store:
        store.add_case(full_case())
        writer = sqlite3.connect(path)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE cases SET updated_at = 'x'")  # uncommitted, and no audit functions needed
        try:
            made = store.backup()
        finally:
            writer.rollback()
            writer.close()
    assert made.name.endswith("-manual.sqlite3")
    with open_database(made, backups=False) as copy:
        assert copy.load_case(1) == full_case()
        assert copy.journal_mode == "wal"  # opened as a database again, it is local
    conn = sqlite3.connect(made)
    assert conn.execute("SELECT updated_at FROM cases").fetchone()[0] != "x"
    conn.close()


def fake_backups(days: int, start: date, per_day: int = 1) -> list[BackupInfo]:
    made = []
    for back in range(days):
        for n in range(per_day):
            when = datetime.combine(start - timedelta(days=back), datetime.min.time()) + timedelta(hours=8 + n)
            made.append(BackupInfo(Path(f"db-{when:%Y%m%d-%H%M%S}-daily.sqlite3"), when, "daily", 1))
    return made


def test_rotation_keeps_seven_days_then_four_weeks():
    today = date(2026, 11, 21)  # a Saturday
    backups = fake_backups(60, today, per_day=2)
    removed = {b.path for b in backups_to_delete(backups)}
    kept = sorted((b for b in backups if b.path not in removed), key=lambda b: b.made_at, reverse=True)

    days = [b.made_at.date() for b in kept]
    assert days[:7] == [today - timedelta(days=n) for n in range(7)]
    assert all(b.made_at.hour == 9 for b in kept)  # the newest of each day
    weeks = [d.isocalendar()[1] for d in days[7:]]
    assert len(weeks) == 4 and len(set(weeks)) == 4
    assert days[7] == date(2026, 11, 8)  # Sunday of the week before the daily window's weeks
    assert len(kept) == 11


def test_rotation_never_removes_other_kinds_and_keeps_sparse_history():
    manual = BackupInfo(Path("db-20200101-090000-manual.sqlite3"), datetime(2020, 1, 1, 9), "manual", 1)
    sparse = fake_backups(1, date(2026, 1, 5)) + fake_backups(1, date(2025, 6, 1))
    assert backups_to_delete([manual, *sparse]) == []


def test_rotate_deletes_files_and_stale_partial_backups(tmp_path):
    db = tmp_path / "db.sqlite3"
    folder = backup_folder(db)
    folder.mkdir()
    for b in fake_backups(30, date.today()):
        (folder / b.path.name).write_bytes(b"")
    stale, fresh = folder / ".x.sqlite3.1.partial", folder / ".y.sqlite3.2.partial"
    stale.write_bytes(b"")
    fresh.write_bytes(b"")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))

    rotate(db)

    assert 7 <= len(list_backups(db)) <= 11
    assert not stale.exists() and fresh.exists()  # a backup may be writing the fresh one


def test_a_failed_daily_backup_does_not_stop_the_meeting(tmp_path):
    path = tmp_path / "hlhdesk.sqlite3"
    (tmp_path / "backups").write_text("a file where the folder should be")
    with open_database(path) as store:
        assert store.backup_problem and "backup" in store.backup_problem
        assert store.add_case(sparse_case())


def test_restore_puts_the_backup_back_and_keeps_the_current_database(tmp_path):
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path, backups=False) as store:
        store.add_case(full_case(NHS_NUMBERS[0]))
        made = store.backup()
        store.add_case(full_case(NHS_NUMBERS[1]))
    with open_database(path, backups=False) as watching:  # another hlhdesk, open throughout
        with pytest.raises(StoreError, match="would remove records made after it"):
            restore_backup(made, path)  # the case added since would go: --force needed
        result = restore_backup(made, path, force=True)
        assert [s.nhs_number for s in watching.list_cases()] == [NHS_NUMBERS[0]]
    assert case_count(path) == 1
    assert result.previous_kept_as.name.endswith("-before-restore.sqlite3")
    assert case_count(result.previous_kept_as) == 2


@pytest.mark.parametrize("problem", ["damaged", "newer", "missing", "itself"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(tmp_path, problem):
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path, backups=False) as store:
        store.add_cases([full_case(observations=100) for _ in range(4)])
        bad = store.backup()
    if problem == "damaged":
        data = bytearray(bad.read_bytes())
        data[4096 * 3 : 4096 * 3 + 3000] = os.urandom(3000)
        bad.write_bytes(bytes(data))
    elif problem == "newer":
        conn = sqlite3.connect(bad)
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('hlhdesk', '9999_x', '')")
        conn.commit()
        conn.close()
    elif problem == "missing":
        bad = tmp_path / "nowhere.sqlite3"
    else:
        bad = path
    before, listing = digest(path), sorted(os.listdir(backup_folder(path)))

    expected = SchemaTooNewError if problem == "newer" else StoreError
    with pytest.raises(expected):
        restore_backup(bad, path)

    assert digest(path) == before
    assert sorted(os.listdir(backup_folder(path))) == listing  # not even a before-restore copy


def test_restore_over_a_damaged_database_moves_it_aside(tmp_path):
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path, backups=False) as store:
        store.add_cases([full_case(observations=100) for _ in range(4)])
        good = store.backup()
    damaged = bytearray(path.read_bytes())
    damaged[4096 * 3 : 4096 * 3 + 3000] = os.urandom(3000)
    path.write_bytes(bytes(damaged))
    with pytest.raises(StoreError):
        open_database(path)

    result = restore_backup(good, path)

    assert result.previous_kept_as.name.endswith("-damaged.sqlite3")
    assert result.previous_kept_as.read_bytes() == bytes(damaged)
    assert case_count(path) == 4


def older_database(path: Path) -> None:
    """A database made by an hlhdesk that knew only the first migration."""
    from sqlite_utils import Database

    conn = sqlite3.connect(path)
    MIGRATIONS.apply(Database(conn, execute_plugins=False), stop_before=known_migration_names()[1])
    conn.close()


@pytest.mark.skipif(len(known_migration_names()) < 2, reason="needs a second migration")
def test_an_older_database_is_backed_up_before_it_is_upgraded(tmp_path):
    path = tmp_path / "hlhdesk.sqlite3"
    older_database(path)
    with open_database(path) as store:
        kinds = sorted(b.kind for b in store.list_backups())
        assert store.schema_version == len(known_migration_names())
    assert kinds == ["before-upgrade", "daily"]
    (before,) = [b for b in list_backups(path) if b.kind == "before-upgrade"]
    conn = sqlite3.connect(before.path)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == 1
    conn.close()


def test_backup_and_restore_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path, backups=False) as store:
        store.add_case(full_case())
    assert main(["--db", str(path), "backup"]) == 0
    made = Path(capsys.readouterr().out.strip().split(" to ")[-1])
    assert made.exists() and case_count(made) == 1

    assert main(["--db", str(path), "backup", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "(manual)" in listing and str(made) in listing and date.today().strftime("%d/%m/%Y") in listing

    assert main(["--db", str(path), "restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert f"Restored {path} from {made}" in out and "before-restore" in out

    assert main(["--db", str(path), "restore", str(tmp_path / "no-such.sqlite3")]) == 2
    assert "no such backup file" in capsys.readouterr().err
