"""Defaults and gestures that could silently corrupt a record (issue 15): the mouse
wheel, a pre-chosen event kind, times frozen at window opening, pre-filled date of birth
and sex, pasted rows from the future or with names the lab import knows, and a steroid
course that leaves First-line corticosteroids unrecorded."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hlhdesk.core.model import SteroidFirstLine
from hlhdesk.gui.kit import date_field
from hlhdesk.gui.qt import QApplication, QComboBox, QPoint, QPointF, Qt, QWheelEvent

T1 = datetime(2026, 12, 5, 8, 0)
T2 = datetime(2026, 12, 5, 11, 37)


def wheel(widget, notches: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def open_case_named(window, family: str):
    summary = next(s for s in window.case_list.model.summaries() if s.family_name == family)
    window.case_list.select_case(summary.case_id)
    assert window.session.case.patient.family_name == family
    return window.session


def open_data_tab(window, qtbot, family: str, tab_of):
    """The case's Data tab open on one of its inner tabs (`tab_of(data_view)`), the window
    active so typed keys go where the focus is; returns the Data view."""
    open_case_named(window, family)
    data = window.case_view.data_view
    window.case_view.tabs.setCurrentWidget(data)
    data.tabs.setCurrentWidget(tab_of(data))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return data


@pytest.fixture
def clock(monkeypatch):
    now = {"value": T1}
    monkeypatch.setattr(date_field, "clock", lambda: now["value"])
    return now


# -- the mouse wheel ----------------------------------------------------------------------

def test_the_wheel_over_an_unfocused_dropdown_changes_nothing(window):
    details = window.case_view.details_view
    window.case_view.tabs.setCurrentWidget(details)
    boxes = [details.yes_no_boxes["cardiomyopathy"], details.yes_no_boxes["anakinra_hypersensitivity"],
             details.hlh_type_box, details.steroid_box, details.sex_box]
    before = [box.currentIndex() for box in boxes]
    for box in boxes:
        assert not box.hasFocus()
        wheel(box, -1)
        wheel(box, -1)
    assert [box.currentIndex() for box in boxes] == before
    assert not details.has_unsaved_changes()


def test_the_wheel_is_guarded_on_every_entry_form(window):
    data = window.case_view.data_view
    for pane in data.panes():
        for box in pane.form.findChildren(QComboBox):
            index = box.currentIndex()
            wheel(box, -1)
            assert box.currentIndex() == index, f"{pane.name}: {box.accessibleName()} changed by the wheel"


# -- the Events form has no default kind ----------------------------------------------------

def test_an_event_kind_must_be_chosen_enter_records_nothing(window, qtbot):
    session = open_case_named(window, "Smith")
    form = window.case_view.data_view.events.form
    assert form.kind_box.currentIndex() == -1
    assert "serious" not in form.kind_box.currentText().lower()
    qtbot.keyClicks(form.note_edit, "felt unwell overnight")
    qtbot.keyClick(form.note_edit, Qt.Key.Key_Return)
    assert session.store.load_case(session.case_id).events == ()
    assert "choose" in form.error_label.text().lower()
    assert form.note_edit.text() == "felt unwell overnight"  # the typing is kept


def test_after_choosing_a_kind_the_event_is_recorded(window, qtbot):
    session = open_case_named(window, "Smith")
    form = window.case_view.data_view.events.form
    form.kind_box.setCurrentIndex(form.kind_box.findData("note"))
    qtbot.keyClicks(form.note_edit, "family updated")
    qtbot.keyClick(form.note_edit, Qt.Key.Key_Return)
    assert [e.kind for e in session.store.load_case(session.case_id).events] == ["note"]
    assert form.kind_box.currentIndex() == -1  # the next event's kind is chosen again


# -- when fields show the time now -----------------------------------------------------------

def test_an_untouched_when_field_reads_the_time_now_not_when_the_form_was_built(window, clock):
    session = open_case_named(window, "Smith")
    data = window.case_view.data_view
    clock["value"] = T2
    form = data.observations.form
    form.set_kind("ferritin")
    form.value_edit.setText("12000")
    form.submit()
    (obs,) = session.store.load_case(session.case_id).observations
    assert obs.at == T2
    events = data.events.form
    events.kind_box.setCurrentIndex(events.kind_box.findData("note"))
    events.submit()
    assert session.store.load_case(session.case_id).events[0].at == T2


def test_when_fields_show_now_when_shown_again(window, clock, qtbot):
    form = window.case_view.data_view.observations.form
    window.case_view.tabs.setCurrentWidget(window.case_view.data_view)
    banner = window.case_view.banner
    clock["value"] = T2
    for field in (form.at_edit, banner.as_of_edit):
        field.hide()
        field.show()
        assert field.text() == "05/12/2026 11:37"


def test_evaluate_as_of_starts_at_now_when_unticked(window, clock):
    open_case_named(window, "Smith")
    banner = window.case_view.banner
    window.session.clock = lambda: T2
    banner.now_box.setChecked(False)
    assert banner.as_of_edit.text() == "05/12/2026 11:37"


# -- the new-case dialog pre-fills nothing that could be wrong ---------------------------------

def test_new_case_dialog_has_no_date_of_birth_or_sex_until_chosen(qtbot, messages):
    from hlhdesk.gui.desk.new_case_dialog import NewCaseDialog

    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    assert dialog.dob_edit.text() == ""
    assert dialog.sex_box.currentIndex() == -1
    dialog.hospital_edit.setText("RX0000099")
    dialog.accept()
    assert dialog.case is None
    message = dialog.error_label.text().lower()
    assert "date of birth" in message and "sex" in message
    dialog.dob_edit.setText("3/12/1986")
    dialog.sex_box.setCurrentIndex(dialog.sex_box.findText("Female"))
    dialog.accept()
    assert dialog.case is not None and dialog.case.patient.date_of_birth.isoformat() == "1986-12-03"


# -- paste ---------------------------------------------------------------------------------

def test_pasted_rows_dated_ahead_of_now_are_refused_as_the_lab_import_refuses_them(window, messages):
    session = open_case_named(window, "Smith")
    tomorrow = datetime.now() + timedelta(days=1)
    text = f"{tomorrow:%d/%m/%Y %H:%M}\tFerritin\t12000\tug/L"
    count, problems = window.case_view.data_view.paste_text(text)
    assert count == 0 and "future" in problems[0]
    assert session.store.load_case(session.case_id).observations == ()


def test_paste_accepts_the_test_names_the_lab_import_accepts(window):
    session = open_case_named(window, "Smith")
    text = ("01/12/2026 08:00\tHb\t95\tg/L\n"
            "01/12/2026 08:00\tPlt\t40\tx10⁹/L\n"
            "01/12/2026 08:00\tFERR\t12000\tug/L\n"
            "01/12/2026 08:00\tSplenomegaly\tyes\t")
    count, problems = window.case_view.data_view.paste_text(text)
    assert problems == [] and count == 4
    kinds = sorted(o.kind for o in session.store.load_case(session.case_id).observations)
    assert kinds == ["ferritin", "haemoglobin", "platelets", "splenomegaly"]


# -- a corticosteroid course offers First-line corticosteroids --------------------------------

def test_a_corticosteroid_course_offers_first_line_steroids_without_inferring_it(window):
    session = open_case_named(window, "Smith")
    data = window.case_view.data_view
    form = data.treatments.form
    form.drug_box.setCurrentIndex(form.drug_box.findData("corticosteroid"))
    form.name_box.setCurrentIndex(form.name_box.findData("methylprednisolone"))
    form.start_edit.set_moment(datetime(2026, 12, 1, 9, 0))
    form.submit()
    assert len(session.store.load_case(session.case_id).treatments) == 1
    assert session.store.load_case(session.case_id).details.steroid_first_line is None  # not inferred
    offer = data.steroid_offer
    assert not offer.isHidden() and "First-line corticosteroids" in offer.text()
    offer.choose(SteroidFirstLine.INEFFECTIVE)
    assert session.store.load_case(session.case_id).details.steroid_first_line == SteroidFirstLine.INEFFECTIVE
    assert offer.isHidden()
    session.undo_group.undo()
    assert session.store.load_case(session.case_id).details.steroid_first_line is None


def test_no_offer_when_first_line_steroids_is_already_recorded(window):
    session = open_case_named(window, "Example")
    data = window.case_view.data_view
    form = data.treatments.form
    form.drug_box.setCurrentIndex(form.drug_box.findData("corticosteroid"))
    form.start_edit.set_moment(datetime(2026, 12, 1, 9, 0))
    form.submit()
    assert data.steroid_offer.isHidden()


def test_yes_no_questions_take_one_key_and_move_on(window, qtbot):
    details = window.case_view.details_view
    window.case_view.tabs.setCurrentWidget(details)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    boxes = details.yes_no_boxes
    boxes["cardiomyopathy"].setFocus()
    qtbot.keyClick(boxes["cardiomyopathy"], Qt.Key.Key_N)
    assert boxes["cardiomyopathy"].currentData() == "no"
    assert boxes["cns_inflammation"].hasFocus()  # moved on to the next question
    qtbot.keyClick(boxes["cns_inflammation"], Qt.Key.Key_Y)
    assert boxes["cns_inflammation"].currentData() == "yes"
    qtbot.keyClick(boxes["pregnant_or_breastfeeding"], Qt.Key.Key_U)
    assert boxes["pregnant_or_breastfeeding"].currentData() == ""  # not recorded, kept as unknown
