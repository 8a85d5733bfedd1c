"""Dates and times as a UK user types them into a form: "3/12 08:00", "03/12/2026 8am",
"today 08:00", "yesterday", "3 Dec 2026 14:30", or ISO 8601 ("2026-12-03T08:00").

Always day first. Anything that could be read two ways is refused with words saying
how to write it, never guessed: a two-digit year (03/12/26), a bare number (8, 0800), a
US-looking date with a month above 12. What is missing is filled from `default` (the
value the field showed), so "yesterday" keeps the time already there and "14:30" keeps
the day; a day and month without a year is the latest such date not after `now`.

Pure: the caller passes `now`, so tests fix the clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

ACCEPTED_FORMS = 'dd/mm/yyyy hh:mm, "3/12 08:00", "today 8am", "yesterday"'

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
    ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
), start=1) for name in names}

_RELATIVE = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d+))?")
_DAY_MONTHNAME_YEAR = re.compile(r"(\d{1,2})\s*([a-z]+)\.?(?:\s+(\d+))?")
_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?")


class TypedDateError(ValueError):
    """Why the text is not one date or time, in words for the user."""


def parse_typed_moment(text: str, now: datetime, default: datetime | None = None) -> datetime:
    """The date-time `text` means; TypedDateError if it means none or could mean two."""
    cleaned = " ".join(str(text).strip().lower().replace(",", " ").split())
    if not cleaned:
        raise TypedDateError("enter a date and time (dd/mm/yyyy hh:mm)")
    base = default or now.replace(second=0, microsecond=0)
    iso = _iso(cleaned)
    if iso is not None:
        return iso
    if cleaned == "now":
        return now.replace(second=0, microsecond=0)
    day_part, time_part = _split(cleaned)
    day = _day(day_part, now, text) if day_part else base.date()
    clock = _clock(time_part, text) if time_part else base.time().replace(second=0, microsecond=0)
    return datetime.combine(day, clock)


def parse_typed_date(text: str, now: datetime) -> date:
    """A date alone (date of birth, meeting date, due date): a time is refused."""
    cleaned = " ".join(str(text).strip().lower().replace(",", " ").split())
    if not cleaned:
        raise TypedDateError("enter a date (dd/mm/yyyy)")
    iso = _iso(cleaned)
    if iso is not None:
        if iso.time() != time(0):
            raise TypedDateError(f"'{text.strip()}': enter a date without a time")
        return iso.date()
    day_part, time_part = _split(cleaned)
    if time_part or not day_part:
        raise TypedDateError(f"'{text.strip()}': enter a date without a time (dd/mm/yyyy)")
    return _day(day_part, now, text)


def _iso(cleaned: str) -> datetime | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2})?)?", cleaned):
        return None
    try:
        return datetime.fromisoformat(cleaned.upper())
    except ValueError:
        raise TypedDateError(f"'{cleaned}' is not a real date") from None


def _split(cleaned: str) -> tuple[str, str]:
    """(the day words, the clock words): "3/12 08:00" -> ("3/12", "08:00")."""
    words = cleaned.split(" ")
    for cut in range(len(words) + 1):
        day_part, time_part = " ".join(words[:cut]), " ".join(words[cut:])
        if (not day_part or _looks_like_day(day_part)) and (not time_part or _looks_like_clock(time_part)):
            return day_part, time_part
    raise TypedDateError(f"'{cleaned}' is not a date and time hlhdesk can read for certain; "
                         f"write it as {ACCEPTED_FORMS}")


def _looks_like_day(part: str) -> bool:
    numeric = _DAY_MONTH_YEAR.fullmatch(part)
    if numeric and numeric.group(3) is None and "/" not in part:
        return False  # 3.12 could be a time as well as a date: a year makes it a date
    return (part in _RELATIVE or bool(numeric)
            or (bool(_DAY_MONTHNAME_YEAR.fullmatch(part))
                and _DAY_MONTHNAME_YEAR.fullmatch(part).group(2) in _MONTHS))


def _looks_like_clock(part: str) -> bool:
    compact = part.replace(" ", "")
    match = _CLOCK.fullmatch(compact)
    if not match:
        return False
    # A bare number (8, 0800) could be an hour, a day or a time without its colon; a
    # full stop without am/pm (3.12) could be a date.
    if "." in compact:
        return bool(match.group(3))
    return bool(match.group(2) or match.group(3))


def _day(part: str, now: datetime, text: str) -> date:
    if part in _RELATIVE:
        return now.date() + timedelta(days=_RELATIVE[part])
    numeric = _DAY_MONTH_YEAR.fullmatch(part)
    if numeric:
        day, month, year = numeric.groups()
        month_number = int(month)
    else:
        named = _DAY_MONTHNAME_YEAR.fullmatch(part)
        day, month_name, year = named.groups()
        month_number = _MONTHS[month_name]
    if year is not None and len(year) != 4:
        raise TypedDateError(f"'{text.strip()}': write the year in full (dd/mm/yyyy)")
    if month_number > 12:
        raise TypedDateError(f"'{text.strip()}': there is no month {month_number} "
                             "(dates are day first: dd/mm/yyyy)")
    try:
        if year is not None:
            return date(int(year), month_number, int(day))
        candidate = date(now.year, month_number, int(day)) if _exists(now.year, month_number, int(day)) else None
        if candidate is None or candidate > now.date():
            return date(now.year - 1, month_number, int(day))
        return candidate
    except ValueError:
        raise TypedDateError(f"'{text.strip()}' is not a real date") from None


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
        return True
    except ValueError:
        return False


def _clock(part: str, text: str) -> time:
    hour_text, minute_text, half = _CLOCK.fullmatch(part.replace(" ", "")).groups()
    hour, minute = int(hour_text), int(minute_text or 0)
    if half:
        if not 1 <= hour <= 12:
            raise TypedDateError(f"'{text.strip()}': {hour}{half} is not a time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise TypedDateError(f"'{text.strip()}': {part} is not a time of day (00:00 to 23:59)")
    return time(hour, minute)
