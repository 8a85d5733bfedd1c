"""Words and numbers as the desk shows them, on screen and on paper alike: dd/mm/yyyy,
24-hour times, units as UK laboratories print them (µg/L, x10⁹/L), and one wording for a
value a rule used. The GUI (gui/formatting.py) and the PDF reports (reports/text.py)
both say things through here, so a value never reads differently in two places.

Values may arrive as date/datetime objects or as ISO strings (the store's summaries), so
each formatter takes either.
"""

from __future__ import annotations

from datetime import date, datetime

from hlhdesk.core.evaluation import Evidence
from hlhdesk.core.model import age_in_months
from hlhdesk.core.units import DISPLAY_UNITS, display_unit, format_number

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
NOT_RECORDED = "not recorded"


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
    """Date and 24-hour time. Midnight shows the date alone: a date entered without a
    time is read as 00:00, and printing "00:00" would claim a time nobody recorded."""
    moment = as_datetime(value)
    if moment is None:
        return ""
    if moment.hour == moment.minute == 0:
        return moment.strftime(DATE_FORMAT)
    return moment.strftime(DATETIME_FORMAT)


def quantity(value: float | bool | str | None, unit: str | None = None) -> str:
    """38,052 µg/L; Yes/No for findings; the choice's words for a choice."""
    if value is None:
        return NOT_RECORDED
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return value.replace("_", " ")
    text = format_number(value)
    unit_text = display_unit(unit)
    return f"{text} {unit_text}" if unit_text else text


def unit_words(text: str) -> str:
    """ASCII unit spellings inside free text (an entered value, "39.6 degF") shown as
    UK laboratories print them ("39.6 °F")."""
    for ascii_unit in sorted(DISPLAY_UNITS, key=len, reverse=True):
        text = text.replace(ascii_unit, DISPLAY_UNITS[ascii_unit])
    return text


def evidence_line(item: Evidence) -> str:
    """One value a rule used: what, how much, unit, when, and how it was typed."""
    parts = [f"{item.label}: {quantity(item.value, item.unit)}"]
    if item.at is not None:
        parts.append(f"on {uk_datetime(item.at)}")
    line = " ".join(parts)
    if item.entered:
        line += f" (entered as {unit_words(item.entered)})"
    if item.note:
        line += f"; {item.note}"
    return line


def plural(count: int, word: str) -> str:
    """"1 month", "11 months"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def age_words(date_of_birth: date | None, on: date | datetime) -> str:
    """Age as a paediatrician says it, the same on screen, on paper and in the letter:
    days in the first month, whole months under 2 years ("11 months", never "0 years"),
    whole years after."""
    if date_of_birth is None:
        return NOT_RECORDED
    day = on.date() if isinstance(on, datetime) else on
    if day < date_of_birth:
        return "not yet born"
    months = age_in_months(date_of_birth, day)
    if months < 1:
        return plural((day - date_of_birth).days, "day")
    if months < 24:
        return plural(months, "month")
    return plural(months // 12, "year")
