"""Hostile input is refused (or read) within 2 s and 200 MB: repeated triggers, a 1 GB
lab file, /dev/zero, a named pipe, a file name that is not UTF-8, numbers too large for
their field, lab CSVs with a 1 MB line or 50,000 columns; and an export over 5 MB can
be imported again."""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from tests.cli.conftest import ADULT

# 2 s on an idle machine; tracemalloc roughly doubles the time, and the machine is shared.
SECONDS_TRACED = 6.0
PEAK_BYTES = 200 * 1024 * 1024


def bounded(cli, *args, db):
    """Run the command; assert it took under 2 s and traced under 200 MB."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = cli(*args, db=db)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < SECONDS_TRACED, f"took {elapsed:.1f} s"
    assert peak < PEAK_BYTES, f"peak {peak / 1e6:.0f} MB"
    return result


def case_document() -> dict:
    return json.loads(ADULT.read_text(encoding="utf-8"))


def test_a_hundred_thousand_repeated_triggers_are_refused_at_once(cli, tmp_path):
    doc = case_document()
    doc["case"]["triggers"] = ["rheumatological"] * 100_000
    path = tmp_path / "triggers.json"
    path.write_text(json.dumps(doc))
    result = bounded(cli, "import", path, db=tmp_path / "h.sqlite3")
    assert result.code == 2 and "case.triggers: lists 100,000 triggers" in result.err


@pytest.mark.parametrize("field, value, where", [
    ("dose", 123456789012345678901234567890, "treatments[0].dose_mg"),
    ("ferritin", 1e39, "observations[0].value"),
])
def test_numbers_too_large_for_their_field_are_refused_at_their_path(cli, tmp_path, field, value, where):
    doc = case_document()
    if field == "dose":
        doc["treatments"] = [{"drug": "anakinra", "start": "2026-10-04T10:00", "dose_mg": value,
                              "every_hours": 24, "route": "sc"}]
    else:
        doc["observations"][0] = {"at": "2026-10-03T08:00", "kind": "ferritin", "value": value, "unit": "ug/L"}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(doc))
    result = bounded(cli, "import", path, db=tmp_path / "h.sqlite3")
    assert result.code == 2 and where in result.err


@pytest.mark.parametrize("command", ["import", "import-labs"])
def test_a_named_pipe_and_dev_zero_are_refused_without_reading(cli, tmp_path, command):
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    db = tmp_path / "h.sqlite3"
    if command == "import-labs":
        from hlhdesk.store import open_database

        open_database(db, backups=False).close()
    for source in (pipe, Path("/dev/zero")):
        result = bounded(cli, command, source, db=db)
        assert result.code == 2 and "not a regular file" in result.err


def test_a_1_gb_lab_file_is_refused_before_it_is_read(cli, tmp_path, db_path):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as out:  # sparse: takes no disk space
        out.truncate(1024 * 1024 * 1024)
    result = bounded(cli, "import-labs", huge, "--dry-run", db=db_path)
    assert result.code == 2 and "1,024 MB; a lab file may be at most 64 MB" in result.err


def test_lab_csvs_with_a_1_mb_line_or_50000_columns_are_refused_clearly(cli, tmp_path, db_path):
    long_line = tmp_path / "long.csv"
    long_line.write_text("NHS Number,Date,Test,Value,Units\r\n9990000018,03/10/2026,Hb," + "1" * 1_000_000 + ",g/L\r\n")
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(50_000)) + "\r\n")
    wide_row = tmp_path / "wide-row.csv"
    wide_row.write_text("NHS Number,Date,Test,Value,Units\r\n" + ",".join(["1"] * 50_000) + "\r\n")
    for path, words in ((long_line, "cannot be read as CSV"), (wide, "not a lab results export"),
                        (wide_row, "50,000 columns")):
        result = bounded(cli, "import-labs", path, "--dry-run", db=db_path)
        assert result.code == 2 and words in result.err, result.err


def test_a_file_name_that_is_not_utf8_imports_and_exits_0(tmp_path):
    import subprocess
    import sys

    name = os.fsdecode(b"caf\xe9.json")
    path = tmp_path / name
    path.write_bytes(ADULT.read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(Path(__file__).parents[2])}
    result = subprocess.run([sys.executable, "-m", "hlhdesk", "--db", str(tmp_path / "h.sqlite3"), "import", path],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "caf\\udce9.json" in result.stdout and "Traceback" not in result.stderr


def test_an_export_over_5_mb_imports_again(cli, tmp_path):
    doc = case_document()
    doc["events"] = [{"at": f"2026-10-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}", "kind": "note",
                      "note": "x" * 9_000} for i in range(650)]
    source = tmp_path / "large.json"
    source.write_text(json.dumps(doc))
    db = tmp_path / "h.sqlite3"
    assert cli("import", source, db=db).code == 0
    exported = tmp_path / "exported.json"
    assert cli("export", "1", "-o", exported, db=db).code == 0
    assert exported.stat().st_size > 5 * 1024 * 1024
    again = cli("import", exported, db=tmp_path / "again.sqlite3")
    assert again.code == 0, again.err
