"""PDF reports (reportlab only, no Qt): the one-page proforma and its evidence appendix,
the meeting pack and the outcome letter. Each renders a `hlhdesk.core` Evaluation (and
its pathway) as it is; nothing here recomputes a criterion."""

from hlhdesk.reports.letter import outcome_letter
from hlhdesk.reports.pack import meeting_pack
from hlhdesk.reports.proforma import CaseSheet, EarlierDecision
from hlhdesk.reports.summary import case_summary, case_summary_from_signoff

__all__ = ["CaseSheet", "EarlierDecision", "case_summary", "case_summary_from_signoff", "meeting_pack",
           "outcome_letter"]
