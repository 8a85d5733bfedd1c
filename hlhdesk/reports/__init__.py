"""PDF reports (reportlab only, no Qt): the MDT case summary, the meeting pack and the
outcome letter. Each renders a `hlhdesk.core` Evaluation as it is; nothing here
recomputes a criterion."""

from hlhdesk.reports.summary import case_summary

__all__ = ["case_summary"]
