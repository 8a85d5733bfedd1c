"""A new course of the same drug and route while an earlier one is open: the desk asks, with
a real Yes/No question, whether to close the earlier course (a dose change) or keep both
(given alongside); the answer is one undoable change."""

from __future__ import annotations

from datetime import datetime

import pytest

from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.qt import QApplication, QMessageBox, QTimer
from tests.gui.test_case_view import open_case

REAL_CONFIRM = dialogs.confirm  # taken before the autouse fixture replaces it
FIRST = datetime(2026, 3, 15, 9, 0)
TAPER = datetime(2026, 3, 20, 9, 0)


def add_course(window, start, dose="20", route="iv", name="dexamethasone", drug="corticosteroid", stop=None):
    form = window.case_view.data_view.treatments.form
    form.ongoing_box.setChecked(stop is None)
    if stop is not None:
        form.stop_edit.set_moment(stop)
    form.drug_box.setCurrentIndex(form.drug_box.findData(drug))
    if drug == "corticosteroid":
        form.name_box.setCurrentIndex(form.name_box.findData(name))
    form.route_box.setCurrentIndex(form.route_box.findData(route))
    form.start_edit.set_moment(start)
    form.dose_edit.setText(dose)
    form.every_edit.setText("24")
    form.add_button.click()


def answer_next_question(button, asked: list):
    """Click `button` on the question box as soon as it is shown (it is modal)."""
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        asked.append((box.windowTitle(), box.text()))
        box.button(button).click()
    QTimer.singleShot(0, click)


@pytest.fixture
def real_question(monkeypatch):
    monkeypatch.setattr(dialogs, "confirm", REAL_CONFIRM)


def courses(store, case_id):
    return sorted(store.load_case(case_id).treatments, key=lambda t: t.start)


def taper_answered(window, button) -> tuple[int, list]:
    """Smith's dexamethasone 20 mg from 15/03, then 15.2 mg from 20/03 with `button` answered."""
    case_id = open_case(window, "Smith")
    add_course(window, FIRST)
    asked = []
    answer_next_question(button, asked)
    add_course(window, TAPER, dose="15.2")
    return case_id, asked


def test_yes_closes_the_earlier_course_when_the_new_one_starts(window, store, real_question):
    case_id, asked = taper_answered(window, QMessageBox.StandardButton.Yes)
    [(title, text)] = asked
    assert title == "Close the earlier course?"
    assert "Dexamethasone IV 20 mg every 24 h from 15/03/2026 09:00" in text
    assert "Yes: close the earlier course at 20/03/2026 09:00" in text and "No: keep both (given alongside" in text
    earlier, new = courses(store, case_id)
    assert earlier.stop == TAPER and new.stop is None and not new.alongside
    assert new.dose_mg == 15.2

    window.undo_action.trigger()  # one step takes back both the new course and the closing
    [only] = courses(store, case_id)
    assert only.start == FIRST and only.stop is None
    window.redo_action.trigger()
    assert [t.stop for t in courses(store, case_id)] == [TAPER, None]


def test_no_keeps_both_running_as_given_alongside(window, store, real_question):
    case_id, asked = taper_answered(window, QMessageBox.StandardButton.No)
    assert len(asked) == 1
    earlier, new = courses(store, case_id)
    assert earlier.stop is None and new.alongside


def test_no_question_for_another_route_or_a_course_already_stopped(window, store, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(title) or True)
    case_id = open_case(window, "Smith")
    add_course(window, FIRST)
    add_course(window, TAPER, route="oral")
    add_course(window, FIRST, drug="anakinra", route="sc", dose="100", stop=TAPER)
    add_course(window, TAPER, drug="anakinra", route="sc", dose="200")  # the earlier one stops as it starts
    assert asked == []
    assert [t.stop for t in courses(store, case_id)] == [None, TAPER, None, None]


def test_anakinra_sc_then_sc_asks_and_closes(window, store, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or True)
    case_id = open_case(window, "Smith")
    add_course(window, FIRST, dose="100", route="sc", drug="anakinra")
    add_course(window, TAPER, dose="200", route="sc", drug="anakinra")
    assert len(asked) == 1 and "Anakinra SC 100 mg every 24 h" in asked[0]
    assert [t.stop for t in courses(store, case_id)] == [TAPER, None]


# -- spreadsheet paste ----------------------------------------------------------------------

TAPER_ROWS = ("start\tdrug\tdose\tevery\troute\tstop\n"
              "15/03/2026 09:00\tdexamethasone\t20\t24\tiv\n"
              "20/03/2026 09:00\tDexamethasone\t15.2\t24\tiv\n")


def test_a_pasted_taper_asks_and_closes_the_earlier_row(window, store, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or True)
    case_id = open_case(window, "Smith")
    assert window.case_view.data_view.paste_courses_text(TAPER_ROWS) == (2, [])
    assert len(asked) == 1 and "Dexamethasone IV 20 mg every 24 h from 15/03/2026 09:00" in asked[0]
    assert [(t.dose_mg, t.stop) for t in courses(store, case_id)] == [(20, TAPER), (15.2, None)]
    assert window.session.undo_stack().count() == 1  # one step for the block


def test_a_pasted_course_asks_about_an_open_stored_course_with_a_real_question(window, store, real_question):
    case_id = open_case(window, "Smith")
    add_course(window, FIRST)
    asked = []
    answer_next_question(QMessageBox.StandardButton.No, asked)
    assert window.case_view.data_view.paste_courses_text("20/03/2026 09:00\tdexamethasone\t15.2\t24\tiv\n") == (1, [])
    assert len(asked) == 1
    earlier, new = courses(store, case_id)
    assert earlier.stop is None and new.alongside


def test_a_pasted_block_with_a_bad_row_saves_nothing(window, store, messages):
    case_id = open_case(window, "Smith")
    count, problems = window.case_view.data_view.paste_courses_text(TAPER_ROWS + "21/03/2026\taspirin\t75\t24\toral\n")
    assert count == 0 and problems[0].startswith("Row 3: 'aspirin' is not a drug here")
    assert store.load_case(case_id).treatments == ()
    assert messages[-1][0] == "Nothing was pasted"
