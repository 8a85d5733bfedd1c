"""The meetings store: agenda, offering, roll-over, outcomes, sign-off that cannot be
undone (API and SQL), and amendments that keep the original, all with audit rows."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from hlhdesk.app.statuses import refresh_case_statuses
from hlhdesk.core.casefile.caseio import dumps_case
from hlhdesk.core.meetings.meeting import Action, AgendaReason, Attendee, Decision, Outcome, SignOff
from hlhdesk.store import Store, StoreError
from hlhdesk.store.meetings import MeetingClosedError, SignedOffError
from tests.support.cases import T0, anakinra, case, obs
from tests.support.stored_cases import NHS_NUMBERS, full_case, sparse_case

DAY0_MEETING = date(2026, 10, 2)  # full_case starts anakinra on 03/10/2026: day 7 is 10/10
PEOPLE = (Attendee("Dr Chair", "Haematologist"), Attendee("Ms Pharm", "Pharmacist"))


@pytest.fixture
def repo(store) -> Store:
    return store


@pytest.fixture
def cases(store) -> list[int]:
    """Two cases on anakinra (day 0 on 03/10/2026) and one with no treatment."""
    return [store.add_case(full_case(NHS_NUMBERS[0])), store.add_case(full_case(NHS_NUMBERS[1])), store.add_case(sparse_case())]


def decide(repo, meeting_id, case_id, decision=Decision.CONTINUE, **kw) -> int:
    return repo.record_outcome(Outcome(case_id=case_id, meeting_id=meeting_id, decision=decision, **kw))


def sign(repo, store, outcome_id: int, at=datetime(2026, 10, 10, 16, 0)) -> int:
    record = repo.outcome(outcome_id)
    case = store.load_case(record.original.case_id)
    signoff = SignOff(record.original, "Dr Chair", at, dumps_case(case), '{"policy": "210701P v2.0"}', "210701P v2.0", "test", "{}")
    return repo.sign_off(signoff)


def test_a_meeting_keeps_its_chair_attendees_and_agenda_order(repo, cases):
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr Chair", PEOPLE)
    for case_id in cases:
        repo.add_to_agenda(meeting_id, case_id)
    repo.move_on_agenda(meeting_id, cases[2], -5)  # clamped to the top
    meeting = repo.load_meeting(meeting_id)
    assert meeting.chair == "Dr Chair" and meeting.attendees == PEOPLE
    assert [(i.case_id, i.position) for i in meeting.agenda] == [(cases[2], 1), (cases[0], 2), (cases[1], 3)]
    repo.remove_from_agenda(meeting_id, cases[0])
    assert [(i.case_id, i.position) for i in repo.load_meeting(meeting_id).agenda] == [(cases[2], 1), (cases[1], 2)]
    [summary] = repo.list_meetings()
    assert (summary.agenda_count, summary.outcome_count, summary.signed_count) == (2, 0, 0)


def test_reorder_must_name_every_case_once(repo, cases):
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr Chair")
    for case_id in cases[:2]:
        repo.add_to_agenda(meeting_id, case_id)
    with pytest.raises(StoreError, match="exactly once"):
        repo.reorder_agenda(meeting_id, [cases[0]])
    repo.reorder_agenda(meeting_id, [cases[1], cases[0]])
    assert [i.case_id for i in repo.load_meeting(meeting_id).agenda] == [cases[1], cases[0]]


def test_a_failed_write_stores_nothing(repo, store):
    with pytest.raises(StoreError):
        repo.create_meeting(date(2026, 10, 10), "Dr Chair", (Attendee("Ms A", "Pharmacist"), Attendee("  ", "Other")))
    assert repo.list_meetings() == []
    assert store.audit_rows("meetings") == []


def status_on(store, day: date, case_ids) -> None:
    """The desk's status cache, as refreshed on that day (the agenda reads the pathway
    phase from it)."""
    refresh_case_statuses(store, case_ids, datetime.combine(day, datetime.min.time()).replace(hour=8))


def test_new_referrals_then_day_7_reviews_are_offered(repo, store, cases):
    status_on(store, DAY0_MEETING, cases)
    first = repo.create_meeting(DAY0_MEETING, "Dr Chair")
    assert [(o.case_id, o.reason) for o in repo.offered_cases(first)] == [
        (c, AgendaReason.NEW_REFERRAL) for c in cases
    ]
    repo.add_offered(first, repo.offered_cases(first))
    assert repo.offered_cases(first) == []  # on the agenda now
    for case_id in cases:
        decide(repo, first, case_id, Decision.START if case_id != cases[2] else Decision.DEFER_FOR_DATA)
    repo.close_meeting(first)
    status_on(store, date(2026, 10, 5), cases)  # day 2: early, the day-7 check ahead
    day6 = repo.create_meeting(date(2026, 10, 9), "Dr Chair")
    assert repo.offered_cases(day6) == []
    day7 = repo.create_meeting(date(2026, 10, 10), "Dr Chair")
    offered = repo.offered_cases(day7)
    assert [(o.case_id, o.reason, o.due) for o in offered] == [
        (cases[0], AgendaReason.DAY7_REVIEW, date(2026, 10, 10)),
        (cases[1], AgendaReason.DAY7_REVIEW, date(2026, 10, 10)),
    ]


def test_flagged_cases_are_offered_until_an_outcome(repo, cases):
    first = repo.create_meeting(DAY0_MEETING, "Dr Chair")
    repo.add_offered(first, repo.offered_cases(first))
    for case_id in cases:
        decide(repo, first, case_id, Decision.STOP)
    repo.close_meeting(first)
    repo.flag_case(cases[2], "new bone marrow result")
    later = repo.create_meeting(date(2026, 10, 20), "Dr Chair")
    assert [(o.case_id, o.reason) for o in repo.offered_cases(later)] == [(cases[2], AgendaReason.FLAGGED)]
    repo.add_offered(later, repo.offered_cases(later))
    decide(repo, later, cases[2], Decision.DEFER_FOR_DATA)
    after = repo.create_meeting(date(2026, 10, 27), "Dr Chair")
    assert repo.offered_cases(after) == []


def test_closing_rolls_undiscussed_cases_to_the_next_open_meeting(repo, cases):
    this = repo.create_meeting(date(2026, 10, 10), "Dr Chair")
    nxt = repo.create_meeting(date(2026, 10, 17), "Dr Other")
    for case_id in cases:
        repo.add_to_agenda(this, case_id)
    decide(repo, this, cases[0])
    assert repo.close_meeting(this) == nxt
    assert [(i.case_id, i.reason) for i in repo.load_meeting(nxt).agenda] == [
        (cases[1], AgendaReason.ROLLED_OVER),
        (cases[2], AgendaReason.ROLLED_OVER),
    ]
    closed = repo.load_meeting(this)
    assert closed.is_closed and [i.discussed for i in closed.agenda] == [True, False, False]
    with pytest.raises(MeetingClosedError):
        repo.add_to_agenda(this, cases[1])
    with pytest.raises(MeetingClosedError):
        decide(repo, this, cases[1])


def test_closing_can_create_the_next_meeting(repo, cases):
    this = repo.create_meeting(date(2026, 10, 10), "Dr Chair")
    repo.add_to_agenda(this, cases[0])
    nxt = repo.close_meeting(this, next_meeting_on=date(2026, 10, 17))
    made = repo.load_meeting(nxt)
    assert (made.held_on, made.chair) == (date(2026, 10, 17), "Dr Chair")
    assert [(i.case_id, i.reason) for i in made.agenda] == [(cases[0], AgendaReason.ROLLED_OVER)]


def test_without_a_next_meeting_carried_over_cases_wait_to_be_offered(repo, cases):
    this = repo.create_meeting(date(2026, 10, 10), "Dr Chair")
    repo.add_to_agenda(this, cases[1])
    assert repo.close_meeting(this) is None
    later = repo.create_meeting(date(2026, 10, 17), "Dr Chair")
    offered = repo.offered_cases(later)
    assert (cases[1], AgendaReason.ROLLED_OVER) == (offered[0].case_id, offered[0].reason)


def test_recording_an_outcome_marks_the_case_discussed_and_a_second_save_replaces_it(repo, store, cases):
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr Chair")
    repo.add_to_agenda(meeting_id, cases[0])
    first = decide(repo, meeting_id, cases[0], Decision.CONTINUE, rationale="fall of 24%")
    again = decide(repo, meeting_id, cases[0], Decision.STOP, actions=(Action("Stop anakinra", "Ward", date(2026, 10, 11)),))
    assert first == again
    record = repo.outcome(first)
    assert record.current.decision == Decision.STOP and record.current.actions[0].due == date(2026, 10, 11)
    assert record.held_on == record.dated == date(2026, 10, 10)  # the meeting's date, what the pathway reads
    assert repo.load_meeting(meeting_id).agenda[0].discussed
    assert [a.action for a in store.audit_rows("outcomes", first)] == ["insert", "update"]


def test_an_outcome_needs_the_case_on_the_agenda(repo, cases):
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr Chair")
    with pytest.raises(StoreError, match="not on the agenda"):
        decide(repo, meeting_id, cases[0])


@pytest.fixture
def signed(repo, store, cases):
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr Chair", PEOPLE)
    repo.add_to_agenda(meeting_id, cases[0])
    outcome_id = decide(repo, meeting_id, cases[0], Decision.CONTINUE, rationale="ferritin fell 24%")
    signoff_id = sign(repo, store, outcome_id)
    return meeting_id, outcome_id, signoff_id


def test_a_signed_outcome_cannot_be_edited_or_withdrawn_through_the_store(repo, signed, cases):
    meeting_id, outcome_id, _ = signed
    with pytest.raises(SignedOffError, match="signed off by Dr Chair on 10/10/2026 16:00"):
        decide(repo, meeting_id, cases[0], Decision.STOP)
    with pytest.raises(SignedOffError):
        repo.delete_outcome(outcome_id)
    with pytest.raises(SignedOffError):
        sign(repo, repo, outcome_id)
    assert repo.outcome(outcome_id).current.decision == Decision.CONTINUE


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE outcomes SET decision = 'stop' WHERE id = {outcome_id}",
        "DELETE FROM outcomes WHERE id = {outcome_id}",
        "UPDATE signoffs SET signed_by = 'Someone else' WHERE id = {signoff_id}",
        "DELETE FROM signoffs WHERE id = {signoff_id}",
    ],
)
def test_a_signed_outcome_cannot_be_changed_even_by_raw_sql(store, signed, sql):
    _, outcome_id, signoff_id = signed
    with pytest.raises(sqlite3.IntegrityError, match="signed off|permanent"):
        store.db.conn.execute(sql.format(outcome_id=outcome_id, signoff_id=signoff_id))
    row = store.db.conn.execute("SELECT decision FROM outcomes WHERE id = ?", [outcome_id]).fetchone()
    assert row == ("continue",)


def test_an_amendment_keeps_the_original_and_both_have_audit_rows(repo, store, signed, cases):
    meeting_id, outcome_id, signoff_id = signed
    amended = Outcome(cases[0], meeting_id, Decision.STOP, rationale="SAE on day 8", outcome_id=outcome_id)
    with pytest.raises(StoreError, match="reason"):
        repo.amend(outcome_id, amended, amended_by="Dr Chair", reason="   ")
    amendment_id = repo.amend(outcome_id, amended, amended_by="Dr Chair", reason="anaphylaxis reported after the meeting", at=datetime(2026, 10, 11, 9, 30))
    record = repo.outcome(outcome_id)
    assert record.original.decision == Decision.CONTINUE and record.original.rationale == "ferritin fell 24%"
    assert record.current == amended
    [amendment] = record.amendments
    assert (amendment.amended_by, amendment.reason, amendment.amended_at) == (
        "Dr Chair", "anaphylaxis reported after the meeting", datetime(2026, 10, 11, 9, 30)
    )
    assert [a.action for a in store.audit_rows("outcomes", outcome_id)] == ["insert"]  # never updated
    assert [a.action for a in store.audit_rows("signoffs", signoff_id)] == ["insert"]
    [audit] = store.audit_rows("amendments", amendment_id)
    assert audit.after["decision"] == "stop" and audit.after["reason"] == "anaphylaxis reported after the meeting"
    assert audit.case_id == cases[0]
    case_history = {a.table_name for a in store.audit_rows(case_id=cases[0])}
    assert {"agenda_items", "outcomes", "signoffs", "amendments"} <= case_history
    with pytest.raises(sqlite3.IntegrityError):
        store.db.conn.execute("UPDATE amendments SET reason = 'x' WHERE id = ?", [amendment_id])


def test_an_amendment_that_changes_nothing_or_moves_the_case_is_refused(repo, signed, cases):
    meeting_id, outcome_id, _ = signed
    with pytest.raises(StoreError, match="changes nothing"):
        repo.amend(outcome_id, repo.outcome(outcome_id).current, amended_by="Dr Chair", reason="typo")
    moved = Outcome(cases[1], meeting_id, Decision.STOP)
    with pytest.raises(StoreError, match="not which case"):
        repo.amend(outcome_id, moved, amended_by="Dr Chair", reason="typo")


def test_an_unsigned_outcome_cannot_be_amended_and_a_changed_one_cannot_be_signed(repo, store, cases):
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr Chair")
    repo.add_to_agenda(meeting_id, cases[0])
    outcome_id = decide(repo, meeting_id, cases[0])
    with pytest.raises(StoreError, match="not signed off"):
        repo.amend(outcome_id, Outcome(cases[0], meeting_id, Decision.STOP), amended_by="Dr Chair", reason="x")
    record = repo.outcome(outcome_id)
    stale = SignOff(Outcome(cases[0], meeting_id, Decision.STOP, outcome_id=outcome_id), "Dr Chair", datetime(2026, 10, 10), "{}", "{}", "p", "v", "{}")
    with pytest.raises(StoreError, match="changed since it was saved"):
        repo.sign_off(stale)
    assert repo.outcome(outcome_id) == record


def test_the_latest_amendment_drives_the_next_offer(repo, store, signed, cases):
    meeting_id, outcome_id, _ = signed
    repo.close_meeting(meeting_id)
    amended = Outcome(cases[0], meeting_id, Decision.STOP, outcome_id=outcome_id)
    repo.amend(outcome_id, amended, amended_by="Dr Chair", reason="stopped after SAE")
    course = next(t for t in store.load_case(cases[0]).treatments if t.drug == "anakinra")
    store.update_record(replace(course, stop=datetime(2026, 10, 12, 9)))
    status_on(store, date(2026, 10, 12), [cases[0]])  # the course stopped: the phase is "stopped"
    day14 = repo.create_meeting(date(2026, 10, 17), "Dr Chair")
    assert cases[0] not in {o.case_id for o in repo.offered_cases(day14)}


def test_the_chair_is_always_an_attendee(repo):
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr New", (Attendee("Ms Pharm", "Pharmacist"),))
    assert repo.load_meeting(meeting_id).attendees == (Attendee("Dr New", "Chair"), Attendee("Ms Pharm", "Pharmacist"))


def test_recording_amending_or_withdrawing_an_outcome_makes_the_cached_status_stale(repo, store, signed, cases):
    def stale(case_id) -> bool:
        return next(s for s in store.list_cases() if s.case_id == case_id).status_stale

    meeting_id = repo.create_meeting(date(2026, 10, 17), "Dr Chair")
    repo.add_to_agenda(meeting_id, cases[1])
    store.set_case_status(cases[1], eligibility="eligible", phase="day14_check")
    assert not stale(cases[1])
    outcome_id = decide(repo, meeting_id, cases[1])
    assert stale(cases[1]) and store.case_status(cases[1]).stale
    store.set_case_status(cases[1], phase="continuing")  # a refresh clears it
    assert not stale(cases[1])
    repo.delete_outcome(outcome_id)
    assert stale(cases[1])

    _, signed_outcome, _ = signed
    record = repo.outcome(signed_outcome)
    store.set_case_status(record.original.case_id, eligibility="eligible")
    repo.amend(signed_outcome, Outcome(record.original.case_id, record.original.meeting_id, Decision.STOP),
               amended_by="Dr Chair", reason="anaphylaxis on the ward")
    assert stale(record.original.case_id)


@pytest.mark.parametrize("day", [14, 15, 30])
def test_a_missed_day_14_check_heads_the_agenda_until_an_outcome_on_or_after_day_14(repo, store, day):
    quiet = store.add_case(case(obs("ferritin", 38052, T0 - timedelta(days=1)), obs("weight", 70, T0 - timedelta(days=1)),
                                treatments=(anakinra(T0),)))  # day 0 on 03/10/2026, no stop criterion
    new = store.add_case(sparse_case())
    day14 = date(2026, 10, 17)
    on_day = day14 + timedelta(days=day - 14)
    before = repo.create_meeting(date(2026, 10, 16), "Dr Chair")  # day 13: too early to count
    repo.add_to_agenda(before, quiet)
    decide(repo, before, quiet)
    status_on(store, on_day, [quiet, new])
    meeting = repo.create_meeting(on_day, "Dr Chair")
    offered = repo.offered_cases(meeting)
    assert (offered[0].case_id, offered[0].reason, offered[0].overdue) == (quiet, AgendaReason.DAY14_REVIEW, day > 14)
    assert next(s for s in store.list_cases() if s.case_id == quiet).next_review == day14
    repo.add_to_agenda(meeting, quiet)
    decide(repo, meeting, quiet)  # dated on or after day 14
    status_on(store, on_day, [quiet])
    later = repo.create_meeting(on_day + timedelta(days=1), "Dr Chair")
    assert quiet not in {o.case_id for o in repo.offered_cases(later)}
    assert next(s for s in store.list_cases() if s.case_id == quiet).phase == "continuing"


def test_an_action_done_is_kept_beside_the_outcome_and_an_amended_action_is_outstanding_again(repo, store, cases):
    repeat, echo = Action("Repeat ferritin", "Ward team", date(2026, 10, 12)), Action("Echo", "Cardiology")
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr Chair", PEOPLE)
    repo.add_to_agenda(meeting_id, cases[0])
    outcome_id = decide(repo, meeting_id, cases[0], actions=(repeat, echo))
    sign(repo, store, outcome_id)
    repo.mark_action_done(outcome_id, repeat, date(2026, 10, 11), "Sr Ward", today=date(2026, 10, 12))
    record = repo.outcome(outcome_id)
    assert record.done_record(repeat).done_by == "Sr Ward" and record.outstanding_actions == (echo,)
    assert record.current.actions == (repeat, echo)  # the signed outcome is as decided
    assert [r.table_name for r in repo.audit_rows(case_id=cases[0])][-1] == "action_completions"

    for refused, args in (("in the future", (echo, date(2026, 10, 13), "Sr Ward")),
                          ("before the meeting", (echo, date(2026, 10, 9), "Sr Ward")),
                          ("required", (echo, date(2026, 10, 11), "  ")),
                          ("not one of this outcome's", (Action("Other", "X"), date(2026, 10, 11), "Sr Ward"))):
        with pytest.raises(StoreError, match=refused):
            repo.mark_action_done(outcome_id, *args, today=date(2026, 10, 12))

    later = replace(record.current, actions=(replace(repeat, text="Repeat ferritin and triglycerides"), echo))
    repo.amend(outcome_id, later, amended_by="Dr Amender", reason="add triglycerides")
    assert len(repo.outcome(outcome_id).outstanding_actions) == 2  # the changed action is a new one


def test_an_unsigned_outcome_with_an_action_done_can_still_be_withdrawn(repo, cases):
    action = Action("Repeat ferritin", "Ward team")
    meeting_id = repo.create_meeting(date(2026, 10, 10), "Dr Chair", PEOPLE)
    repo.add_to_agenda(meeting_id, cases[0])
    outcome_id = decide(repo, meeting_id, cases[0], actions=(action,))
    repo.mark_action_done(outcome_id, action, date(2026, 10, 10), "Sr Ward", today=date(2026, 10, 10))
    repo.delete_outcome(outcome_id)
    assert repo.outcomes_of_case(cases[0]) == []
