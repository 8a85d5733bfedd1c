"""One way to write an output file (hlhdesk/output_file.py), used by every command:
never over an existing file without --force, never over a database or its journal or
backups, never through a symbolic link, whole or not at all, owner-only, and a plain
exit 2 when the disk is full or the folder cannot be written."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat

import pytest

from hlhdesk import output_file
from hlhdesk.output_file import OutputError, database_paths, write_output
from hlhdesk.store import open_database


def cases_in(db_path) -> int:
    with open_database(db_path, backups=False) as store:
        return store.db.execute("SELECT count(*) FROM cases").fetchone()[0]


# ------------------------------------------------------------------ the writer itself

def test_an_existing_file_is_kept_unless_replace_is_asked(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists; add --force"):
        write_output(target, b"new")
    assert target.read_bytes() == b"old"
    write_output(target, b"new", replace=True)
    assert target.read_bytes() == b"new"


def test_a_symbolic_link_is_never_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link, dangling = tmp_path / "link.pdf", tmp_path / "dangling.pdf"
    link.symlink_to(victim)
    dangling.symlink_to(tmp_path / "nowhere.txt")
    for target in (link, dangling):
        with pytest.raises(OutputError, match="symbolic link"):
            write_output(target, b"x", replace=True)
    assert victim.read_bytes() == b"precious"
    assert not (tmp_path / "nowhere.txt").exists()


def test_the_database_its_journals_and_backups_are_never_written(tmp_path, db_path):
    before = db_path.read_bytes()
    backups = db_path.parent / "backups"
    backups.mkdir()
    for target in (db_path, db_path.parent / "hlhdesk.sqlite3-wal", backups / "x.csv"):
        with pytest.raises(OutputError, match="database"):
            write_output(target, b"x", replace=True, protected=database_paths(db_path))
    # Without being told which database: any SQLite file is still refused by its header.
    with pytest.raises(OutputError, match="SQLite database"):
        write_output(db_path, b"x", replace=True)
    assert db_path.read_bytes() == before


def test_the_file_is_owner_only_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        path = write_output(tmp_path / "out.csv", b"a,b\r\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "the disk is full"),
    (errno.EROFS, "read-only disk"),
    (errno.EACCES, "permission"),
])
def test_a_failed_write_is_a_plain_error_and_leaves_nothing(tmp_path, monkeypatch, code, words):
    def fail(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(output_file.os, "fsync", fail)
    target = tmp_path / "report.pdf"
    with pytest.raises(OutputError, match=words):
        write_output(target, b"%PDF")
    assert list(tmp_path.iterdir()) == []  # no partial file, no temporary left


def test_a_missing_folder_is_a_plain_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_output(tmp_path / "nowhere" / "report.pdf", b"%PDF")


# ------------------------------------------------------------------ through the commands

def test_report_refuses_an_existing_file_without_force(cli, db_path, tmp_path):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"keep me")
    refused = cli("report", 1, "-o", target, db=db_path)
    assert refused.code == 2 and "already exists; add --force" in refused.err
    assert target.read_bytes() == b"keep me"
    done = cli("report", 1, "-o", target, "--force", db=db_path)
    assert done.code == 0, done.err
    assert target.read_bytes().startswith(b"%PDF")


def test_report_never_writes_over_the_database_even_with_force(cli, db_path):
    before = db_path.read_bytes()
    result = cli("report", 1, "-o", db_path, "--force", db=db_path)
    assert result.code == 2 and "database" in result.err
    assert db_path.read_bytes() == before and cases_in(db_path) == 1


def test_report_on_a_full_disk_is_exit_2(cli, db_path, tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_file.os, "fsync", full)
    result = cli("report", 1, "-o", tmp_path / "summary.pdf", db=db_path)
    assert result.code == 2 and "the disk is full" in result.err
    assert not (tmp_path / "summary.pdf").exists()


def test_rejected_rows_csv_never_replaces_the_live_database(cli, db_path, tmp_path):
    labs = tmp_path / "labs.csv"
    labs.write_text("NHS Number,Date,Test,Value,Units\r\n9990000018,03/10/2026,Nonsense,1,g/L\r\n")
    for extra in ((), ("--force",)):
        result = cli("import-labs", labs, "--dry-run", "--rejected-csv", db_path, *extra, db=db_path)
        assert result.code == 2 and "database" in result.err
    assert cases_in(db_path) == 1


def test_rejected_rows_csv_refuses_an_existing_file_and_a_symlink(cli, db_path, tmp_path):
    labs = tmp_path / "labs.csv"
    labs.write_text("NHS Number,Date,Test,Value,Units\r\n9990000018,03/10/2026,Nonsense,1,g/L\r\n")
    existing = tmp_path / "old.csv"
    existing.write_text("keep")
    link = tmp_path / "link.csv"
    link.symlink_to(existing)
    assert cli("import-labs", labs, "--dry-run", "--rejected-csv", existing, db=db_path).code == 2
    assert cli("import-labs", labs, "--dry-run", "--rejected-csv", link, "--force", db=db_path).code == 2
    assert existing.read_text() == "keep"


def test_export_refuses_a_symlink_even_with_force(cli, db_path, tmp_path):
    victim = tmp_path / "victim.json"
    victim.write_text("keep")
    link = tmp_path / "case.json"
    link.symlink_to(victim)
    result = cli("export", 1, "-o", link, "--force", db=db_path)
    assert result.code == 2 and "symbolic link" in result.err
    assert victim.read_text() == "keep"


# ------------------------------------------------------------------ formula-safe CSV cells

@pytest.mark.parametrize("cell", ["foo;=1+1", "a\t=HYPERLINK(1)", "x;+1", "x;@SUM(1)", "ok;-2"])
def test_a_formula_after_a_semicolon_is_neutralised_for_semicolon_locales(cell):
    from hlhdesk.core.csvsafe import safe_csv_text

    text = safe_csv_text(["h"], [[cell]])
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            for value in row:
                assert not value.startswith(("=", "+", "-", "@")), (delimiter, value)


def test_temporary_files_of_a_killed_writer_are_removed_by_the_next_write(tmp_path):
    import subprocess
    import sys

    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout)
    leftover = tmp_path / f".hlhdesk-writing-{dead}-abc123.tmp"
    leftover.write_bytes(b"half a PDF")
    alive = tmp_path / f".hlhdesk-writing-{os.getppid()}-def456.tmp"
    alive.write_bytes(b"being written")
    write_output(tmp_path / "report.pdf", b"%PDF")
    assert not leftover.exists() and alive.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, "report.pdf"])
