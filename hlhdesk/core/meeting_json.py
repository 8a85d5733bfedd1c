"""A meeting as JSON: the frozen copy a sign-off keeps (`SignOff.meeting_json`).

The printed summary of a signed-off outcome is rebuilt from frozen copies only (the case
file, the evaluation, and this), so it reads the same years later whatever the
database holds by then. `meeting_from_dict(meeting_to_dict(m)) == m`.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from hlhdesk.core.meeting import AgendaItem, AgendaReason, Attendee, Meeting


def meeting_to_dict(meeting: Meeting) -> dict:
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
        "closed_at": meeting.closed_at.isoformat() if meeting.closed_at else None,
    }


def meeting_from_dict(data: dict) -> Meeting:
    closed_at = data.get("closed_at")
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
        closed_at=datetime.fromisoformat(closed_at) if closed_at else None,
        meeting_id=data.get("meeting_id"),
    )


def dumps_meeting(meeting: Meeting) -> str:
    return json.dumps(meeting_to_dict(meeting), ensure_ascii=False, sort_keys=True)


def loads_meeting(text: str) -> Meeting:
    return meeting_from_dict(json.loads(text))
