"""Help > About and Help > Copy diagnostics on the desk (hlhdesk/gui/admin/about_dialog.py)."""

from __future__ import annotations

import pytest

from hlhdesk import __version__
from hlhdesk.core.policy import CURRENT
from hlhdesk.gui.admin.about_dialog import AboutDialog, copy_diagnostics
from hlhdesk.gui.qt import QGuiApplication, qVersion


@pytest.fixture
def desk(window, store):
    """The desk's main window over the test store (three synthetic cases)."""
    return window


def test_help_menu_has_about_and_copy_diagnostics(desk):
    texts = [a.text() for a in desk.menu("help").actions()]
    assert "&About hlhdesk" in texts and "Copy &diagnostics" in texts


def test_about_shows_version_policy_database_and_schema(qtbot, desk, store):
    dialog = AboutDialog(desk)
    qtbot.addWidget(dialog)
    values = {label: shown.text() for label, shown in dialog.values.items()}
    assert values["hlhdesk"] == __version__
    assert values["Policy"] == CURRENT
    assert values["Database"] == str(store.path)
    assert values["Database schema"].startswith(f"{store.schema_version} (this hlhdesk knows")


def test_copy_diagnostics_puts_versions_on_the_clipboard_and_no_patient_data(desk, store):
    text = copy_diagnostics(desk)
    assert QGuiApplication.clipboard().text() == text
    assert any(line.split() == ["Qt", qVersion()] for line in text.splitlines())
    assert str(store.path) in text and "Screen 1" in text
    for summary in store.list_cases():
        for identifier in (summary.nhs_number, summary.hospital_number, summary.family_name,
                           summary.given_name, f"{summary.date_of_birth:%d/%m/%Y}"):
            if identifier:
                assert identifier not in text
    assert "no patient data" in desk.statusBar().currentMessage()


def test_about_without_a_database_says_none_open(qtbot):
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.desk.main_window import MainWindow
    from tests.support.fake_engine import fake_evaluate

    window = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(window)
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.values["Database"].text() == "none open"
