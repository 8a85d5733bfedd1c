"""UK display conventions for every screen of the desk: dd/mm/yyyy, 24-hour times, lab
units as UK laboratories print them. Values may arrive as date/datetime objects or as
ISO strings (the store's summaries), so each formatter takes either."""

from __future__ import annotations

from datetime import date, datetime

from hlhdesk.core.evaluation import EligibilityStatus, Evidence
from hlhdesk.core.model import format_nhs_number
from hlhdesk.core.units import display_unit, format_number

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
QT_DATE_FORMAT = "dd/MM/yyyy"
QT_DATETIME_FORMAT = "dd/MM/yyyy HH:mm"


def as_datetime(value: date | datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        # The store keeps bookkeeping times in UTC; clinical times are local and naive.
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def uk_date(value: date | datetime | str | None) -> str:
    moment = as_datetime(value)
    return moment.strftime(DATE_FORMAT) if moment else ""


def uk_datetime(value: date | datetime | str | None) -> str:
    """Date and 24-hour time; a bare date (midnight from a date-only entry) shows no time."""
    moment = as_datetime(value)
    if moment is None:
        return ""
    if moment.hour == moment.minute == 0 and not isinstance(value, datetime):
        return moment.strftime(DATE_FORMAT)
    return moment.strftime(DATETIME_FORMAT)


def nhs(digits: str | None) -> str:
    return format_nhs_number(digits)


def quantity(value: float | bool | str | None, unit: str | None) -> str:
    """38,052 µg/L; Yes/No for findings; the choice's words for a choice."""
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return value.replace("_", " ")
    text = format_number(value)
    unit_text = display_unit(unit)
    return f"{text} {unit_text}" if unit_text else text


def evidence_line(item: Evidence) -> str:
    """One value a rule used: what, how much, unit, when, and how it was typed."""
    parts = [f"{item.label}: {quantity(item.value, item.unit)}"]
    if item.at is not None:
        parts.append(f"on {uk_datetime(item.at)}")
    line = " ".join(parts)
    if item.entered:
        line += f" (entered as {item.entered})"
    if item.note:
        line += f"; {item.note}"
    return line


def eligibility_text(status: str | EligibilityStatus | None) -> str:
    """The case list's status cell: a mark and words, never colour alone."""
    if not status:
        return "– Not evaluated"
    value = EligibilityStatus(status)
    return f"{ELIGIBILITY_MARKS[value]} {value.label}"


ELIGIBILITY_MARKS = {
    EligibilityStatus.ELIGIBLE: "✓",
    EligibilityStatus.NOT_ELIGIBLE: "✗",
    EligibilityStatus.INSUFFICIENT_DATA: "?",
}


_INPUT_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%d/%m/%y %H:%M", "%d/%m/%y")


def parse_uk_datetime(text: str) -> datetime:
    """What a UK user types or pastes (03/10/2026 08:00, 03/10/2026), or ISO 8601
    (2026-10-03T08:00, as exported by most systems). Never month-first."""
    text = text.strip()
    for pattern in _INPUT_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (use dd/mm/yyyy or dd/mm/yyyy hh:mm)") from None
