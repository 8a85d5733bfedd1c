"""First start: a welcome with three ways to begin instead of an empty desk, a Meetings
menu at the top level, and Help > Quick guide showing a page that ships with the app."""

from __future__ import annotations

import pytest

from hlhdesk.gui.qt import Qt
from hlhdesk.paths import resource
from tests.support.fake_engine import fake_evaluate


@pytest.fixture
def empty_window(qtbot, tmp_path):
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.desk.main_window import MainWindow
    from hlhdesk.store import open_database

    store = open_database(tmp_path / "first.sqlite3")
    win = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(win)
    win.setWindowState(Qt.WindowState.WindowNoState)
    win.resize(1024, 768)
    win.show()
    win.files._opened(store.path, store, store.list_cases())
    yield win
    store.close()


def test_an_empty_database_shows_the_welcome_not_an_empty_case(empty_window):
    assert empty_window.welcome.isVisible()
    assert not empty_window.case_view.isVisible()
    assert "no cases yet" in empty_window.welcome.state.text()


def test_the_welcome_s_three_actions_start_the_demo_a_new_case_and_an_import(empty_window, monkeypatch):
    called = []
    for name in ("open_demo", "new_case", "choose_case_files"):
        monkeypatch.setattr(empty_window.files, name, lambda n=name: called.append(n))
    welcome = empty_window.welcome
    for button in (welcome.demo_button, welcome.new_case_button, welcome.import_button):
        button.click()
    assert called == ["open_demo", "new_case", "choose_case_files"]


def test_opening_a_case_shows_it_instead_of_the_welcome(window):
    window.case_list.select_relative(0)
    assert window.session.case is not None
    assert window.case_view.isVisible() and not window.welcome.isVisible()
    window.session.open_case(None)
    assert window.welcome.isVisible()
    assert "3 cases" in window.welcome.state.text()


def test_meetings_is_a_top_level_menu(window):
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert "Meetings" in titles
    meetings_menu = window.menus["meetings"]
    assert window.meetings_action in meetings_menu.actions()
    assert window.meetings_action not in window.menus["view"].actions()


def test_help_quick_guide_shows_the_page_shipped_with_the_app(window, qtbot):
    page = resource("guide", "quick-guide.html").read_text(encoding="utf-8")
    assert "Typing dates" in page
    window.quick_guide_action.trigger()
    guide = window.quick_guide
    assert guide.isVisible()
    shown = guide.browser.toPlainText()
    assert "Typing dates" in shown and "The MDT decides" in shown
    assert window.quick_guide_action.shortcut().toString() == "F1"
    guide.close()
