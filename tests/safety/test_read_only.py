"""Commands that only read open the database read-only and change nothing: not a byte
of the file, no -wal/-shm left beside it, no daily backup, no status written. A mistyped
--db for a command that reads is refused, never made into a new empty database."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from hlhdesk.store import StoreError, open_database
from hlhdesk.store.integrity import opening


def snapshot(folder):
    """Every file in the folder (recursively) with its bytes' hash and mtime."""
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def with_meeting(db_path):
    with open_database(db_path, backups=False) as store:
        meetings = store
        meeting_id = meetings.create_meeting(date(2026, 10, 17), "Dr C Chair", ())
        meetings.add_to_agenda(meeting_id, 1)
    return db_path


READING_COMMANDS = [
    ("list",), ("list", "--json"), ("evaluate", "--id", "1"), ("about",), ("backup", "--list"),
    ("meetings", "list"), ("meetings", "show", "1"), ("audit", "--json"), ("verify",),
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_a_reading_command_changes_nothing(cli, with_meeting, command):
    folder = with_meeting.parent
    before = snapshot(folder)
    result = cli(*command, db=with_meeting)
    assert result.code == 0, result.err
    assert snapshot(folder) == before


@pytest.mark.parametrize("command", [("report", "1"), ("pack", "1"), ("export", "1")], ids=" ".join)
def test_a_command_writing_a_file_elsewhere_changes_nothing_in_the_database_folder(cli, with_meeting, tmp_path, command):
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    db_folder_files = {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("out")}
    result = cli(*command, "-o", out_folder / "file", db=with_meeting)
    assert result.code == 0, result.err
    assert {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("out")} == db_folder_files


@pytest.mark.parametrize("command", [
    ("list",), ("evaluate", "--id", "1"), ("report", "1", "-o", "{tmp}/x.pdf"), ("pack", "1", "-o", "{tmp}/x.pdf"),
    ("export", "1", "-o", "{tmp}/x.json"), ("meetings", "list"), ("meetings", "show", "1"),
    ("meetings", "add", "1", "1"), ("backup", "--list"), ("import-labs", "{tmp}/labs.csv"),
], ids=lambda c: " ".join(c[:2]))
def test_a_mistyped_db_is_refused_and_not_created(cli, tmp_path, command):
    (tmp_path / "labs.csv").write_text("NHS Number,Date,Test,Value,Units\r\n")
    mistyped = tmp_path / "hlhdesk.sqlte3"
    result = cli(*(str(c).format(tmp=tmp_path) for c in command), db=mistyped)
    assert result.code == 2
    assert "no database" in result.err
    assert not mistyped.exists()


def test_a_read_only_store_refuses_a_write_with_a_plain_message(db_path):
    from tests.safety.conftest import small_case

    before = db_path.read_bytes()
    with open_database(db_path, read_only=True) as store:
        assert store.read_only
        assert len(store.list_cases()) == 1
        with pytest.raises(StoreError, match="open read-only"):
            store.add_case(small_case("Other"))
    assert db_path.read_bytes() == before


def test_a_read_only_file_in_wal_mode_leaves_no_journal_files(db_path, monkeypatch):
    """The file cannot be written (simulated: the tests run as root, who may write any
    file): SQLite's plain read-only mode would leave -wal and -shm behind."""
    monkeypatch.setattr(opening, "writable", lambda path: False)
    assert opening.in_wal_mode(db_path)
    folder = db_path.parent
    before = snapshot(folder)
    with open_database(db_path, read_only=True) as store:
        assert len(store.list_cases()) == 1
    assert snapshot(folder) == before


def test_the_opening_check_of_a_read_only_file_leaves_no_journal_files(db_path, monkeypatch):
    from hlhdesk.store import check_existing_database

    monkeypatch.setattr(opening, "writable", lambda path: False)
    before = snapshot(db_path.parent)
    check_existing_database(db_path)
    assert snapshot(db_path.parent) == before


def test_an_older_database_is_not_upgraded_by_a_read_only_opening(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with open_database(path, backups=False):
        pass
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE rowid = (SELECT max(rowid) FROM _sqlite_migrations)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="older hlhdesk"):
        open_database(path, read_only=True)
    assert path.read_bytes() == before
