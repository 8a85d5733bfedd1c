"""Two hlhdesks on one database: the second works or waits, and a wait that runs out is
a clear DatabaseBusyError naming what was being saved. Nothing is lost either way."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime

import pytest

from hlhdesk.core.model import Observation
from hlhdesk.store import DatabaseBusyError, open_database
from tests.store import writers
from tests.support.stored_cases import full_case, sparse_case

FERRITIN = Observation(datetime(2026, 10, 3, 8), "ferritin", 1200.0, "ug/L")


@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_a_second_store_on_the_same_file_sees_the_first_ones_saves(tmp_path, mode):
    path = tmp_path / "shared.sqlite3"
    with open_database(path, journal_mode=mode) as first, open_database(path, journal_mode=mode) as second:
        case_id = first.add_case(full_case())
        second.add_record(case_id, FERRITIN)
        assert first.load_case(case_id).observations[-1] == FERRITIN
        assert [s.case_id for s in second.list_cases()] == [case_id]


@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_a_writer_held_too_long_gives_a_busy_error_naming_the_save(tmp_path, mode):
    path = tmp_path / "busy.sqlite3"
    with open_database(path, journal_mode=mode) as store:
        case_id = store.add_case(sparse_case())
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")  # another hlhdesk in the middle of a long save
    try:
        with open_database(path, journal_mode=mode, busy_timeout=0.3) as waiting:
            started = time.monotonic()
            with pytest.raises(DatabaseBusyError) as busy:
                waiting.add_record(case_id, FERRITIN)
            assert time.monotonic() - started >= 0.25  # it waited before giving up
    finally:
        blocker.rollback()
        blocker.close()
    message = str(busy.value)
    assert message.startswith("Saving the ferritin result waited 0.3 s for another hlhdesk")
    assert "nothing was saved" in message
    with open_database(path) as store:
        assert store.load_case(case_id).observations == ()


def test_reading_is_not_blocked_by_a_writer_in_wal_mode(tmp_path):
    path = tmp_path / "read.sqlite3"
    with open_database(path) as store:
        case_id = store.add_case(full_case())
        blocker = sqlite3.connect(path)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            assert store.load_case(case_id) == full_case()
            assert len(store.list_cases()) == 1
        finally:
            blocker.rollback()
            blocker.close()


@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_several_writer_processes_at_once_lose_nothing(tmp_path, mode):
    path, report = tmp_path / "many.sqlite3", tmp_path / "saves.txt"
    with open_database(path, journal_mode=mode) as store:
        case_id = store.add_case(sparse_case())
    ctx = writers.context()
    processes = [
        ctx.Process(target=writers.save_forever,
                    args=(str(path), str(report), writer, case_id, mode, 40, 30.0))
        for writer in range(4)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
        assert p.exitcode == 0

    missing, checked = writers.missing_saves(str(path), str(report))
    assert missing == []
    assert checked == 4 * 40  # with a 30 s wait, every save got its turn
