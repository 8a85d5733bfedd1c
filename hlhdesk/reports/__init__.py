"""PDF reports (reportlab only, no Qt): the MDT case summary, the meeting pack and the
outcome letter. Each renders a `hlhdesk.core` Evaluation as it is; nothing here
recomputes a criterion."""

from hlhdesk.reports.letter import outcome_letter
from hlhdesk.reports.pack import meeting_pack
from hlhdesk.reports.snapshot import case_summary_from_signoff
from hlhdesk.reports.summary import case_summary

__all__ = ["case_summary", "case_summary_from_signoff", "meeting_pack", "outcome_letter"]
