"""Crash safety: a writer killed with SIGKILL at random moments never loses a save that
had returned, never leaves half a case, and never damages the file.

The quick variant kills ~20 writers in each journal mode; the `slow` one a few hundred.
`KILL_STATS` collects the figures docs/reliability.md quotes (printed with -s).
"""

from __future__ import annotations

import random
import sys
import time

import pytest

from hlhdesk.store import open_database
from tests.store import writers
from tests.support.stored_cases import sparse_case

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def wait_for_lines(report, count: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while len(writers.read_report(str(report))) < count and time.monotonic() < deadline:
        time.sleep(0.002)


def kill_writers_repeatedly(tmp_path, mode: str, kills: int, seed: int) -> dict:
    rng = random.Random(seed)  # a failure can be replayed with the same seed
    path, report = tmp_path / "crash.sqlite3", tmp_path / "returned.txt"
    with open_database(path, journal_mode=mode) as store:
        case_id = store.add_case(sparse_case())
    ctx = writers.context()
    killed_mid_run = 0
    for writer in range(kills):
        process = ctx.Process(
            target=writers.save_forever, args=(str(path), str(report), writer, case_id, mode)
        )
        already = len(writers.read_report(str(report)))
        process.start()
        # Let it return a few saves (none: killed while opening or in its first save),
        # then kill it at a random moment, most likely in the middle of the next save.
        wait_for_lines(report, already + rng.choice([0, 1, 1, 2, 3, 4]))
        time.sleep(rng.uniform(0.0, 0.03))
        process.kill()  # SIGKILL: no cleanup, no atexit, no rollback
        process.join(timeout=30)
        killed_mid_run += process.exitcode == -9
        if writer % 25 == 24:  # check along the way too, not only at the end
            missing, _ = writers.missing_saves(str(path), str(report))
            assert missing == []
    missing, returned = writers.missing_saves(str(path), str(report))
    assert missing == [], f"saves that had returned were lost (seed {seed}): {missing[:10]}"
    with open_database(path, journal_mode=mode) as store:  # and it opens, checked, as usual
        assert store.list_cases()
        from hlhdesk.store.integrity.verify import verify

        report = verify(store.db.conn)  # the audit's hash chain survived every kill
        assert report.ok, f"seed {seed}: {report.problems}"
    return {"mode": mode, "kills": killed_mid_run, "returned_saves_checked": returned}


@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_killed_writers_lose_no_returned_save(tmp_path, mode):
    stats = kill_writers_repeatedly(tmp_path, mode, kills=20, seed=20261121)
    assert stats["kills"] >= 15  # most were killed mid-run, not after finishing
    assert stats["returned_saves_checked"] > 0
    print(stats)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_killed_writers_lose_no_returned_save_many_times(tmp_path, mode):
    stats = kill_writers_repeatedly(tmp_path, mode, kills=150, seed=6)
    assert stats["kills"] >= 140
    assert stats["returned_saves_checked"] > 150  # about two returned saves per writer
    print(stats)
