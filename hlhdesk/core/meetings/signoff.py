"""Freezing an MDT decision at sign-off, and thawing it for a reprint.

`make_signoff` turns what the chair saw (the case, its evaluation, the meeting) into
JSON text inside a `SignOff`. `thaw_signoff` rebuilds them from that text alone, so the
printed summary of a signed-off decision is the same years later, whatever the case data
or the code has become since.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from hlhdesk import __version__
from hlhdesk.core.casefile.caseio import dumps_case, parse_case
from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.evaluation.json_form import evaluation_from_dict, evaluation_to_dict
from hlhdesk.core.meetings.meeting import Meeting, Outcome, SignOff
from hlhdesk.core.meetings.meeting_json import dumps_frozen, meeting_from_dict, meeting_to_dict
from hlhdesk.core.model import Case


def make_signoff(
    outcome: Outcome,
    case: Case,
    evaluation: Evaluation,
    meeting: Meeting,
    *,
    signed_by: str,
    signed_at: datetime,
) -> SignOff:
    """The sign-off of `outcome`, freezing the case, the evaluation and the meeting.

    The meeting is frozen without its agenda: the record is of who decided, when; other
    cases on the same agenda are not part of this patient's record.
    """
    return SignOff(
        outcome=outcome,
        signed_by=signed_by.strip(),
        signed_at=signed_at.replace(microsecond=0),
        case_json=dumps_case(case),
        evaluation_json=dumps_frozen(evaluation_to_dict(evaluation)),
        policy=evaluation.policy,
        app_version=__version__,
        meeting_json=dumps_frozen(meeting_to_dict(replace(meeting, agenda=()))),
    )


def thaw_signoff(signoff: SignOff) -> tuple[Case, Evaluation, Meeting | None]:
    """The case, evaluation and meeting exactly as they were signed off."""
    case = parse_case(signoff.case_json)
    evaluation = evaluation_from_dict(json.loads(signoff.evaluation_json))
    meeting_data = json.loads(signoff.meeting_json) if signoff.meeting_json else {}
    meeting = meeting_from_dict(meeting_data) if meeting_data else None
    return case, evaluation, meeting
