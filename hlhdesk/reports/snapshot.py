"""Reprinting a signed-off outcome from its frozen snapshot.

A sign-off keeps the case file, the evaluation and the meeting as JSON text. The summary
is rebuilt from those texts alone (never from the live database or a fresh evaluation),
so it prints the same bytes years later, whatever the case data or the code has become.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from hlhdesk.core.caseio import parse_case
from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.meeting import Amendment, Meeting, SignOff
from hlhdesk.core.meeting_json import meeting_from_dict
from hlhdesk.core.model import Case
from hlhdesk.reports.summary import case_summary


def thaw(signoff: SignOff) -> tuple[Case, Evaluation, Meeting | None]:
    """The case, evaluation and meeting exactly as the sign-off froze them."""
    from hlhdesk.core.evaluation_json import evaluation_from_dict  # lands with the policy engine

    case = parse_case(signoff.case_json)
    evaluation = evaluation_from_dict(json.loads(signoff.evaluation_json))
    meeting_data = json.loads(signoff.meeting_json) if signoff.meeting_json else {}
    meeting = meeting_from_dict(meeting_data) if meeting_data else None
    return case, evaluation, meeting


def case_summary_from_signoff(signoff: SignOff, amendments: Sequence[Amendment] = ()) -> bytes:
    case, evaluation, meeting = thaw(signoff)
    return case_summary(case, evaluation, outcome=signoff.outcome, meeting=meeting, signoff=signoff,
                        amendments=amendments)
