"""Desk test fixtures: QSettings in a temp folder, message boxes captured instead of
shown (a modal box would hang an offscreen test), and a main window over a store."""

from __future__ import annotations

import pytest

from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.qt import QSettings, Qt
from tests.support.desk_cases import demo_case, small_case, synthetic_nhs_numbers
from tests.support.fake_engine import fake_evaluate


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # Native too: QSettings(organisation, application), as app_settings() makes it, always
    # uses the native format, which would otherwise be the real ~/.config/hlhdesk shared
    # by every test run on the machine.
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(dialogs, "inform", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    # Unsaved typing when a test moves on or closes the window: thrown away, and noted.
    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent, title, text: shown.append((title, text)) or "discard")
    # A Start that departs from the policy: the reason a test's MDT gives.
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, text: "reason given in a test")
    # Sign-off: the chair's name typed and confirmed (a test of the dialog undoes this).
    from hlhdesk.gui.meetings import signoff_dialog
    monkeypatch.setattr(signoff_dialog, "ask_signature", lambda *args: True)
    return shown


@pytest.fixture
def fake_screens(monkeypatch):
    """fake_screens(primary, *others): the screens' available areas the window code sees
    (the offscreen platform has one 800x800 screen)."""
    from hlhdesk.gui.kit import window_geometry
    def use(*areas) -> None:
        monkeypatch.setattr(window_geometry, "available_areas", lambda: (list(areas), areas[0]))
    return use


@pytest.fixture
def show_active(qtbot):
    """show_active(widget): shown and made the active window, so keys typed go where the
    focus is, as on a real desktop."""
    from hlhdesk.gui.qt import QApplication

    def show(widget):
        qtbot.addWidget(widget)
        widget.show()
        widget.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
        return widget
    return show


@pytest.fixture
def empty_store(tmp_path):
    """A database with no cases (the meetings tests add their own)."""
    from hlhdesk.store import open_database

    opened = open_database(tmp_path / "meetings.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def store(tmp_path):
    from hlhdesk.store import open_database

    s = open_database(tmp_path / "desk.sqlite3")
    numbers = synthetic_nhs_numbers(3)
    s.add_case(demo_case("Example", "Alex", numbers[0]))
    s.add_case(small_case("Smith", "Jordan", numbers[1], "RX0000002"))
    s.add_case(small_case("Patel", "Sam", None, "RX0000003"))
    yield s
    s.close()


@pytest.fixture
def window(qtbot, store, tmp_path):
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.desk.main_window import MainWindow

    session = CaseSession(evaluator=fake_evaluate)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.files.refresh_stale_statuses = False  # the status refresh has its own test
    win.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is 800x800
    win.resize(1366, 768)
    win.show()
    win.files._opened(store.path, store, store.list_cases())
    return win
