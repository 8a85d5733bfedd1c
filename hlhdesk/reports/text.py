"""Words and numbers as the reports print them. The wording itself is shared with the
screen (hlhdesk.core.wording); this adds what only paper needs: "not recorded" for an
empty date, short axis dates, and escaping for reportlab's mark-up."""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from hlhdesk.core import wording
from hlhdesk.core.model import Patient, format_nhs_number
from hlhdesk.core.wording import NOT_RECORDED, evidence_line, quantity

__all__ = ["NOT_RECORDED", "clip", "evidence_line", "nhs_number_text", "para_text", "quantity", "uk_date",
           "uk_datetime", "uk_short"]


def uk_date(value: date | datetime | None) -> str:
    return wording.uk_date(value) or NOT_RECORDED


def uk_datetime(value: datetime | None) -> str:
    return wording.uk_datetime(value) or NOT_RECORDED


def uk_short(value: datetime) -> str:
    """Axis labels: 03/10."""
    return value.strftime("%d/%m")


def nhs_number_text(patient: Patient) -> str:
    return format_nhs_number(patient.nhs_number) or NOT_RECORDED


def para_text(text: str) -> str:
    """Plain text made safe for a reportlab Paragraph (which reads XML-like mark-up)."""
    return escape(text).replace("\n", "<br/>")


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with "…" where text was left out: for
    the places with a fixed size (a checklist cell, a one-page letter). The full text is
    printed where it can run across pages."""
    text = " ".join(text.split()) if len(text) > limit else text
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"

