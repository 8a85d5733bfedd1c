"""Reprinting a signed-off outcome from its frozen snapshot.

A sign-off keeps the case file, the evaluation and the meeting as JSON text. The summary
is rebuilt from those texts alone (`hlhdesk.core.meetings.signoff.thaw_signoff`), never from the
live database or a fresh evaluation, so it prints the same bytes years later, whatever
the case data or the code has become.
"""

from __future__ import annotations

from collections.abc import Sequence

from hlhdesk.core.meetings.meeting import Amendment, SignOff
from hlhdesk.core.meetings.signoff import thaw_signoff
from hlhdesk.reports.summary import case_summary


def case_summary_from_signoff(signoff: SignOff, amendments: Sequence[Amendment] = ()) -> bytes:
    case, evaluation, meeting = thaw_signoff(signoff)
    return case_summary(case, evaluation, outcome=signoff.outcome, meeting=meeting, signoff=signoff,
                        amendments=amendments)
