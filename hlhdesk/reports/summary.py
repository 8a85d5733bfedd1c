"""The MDT case summary: the one-page proforma, then the evidence appendix.

Page 1 is what the chair reads; the appendix is the record of what page 1 rests on (every
value used, once, and every rule referring to it), with the full observation listing
when asked for. A signed-off outcome reprints from its frozen snapshot
(`case_summary_from_signoff`), never from the live database or a fresh evaluation.

Everything printed comes from the Case, the Evaluation and the pathway handed in; nothing
here recomputes a criterion.
"""

from __future__ import annotations

from collections.abc import Sequence

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.evaluation.pathway import Pathway
from hlhdesk.core.meetings.meeting import Amendment, Meeting, Outcome, SignOff
from hlhdesk.core.meetings.signoff import thaw_signoff
from hlhdesk.core.model import Case
from hlhdesk.reports.appendix import appendix_story
from hlhdesk.reports.outcome_text import current_outcome
from hlhdesk.reports.proforma import CaseSheet, EarlierDecision, proforma_story
from hlhdesk.reports.template import build_pdf

TITLE = "HLH MDT case summary"

__all__ = ["TITLE", "case_summary", "case_summary_from_signoff", "current_outcome", "sheet_story"]


def case_summary(
    case: Case,
    evaluation: Evaluation,
    *,
    outcome: Outcome | None = None,
    meeting: Meeting | None = None,
    signoff: SignOff | None = None,
    amendments: Sequence[Amendment] = (),
    pathway: Pathway | None = None,
    previous: EarlierDecision | None = None,
    observations: bool = True,
) -> bytes:
    """The case summary as PDF bytes: proforma, appendix, and (by default) every
    observation up to the as-of time."""
    sheet = CaseSheet(case, evaluation, pathway, outcome, signoff, tuple(amendments), meeting, previous)
    return build_pdf(sheet_story(sheet, evidence=True, observations=observations), title=TITLE)


def sheet_story(sheet: CaseSheet, *, evidence: bool, observations: bool = False) -> list:
    """One case's flowables: the proforma, and the appendix when `evidence`."""
    story = proforma_story(sheet, TITLE)
    if evidence:
        story += appendix_story(sheet.case, sheet.evaluation, meeting=sheet.meeting, signoff=sheet.signoff,
                                amendments=sheet.amendments, observations=observations)
    return story


def case_summary_from_signoff(signoff: SignOff, amendments: Sequence[Amendment] = ()) -> bytes:
    """The signed-off record, rebuilt from the texts the sign-off froze (case file,
    evaluation, meeting) alone: the same bytes years later."""
    case, evaluation, meeting = thaw_signoff(signoff)
    return case_summary(case, evaluation, outcome=signoff.outcome, meeting=meeting, signoff=signoff,
                        amendments=amendments)
