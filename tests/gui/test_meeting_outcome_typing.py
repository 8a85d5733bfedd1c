"""The Meetings window keeps the chair's typing and stays true (issue 15): unsaved
outcome typing is saved, thrown away or kept when another case is clicked or the window
closes; outcomes recorded elsewhere appear (PRAGMA data_version) without losing typing;
Close meeting names unsigned outcomes; a Start that departs from the policy asks why;
Amended by is never pre-filled; sign-off names who signs."""

from __future__ import annotations

import dataclasses
import getpass
from datetime import date, datetime

import pytest

from hlhdesk.app import meetings as app_meetings
from hlhdesk.core.evaluation import Eligibility, EligibilityStatus
from hlhdesk.core.meetings.meeting import Decision, Outcome
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.meetings import meeting_dialogs
from hlhdesk.gui.meetings.meetings_window import MeetingsWindow
from hlhdesk.gui.meetings import signoff_dialog
from hlhdesk.gui.meetings.signoff_dialog import SignOffDialog
from hlhdesk.gui.meetings.signoff_dialog import ask_signature as real_ask_signature
from hlhdesk.gui.qt import QDialog, QDialogButtonBox
from hlhdesk.store import open_database
from tests.support.fake_engine import fake_evaluate
from tests.support.meetings import meeting_with
from tests.support.stored_cases import NHS_NUMBERS, full_case, sparse_case

NOW = datetime(2026, 10, 10, 15, 0)


def not_eligible(case, as_of):
    evaluation = fake_evaluate(case, as_of)
    return dataclasses.replace(evaluation, eligibility=Eligibility(
        EligibilityStatus.NOT_ELIGIBLE, ("EX-WEIGHT",), summary="Weight under 10 kg"))


@pytest.fixture
def store(empty_store):
    return empty_store


@pytest.fixture
def world(store):
    case_ids = [store.add_case(full_case(NHS_NUMBERS[0])), store.add_case(sparse_case())]
    return meeting_with(store, case_ids, date(2026, 10, 10), chair_role="Haematologist"), case_ids


@pytest.fixture
def answers(monkeypatch):
    """What the user answers to Save / Discard / Cancel (the last one given is reused)."""
    given = ["cancel"]
    asked = []
    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent, title, text: asked.append(text) or given[-1])
    return given, asked


@pytest.fixture
def window(qtbot, store, world):
    shown = MeetingsWindow(store, evaluate=fake_evaluate, now=lambda: NOW)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def type_outcome(view, rationale="Ferritin falling"):
    view.form.decision.setCurrentIndex(view.form.decision.findData("continue"))
    view.form.rationale.setPlainText(rationale)


def outcomes(store, meeting_id):
    return store.outcomes_of_meeting(meeting_id)


# -- unsaved typing -----------------------------------------------------------------------

def test_clicking_another_case_with_typing_asks_and_cancel_keeps_it(window, world, answers):
    view, (meeting_id, case_ids) = window.view, world
    given, asked = answers
    type_outcome(view)
    view.agenda.setCurrentRow(1)
    assert asked and "not saved" in asked[-1]
    assert view.current_case_id() == case_ids[0]  # stayed
    assert view.form.rationale.toPlainText() == "Ferritin falling"


def test_discard_moves_on_and_save_stores_the_typing(window, world, store, answers):
    view, (meeting_id, case_ids) = window.view, world
    given, asked = answers
    type_outcome(view)
    given.append("save")
    view.agenda.setCurrentRow(1)
    assert view.current_case_id() == case_ids[1]
    assert outcomes(store, meeting_id)[case_ids[0]].current.rationale == "Ferritin falling"
    type_outcome(view, "Second case typing")
    given.append("discard")
    view.agenda.setCurrentRow(0)
    assert view.current_case_id() == case_ids[0]
    assert case_ids[1] not in outcomes(store, meeting_id)
    assert view.form.rationale.toPlainText() == "Ferritin falling"


def test_no_question_when_nothing_was_typed(window, world, answers):
    _, asked = answers
    window.view.agenda.setCurrentRow(1)
    assert asked == [] and window.view.current_case_id() == world[1][1]


def test_closing_the_window_with_typing_asks(window, answers):
    given, asked = answers
    type_outcome(window.view)
    window.close()
    assert asked and window.isVisible()  # cancelled: still open, typing kept
    assert window.view.form.rationale.toPlainText() == "Ferritin falling"
    given.append("discard")
    window.close()
    assert not window.isVisible()


# -- changes made elsewhere ----------------------------------------------------------------

def record_elsewhere(store, meeting_id, case_id, rationale="Recorded on the command line"):
    other = open_database(store.path)
    try:
        app_meetings.record_outcome(other, Outcome(case_id=case_id, meeting_id=meeting_id,
                                                   decision=Decision.STOP, rationale=rationale))
    finally:
        other.close()


def test_an_outcome_recorded_elsewhere_appears_in_the_agenda_and_the_form(window, world, store):
    view, (meeting_id, case_ids) = window.view, world
    record_elsewhere(store, meeting_id, case_ids[0])
    assert window.outside_changes.check()
    assert "not signed off" in view.agenda.item(0).text()
    assert view.form.rationale.toPlainText() == "Recorded on the command line"
    assert not window.outside_changes.check()  # nothing new since


def test_typing_is_kept_when_an_outside_change_arrives(window, world, store):
    view, (meeting_id, case_ids) = window.view, world
    type_outcome(view, "Chair still typing")
    record_elsewhere(store, meeting_id, case_ids[1])  # another case on the agenda
    record_elsewhere(store, meeting_id, case_ids[0], "Typed at the other desk")  # this one
    assert window.outside_changes.check()
    assert view.form.rationale.toPlainText() == "Chair still typing"
    assert "not signed off" in view.agenda.item(1).text()
    assert "elsewhere" in view.outcome_status.text()


# -- closing, departing from the policy, amending, signing -----------------------------------

def test_close_meeting_names_the_outcomes_not_signed_off(window, world, monkeypatch):
    view, (meeting_id, case_ids) = window.view, world
    type_outcome(view)
    assert view.save_outcome()
    seen = {}

    def look(dialog):
        seen["text"] = dialog.findChild(meeting_dialogs.QLabel).text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(meeting_dialogs.CloseMeetingDialog, "exec", look)
    view.close_meeting()
    assert "not signed off" in seen["text"] and view.case_label(case_ids[0]) in seen["text"]


def test_a_start_against_the_policy_asks_why_and_records_the_reason(qtbot, store, world, monkeypatch, messages):
    meeting_id, case_ids = world
    window = MeetingsWindow(store, evaluate=not_eligible, now=lambda: NOW)
    qtbot.addWidget(window)
    view = window.view
    view.form.decision.setCurrentIndex(view.form.decision.findData("start"))
    view.form.rationale.setPlainText("Rapidly worsening")
    reasons = [None]
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, text: reasons[-1], raising=False)
    assert not view.save_outcome()
    assert case_ids[0] not in outcomes(store, meeting_id)  # no reason, nothing saved
    assert view.form.rationale.toPlainText() == "Rapidly worsening"
    reasons.append("Weight 9.6 kg: treating team accepts the dosing risk")
    assert view.save_outcome()
    saved = outcomes(store, meeting_id)[case_ids[0]].current
    assert "Departure from the policy" in saved.rationale
    assert "Weight 9.6 kg: treating team accepts the dosing risk" in saved.rationale
    assert saved.rationale.startswith("Rapidly worsening")


def test_amended_by_is_never_pre_filled(window, world, store):
    view, (meeting_id, case_ids) = window.view, world
    type_outcome(view)
    assert view.save_outcome()
    record = outcomes(store, meeting_id)[case_ids[0]]
    dialog = meeting_dialogs.AmendDialog(view, record.current, None)
    assert dialog.amended_by.text() == ""


def test_sign_off_needs_the_chair_s_name_typed_and_enter_does_not_sign(qtbot):
    dialog = SignOffDialog(None, "Dr A Chair", "EXAMPLE, Alex", "210701P v2.0")
    qtbot.addWidget(dialog)
    sign = dialog.sign_button
    assert not sign.isDefault() and not sign.autoDefault()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).isDefault()
    dialog.name.setText("Dr B Someone")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "Dr A Chair" in dialog.error.text()
    dialog.name.setText("  dr a  chair ")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_sign_off_records_the_chair_and_the_os_account_in_the_audit(window, world, store, monkeypatch):
    view, (meeting_id, case_ids) = window.view, world
    type_outcome(view)
    assert view.save_outcome()

    def typed(dialog):
        dialog.name.setText("Dr A Chair")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(signoff_dialog, "ask_signature", real_ask_signature)  # conftest's stand-in off
    monkeypatch.setattr(SignOffDialog, "exec", typed)
    view.sign_off()
    record = outcomes(store, meeting_id)[case_ids[0]]
    assert record.signoff is not None and record.signoff.signed_by == "Dr A Chair"
    users = {row[0] for row in store.db.execute("SELECT os_user FROM audit WHERE table_name = 'signoffs'")}
    assert users == {getpass.getuser()}


def test_save_pack_as_pdf_says_where_it_saved(window, world, tmp_path, monkeypatch, messages):
    from hlhdesk.gui.qt import QFileDialog

    target = tmp_path / "pack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.save_pdf_action.trigger()
    assert target.exists()
    assert any(str(target) in text for _, text in messages)


def test_quitting_the_desk_asks_about_outcome_typing_in_the_meetings_window(qtbot, tmp_path, monkeypatch):
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.desk.main_window import MainWindow

    asked, answer = [], ["cancel"]
    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent, title, text: asked.append(text) or answer[-1])
    store = open_database(tmp_path / "desk.sqlite3")
    case_id = store.add_case(full_case(NHS_NUMBERS[0]))
    meeting_with(store, [case_id], date(2026, 10, 10))
    desk = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(desk)
    desk.show()
    desk.files._opened(store.path, store, store.list_cases())
    desk.meetings_action.trigger()
    type_outcome(desk.meetings_window().view, "Typed at the meeting")
    desk.close()
    assert asked and desk.isVisible()  # cancelled: the desk stays, with the typing
    assert desk.meetings_window().view.form.rationale.toPlainText() == "Typed at the meeting"
    answer.append("discard")
    desk.close()
    assert not desk.isVisible()
    store.close()
