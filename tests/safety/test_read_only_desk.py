"""The desk opens a file this account cannot write read-only, says so, and leaves no
journal file beside it."""

from __future__ import annotations

from hlhdesk.gui.desk.case_session import CaseSession
from hlhdesk.gui.desk.main_window import MainWindow
from hlhdesk.store.integrity import opening
from tests.support.fake_engine import fake_evaluate
from tests.safety.test_read_only import snapshot


def test_the_desk_opens_a_read_only_file_read_only_and_says_so(qtbot, db_path, monkeypatch):
    # The tests run as root, who may write any file: "cannot write" is simulated.
    monkeypatch.setattr(opening, "writable", lambda path: False)
    before = snapshot(db_path.parent)
    window = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.files.open_database(db_path)
    assert window.session.store.read_only
    assert "(read-only)" in window.windowTitle()
    assert "changes cannot be saved" in window.statusBar().currentMessage()
    assert window.case_list.model.rowCount() == 1
    window.session.store.close()
    assert snapshot(db_path.parent) == before


def test_the_desk_checks_the_whole_file_in_the_background_and_warns(qtbot, db_path, monkeypatch):
    import sqlite3

    from hlhdesk.gui.kit import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: shown.append((title, text)))
    conn = sqlite3.connect(db_path)  # a change outside hlhdesk: the audit trigger dropped
    conn.execute("DROP TRIGGER audit_observations_update")
    conn.close()
    window = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.files.open_database(db_path)
    assert window.case_list.model.rowCount() == 1  # the list shows first
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    title, text = shown[0]
    assert title == "The database failed its check"
    assert "audit_observations_update" in text and "changed outside hlhdesk" in text
