"""MDT meetings in the store: agenda, outcomes, closing, sign-off and amendments.

Part of the `Store` (mixed in; the same connection, so a case write and a meeting write
can share one transaction). Every write is one transaction with its audit rows (the audit
triggers are generated in schema.py).

What makes the record trustworthy:
- A signed-off outcome cannot change: the API refuses with `SignedOffError`, and SQL
  triggers refuse UPDATE and DELETE even from raw SQL. A later change is an `Amendment`
  that keeps the original and says who changed what and why.
- A sign-off freezes the case file, the evaluation, the meeting, the policy version and
  the app version as JSON text, so the summary can be printed again, identical.
- A closed meeting's agenda does not change; its undiscussed cases roll over.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from hlhdesk.core.evaluation.pathway import Phase
from hlhdesk.core.meetings.agenda import Offer, ReviewState, offers
from hlhdesk.core.meetings.meeting import (  # MeetingSummary, OutcomeRecord: re-exported for callers
    Action,
    ActionDone,
    AgendaItem,
    AgendaReason,
    Amendment,
    Attendee,
    Decision,
    Meeting,
    MeetingSummary,
    Outcome,
    OutcomeRecord,
    SignOff,
)
from hlhdesk.core.meetings.meeting_json import actions_from_list, actions_to_list, signoff_with_outcome
from hlhdesk.store.errors import StoreError


class MeetingNotFoundError(StoreError):
    """No meeting, outcome or sign-off with that id."""


class MeetingClosedError(StoreError):
    """The meeting is closed: its agenda and new outcomes are fixed."""


class SignedOffError(StoreError):
    """The outcome is signed off: it changes only by an amendment with a reason."""


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _require_text(value: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise StoreError(f"{what} is required")
    return text


class MeetingTables:
    """The Store's meetings, agendas, outcomes, sign-offs and amendments (mixed into
    `hlhdesk.store.Store`, whose transactions and row writers it uses: every write is one
    transaction, a savepoint inside a caller's, and a refusal by the database becomes a
    StoreError that names the operation)."""

    def _write(self, operation: str):
        return self.transaction(operation)

    def _one(self, sql: str, params: Sequence = ()) -> dict | None:
        rows = list(self.db.query(sql, params))
        return rows[0] if rows else None

    # ---- meetings ---------------------------------------------------------------

    def create_meeting(self, held_on: date, chair: str, attendees: Sequence[Attendee] = ()) -> int:
        chair = _require_text(chair, "the chair's name")
        with self._write("saving the meeting"):
            meeting_id = self._insert("meetings", {"held_on": held_on.isoformat(), "chair": chair})
            self._write_attendees(meeting_id, attendees, chair)
        return meeting_id

    def update_meeting(
        self, meeting_id: int, *, held_on: date, chair: str, attendees: Sequence[Attendee]
    ) -> None:
        chair = _require_text(chair, "the chair's name")
        self._open_meeting(meeting_id)
        with self._write("saving the meeting details"):
            self.db.execute(
                "UPDATE meetings SET held_on = ?, chair = ? WHERE id = ?",
                [held_on.isoformat(), chair, meeting_id],
            )
            self.db.execute("DELETE FROM meeting_attendees WHERE meeting_id = ?", [meeting_id])
            self._write_attendees(meeting_id, attendees, chair)

    def _write_attendees(self, meeting_id: int, attendees: Sequence[Attendee], chair: str) -> None:
        """The attendees in order; the chair is always among them (first, if not listed)."""
        if all(person.name.strip() != chair for person in attendees):
            attendees = (Attendee(chair, "Chair"), *attendees)
        for position, person in enumerate(attendees, start=1):
            name = _require_text(person.name, "an attendee's name")
            self._insert("meeting_attendees", {"meeting_id": meeting_id, "position": position, "name": name, "role": person.role.strip()}
            )

    def load_meeting(self, meeting_id: int) -> Meeting:
        row = self._one("SELECT * FROM meetings WHERE id = ?", [meeting_id])
        if row is None:
            raise MeetingNotFoundError(f"there is no meeting {meeting_id}")
        attendees = tuple(
            Attendee(r["name"], r["role"])
            for r in self.db.query(
                "SELECT name, role FROM meeting_attendees WHERE meeting_id = ? ORDER BY position, id",
                [meeting_id],
            )
        )
        agenda = tuple(
            AgendaItem(r["case_id"], r["position"], AgendaReason(r["reason"]), bool(r["discussed"]), r["id"])
            for r in self.db.query(
                "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", [meeting_id]
            )
        )
        return Meeting(
            held_on=date.fromisoformat(row["held_on"]),
            chair=row["chair"],
            attendees=attendees,
            agenda=agenda,
            closed_at=datetime.fromisoformat(row["closed_at"]) if row["closed_at"] else None,
            meeting_id=meeting_id,
        )

    def list_meetings(self) -> list[MeetingSummary]:
        """Newest first, with counts, in one query."""
        rows = self.db.query(
            """
            SELECT m.id, m.held_on, m.chair, m.closed_at,
                (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS agenda_count,
                (SELECT count(*) FROM outcomes o WHERE o.meeting_id = m.id) AS outcome_count,
                (SELECT count(*) FROM outcomes o JOIN signoffs s ON s.outcome_id = o.id
                    WHERE o.meeting_id = m.id) AS signed_count
            FROM meetings m ORDER BY m.held_on DESC, m.id DESC
            """
        )
        return [
            MeetingSummary(
                r["id"],
                date.fromisoformat(r["held_on"]),
                r["chair"],
                datetime.fromisoformat(r["closed_at"]) if r["closed_at"] else None,
                r["agenda_count"],
                r["outcome_count"],
                r["signed_count"],
            )
            for r in rows
        ]

    def _open_meeting(self, meeting_id: int) -> Meeting:
        meeting = self.load_meeting(meeting_id)
        if meeting.is_closed:
            raise MeetingClosedError(
                f"the meeting of {meeting.held_on:%d/%m/%Y} is closed: its agenda can no longer change"
            )
        return meeting

    # ---- agenda -----------------------------------------------------------------

    def add_to_agenda(self, meeting_id: int, case_id: int, reason: AgendaReason = AgendaReason.FLAGGED) -> int:
        meeting = self._open_meeting(meeting_id)
        self.load_case(case_id)  # CaseNotFoundError with a clear message
        if any(item.case_id == case_id for item in meeting.agenda):
            raise StoreError(f"case {case_id} is already on this meeting's agenda")
        with self._write("adding the case to the agenda"):
            return self._append_item(meeting_id, case_id, reason)

    def _append_item(self, meeting_id: int, case_id: int, reason: AgendaReason) -> int:
        position = self._one(
            "SELECT coalesce(max(position), 0) + 1 AS next FROM agenda_items WHERE meeting_id = ?", [meeting_id]
        )["next"]
        return self.db["agenda_items"].insert(
            {"meeting_id": meeting_id, "case_id": case_id, "position": position, "reason": reason.value})

    def remove_from_agenda(self, meeting_id: int, case_id: int) -> None:
        meeting = self._open_meeting(meeting_id)
        if self.outcome_id_for(meeting_id, case_id) is not None:
            raise StoreError(f"case {case_id} has an outcome recorded at this meeting: it stays on the agenda")
        remaining = [item.case_id for item in meeting.agenda if item.case_id != case_id]
        with self._write("removing the case from the agenda"):
            self.db.execute("DELETE FROM agenda_items WHERE meeting_id = ? AND case_id = ?", [meeting_id, case_id])
            self._renumber(meeting_id, remaining)

    def reorder_agenda(self, meeting_id: int, case_ids: Sequence[int]) -> None:
        """Set the agenda order; `case_ids` must be exactly the cases on the agenda."""
        meeting = self._open_meeting(meeting_id)
        if sorted(case_ids) != sorted(item.case_id for item in meeting.agenda):
            raise StoreError("the new order must list every case on the agenda exactly once")
        with self._write("reordering the agenda"):
            self._renumber(meeting_id, case_ids)

    def move_on_agenda(self, meeting_id: int, case_id: int, steps: int) -> None:
        """Move one case up (negative) or down (positive) the agenda, clamped at the ends."""
        order = [item.case_id for item in self.load_meeting(meeting_id).agenda]
        here = order.index(case_id)
        order.insert(max(0, min(len(order) - 1, here + steps)), order.pop(here))
        self.reorder_agenda(meeting_id, order)

    def _renumber(self, meeting_id: int, case_ids: Sequence[int]) -> None:
        for position, case_id in enumerate(case_ids, start=1):
            self.db.execute(
                "UPDATE agenda_items SET position = ? WHERE meeting_id = ? AND case_id = ? AND position IS NOT ?",
                [position, meeting_id, case_id, position],
            )

    def flag_case(self, case_id: int, note: str = "", at: datetime | None = None) -> int:
        """Ask for a case to be discussed at the next meeting (until an outcome is recorded)."""
        self.load_case(case_id)
        with self._write("flagging the case"):
            return self._insert("review_flags", {"case_id": case_id, "note": note.strip(), "flagged_at": _iso(at or _now())})

    def review_states(self) -> list[ReviewState]:
        """One ReviewState per case, from four queries whatever the number of cases. The
        phase, day 0, review due and flags are the pathway's, as the status cache holds
        them (a case never evaluated has none)."""
        seen: dict[int, list[date]] = {}
        latest: dict[int, Decision] = {}
        for r in self.db.query(
            """
            SELECT o.case_id, m.held_on, coalesce(a.decision, o.decision) AS decision
            FROM outcomes o JOIN meetings m ON m.id = o.meeting_id
            LEFT JOIN signoffs s ON s.outcome_id = o.id
            LEFT JOIN amendments a ON a.id = (SELECT max(id) FROM amendments WHERE signoff_id = s.id)
            ORDER BY m.held_on, o.id
            """
        ):
            seen.setdefault(r["case_id"], []).append(date.fromisoformat(r["held_on"]))
            latest[r["case_id"]] = Decision(r["decision"])
        flagged = {r["case_id"] for r in self.db.query("SELECT case_id FROM review_flags WHERE cleared_at IS NULL")}
        rolled = {
            r["case_id"]
            for r in self.db.query(
                """
                SELECT a.case_id, a.discussed, m.closed_at,
                    row_number() OVER (PARTITION BY a.case_id ORDER BY m.held_on DESC, m.id DESC) AS recency
                FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
                """
            )
            if r["recency"] == 1 and r["closed_at"] and not r["discussed"]
        }
        states = []
        for r in self.db.query(
            "SELECT c.id, s.phase, s.day0, s.next_review, s.flags FROM cases c "
            "LEFT JOIN case_status s ON s.case_id = c.id ORDER BY c.id"
        ):
            case_id = r["id"]
            states.append(
                ReviewState(
                    case_id=case_id,
                    day0=_date_of(r["day0"]),
                    phase=_phase_of(r["phase"]),
                    review_due=_date_of(r["next_review"]),
                    flags=tuple(json.loads(r["flags"])) if r["flags"] else (),
                    outcome_dates=tuple(seen.get(case_id, ())),
                    last_decision=latest.get(case_id),
                    flagged=case_id in flagged,
                    rolled_over=case_id in rolled,
                )
            )
        return states

    def offered_cases(self, meeting_id: int) -> list[Offer]:
        """The cases this meeting should consider adding, most pressing first. Cases on
        this agenda, or waiting undiscussed on another open meeting's, are not offered."""
        meeting = self.load_meeting(meeting_id)
        waiting = {
            r["case_id"]
            for r in self.db.query(
                """
                SELECT a.case_id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
                WHERE m.closed_at IS NULL AND (a.meeting_id = ? OR a.discussed = 0)
                """,
                [meeting_id],
            )
        }
        return offers(self.review_states(), meeting.held_on, exclude=waiting)

    def add_offered(self, meeting_id: int, chosen: Sequence[Offer]) -> None:
        """Put offered cases on the agenda, in the order given, in one transaction."""
        self._open_meeting(meeting_id)
        with self._write("adding the cases to the agenda"):
            for offer in chosen:
                self._append_item(meeting_id, offer.case_id, offer.reason)

    # ---- outcomes -----------------------------------------------------------------

    def outcome_id_for(self, meeting_id: int, case_id: int) -> int | None:
        row = self._one("SELECT id FROM outcomes WHERE meeting_id = ? AND case_id = ?", [meeting_id, case_id])
        return row["id"] if row else None

    def record_outcome(self, outcome: Outcome, at: datetime | None = None) -> int:
        """Save the MDT's decision on a case on this meeting's agenda (a second save
        replaces an unsigned outcome). Marks the case discussed and clears its flags."""
        meeting = self.load_meeting(outcome.meeting_id)
        if not any(item.case_id == outcome.case_id for item in meeting.agenda):
            raise StoreError(f"case {outcome.case_id} is not on the agenda of this meeting")
        existing = self.outcome_id_for(outcome.meeting_id, outcome.case_id)
        if existing is None and meeting.is_closed:
            raise MeetingClosedError(
                f"the meeting of {meeting.held_on:%d/%m/%Y} is closed: record the outcome at a later meeting"
            )
        if existing is not None:
            self._refuse_if_signed(existing)
        when = _iso(at or _now())
        columns = _outcome_columns(outcome)
        with self._write("saving the outcome"):
            if existing is None:
                outcome_id = self._insert("outcomes", {"meeting_id": outcome.meeting_id, "case_id": outcome.case_id, **columns, "recorded_at": when})
            else:
                outcome_id = existing
                self._update("outcomes", outcome_id, {**columns, "recorded_at": when})
            self.db.execute(
                "UPDATE agenda_items SET discussed = 1 WHERE meeting_id = ? AND case_id = ? AND discussed = 0",
                [outcome.meeting_id, outcome.case_id],
            )
            self.db.execute(
                "UPDATE review_flags SET cleared_at = ? WHERE case_id = ? AND cleared_at IS NULL",
                [when, outcome.case_id],
            )
            self.mark_status_stale(outcome.case_id)
        return outcome_id

    def delete_outcome(self, outcome_id: int) -> None:
        """Withdraw an unsigned outcome (recorded in error); the case is undiscussed again."""
        original = self.outcome(outcome_id).original
        self._refuse_if_signed(outcome_id)
        with self._write("withdrawing the outcome"):
            self.db.execute("DELETE FROM action_completions WHERE outcome_id = ?", [outcome_id])
            self.db.execute("DELETE FROM outcomes WHERE id = ?", [outcome_id])
            self.db.execute(
                "UPDATE agenda_items SET discussed = 0 WHERE meeting_id = ? AND case_id = ?",
                [original.meeting_id, original.case_id],
            )
            self.mark_status_stale(original.case_id)

    # ---- actions done -----------------------------------------------------------

    def mark_action_done(self, outcome_id: int, action: Action, done_on: date, done_by: str,
                         today: date | None = None) -> int:
        """Record one of the outcome's current actions as done (on a day from the meeting's
        to today, by a named person); the outcome itself, signed or not, is unchanged."""
        record = self.outcome(outcome_id)
        if action not in record.current.actions:
            raise StoreError("that action is not one of this outcome's (was the outcome amended?)")
        if record.done_record(action) is not None:
            raise StoreError(f"'{action.text}' is already recorded as done")
        who = _require_text(done_by, "who did it")
        if record.held_on is not None and done_on < record.held_on:
            raise StoreError(f"{done_on:%d/%m/%Y} is before the meeting of {record.held_on:%d/%m/%Y} that set the action")
        if done_on > (today or date.today()):
            raise StoreError(f"{done_on:%d/%m/%Y} is in the future: record an action once it is done")
        with self._write("recording the action as done"):
            completion_id = self._insert("action_completions", {
                "outcome_id": outcome_id, "action": _action_json(action), "done_on": done_on.isoformat(),
                "done_by": who})
            self.mark_status_stale(record.original.case_id)
        return completion_id

    def unmark_action_done(self, outcome_id: int, action: Action) -> None:
        """Take back an action recorded as done in error (the audit keeps both)."""
        record = self.outcome(outcome_id)
        if record.done_record(action) is None:
            raise StoreError(f"'{action.text}' is not recorded as done")
        with self._write("taking back the action done"):
            self.db.execute("DELETE FROM action_completions WHERE outcome_id = ? AND action = ?",
                            [outcome_id, _action_json(action)])
            self.mark_status_stale(record.original.case_id)

    def _actions_done(self, outcome_id: int) -> tuple[ActionDone, ...]:
        return tuple(
            ActionDone(action=actions_from_list([json.loads(r["action"])])[0],
                       done_on=date.fromisoformat(r["done_on"]), done_by=r["done_by"],
                       recorded_at=datetime.fromisoformat(r["recorded_at"].replace("Z", "+00:00")),
                       completion_id=r["id"])
            for r in self.db.query("SELECT * FROM action_completions WHERE outcome_id = ? ORDER BY id", [outcome_id])
        )

    def _refuse_if_signed(self, outcome_id: int) -> None:
        row = self._one("SELECT signed_by, signed_at FROM signoffs WHERE outcome_id = ?", [outcome_id])
        if row is not None:
            signed_at = datetime.fromisoformat(row["signed_at"])
            raise SignedOffError(
                f"this outcome was signed off by {row['signed_by']} on {signed_at:%d/%m/%Y %H:%M}: "
                "it cannot be edited; record an amendment with a reason instead"
            )

    def outcome(self, outcome_id: int) -> OutcomeRecord:
        row = self._one(
            "SELECT o.*, m.held_on AS meeting_held_on FROM outcomes o JOIN meetings m ON m.id = o.meeting_id "
            "WHERE o.id = ?",
            [outcome_id],
        )
        if row is None:
            raise MeetingNotFoundError(f"there is no outcome {outcome_id}")
        original = _outcome_from_row(row, row["case_id"], row["meeting_id"], outcome_id)
        signoff_row = self._one("SELECT * FROM signoffs WHERE outcome_id = ?", [outcome_id])
        if signoff_row:
            # What was signed is what the sign-off froze, not what the outcomes row says
            # now (hlhdesk verify reports any difference between the two).
            original = self._frozen_outcome(signoff_row["id"], original)
        signoff = signoff_with_outcome(signoff_row, original) if signoff_row else None
        amendments = ()
        if signoff_row:
            amendments = tuple(
                Amendment(
                    signoff_id=a["signoff_id"],
                    amended_by=a["amended_by"],
                    amended_at=datetime.fromisoformat(a["amended_at"]),
                    reason=a["reason"],
                    outcome=_outcome_from_row(a, original.case_id, original.meeting_id, outcome_id),
                    amendment_id=a["id"],
                )
                for a in self.db.query("SELECT * FROM amendments WHERE signoff_id = ? ORDER BY id", [signoff_row["id"]])
            )
        return OutcomeRecord(
            original=original,
            recorded_at=datetime.fromisoformat(row["recorded_at"]),
            signoff_id=signoff_row["id"] if signoff_row else None,
            signoff=signoff,
            amendments=amendments,
            held_on=date.fromisoformat(row["meeting_held_on"]),
            done=self._actions_done(outcome_id),
        )

    def _frozen_outcome(self, signoff_id: int, stored: Outcome) -> Outcome:
        seal = self._one("SELECT outcome_json FROM signoff_seals WHERE id = ?", [signoff_id])
        if seal is None:
            return stored
        return _outcome_from_row(json.loads(seal["outcome_json"]), stored.case_id, stored.meeting_id,
                                 stored.outcome_id)

    def outcomes_of_meeting(self, meeting_id: int) -> dict[int, OutcomeRecord]:
        """case_id -> its outcome record at this meeting."""
        return {
            r["case_id"]: self.outcome(r["id"])
            for r in self.db.query("SELECT id, case_id FROM outcomes WHERE meeting_id = ?", [meeting_id])
        }

    def outcomes_of_case(self, case_id: int) -> list[OutcomeRecord]:
        """Every outcome for the case, oldest meeting first."""
        return [
            self.outcome(r["id"])
            for r in self.db.query(
                "SELECT o.id FROM outcomes o JOIN meetings m ON m.id = o.meeting_id "
                "WHERE o.case_id = ? ORDER BY m.held_on, o.id",
                [case_id],
            )
        ]

    # ---- closing --------------------------------------------------------------------

    def close_meeting(
        self, meeting_id: int, *, next_meeting_on: date | None = None, at: datetime | None = None
    ) -> int | None:
        """Close the meeting. Undiscussed cases roll over (ROLLED_OVER) to the next open
        meeting after this one; with none, to a new meeting on `next_meeting_on` (same
        chair) if given; otherwise they wait and are offered to the next meeting made.
        Returns the id of the meeting they went to, if any."""
        meeting = self._open_meeting(meeting_id)
        undiscussed = [item.case_id for item in meeting.agenda if not item.discussed]
        if next_meeting_on is not None and next_meeting_on <= meeting.held_on:
            raise StoreError("the next meeting must be after this one")
        with self._write("closing the meeting"):
            self.db.execute("UPDATE meetings SET closed_at = ? WHERE id = ?", [_iso(at or _now()), meeting_id])
            if not undiscussed:
                return None
            target = self._one(
                "SELECT id FROM meetings WHERE closed_at IS NULL AND held_on > ? ORDER BY held_on, id LIMIT 1",
                [meeting.held_on.isoformat()],
            )
            if target is not None:
                next_id = target["id"]
            elif next_meeting_on is not None:
                next_id = self._insert("meetings", {"held_on": next_meeting_on.isoformat(), "chair": meeting.chair})
            else:
                return None
            already = {r["case_id"] for r in self.db.query("SELECT case_id FROM agenda_items WHERE meeting_id = ?", [next_id])}
            for case_id in undiscussed:
                if case_id not in already:
                    self._append_item(next_id, case_id, AgendaReason.ROLLED_OVER)
        return next_id

    # ---- sign-off and amendments ------------------------------------------------------

    def sign_off(self, signoff: SignOff) -> int:
        """Store a sign-off made by `hlhdesk.core.meetings.signoff.make_signoff` (which freezes the
        case, evaluation and meeting). The outcome must be the one stored, unchanged."""
        outcome_id = signoff.outcome.outcome_id
        if outcome_id is None:
            raise StoreError("save the outcome before signing it off")
        stored = self.outcome(outcome_id)
        self._refuse_if_signed(outcome_id)
        if stored.original != signoff.outcome:
            raise StoreError("the outcome changed since it was saved: save it again, then sign off")
        _require_text(signoff.signed_by, "the name of who signs off")
        with self._write("signing off the outcome"):
            return self._insert("signoffs", {
                    "outcome_id": outcome_id,
                    "signed_by": signoff.signed_by.strip(),
                    "signed_at": _iso(signoff.signed_at),
                    "case_json": signoff.case_json,
                    "evaluation_json": signoff.evaluation_json,
                    "policy": signoff.policy,
                    "app_version": signoff.app_version,
                    "meeting_json": signoff.meeting_json or "{}",
                })

    def amend(
        self, outcome_id: int, amended: Outcome, *, amended_by: str, reason: str, at: datetime | None = None
    ) -> int:
        """Record a change to a signed-off outcome. The original and the sign-off stay."""
        record = self.outcome(outcome_id)
        if record.signoff_id is None:
            raise StoreError("this outcome is not signed off: edit it directly")
        reason = _require_text(reason, "a reason for the amendment")
        amended_by = _require_text(amended_by, "the name of who amends")
        if (amended.case_id, amended.meeting_id) != (record.original.case_id, record.original.meeting_id):
            raise StoreError("an amendment changes the decision, not which case or meeting it belongs to")
        if amended == record.current:
            raise StoreError("the amendment changes nothing")
        with self._write("saving the amendment"):
            self.mark_status_stale(record.original.case_id)
            return self._insert("amendments", {
                    "signoff_id": record.signoff_id,
                    "amended_by": amended_by,
                    "amended_at": _iso(at or _now()),
                    "reason": reason,
                    **_outcome_columns(amended),
                })


def _date_of(text: str | None) -> date | None:
    """A cached date or date-time as the date it falls on."""
    return date.fromisoformat(text[:10]) if text else None


def _phase_of(text: str | None) -> Phase | None:
    try:
        return Phase(text) if text else None
    except ValueError:  # a phase a newer version wrote: read as not yet evaluated
        return None


def _outcome_columns(outcome: Outcome) -> dict:
    return {
        "decision": Decision(outcome.decision).value,
        "rationale": outcome.rationale.strip(),
        "dissent": outcome.dissent.strip(),
        "actions": json.dumps(actions_to_list(outcome.actions)),
        "next_review": _iso(outcome.next_review),
        "prior_approval_ref": (outcome.prior_approval_ref or "").strip() or None,
    }


def _outcome_from_row(row: dict, case_id: int, meeting_id: int, outcome_id: int) -> Outcome:
    return Outcome(
        case_id=case_id,
        meeting_id=meeting_id,
        decision=Decision(row["decision"]),
        rationale=row["rationale"],
        dissent=row["dissent"],
        actions=actions_from_list(json.loads(row["actions"])),
        next_review=date.fromisoformat(row["next_review"]) if row["next_review"] else None,
        prior_approval_ref=row["prior_approval_ref"],
        outcome_id=outcome_id,
    )


def _action_json(action: Action) -> str:
    """The action as stored beside its outcome: one canonical text, so it matches itself."""
    return json.dumps(actions_to_list((action,))[0], sort_keys=True, ensure_ascii=False)
