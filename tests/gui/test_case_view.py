"""The case under review: decision panel, edits that re-evaluate, refusals that keep
the typing and save nothing, undo and redo, paste, details and the as-of control."""

from __future__ import annotations

from datetime import datetime

import pytest

from hlhdesk.core.evaluation import RuleGroup, Status
from hlhdesk.gui.qt import QApplication, Qt
from hlhdesk.store import StoreError
from tests.support.desk_cases import DAY0


def open_case(window, family: str) -> int:
    case_id = next(s.case_id for s in window.case_list.model.summaries() if s.family_name == family)
    assert window.case_list.select_case(case_id)
    assert window.session.case_id == case_id
    return case_id


def ferritin_status(window) -> Status:
    return window.session.evaluation.rule("DX-FERRITIN").status


def panel_status_text(window, rule_id: str) -> str:
    """The policy's own status, shown under the rule's clinical meaning."""
    return window.case_view.panel.rule_item(rule_id).text(0).splitlines()[-1]


def add_ferritin(window, qtbot, value: str, unit: str = "ug/L"):
    form = window.case_view.data_view.observations.form
    form.set_kind("ferritin")
    form.unit_box.setCurrentIndex(form.unit_box.findData(unit))
    form.value_edit.clear()
    qtbot.keyClicks(form.value_edit, value)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    return form


def test_selecting_a_case_fills_the_panel_in_policy_order(window):
    open_case(window, "Example")
    panel = window.case_view.panel
    assert "Policy criteria met" in panel.eligibility_label.text()
    assert "approv" not in panel.eligibility_label.text().lower()
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert groups == [g.title for g in RuleGroup if window.session.evaluation.rules_in(g)]
    assert panel_status_text(window, "DX-FERRITIN") == "policy: Met"  # words, not colour alone
    assert "Highest ferritin 38052" in panel.rule_item("DX-FERRITIN").text(1)
    assert "EXAMPLE, Alex" in window.case_view.banner.title.text()


def test_expanding_a_rule_shows_evidence_with_date_unit_and_policy_text(window):
    open_case(window, "Example")
    item = window.case_view.panel.rule_item("DX-FERRITIN")
    lines = [item.child(i).text(1) for i in range(item.childCount())]
    assert "Ferritin: 38,052 µg/L on 03/10/2026 08:00" in lines
    assert any(line.startswith("Policy: ") for line in lines)


def test_unknown_rules_say_what_would_decide_them(window):
    open_case(window, "Smith")
    item = window.case_view.panel.rule_item("DX-FERRITIN")
    assert item.text(0).splitlines()[-1] == "policy: Unknown"
    assert "To decide it, record: a ferritin" in [item.child(i).text(1) for i in range(item.childCount())]
    assert "Insufficient data to decide" in window.case_view.panel.eligibility_label.text()


def test_adding_then_editing_a_ferritin_re_evaluates_and_undo_restores(window, qtbot, store):
    case_id = open_case(window, "Smith")
    assert ferritin_status(window) == Status.UNKNOWN
    form = add_ferritin(window, qtbot, "12,500")
    assert form.value_edit.text() == ""  # saved, ready for the next value
    assert ferritin_status(window) == Status.MET
    assert panel_status_text(window, "DX-FERRITIN") == "policy: Met"
    assert store.load_case(case_id).observations_of("ferritin")[0].value == 12_500

    # Edit the value in the table: 9,000 is not above 10,000.
    table = window.case_view.data_view.observations.model
    value_column = [c.header for c in table.COLUMNS].index("Value as entered")
    assert table.setData(table.index(0, value_column), "9000")
    qtbot.waitUntil(lambda: ferritin_status(window) == Status.NOT_MET)
    assert panel_status_text(window, "DX-FERRITIN") == "policy: Not met"
    assert store.load_case(case_id).observations_of("ferritin")[0].value == 9_000

    window.undo_action.trigger()
    assert ferritin_status(window) == Status.MET
    assert store.load_case(case_id).observations_of("ferritin")[0].value == 12_500
    window.undo_action.trigger()
    assert ferritin_status(window) == Status.UNKNOWN
    assert store.load_case(case_id).observations_of("ferritin") == ()
    window.redo_action.trigger()
    assert ferritin_status(window) == Status.MET
    assert len(store.load_case(case_id).observations_of("ferritin")) == 1


@pytest.mark.parametrize("typed, unit, message", [
    ("-5", "ug/L", "is not plausible"),
    ("2000000", "ug/L", "is not plausible"),
    ("abc", "ug/L", "is not a number"),
])
def test_an_implausible_value_is_refused_beside_the_field_and_nothing_is_saved(
        window, qtbot, store, typed, unit, message):
    case_id = open_case(window, "Smith")
    before = store.load_case(case_id)
    audit_before = len(store.audit_rows(case_id=case_id))
    form = add_ferritin(window, qtbot, typed, unit)
    assert form.value_edit.text() == typed  # the typing is kept
    assert form.error_label.isVisible() or not form.error_label.isHidden()
    assert message in form.error_label.text()
    assert store.load_case(case_id) == before
    assert len(store.audit_rows(case_id=case_id)) == audit_before
    assert window.session.undo_stack().count() == 0


def test_a_converted_value_shows_both_units(window, qtbot, store):
    case_id = open_case(window, "Smith")
    form = window.case_view.data_view.observations.form
    form.set_kind("triglycerides")
    form.unit_box.setCurrentIndex(form.unit_box.findData("mg/dL"))
    qtbot.keyClicks(form.value_edit, "310")
    assert form.conversion_label.text() == "= 3.5 mmol/L"
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    stored = store.load_case(case_id).observations_of("triglycerides")[0]
    assert (stored.unit, stored.entered_value, stored.entered_unit) == ("mmol/L", 310, "mg/dL")
    model = window.case_view.data_view.observations.model
    row = [model.index(r, 4).data() for r in range(model.rowCount())]
    assert "3.5 mmol/L (converted)" in row
    assert "310" in [model.index(r, 2).data() for r in range(model.rowCount())]


def test_an_implausible_edit_in_the_table_is_refused(window, store):
    case_id = open_case(window, "Example")
    before = store.load_case(case_id)
    model = window.case_view.data_view.observations.model
    refused = []
    model.edit_refused.connect(refused.append)
    row = next(r for r in range(model.rowCount()) if model.record(r).kind == "ferritin")
    assert not model.setData(model.index(row, 2), "-5")
    assert "not plausible" in refused[0]
    QApplication.processEvents()
    assert store.load_case(case_id) == before


def test_a_store_refusal_keeps_the_typing_and_pushes_nothing(window, qtbot, store, monkeypatch, messages):
    open_case(window, "Smith")

    def refuse(*args, **kwargs):
        raise StoreError("the database is locked by another user")

    monkeypatch.setattr(store, "add_record", refuse)
    form = add_ferritin(window, qtbot, "12000")
    assert form.value_edit.text() == "12000"
    assert window.session.undo_stack().count() == 0
    assert any("locked by another user" in text for _, text in messages)
    assert not any("Traceback" in text for _, text in messages)


def test_paste_is_all_or_nothing(window, store, messages):
    case_id = open_case(window, "Smith")
    data = window.case_view.data_view
    bad = "date\tkind\tvalue\tunit\n04/10/2026 08:00\tferritin\t12000\tug/L\n05/10/2026\tferritin\t-5\tµg/L\n"
    count, problems = data.paste_text(bad)
    assert count == 0 and problems == ["Row 2: Ferritin -5 µg/L is not plausible (expected 0 to 1,000,000 µg/L); "
                                       "check the value and unit"]
    assert store.load_case(case_id).observations == ()
    assert messages and messages[-1][0] == "Nothing was pasted"

    good = "04/10/2026 08:00\tFerritin\t12000\tµg/L\n05/10/2026\tfibrinogen\t120\tmg/dL\n"
    assert data.paste_text(good) == (2, [])
    saved = store.load_case(case_id).observations
    assert sorted(o.kind for o in saved) == ["ferritin", "fibrinogen"]
    assert window.session.undo_stack().count() == 1  # one command for the block
    window.undo_action.trigger()
    assert store.load_case(case_id).observations == ()


def test_the_as_of_control_re_evaluates(window, qtbot):
    open_case(window, "Example")
    banner = window.case_view.banner
    banner.now_box.setChecked(False)
    banner.as_of_edit.setText("01/09/2026 08:00")  # before any data
    banner.apply_as_of()
    assert window.session.evaluation.as_of == datetime(2026, 9, 1, 8, 0)
    assert ferritin_status(window) == Status.UNKNOWN
    banner.now_box.setChecked(True)
    assert ferritin_status(window) == Status.MET


def test_deleting_a_result_and_undoing_it(window, store):
    case_id = open_case(window, "Example")
    pane = window.case_view.data_view.observations
    count = len(store.load_case(case_id).observations)
    pane.table.selectRow(0)
    pane.delete_button.click()
    assert len(store.load_case(case_id).observations) == count - 1
    window.undo_action.trigger()
    assert len(store.load_case(case_id).observations) == count


def test_details_check_the_nhs_number_as_typed_and_save_or_refuse(window, qtbot, store):
    case_id = open_case(window, "Smith")
    details = window.case_view.details_view
    details.nhs_edit.clear()
    qtbot.keyClicks(details.nhs_edit, "999 000 001")
    assert details.nhs_status.text() == "9 of 10 digits"
    qtbot.keyClicks(details.nhs_edit, "9")
    assert "fails the NHS number check digit" in details.nhs_status.text()
    assert not details.save()
    assert details.nhs_edit.text() == "999 000 0019"  # kept
    assert "Not saved" in details.error_label.text()

    details.nhs_edit.setText("999 000 0018")
    assert details.nhs_status.text() == "✓ valid NHS number"
    details.text_edits["referring_hospital"].setText("St Somewhere")
    details.yes_no_boxes["offlabel_consent"].setCurrentIndex(1)  # Yes
    assert details.save()
    saved = store.load_case(case_id)
    assert saved.patient.nhs_number == "9990000018"
    assert saved.details.referring_hospital == "St Somewhere"
    assert saved.details.offlabel_consent is True
    assert saved.details.known_immunosuppression is None  # untouched: still not recorded
    window.undo_action.trigger()
    assert store.load_case(case_id).details.offlabel_consent is None


def test_adding_a_treatment_course_and_an_event(window, store):
    case_id = open_case(window, "Smith")
    data = window.case_view.data_view
    form = data.treatments.form
    form.start_edit.set_moment(datetime(2026, 10, 3, 10, 0))
    form.dose_edit.setText("100")
    form.every_edit.setText("8")
    form.add_button.click()
    course = store.load_case(case_id).treatments[0]
    assert (course.drug, course.start, course.daily_dose_mg) == ("anakinra", DAY0, 300)
    form.dose_edit.setText("-1")
    form.add_button.click()
    assert "above zero" in form.error_label.text()
    assert len(store.load_case(case_id).treatments) == 1

    events = data.events.form
    events.kind_box.setCurrentIndex(events.kind_box.findData("note"))  # no kind is pre-chosen
    events.note_edit.setText("Discussed at MDT")
    events.add_button.click()
    assert store.load_case(case_id).events[0].note == "Discussed at MDT"


def test_a_monitoring_check_is_saved_and_undoable(window, store):
    case_id = open_case(window, "Example")
    data = window.case_view.data_view
    form = data.monitoring.form
    form.kind_box.setCurrentIndex(form.kind_box.findData("infection"))
    form.note_edit.setText("cultures sent")
    form.add_button.click()
    saved = store.load_case(case_id).monitoring
    assert [(m.kind, m.note) for m in saved] == [("infection", "cultures sent")]
    assert data.monitoring.model.rowCount() == 1
    window.undo_action.trigger()
    assert store.load_case(case_id).monitoring == ()


def test_deleting_several_results_asks_first_and_is_one_step_to_undo(window, store, monkeypatch):
    from hlhdesk.gui.kit import dialogs
    from hlhdesk.gui.qt import QItemSelectionModel

    case_id = open_case(window, "Example")
    pane = window.case_view.data_view.observations
    before = store.load_case(case_id).observations
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or False)
    for row in (0, 1, 2):
        pane.table.selectionModel().select(
            pane.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    pane.delete_button.click()
    assert "3 results" in asked[0]
    assert store.load_case(case_id).observations == before  # declined: nothing deleted

    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    pane.delete_button.click()
    assert len(store.load_case(case_id).observations) == len(before) - 3
    window.undo_action.trigger()  # one undo brings all three back
    assert sorted(store.load_case(case_id).observations, key=lambda o: (o.at, o.kind)) == sorted(
        before, key=lambda o: (o.at, o.kind))


def test_delete_with_nothing_selected_says_so(window, store):
    case_id = open_case(window, "Example")
    pane = window.case_view.data_view.observations
    count = len(store.load_case(case_id).observations)
    pane.table.clearSelection()
    pane.delete_button.click()
    assert "Select" in pane.error_label.text()
    assert len(store.load_case(case_id).observations) == count


def test_the_patient_and_case_form_fits_a_1024_pixel_window_without_sideways_scrolling(window, qtbot):
    window.resize(1024, 768)
    open_case(window, "Example")
    window.case_view.tabs.setCurrentWidget(window.case_view.details_view)
    qtbot.wait(50)
    assert window.width() == 1024
    assert not window.case_view.details_view.scroll.horizontalScrollBar().isVisible()


def test_a_narrow_window_puts_the_as_of_controls_below_the_patient(window, qtbot):
    """At 1024 pixels (a projector) the patient's line keeps the width instead of wrapping
    into a column of fragments; a wide window keeps everything on one row."""
    banner = window.case_view.banner
    banner.resize(700, 80)
    assert banner.second_row.indexOf(banner.as_of_controls) >= 0
    banner.resize(1400, 80)
    assert banner.top_row.indexOf(banner.as_of_controls) >= 0
    assert banner.second_row.indexOf(banner.as_of_controls) < 0


def test_a_long_verdict_at_1024x768_is_never_clipped_and_the_window_stays_on_screen(window, qtbot):
    """Seen under a real X server: a four-line verdict, warnings and the MDT record needed
    more height than 768 pixels leave, and the verdict's last lines were cut off. Text now
    keeps its height and the decision column scrolls as a whole."""
    import dataclasses
    from datetime import date, datetime

    from hlhdesk.core.evaluation.pathway import Flag
    from hlhdesk.core.meetings.meeting import Action, Decision, Outcome, OutcomeRecord

    window.resize(1024, 768)
    window.case_list.select_case(1)
    session, panel = window.session, window.case_view.panel
    long = dataclasses.replace(
        session.pathway, verdict="Day 15: no response by day 14: MDT decided to stop on 04/12/2026; anakinra "
                                 "still recorded as running: record when it stopped",
        flags=(Flag("action_overdue", "Action overdue since 04/12/2026: taper dexamethasone (Dr Haem)"),))
    warned = dataclasses.replace(session.evaluation, warnings=("A weight older than 7 days: record a current "
                                                                "weight before judging the dose",) * 3)
    panel.show_evaluation(warned, long)
    actions = tuple(Action(f"Action {n}: repeat ferritin, triglycerides and fibrinogen", "Ward 7 nurse",
                           date(2026, 12, n)) for n in range(1, 7))
    decided = Outcome(case_id=1, meeting_id=1, decision=Decision.STOP, rationale="No response by day 14.",
                      actions=actions)
    record = OutcomeRecord(decided, datetime(2026, 12, 4, 12, 0), None, None, (), held_on=date(2026, 12, 4))
    window.case_view.mdt_record.show_record([record], date(2026, 12, 5))
    qtbot.wait(50)
    for label in (panel.pathway_label, panel.eligibility_label, panel.warnings_label, window.case_view.mdt_record):
        assert label.height() >= label.heightForWidth(label.width()), label.accessibleName()
    assert window.height() <= 768
