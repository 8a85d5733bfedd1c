"""UK display conventions for every screen of the desk: dd/mm/yyyy, 24-hour times, lab
units as UK laboratories print them. The dates, values and evidence wording live in
hlhdesk.core.wording (shared with the printed reports); this adds what only screens need."""

from __future__ import annotations

import re
from datetime import datetime

from hlhdesk.core.evaluation import EligibilityStatus
from hlhdesk.core.model import format_nhs_number

# The wording screens share with the printed reports, so a value reads the same on both.
from hlhdesk.core.wording import (  # noqa: F401  (re-exported for the GUI's modules)
    DATE_FORMAT, DATETIME_FORMAT, as_datetime, evidence_line, quantity, uk_date, uk_datetime,
)

QT_DATE_FORMAT = "dd/MM/yyyy"
QT_DATETIME_FORMAT = "dd/MM/yyyy HH:mm"


def nhs(digits: str | None) -> str:
    return format_nhs_number(digits)


def eligibility_text(status: str | EligibilityStatus | None) -> str:
    """The case list's status cell: a mark and words, never colour alone."""
    if not status:
        return "– Not evaluated"
    value = EligibilityStatus(status)
    return f"{ELIGIBILITY_MARKS[value]} {value.label}"


# Text colours dark enough for a washed-out projector; the mark and words carry the meaning.
ELIGIBILITY_COLOURS = {
    EligibilityStatus.ELIGIBLE: "#1b6e2a",
    EligibilityStatus.NOT_ELIGIBLE: "#b00020",
    EligibilityStatus.INSUFFICIENT_DATA: "#8a5300",
}

ELIGIBILITY_MARKS = {
    EligibilityStatus.ELIGIBLE: "✓",
    EligibilityStatus.NOT_ELIGIBLE: "✗",
    EligibilityStatus.INSUFFICIENT_DATA: "?",
}


_INPUT_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y")
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}/\d{1,2}/\d{2}(\s.*)?")


def parse_uk_datetime(text: str) -> datetime:
    """What a UK user types or pastes (03/10/2026 08:00, 03/10/2026), or ISO 8601
    (2026-10-03T08:00, as exported by most systems). Never month-first."""
    text = text.strip()
    for pattern in _INPUT_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            pass
    if _TWO_DIGIT_YEAR.fullmatch(text):
        # 03/10/69 could be 1969 or 2069: refused, as the lab import refuses it
        raise ValueError(f"'{text}': write the year in full (dd/mm/yyyy)")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (use dd/mm/yyyy or dd/mm/yyyy hh:mm)") from None
    if parsed.tzinfo is not None:
        # case times are local wall-clock times, as in the case file, which refuses zones too
        raise ValueError(f"'{text}' has a time zone: enter the local date and time without one")
    return parsed
