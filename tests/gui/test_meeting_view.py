"""The Meeting view, driven through its real widgets (offscreen): agenda order by buttons
and by drag, offered cases, the outcome form, refusals that keep the typing, and a
signed-off outcome that the GUI will not let anyone change except by amendment."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hlhdesk.core.casefile.caseio import dumps_case
from hlhdesk.core.meetings.meeting import AgendaReason, Decision, Outcome, SignOff
from hlhdesk.gui.meetings import meeting_dialogs, signoff_dialog
from hlhdesk.gui.meetings.meeting_view import MeetingView
from hlhdesk.gui.qt import QDialog, Qt
from tests.support.meetings import meeting_with
from tests.support.stored_cases import NHS_NUMBERS, full_case, sparse_case


@pytest.fixture
def store(empty_store):
    return empty_store


@pytest.fixture
def world(store):
    case_ids = [store.add_case(full_case(NHS_NUMBERS[0])), store.add_case(full_case(NHS_NUMBERS[1])), store.add_case(sparse_case())]
    meeting_id = meeting_with(store, case_ids, date(2026, 10, 10), chair_role="Haematologist")
    return store, meeting_id, case_ids


@pytest.fixture
def view(qtbot, store, world):
    widget = MeetingView(store, now=lambda: datetime(2026, 10, 10, 15, 0))
    qtbot.addWidget(widget)
    return widget


def agenda_order(view) -> list[int]:
    return [view.agenda.item(row).data(Qt.ItemDataRole.UserRole) for row in range(view.agenda.count())]


def test_the_view_shows_the_meeting_its_people_and_agenda(view, world):
    _, _, case_ids = world
    assert view.meeting_list.count() == 1
    assert "10/10/2026" in view.meeting_title.text()
    assert "Dr A Chair (Haematologist)" in view.meeting_people.text()
    assert agenda_order(view) == case_ids
    assert "EXAMPLE, Alex · NHS 999 000 0018" in view.agenda.item(0).text()
    assert "Not yet discussed" in view.agenda.item(0).text()


def test_buttons_and_drag_reorder_the_agenda_in_the_store(view, world):
    repo, meeting_id, case_ids = world
    view.agenda.setCurrentRow(2)
    view.up_button.click()
    assert agenda_order(view) == [case_ids[0], case_ids[2], case_ids[1]]
    assert [i.case_id for i in repo.load_meeting(meeting_id).agenda] == agenda_order(view)
    assert view.current_case_id() == case_ids[2]  # the moved case stays selected
    # A drag ends in the list model moving a row; the new order is stored.
    view.agenda.model().moveRow(view.agenda.rootIndex(), 0, view.agenda.rootIndex(), 3)
    assert [i.case_id for i in repo.load_meeting(meeting_id).agenda] == [case_ids[2], case_ids[1], case_ids[0]]


def test_offered_cases_are_added_in_one_go(view, world, monkeypatch, store):
    repo, _, _ = world
    extra = store.add_case(sparse_case(hospital_number="RX0000002"))
    monkeypatch.setattr(meeting_dialogs.OffersDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    view.add_due_cases()
    assert agenda_order(view)[-1] == extra
    assert "Hosp. no. RX0000002" in view.agenda.item(view.agenda.count() - 1).text()
    assert "New referral" in view.agenda.item(view.agenda.count() - 1).text()


def test_saving_an_outcome_stores_it_and_marks_the_case_discussed(view, world):
    repo, meeting_id, case_ids = world
    view.agenda.setCurrentRow(0)
    form = view.form
    assert form.prior_approval.text() == "BT-000123"  # from the case, for a new outcome
    form.decision.setCurrentIndex(form.decision.findData("continue"))
    form.rationale.setPlainText("Ferritin fell 24% by day 7")
    form.add_action_row("Repeat ferritin", "Ward team", date(2026, 10, 12))
    form.day_buttons[AgendaReason.DAY14_REVIEW].click()
    assert view.save_outcome()
    record = repo.outcomes_of_meeting(meeting_id)[case_ids[0]]
    assert record.current.decision == Decision.CONTINUE
    assert record.current.next_review == date(2026, 10, 17)  # day 14 from day 0 on 03/10/2026
    assert record.current.actions[0].owner == "Ward team"
    assert "Continue anakinra, not signed off" in view.agenda.item(0).text()


def test_an_incomplete_outcome_is_refused_and_the_typing_stays(view, world, messages):
    repo, meeting_id, _ = world
    view.agenda.setCurrentRow(1)
    view.form.rationale.setPlainText("Still thinking")
    view.form.add_action_row("Bone marrow", "", None)
    assert not view.save_outcome()
    assert "choose the MDT's decision" in messages[-1][1]
    assert "action 1" in messages[-1][1]
    assert view.form.rationale.toPlainText() == "Still thinking"
    assert repo.outcomes_of_meeting(meeting_id) == {}


def sign_directly(repo, store, meeting_id, case_id, decision=Decision.CONTINUE) -> int:
    outcome_id = repo.record_outcome(Outcome(case_id, meeting_id, decision, rationale="as discussed"))
    record = repo.outcome(outcome_id)
    repo.sign_off(SignOff(record.original, "Dr A Chair", datetime(2026, 10, 10, 16, 0), dumps_case(store.load_case(case_id)), "{}", "210701P v2.0", "test", "{}"))
    return outcome_id


def test_a_signed_outcome_shows_read_only_and_cannot_be_saved(view, world, store, messages):
    repo, meeting_id, case_ids = world
    outcome_id = sign_directly(repo, store, meeting_id, case_ids[0])
    view.refresh(meeting_id, case_ids[0])
    assert not view.form.decision.isEnabled() and view.form.rationale.isReadOnly()
    assert not view.save_button.isEnabled() and not view.sign_button.isEnabled()
    assert view.amend_button.isEnabled()
    assert "Signed off by Dr A Chair on 10/10/2026 16:00" in view.outcome_status.text()
    # Even if the save were triggered (a shortcut, a script), the store refuses it with a message.
    view.save_button.setEnabled(True)
    view.form.set_read_only(False)
    view.form.decision.setCurrentIndex(view.form.decision.findData("stop"))
    assert not view.save_outcome()
    assert "cannot be edited" in messages[-1][1]
    assert repo.outcome(outcome_id).current.decision == Decision.CONTINUE


def test_amend_needs_a_reason_and_keeps_the_original(view, world, store, monkeypatch):
    repo, meeting_id, case_ids = world
    outcome_id = sign_directly(repo, store, meeting_id, case_ids[0])
    view.refresh(meeting_id, case_ids[0])

    def fill_and_accept(dialog):
        dialog.form.decision.setCurrentIndex(dialog.form.decision.findData("stop"))
        dialog.accept()  # no reason yet: refused, the dialog stays open
        assert "Give a reason" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
        assert "Say who is amending" in dialog.error.text()  # never pre-filled
        dialog.reason.setPlainText("Anaphylaxis reported after the meeting")
        dialog.amended_by.setText("Dr C Amender")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(meeting_dialogs.AmendDialog, "exec", fill_and_accept)
    view.amend()
    record = repo.outcome(outcome_id)
    assert record.original.decision == Decision.CONTINUE
    assert record.current.decision == Decision.STOP
    assert record.amendments[0].reason == "Anaphylaxis reported after the meeting"
    assert "amended 1×" in view.agenda.item(0).text()
    assert "Reason: Anaphylaxis reported after the meeting" in view.history.text()


def test_closing_rolls_over_and_locks_the_agenda(view, world, monkeypatch):
    repo, meeting_id, case_ids = world
    view.agenda.setCurrentRow(0)
    view.form.decision.setCurrentIndex(view.form.decision.findData("start"))
    view.save_outcome()

    def accept_with_next(dialog):
        dialog.create_next.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(meeting_dialogs.CloseMeetingDialog, "exec", accept_with_next)
    view.meeting_list.setCurrentRow(0)
    view.close_meeting()
    assert repo.load_meeting(meeting_id).is_closed
    assert not view.offer_button.isEnabled() and not view.up_button.isEnabled()
    nxt = [m for m in repo.list_meetings() if m.meeting_id != meeting_id][0]
    assert nxt.held_on == date(2026, 10, 17) and nxt.agenda_count == 2
    view.agenda.setCurrentRow(1)  # undiscussed at the closed meeting: no outcome can be added
    assert not view.save_button.isEnabled()


def test_sign_off_as_chair_freezes_after_confirmation(view, world, store, monkeypatch, messages):
    repo, meeting_id, case_ids = world
    view.agenda.setCurrentRow(0)
    view.form.decision.setCurrentIndex(view.form.decision.findData("continue"))
    view.form.rationale.setPlainText("Ferritin fell")
    view.form.rationale.setPlainText("Ferritin fell, edited")  # unsaved: sign-off is refused
    asked = []
    monkeypatch.setattr(signoff_dialog, "ask_signature", lambda *args: asked.append(args) or False)
    view.sign_off()
    assert "Save the outcome" in messages[-1][1] and not asked
    assert view.save_outcome()
    view.sign_off()  # the chair cancels: nothing is frozen
    assert asked and "Dr A Chair" in asked[-1] and repo.outcome_id_for(meeting_id, case_ids[0]) is not None
    assert repo.outcomes_of_meeting(meeting_id)[case_ids[0]].signoff is None
    monkeypatch.setattr(signoff_dialog, "ask_signature", lambda *args: True)
    view.sign_off()
    record = repo.outcomes_of_meeting(meeting_id)[case_ids[0]]
    assert record.signoff.signed_by == "Dr A Chair"
    assert record.signoff.signed_at == datetime(2026, 10, 10, 15, 0)
    assert record.signoff.policy.startswith("210701P")
    assert '"hlhdesk-case"' in record.signoff.case_json
    assert not view.save_button.isEnabled() and view.amend_button.isEnabled()


def test_the_policy_reading_beside_the_form_names_failing_rules_by_their_words():
    from dataclasses import replace

    from hlhdesk.core.evaluation.pathway import pathway_of
    from hlhdesk.core.model import Observation
    from hlhdesk.gui.meetings.meeting_view import policy_words
    from tests.support.desk_cases import DAY0, small_case
    from tests.support.fake_engine import fake_evaluate

    infant = small_case("Tiny", "Tom", None, "RX9")
    infant = replace(infant, observations=(Observation(DAY0, "weight", 6.0, "kg", 6.0, "kg"),))
    evaluation = fake_evaluate(infant, DAY0)
    words = policy_words(evaluation, pathway_of(evaluation))
    assert "Weight under 10 kg (EX-WEIGHT)" in words  # the rule's words first, its ID beside
    first_line = words.splitlines()[0]
    assert first_line.startswith("– Not eligible: ")  # the phase and its verdict lead
