"""The desk shows the case list before the opening check (PRAGMA quick_check) has finished,
and keeps what docs/reliability.md promises: nothing is written until the check has
passed, and a file that fails it is refused as before (the newest good backup named, no
traceback, the file unchanged), with what was shown taken away."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

from hlhdesk.gui.admin import opening
from hlhdesk.gui.desk.case_session import CaseSession
from hlhdesk.gui.desk.main_window import MainWindow
from hlhdesk.gui.kit import workers
from hlhdesk.store import StoreError, open_database
from hlhdesk.store.integrity.before_check import read_list_before_check, store_before_check
from tests.benchmarks.conftest import demo_sized_case
from tests.support.desk_cases import demo_case, synthetic_nhs_numbers
from tests.support.fake_engine import fake_evaluate

CASES = 8


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """A database of 8 cases of 200 observations, with a backup that passes its check."""
    path = tmp_path_factory.mktemp("opening") / "original.sqlite3"
    with open_database(path, backups=False) as store:
        store.add_cases(demo_sized_case(seed) for seed in range(CASES))
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def database(original, tmp_path) -> Path:
    """A copy to open, with a manual backup beside it (the backup a refusal must name)."""
    path = tmp_path / "mdt.sqlite3"
    path.write_bytes(original.read_bytes())
    with open_database(path, backups=False) as store:
        store.backup("manual")
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{path}{suffix}").exists()
    return path


def leaf_page_of(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        pages = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    assert pages, f"{table} has no leaf page"
    return pages[len(pages) // 2], page_size


def zero_a_page_of(path: Path, table: str) -> None:
    page, size = leaf_page_of(path, table)
    data = bytearray(path.read_bytes())
    data[(page - 1) * size: page * size] = bytes(size)
    path.write_bytes(bytes(data))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return (conn.execute("SELECT count(*) FROM cases").fetchone()[0],
                conn.execute("SELECT count(*) FROM audit").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def window(qtbot):
    win = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(win)
    win.files.refresh_stale_statuses = False
    win.show()
    return win


@pytest.fixture
def unexpected(monkeypatch) -> list:
    """Errors a worker logs with their traceback (what a user must never meet here)."""
    logged = []
    monkeypatch.setattr(workers, "log_unexpected", lambda *args: logged.append(args) or "the log")
    return logged


@pytest.fixture
def held_check(monkeypatch):
    """The checked opening waits until the test lets it go (`release.set()`)."""
    release = threading.Event()
    real = opening.load_cases

    def waiting(path, report_progress):
        assert release.wait(timeout=20), "the test never let the check go"
        return real(path, report_progress)

    monkeypatch.setattr(opening, "load_cases", waiting)
    yield release
    release.set()


# -- the store read before the check ---------------------------------------------------

def test_the_list_before_the_check_is_the_checked_list(database):
    conn, summaries = read_list_before_check(database, 1.0)
    conn.close()
    with open_database(database, read_only=True) as store:
        assert summaries == store.list_cases()
    assert len(summaries) == CASES


def test_a_store_before_the_check_refuses_every_write_in_words_and_writes_nothing(database):
    before = counts(database)
    conn, _ = read_list_before_check(database, 1.0)
    store = store_before_check(database, conn, 1.0)
    case = demo_case(nhs=synthetic_nhs_numbers(1, seed=31)[0])
    with pytest.raises(StoreError, match="still checking mdt.sqlite3.*nothing can be saved"):
        store.add_case(case)
    with pytest.raises(StoreError, match="still checking"):
        store.set_case_status(1, eligibility="criteria_met")
    with pytest.raises(StoreError, match="still checking"):
        store.backup("manual")
    assert store.load_case(1).patient.family_name == "Synthetic0"  # reading is allowed
    checked = open_database(database, backups=False)
    store.take_connection_of(checked)  # the check passed: the checked connection takes over
    assert store.writes_refused is None and not store.read_only
    store.add_case(case)
    store.close()
    assert counts(database)[0] == before[0] + 1


def test_a_list_that_cannot_be_read_before_the_check_waits_for_it(database):
    zero_a_page_of(database, "patients")
    assert read_list_before_check(database, 1.0) is None  # no exception: the check decides


# -- the desk ----------------------------------------------------------------------------

def test_nothing_is_saved_until_the_check_has_passed(qtbot, window, database, held_check, messages):
    before, backups_before = counts(database), sorted(p.name for p in (database.parent / "backups").iterdir())
    with qtbot.waitSignal(window.files.database_reading, timeout=10_000):
        window.files.open_database(database)
    assert window.case_list.model.rowCount() == CASES  # the list shows while the check runs
    assert window.session.case is not None  # and its first case can be read
    assert window.files.checking
    assert "checking" in window.windowTitle()
    assert window.statusBar().currentMessage().startswith("Checking mdt.sqlite3")
    assert not window.new_case_action.isEnabled() and not window.import_action.isEnabled()
    assert not window.import_labs_action.isEnabled()

    assert window.files.add_cases([demo_case(nhs=synthetic_nhs_numbers(1, seed=32)[0])]) == []
    assert messages[-1][0] == "Nothing was saved" and "still checking mdt.sqlite3" in messages[-1][1]
    assert counts(database) == before  # no case, no audit row, no status
    assert sorted(p.name for p in (database.parent / "backups").iterdir()) == backups_before

    with qtbot.waitSignal(window.cases_loaded, timeout=20_000):
        held_check.set()
    assert not window.files.checking and window.new_case_action.isEnabled()
    assert "checking" not in window.windowTitle()
    assert window.files.add_cases([demo_case(nhs=synthetic_nhs_numbers(1, seed=33)[0])])
    assert counts(database)[0] == before[0] + 1


def test_a_file_that_fails_the_check_after_its_list_showed_is_refused_and_taken_away(
        qtbot, window, database, held_check, messages, unexpected):
    zero_a_page_of(database, "audit")  # the list does not read the audit: it shows
    before = digest(database)
    with qtbot.waitSignal(window.files.database_reading, timeout=10_000):
        window.files.open_database(database)
    assert window.case_list.model.rowCount() == CASES
    with qtbot.waitSignal(window.files.database_refused, timeout=20_000):
        held_check.set()
    title, text = messages[-1]
    assert title == "Could not open the database"
    assert "is damaged" in text and "restore it with" in text and "manual" in text
    assert "Traceback" not in text and unexpected == []
    assert window.session.store is None and window.case_list.model.rowCount() == 0
    assert window.files.path is None and "mdt.sqlite3" not in window.windowTitle()
    assert "mdt.sqlite3 was not opened; nothing in it was changed" in window.statusBar().currentMessage()
    assert window.new_case_action.isEnabled()  # nothing open: New case asks for a database
    assert digest(database) == before
    assert not any(Path(f"{database}{suffix}").exists() for suffix in ("-wal", "-shm", "-journal"))


def test_a_file_whose_list_cannot_be_read_ends_in_the_same_refusal(qtbot, window, database, messages, unexpected):
    zero_a_page_of(database, "patients")  # the list's own read fails before the check
    before = digest(database)
    window.files.open_database(database)
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    title, text = messages[-1]
    assert title == "Could not open the database"
    assert "restore it with" in text and "Traceback" not in text and unexpected == []
    assert window.session.store is None and window.case_list.model.rowCount() == 0
    assert digest(database) == before


def test_opening_another_database_while_one_is_checked_takes_the_first_away(
        qtbot, window, database, held_check, tmp_path):
    other = tmp_path / "other" / "second.sqlite3"
    other.parent.mkdir()
    other.write_bytes(database.read_bytes())
    with qtbot.waitSignal(window.files.database_reading, timeout=10_000):
        window.files.open_database(database)
    first = window.session.store
    with qtbot.waitSignal(window.files.database_closed, timeout=10_000):
        window.files.open_database(other)
    with pytest.raises(sqlite3.ProgrammingError):  # closed, not kept
        first.db.conn.execute("SELECT 1")
    assert window.case_list.model.rowCount() == 0 and "checking" not in window.windowTitle()
    qtbot.waitUntil(lambda: window.session.store is not None and window.session.store.path == other,
                    timeout=10_000)  # the second's list, read before its check
    opened = []
    window.files.database_opened.connect(opened.append)
    with qtbot.waitSignal(window.cases_loaded, timeout=20_000):
        held_check.set()
    qtbot.wait(200)  # the first database's check finishes too: its result is dropped
    assert opened == [other]
    assert window.session.store.path == other and window.windowTitle() == "hlhdesk: second.sqlite3"
    assert window.case_list.model.rowCount() == CASES


def test_a_case_that_cannot_be_read_before_the_check_shows_no_error_and_the_refusal_follows(
        qtbot, window, database, held_check, messages, unexpected):
    zero_a_page_of(database, "observations")  # the list counts them by index: it shows
    with qtbot.waitSignal(window.files.database_reading, timeout=10_000):
        window.files.open_database(database)
    assert window.case_list.model.rowCount() == CASES
    for _ in range(CASES):  # every case opened while the check runs: none raises, none says
        window.case_list.select_relative(+1)
    assert messages == [] and unexpected == []
    with qtbot.waitSignal(window.files.database_refused, timeout=20_000):
        held_check.set()
    title, text = messages[-1]
    assert title == "Could not open the database" and "restore it with" in text
    assert window.session.store is None
