"""PDF reports (reportlab only, no Qt): the one-page proforma and its evidence appendix,
the meeting pack and the outcome letter. Each renders a `hlhdesk.core` Evaluation (and
its pathway) as it is; nothing here recomputes a criterion."""

# Before reportlab.graphics.shapes is first imported (it reads this once): checking every
# attribute assignment of every chart shape doubled the time a pack takes; the charts build
# their shapes from typed values, so the check finds nothing.
from reportlab import rl_config

rl_config.shapeChecking = 0

# ruff: noqa: E402

from hlhdesk.reports.letter import outcome_letter
from hlhdesk.reports.pack import meeting_pack
from hlhdesk.reports.proforma import CaseSheet, EarlierDecision
from hlhdesk.reports.summary import case_summary, case_summary_from_signoff

__all__ = ["CaseSheet", "EarlierDecision", "case_summary", "case_summary_from_signoff", "meeting_pack",
           "outcome_letter"]
