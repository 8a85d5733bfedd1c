"""Meetings and outcomes as plain JSON-ready dicts, and back.

A sign-off freezes the meeting (date, chair, attendees) as JSON beside the case file and
the evaluation, so a reprint years later needs nothing but the SignOff. The same dict
shapes serve `hlhdesk meetings show --json`. Dates are ISO 8601 (local clinical time).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from hlhdesk.core.meetings.meeting import (
    Action,
    AgendaItem,
    AgendaReason,
    Attendee,
    Decision,
    Meeting,
    Outcome,
    SignOff,
)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _datetime(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def meeting_to_dict(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting_id": meeting.meeting_id,
        "held_on": meeting.held_on.isoformat(),
        "chair": meeting.chair,
        "attendees": [{"name": a.name, "role": a.role} for a in meeting.attendees],
        "agenda": [
            {
                "case_id": item.case_id,
                "position": item.position,
                "reason": item.reason.value,
                "discussed": item.discussed,
            }
            for item in meeting.agenda
        ],
        "closed_at": _iso(meeting.closed_at),
    }


def meeting_from_dict(data: dict[str, Any]) -> Meeting:
    return Meeting(
        held_on=date.fromisoformat(data["held_on"]),
        chair=data["chair"],
        attendees=tuple(Attendee(a["name"], a["role"]) for a in data.get("attendees", ())),
        agenda=tuple(
            AgendaItem(
                case_id=int(i["case_id"]),
                position=int(i["position"]),
                reason=AgendaReason(i["reason"]),
                discussed=bool(i.get("discussed", False)),
            )
            for i in data.get("agenda", ())
        ),
        closed_at=_datetime(data.get("closed_at")),
        meeting_id=data.get("meeting_id"),
    )


def actions_to_list(actions: tuple[Action, ...]) -> list[dict[str, Any]]:
    return [{"text": a.text, "owner": a.owner, "due": _iso(a.due)} for a in actions]


def actions_from_list(items: list[dict[str, Any]]) -> tuple[Action, ...]:
    return tuple(Action(text=i["text"], owner=i["owner"], due=_date(i.get("due"))) for i in items)


def outcome_to_dict(outcome: Outcome) -> dict[str, Any]:
    return {
        "outcome_id": outcome.outcome_id,
        "case_id": outcome.case_id,
        "meeting_id": outcome.meeting_id,
        "decision": outcome.decision.value,
        "rationale": outcome.rationale,
        "dissent": outcome.dissent,
        "actions": actions_to_list(outcome.actions),
        "next_review": _iso(outcome.next_review),
        "prior_approval_ref": outcome.prior_approval_ref,
    }


def outcome_from_dict(data: dict[str, Any]) -> Outcome:
    return Outcome(
        case_id=int(data["case_id"]),
        meeting_id=int(data["meeting_id"]),
        decision=Decision(data["decision"]),
        rationale=data.get("rationale") or "",
        dissent=data.get("dissent") or "",
        actions=actions_from_list(data.get("actions") or []),
        next_review=_date(data.get("next_review")),
        prior_approval_ref=data.get("prior_approval_ref"),
        outcome_id=data.get("outcome_id"),
    )


def signoff_to_dict(signoff: SignOff) -> dict[str, Any]:
    """The sign-off with its frozen JSON texts kept as text (byte-exact for reprints)."""
    return {
        "outcome": outcome_to_dict(signoff.outcome),
        "signed_by": signoff.signed_by,
        "signed_at": signoff.signed_at.isoformat(),
        "policy": signoff.policy,
        "app_version": signoff.app_version,
        "case_json": signoff.case_json,
        "evaluation_json": signoff.evaluation_json,
        "meeting_json": signoff.meeting_json,
    }


def signoff_from_dict(data: dict[str, Any]) -> SignOff:
    return signoff_with_outcome(data, outcome_from_dict(data["outcome"]))


def signoff_with_outcome(data: dict[str, Any], outcome: Outcome) -> SignOff:
    """A SignOff from its fields (a dict, or a stored row) and the outcome it signs."""
    return SignOff(
        outcome=outcome,
        signed_by=data["signed_by"],
        signed_at=datetime.fromisoformat(data["signed_at"]),
        case_json=data["case_json"],
        evaluation_json=data["evaluation_json"],
        policy=data["policy"],
        app_version=data["app_version"],
        meeting_json=data.get("meeting_json") or "",
    )


def dumps_frozen(data: dict[str, Any]) -> str:
    """The one way a snapshot becomes text: sorted keys, so the same data always gives
    the same bytes."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1)
