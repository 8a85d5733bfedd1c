"""Backups never reuse a name, leftovers of a killed hlhdesk are removed at the next
opening, everything holding patient data is owner-only under umask 000, and a log that
cannot be written never shows a traceback."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from datetime import datetime

import pytest

from hlhdesk import logs
from hlhdesk.store import open_database
from hlhdesk.store.backup import backup_folder, list_backups, make_backup


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_hundred_backups_in_one_second_keep_a_hundred_files(db_path):
    moment = datetime(2026, 12, 5, 13, 30, 0)
    with open_database(db_path, backups=False) as store:
        made = [make_backup(store.db.conn, db_path, "manual", now=moment) for _ in range(100)]
    assert len(set(made)) == 100
    assert len([b for b in list_backups(db_path) if b.kind == "manual"]) == 100
    assert list_backups(db_path)[0].path == made[-1]  # the newest first


def test_partial_backups_of_a_killed_hlhdesk_are_removed_at_the_next_opening(db_path):
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout)
    folder = backup_folder(db_path)
    folder.mkdir()
    leftover = folder / f".hlhdesk-20261205-133000-manual.sqlite3.{dead}-1.partial"
    journal = folder / f".hlhdesk-20261205-133000-manual.sqlite3.{dead}-1.partial-journal"
    running = folder / f".hlhdesk-20261205-133000-manual.sqlite3.{os.getppid()}-1.partial"
    for path in (leftover, journal, running):
        path.write_bytes(b"half a backup")
    open_database(db_path, backups=False).close()
    assert not leftover.exists() and not journal.exists()
    assert running.exists()  # another hlhdesk, still writing its backup


def test_everything_is_owner_only_under_umask_000(tmp_path, monkeypatch, cli):
    data = tmp_path / "data" / "hlhdesk"
    monkeypatch.setenv("HLHDESK_DATA_DIR", str(data))
    log = data / "hlhdesk.log"
    monkeypatch.setattr(logs, "log_path", lambda: log)
    monkeypatch.setattr(logs, "_configured", False)
    saved = logging.getLogger("hlhdesk").handlers[:]
    old = os.umask(0)
    try:
        from tests.cli.conftest import ADULT

        assert cli("import", ADULT).code == 0
        assert cli("backup").code == 0
        assert cli("report", "1", "-o", tmp_path / "summary.pdf").code == 0
        logs.get_logger().info("a line")
    finally:
        os.umask(old)
        for handler in logging.getLogger("hlhdesk").handlers[:]:
            if handler not in saved:
                logging.getLogger("hlhdesk").removeHandler(handler)
                handler.close()
    assert mode(data) == 0o700
    assert mode(data / "hlhdesk.sqlite3") == 0o600
    assert mode(data / "backups") == 0o700
    assert {mode(p) for p in (data / "backups").iterdir()} == {0o600}
    assert mode(log) == 0o600
    assert mode(tmp_path / "summary.pdf") == 0o600


def test_an_unwritable_log_shows_no_traceback_and_a_restore_still_exits_0(db_path, tmp_path, monkeypatch, capsys):
    from hlhdesk.cli import main

    with open_database(db_path, backups=False) as store:
        made = store.backup("manual")
    (tmp_path / "log-is-a-folder").mkdir()  # cannot be opened as a file, even by root
    monkeypatch.setattr(logs, "log_path", lambda: tmp_path / "log-is-a-folder")
    monkeypatch.setattr(logs, "_configured", False)
    saved = logging.getLogger("hlhdesk").handlers[:]
    try:
        code = main(["--db", str(db_path), "restore", str(made)])
    finally:
        for handler in logging.getLogger("hlhdesk").handlers[:]:
            if handler not in saved:
                logging.getLogger("hlhdesk").removeHandler(handler)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err and "Logging error" not in captured.err
    assert "Restored" in captured.out
