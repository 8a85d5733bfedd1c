"""The course form's route: it shows the chosen drug's usual route (anakinra SC, its
licensed route; methylprednisolone IV; prednisolone oral) until the user chooses one, and
asks for a choice where there is no usual route. Nothing is saved until the user adds
the course, with the route in view."""

from __future__ import annotations

from datetime import datetime

import pytest

from hlhdesk.gui.kit import date_field
from hlhdesk.gui.qt import QApplication, Qt
from tests.gui.test_entry_safety import open_data_tab

NOW = datetime(2026, 12, 5, 12, 0)


@pytest.fixture
def form(window, qtbot, monkeypatch):
    monkeypatch.setattr(date_field, "clock", lambda: NOW)
    form = open_data_tab(window, qtbot, "Smith", lambda data: data.treatments).treatments.form
    form.drug_box.setFocus()
    return form


def keys(qtbot, text: str) -> None:
    """Each key to whatever has the focus, as typed ("\\t" is Tab, "\\n" Enter)."""
    for char in text:
        target = QApplication.focusWidget()
        if char in "\t\n":
            qtbot.keyClick(target, Qt.Key.Key_Tab if char == "\t" else Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(target, char)


def route(form) -> tuple[object, str]:
    return form.route_box.currentData(), form.route_box.currentText()


def test_the_route_shown_follows_the_drug_s_usual_route(form, qtbot):
    assert route(form) == ("sc", "SC")  # anakinra: its licensed route
    keys(qtbot, "c")  # corticosteroid: prednisolone first
    assert route(form) == ("oral", "Oral")
    keys(qtbot, "\tm")  # methylprednisolone
    assert route(form) == ("iv", "IV")
    assert "usual route" in form.route_box.toolTip()


def test_a_drug_without_one_usual_route_has_no_route_until_one_is_chosen(form, window, qtbot):
    keys(qtbot, "c\td")  # dexamethasone: by mouth or into a vein
    assert form.route_box.currentIndex() == -1 and form.route_box.placeholderText()
    keys(qtbot, "\t\t8\t24\t1/12 10am\n")
    assert "route" in form.error_label.text() and form.route_box.styleSheet()  # marked, beside the field
    assert window.session.store.load_case(window.session.case_id).treatments == ()
    form.route_box.setFocus()
    keys(qtbot, "o\t\t\t\n")
    assert not form.route_box.styleSheet()
    course = window.session.store.load_case(window.session.case_id).treatments[0]
    assert (course.name, course.route, course.dose_mg) == ("dexamethasone", "oral", 8)


def test_a_route_the_user_chose_stays_when_the_drug_changes(form, qtbot):
    keys(qtbot, "\ti")  # anakinra, IV chosen
    form.drug_box.setFocus()
    keys(qtbot, "c")
    assert route(form) == ("iv", "IV")


def test_after_a_course_is_added_the_next_route_follows_its_drug_again(form, window, qtbot):
    keys(qtbot, "\ti\t100\t6\t3/12 2pm\n")  # anakinra IV, chosen
    stored = window.session.store.load_case(window.session.case_id).treatments
    assert [(t.drug, t.route) for t in stored] == [("anakinra", "iv")]
    keys(qtbot, "c\tm")
    assert route(form) == ("iv", "IV")
    form.name_box.setCurrentIndex(form.name_box.findData("prednisolone"))
    assert route(form) == ("oral", "Oral")
