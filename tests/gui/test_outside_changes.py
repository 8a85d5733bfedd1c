"""Cases changed outside this window (the command line, another desktop on a shared
database) show up when the window is activated again, without losing the user's place
or typing."""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime

import pytest

from hlhdesk.gui.kit.outside_changes import CHECK_INTERVAL_MS
from hlhdesk.gui.qt import QApplication, QEvent, Qt
from hlhdesk.store import open_database
from tests.support.desk_cases import ferritin, small_case, synthetic_nhs_numbers


@pytest.fixture
def elsewhere(store):
    """Another connection to the window's database, as the CLI or another desk has."""
    other = open_database(store.path, backups=False)
    yield other
    other.close()


def activate_and_wait(qtbot, window) -> None:
    with qtbot.waitSignal(window.outside_changes.listed, timeout=10_000):
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))


def case_id_named(window, family: str) -> int:
    return next(s.case_id for s in window.case_list.model.summaries() if s.family_name == family)


def test_a_case_imported_elsewhere_appears_keeping_selection_filter_and_sort(qtbot, window, elsewhere):
    pane = window.case_list
    pane.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    pane.search_edit.setText("s")  # Smith and Patel (Sam), not Example
    smith = case_id_named(window, "Smith")
    pane.select_case(smith)
    assert window.session.case_id == smith
    opened = []
    pane.case_selected.connect(opened.append)

    elsewhere.add_case(small_case("Stone", "Sasha", synthetic_nhs_numbers(4)[3], "RX0000004"))
    activate_and_wait(qtbot, window)

    shown = [pane.proxy.data(pane.proxy.index(r, 0)) for r in range(pane.proxy.rowCount())]
    assert shown == ["STONE, Sasha", "SMITH, Jordan", "PATEL, Sam"]  # filtered, sorted Z-A
    assert pane.count_label.text() == "3 of 4 cases"
    assert pane.selected_case() == smith and window.session.case_id == smith
    assert pane.table.currentIndex().row() == 1  # still highlighted
    assert opened == []  # the open case was not closed and opened again


def test_nothing_is_re_read_without_an_outside_change(qtbot, window):
    window.session.store.add_case(small_case("Own", "Change", None, "RX0000005"))  # this desk's own write
    assert window.outside_changes.check() is False
    assert window.outside_changes.timer.isActive()
    assert window.outside_changes.timer.interval() == CHECK_INTERVAL_MS


def test_the_open_case_changed_elsewhere_is_shown_again(qtbot, window, elsewhere):
    case_id = window.session.case_id
    before = len(window.session.case.observations)
    elsewhere.add_record(case_id, ferritin(datetime(2026, 10, 20, 8, 0), 900))
    activate_and_wait(qtbot, window)
    assert len(window.session.case.observations) == before + 1
    assert window.case_view.data_view.observations.model.rowCount() == before + 1
    assert "changed elsewhere" in window.statusBar().currentMessage()


def test_unsaved_typing_is_kept_when_results_arrive_elsewhere_for_the_open_case(qtbot, window, elsewhere):
    case_id = window.session.case_id
    before = len(window.session.case.observations)
    details = window.case_view.details_view
    details.family_edit.setText("Typed-not-saved")
    elsewhere.add_record(case_id, ferritin(datetime(2026, 10, 20, 8, 0), 900))
    activate_and_wait(qtbot, window)
    assert len(window.session.case.observations) == before + 1  # the new result is shown...
    assert details.family_edit.text() == "Typed-not-saved"  # ...and the typing stays
    assert details.save()
    assert window.session.case.patient.family_name == "Typed-not-saved"


def type_here_while_the_name_changes_elsewhere(qtbot, window, elsewhere):
    """Typing on the form while another desk renames the patient; the window looks."""
    case_id = window.session.case_id
    details = window.case_view.details_view
    details.family_edit.setText("Typed-not-saved")
    stored = elsewhere.load_case(case_id)
    elsewhere.update_patient(case_id, dataclasses.replace(stored.patient, given_name="Alexandra"))
    activate_and_wait(qtbot, window)
    return details


def test_typing_in_fields_changed_elsewhere_is_kept_and_the_user_told(qtbot, window, elsewhere):
    details = type_here_while_the_name_changes_elsewhere(qtbot, window, elsewhere)
    assert details.family_edit.text() == "Typed-not-saved"
    assert window.session.case.patient.given_name == "Alex"  # not reloaded under the typing
    assert "Save or revert" in window.statusBar().currentMessage()
    assert details.save()  # saving writes what is on the form, which the user saw
    assert window.session.case.patient.family_name == "Typed-not-saved"


def test_revert_shows_the_case_as_changed_elsewhere(qtbot, window, elsewhere):
    details = type_here_while_the_name_changes_elsewhere(qtbot, window, elsewhere)
    details.revert_button.click()
    assert details.family_edit.text() == "Example"
    assert details.given_edit.text() == window.session.case.patient.given_name == "Alexandra"


def test_adding_a_result_keeps_typing_on_the_patient_and_case_form(window):
    details, data = window.case_view.details_view, window.case_view.data_view
    details.family_edit.setText("Typed-not-saved")
    assert data.add_records(data.observations, [ferritin(datetime(2026, 10, 20, 8, 0), 900)])
    assert details.family_edit.text() == "Typed-not-saved"
    window.session.undo_stack().undo()  # and undoing it
    assert details.family_edit.text() == "Typed-not-saved"
    details.revert()
    assert details.family_edit.text() == "Example"


def test_a_status_made_stale_elsewhere_is_evaluated_again(qtbot, window, elsewhere):
    window.files.refresh_stale_statuses = True
    patel = case_id_named(window, "Patel")
    elsewhere.set_case_status(patel, eligibility="eligible")  # computed elsewhere, then...
    time.sleep(0.002)  # (the store's clock counts milliseconds)
    elsewhere.add_record(patel, ferritin(datetime(2026, 10, 20, 8, 0), 900))  # ...its data changed
    with qtbot.waitSignal(window.files.statuses_refreshed, timeout=10_000):
        activate_and_wait(qtbot, window)
    row = window.case_list.model.row_of(patel)
    # The fake engine: ferritin 900 is not above 10,000, so diagnosis not met.
    assert window.case_list.model.summary(row).eligibility == "not_eligible"
    assert elsewhere.case_status(patel).eligibility == "not_eligible"


def test_the_cases_in_view_stay_in_view_when_a_case_is_added_above_them(qtbot, window, elsewhere):
    window.session.store.add_cases([small_case(f"Zeta{n:02d}", "Pat", None, f"RZ{n:05d}") for n in range(60)])
    window.files.refresh_cases()
    pane = window.case_list
    qtbot.wait(1)  # the table lays out its new rows
    pane.table.scrollTo(pane.proxy.index(30, 0), pane.table.ScrollHint.PositionAtTop)
    top_case = pane.proxy.case_id_at(pane.table.rowAt(0))
    assert pane.table.rowAt(0) > 0
    elsewhere.add_case(small_case("Aaron", "Ann", None, "RA0000001"))  # sorts first
    activate_and_wait(qtbot, window)
    assert pane.proxy.rowCount() == 64
    assert pane.proxy.case_id_at(pane.table.rowAt(0)) == top_case


def test_a_closed_window_stops_looking_for_changes(qtbot, window, elsewhere):
    window.close()
    assert not window.outside_changes.timer.isActive()
    elsewhere.add_case(small_case("Stone", "Sasha", None, "RX0000004"))
    assert window.outside_changes.check() is False


def test_an_edit_on_this_desk_leaves_the_case_status_current(qtbot, window, store):
    case_id = window.session.case_id
    before = len(window.session.case.observations)
    assert store.case_status(case_id) is not None  # written when the case was opened
    time.sleep(0.002)  # (the store's clock counts milliseconds)
    form = window.case_view.data_view.observations.form
    form.set_kind("temperature")
    form.value_edit.setText("37.2")
    form.unit_box.setCurrentIndex(form.unit_box.findData("degC") if form.unit_box.findData("degC") >= 0 else 0)
    form.submit()  # a result that leaves the status words as they were
    assert len(window.session.case.observations) == before + 1
    summary = next(s for s in store.list_cases() if s.case_id == case_id)
    assert summary.status_stale is False
    window.session.undo_stack().undo()
    summary = next(s for s in store.list_cases() if s.case_id == case_id)
    assert summary.status_stale is False
