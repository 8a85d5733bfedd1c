"""The one date and date-time field of every form: Tab leaves it, Shift+Tab and a click
select all of it, UK forms are read as typed, and ambiguous text is refused with words."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hlhdesk.gui.kit import date_field
from hlhdesk.gui.kit.date_field import DateField, DateTimeField
from hlhdesk.gui.qt import QLineEdit, QPoint, Qt, QVBoxLayout, QWidget

NOW = datetime(2026, 12, 5, 12, 14)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(date_field, "clock", lambda: NOW)


@pytest.fixture
def form(show_active):
    """before, the field, after: as a form lays them out."""
    page = QWidget()
    layout = QVBoxLayout(page)
    page.before, page.field, page.after = QLineEdit(), DateTimeField("Observation date and time"), QLineEdit()
    for widget in (page.before, page.field, page.after):
        layout.addWidget(widget)
    return show_active(page)


def test_tab_leaves_the_field_it_never_walks_its_sections(form, qtbot):
    form.field.setFocus()
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    assert form.after.hasFocus()
    qtbot.keyClicks(form.after, "Dr A Chair")
    assert form.after.text() == "Dr A Chair"
    assert form.field.text() == "05/12/2026 12:14"


def test_shift_tab_into_the_field_selects_all_of_it(form, qtbot):
    form.field.set_moment(datetime(2026, 12, 3, 8, 0))
    form.after.setFocus()
    qtbot.keyClick(form.after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert form.field.hasFocus()
    assert form.field.selectedText() == "03/12/2026 08:00"
    qtbot.keyClicks(form.field, "4/12 09:30")
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    assert form.field.moment() == datetime(2026, 12, 4, 9, 30)


def test_one_click_then_typing_replaces_the_value(form, qtbot):
    form.field.set_moment(datetime(2026, 12, 3, 8, 0))
    qtbot.mouseClick(form.field, Qt.MouseButton.LeftButton, pos=QPoint(20, form.field.height() // 2))
    qtbot.wait(10)  # the selection is made once the click has been handled
    qtbot.keyClicks(form.field, "today 08:00")
    assert form.field.text() == "today 08:00"
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    assert form.field.text() == "05/12/2026 08:00"  # shown as read, so a slip is seen


@pytest.mark.parametrize("typed, meant", [
    ("3/12 08:00", datetime(2026, 12, 3, 8, 0)),
    ("03/12/2026 8am", datetime(2026, 12, 3, 8, 0)),
    ("today 08:00", datetime(2026, 12, 5, 8, 0)),
    ("yesterday", datetime(2026, 12, 4, 12, 14)),
])
def test_uk_forms_typed_in_the_field(form, qtbot, typed, meant):
    form.field.setFocus()
    qtbot.keyClicks(form.field, typed)
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    assert form.field.moment() == meant
    assert form.field.text() == f"{meant:%d/%m/%Y %H:%M}"


def test_ambiguous_text_is_refused_with_a_message_and_kept(form, qtbot):
    messages = []
    form.field.problem.connect(messages.append)
    form.field.setFocus()
    qtbot.keyClicks(form.field, "03/12/26 08:00")
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    assert form.field.text() == "03/12/26 08:00"  # kept for correcting
    assert "year in full" in messages[-1]
    with pytest.raises(ValueError, match="year in full"):
        form.field.moment()
    form.field.setFocus()
    qtbot.keyClicks(form.field, "03/12/2026 08:00")
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    assert messages[-1] == ""


def test_a_date_field_starts_empty_and_reads_dates(qtbot):
    field = DateField("Date of birth")
    qtbot.addWidget(field)
    assert field.text() == "" and field.date_value() is None
    field.setText("3/12/1986")
    assert field.date_value() == date(1986, 12, 3)
    field.setText("3/12/1986 08:00")
    with pytest.raises(ValueError, match="without a time"):
        field.date_value()
