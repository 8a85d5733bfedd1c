"""Damaged files: single bytes of a demo database flipped one at a time. Each opening
(the quick check) followed by the checks the desk runs in the background (`verify`)
either refuses the file naming the newest good backup, or reads exactly the original
content. Never a traceback, never a silent change. `backup --list` and restore work
without opening the damaged file."""

from __future__ import annotations

import random
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from hlhdesk.app.demo import build_demo_database
from hlhdesk.store import StoreError, open_database
from hlhdesk.store.integrity.good_backups import newest_good_backup
from hlhdesk.store.integrity.verify import verify

# Derived data, not record: the status cache is recomputed from audited data by the desk,
# and SQLite's AUTOINCREMENT counters only decide the next id (verify checks the audit's).
NOT_CONTENT = {"case_status", "sqlite_sequence"}


def content(path: Path) -> dict:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()
                 for t in tables if t not in NOT_CONTENT}
        found["schema"] = sorted(conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
        return found
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo database with a manual backup beside it, and its content."""
    folder = tmp_path_factory.mktemp("demo")
    original = folder / "original.sqlite3"
    build_demo_database(original, now=datetime(2026, 12, 5, 9, 0))
    work = folder / "work"
    work.mkdir()
    database = work / "hlhdesk.sqlite3"
    shutil.copy(original, database)
    with open_database(database) as store:
        store.backup("manual")
    shutil.copy(database, original)  # as left by that opening
    return original, database, content(original)


def open_and_check(database: Path) -> str:
    """'refused' (naming a backup) or 'opened'; raises on anything else."""
    try:
        with open_database(database, read_only=True) as store:
            store.list_cases()
            report = verify(store.db.conn)
    except StoreError as refused:
        assert "restore it with" in str(refused), str(refused)
        return "refused"
    if not report.ok:
        assert newest_good_backup(database) is not None
        return "refused"
    return "opened"


def flip_bytes(demo, flips: int, seed: int) -> dict:
    original, database, expected = demo
    data = original.read_bytes()
    rng = random.Random(seed)
    outcomes = {"refused": 0, "unchanged": 0}
    for _ in range(flips):
        damaged = bytearray(data)
        offset = rng.randrange(len(damaged))
        damaged[offset] ^= 1 << rng.randrange(8)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        database.write_bytes(bytes(damaged))
        result = open_and_check(database)
        if result == "opened":
            assert content(database) == expected, f"byte {offset} changed the content silently"
            outcomes["unchanged"] += 1
        else:
            outcomes["refused"] += 1
    return outcomes


def test_forty_single_byte_flips_are_refused_or_harmless(demo):
    outcomes = flip_bytes(demo, 40, seed=17)
    assert sum(outcomes.values()) == 40 and outcomes["refused"] > 0


@pytest.mark.slow
def test_two_hundred_single_byte_flips_are_refused_or_harmless(demo):
    outcomes = flip_bytes(demo, 200, seed=2026)
    assert sum(outcomes.values()) == 200


def test_zeroed_page_is_refused_and_backups_still_list_and_restore(cli, demo):
    original, database, expected = demo
    data = bytearray(original.read_bytes())
    page = 4096
    data[page * 3: page * 4] = bytes(page)  # a page of zeros
    database.write_bytes(bytes(data))
    listed = cli("list", db=database)
    assert listed.code == 2 and "restore it with" in listed.err
    backups = cli("backup", "--list", db=database)
    assert backups.code == 0 and "manual" in backups.out and "FAILS" not in backups.out
    good = newest_good_backup(database)
    restored = cli("restore", good.path, db=database)
    assert restored.code == 0, restored.err
    assert cli("list", db=database).code == 0
