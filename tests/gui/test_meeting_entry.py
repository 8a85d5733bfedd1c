"""Typing into the Meetings window's dialogs: the date field never swallows the next
field's typing, and Enter never saves a meeting with attendees still to be typed."""

from __future__ import annotations

from datetime import date

import pytest

from hlhdesk.gui.meetings import meeting_dialogs
from hlhdesk.gui.qt import QApplication, QDialog, Qt


@pytest.fixture
def details(show_active):
    return show_active(meeting_dialogs.MeetingDetailsDialog())


def test_tab_after_the_meeting_date_goes_to_the_chair(details, qtbot):
    details.held_on.setFocus()
    qtbot.keyClicks(details.held_on, "12/12/2026")
    qtbot.keyClick(details.held_on, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Dr A Chair")
    assert details.chair.text() == "Dr A Chair"
    assert details.held_on.date_value() == date(2026, 12, 12)


def test_enter_does_not_save_the_meeting(details, qtbot):
    details.chair.setFocus()
    qtbot.keyClicks(details.chair, "Dr A Chair")
    qtbot.keyClick(details.chair, Qt.Key.Key_Return)
    assert details.isVisible() and details.result() != QDialog.DialogCode.Accepted


def test_an_attendee_row_without_a_name_is_refused(details):
    details.chair.setText("Dr A Chair")
    details.add_attendee("Dr B Member", "Rheumatologist")
    details.add_attendee()
    details.accept()
    assert details.result() != QDialog.DialogCode.Accepted
    assert "row 2 has no name" in details.error.text()
    details.attendees.removeRow(1)
    details.accept()
    assert details.result() == QDialog.DialogCode.Accepted


def test_a_meeting_date_that_cannot_be_read_is_refused(details):
    details.chair.setText("Dr A Chair")
    details.held_on.setText("12/12/26")
    details.accept()
    assert details.result() != QDialog.DialogCode.Accepted
    assert "year in full" in details.error.text()
