"""The MDT's own record on the desk's Decision tab: the last decision and its meeting's
date, the rationale, who signed it off, and the actions it left (owner, due date), an
overdue one said in words."""

from __future__ import annotations

from datetime import date, datetime

from hlhdesk.core.meetings.meeting import Action
from tests.support.fake_engine import fake_evaluate
from tests.support.meetings import decide, meeting_with
from tests.support.meetings import sign as support_sign


def record_continue(store, case_id: int, *, sign: bool) -> None:
    meeting_id = meeting_with(store, [case_id], date(2026, 10, 10), "Dr Ada Chair")
    decide(store, meeting_id, case_id, rationale="Ferritin falling; organ support weaning",
           actions=(Action("Repeat ferritin", "Dr Shah", date(2026, 10, 12)),
                    Action("Check weight", "Ward 7 nurse", date(2099, 1, 1))))
    if sign:
        support_sign(store, meeting_id, case_id, evaluate=fake_evaluate, signed_at=datetime(2026, 10, 10, 13, 5))


def open_case(window, family: str) -> int:
    case_id = next(s.case_id for s in window.case_list.model.summaries() if s.family_name == family)
    window.case_list.select_case(case_id)
    return case_id


def test_the_last_decision_rationale_signature_and_actions_are_on_the_decision_tab(window, store):
    case_id = next(s.case_id for s in store.list_cases() if s.family_name == "Smith")
    record_continue(store, case_id, sign=True)
    open_case(window, "Smith")
    view = window.case_view.mdt_record
    texts = dict(view.lines) | {"actions": [t for k, t in view.lines if k.startswith("action")]}
    assert texts["decision"] == "Last MDT decision: Continue anakinra, meeting of 10/10/2026"
    assert texts["signed"] == "Signed off by Dr Ada Chair, 10/10/2026 13:05"
    assert texts["rationale"] == "Rationale: Ferritin falling; organ support weaning"
    # 12/10/2026 is long past today; 01/01/2099 is not.
    assert texts["actions"] == ["Action: Repeat ferritin: Dr Shah, due 12/10/2026 (⚠ overdue)",
                                "Action: Check weight: Ward 7 nurse, due 01/01/2099"]
    assert view.isVisibleTo(window) and "Repeat ferritin" in view.text()


def test_an_unsigned_decision_says_so_and_a_case_without_one_says_none(window, store):
    case_id = next(s.case_id for s in store.list_cases() if s.family_name == "Patel")
    record_continue(store, case_id, sign=False)
    open_case(window, "Patel")
    assert ("signed", "Not signed off yet") in window.case_view.mdt_record.lines
    open_case(window, "Example")
    assert window.case_view.mdt_record.lines == [("none", "No MDT decision recorded yet.")]


def test_a_decision_saved_in_the_meetings_window_reaches_the_list_and_the_decision_tab(window, store, qtbot):
    from hlhdesk.core.meetings.meeting import Decision
    from hlhdesk.gui.desk.case_list_model import COLUMNS, Column

    case_id = open_case(window, "Smith")
    meeting_id = store.create_meeting(date.today(), "Dr Ada Chair")
    store.add_to_agenda(meeting_id, case_id)
    window.meetings_action.trigger()
    view = window.meetings_window().view
    view.refresh(meeting_id, case_id, reload_cases=True)
    view.form.decision.setCurrentIndex(view.form.decision.findData(Decision.DEFER_FOR_DATA.value))
    view.form.rationale.setPlainText("No weight recorded yet")
    assert view.save_outcome()

    lines = dict(window.case_view.mdt_record.lines)
    assert lines["decision"] == f"Last MDT decision: Defer: more data needed, meeting of {date.today():%d/%m/%Y}"
    assert lines["rationale"] == "Rationale: No weight recorded yet"
    proxy = window.case_list.proxy
    row = proxy.row_of_case(case_id)
    assert proxy.index(row, COLUMNS.index(Column.LAST_DECISION)).data() == (
        f"Defer: more data needed, {date.today():%d/%m/%Y}")
    window.meetings_window().close()


def test_an_overdue_action_recorded_as_done_leaves_the_list_and_the_flag(window, store, qtbot, monkeypatch):
    """The "record as done" link beside an outstanding action: who (typed) and which day;
    it then reads as done, and the list's overdue-actions count drops."""
    from hlhdesk.gui.desk.case_list_model import COLUMNS, Column
    from hlhdesk.gui.meetings.action_done_dialog import ActionDoneDialog

    case_id = next(s.case_id for s in store.list_cases() if s.family_name == "Smith")
    record_continue(store, case_id, sign=True)
    open_case(window, "Smith")
    view = window.case_view.mdt_record
    assert "record as done" in view.text()
    proxy = window.case_list.proxy
    actions_cell = lambda: proxy.index(proxy.row_of_case(case_id), COLUMNS.index(Column.ACTIONS)).data()  # noqa: E731
    assert "1" in actions_cell()  # one action overdue before

    typed = {}

    def fill_in(dialog):
        dialog.accept()  # a blank name is refused in the dialog, which stays open
        typed["refusal"] = dialog.error_label.text()
        qtbot.keyClicks(dialog.done_by, "Sr A Ward")
        dialog.done_on.setText("11/10/2026")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ActionDoneDialog, "exec", fill_in)
    view.linkActivated.emit("action:0")  # Repeat ferritin, due 12/10/2026: overdue

    assert "who did it is required" in typed["refusal"].lower()
    lines = [text for kind, text in view.lines]
    assert "✓ Action done: Repeat ferritin: Dr Shah, done 11/10/2026 by Sr A Ward" in lines
    assert "Action: Check weight: Ward 7 nurse, due 01/01/2099" in lines
    assert actions_cell() in ("", "0", None)
    assert store.outcomes_of_case(case_id)[-1].signoff is not None  # still signed, unchanged


def test_the_action_done_dialog_refuses_a_date_that_is_not_one_and_keeps_the_typing(window, store, qtbot):
    from hlhdesk.gui.meetings.action_done_dialog import ActionDoneDialog

    case_id = next(s.case_id for s in store.list_cases() if s.family_name == "Smith")
    record_continue(store, case_id, sign=False)
    record = store.outcomes_of_case(case_id)[-1]
    dialog = ActionDoneDialog(store, record, record.current.actions[0])
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.done_by, "Sr A Ward")
    dialog.done_on.setText("31/02/2026")
    dialog.accept()
    assert dialog.error_label.text() and dialog.result() != ActionDoneDialog.DialogCode.Accepted
    assert dialog.done_by.text() == "Sr A Ward"  # the typing stays
    assert store.outcomes_of_case(case_id)[-1].done == ()  # nothing saved
