"""Words and numbers as hlhdesk says them, on screen, on paper and in the terminal alike:
dd/mm/yyyy, 24-hour times, units as UK laboratories print them (µg/L, x10⁹/L), a rule's
status in words beside its mark, and one wording for a value a rule used ("Temperature:
39 °C on 03/10/2026 08:00 (entered as 102.2 °F)"). The policy's explanations, the GUI
(gui/kit/formatting.py), the PDF reports (reports/text.py), the CLI and lab import all
say things through here, so a value never reads differently in two places.

Values may arrive as date/datetime objects or as ISO strings (the store's summaries), so
each formatter takes either.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from hlhdesk.core.evaluation import Evidence, Status
from hlhdesk.core.model import Observation, age_in_months
from hlhdesk.core.units import CATALOGUE, DISPLAY_UNITS, display_unit, format_number

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
    return "" if moment is None else _uk_moment(moment)


@lru_cache(maxsize=4096)
def _uk_moment(moment: datetime) -> str:
    # Remembered: an explanation names the same few sample times again and again, and
    # the service audit writes thousands of them.
    if moment.hour == moment.minute == 0:
        return moment.strftime(DATE_FORMAT)
    return moment.strftime(DATETIME_FORMAT)


def when(at: datetime | None) -> str:
    """A moment inside a sentence: its UK date and time, or that it was not recorded."""
    return uk_datetime(at) or "date not recorded"


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


def amount(value: float | bool | str | None, unit: str | None = None) -> str:
    """A value inside a sentence: 38,052 µg/L; findings read yes/no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return quantity(value, unit)


def status_words(status: Status) -> str:
    """A rule's status as every renderer shows it: its mark and its words ("✗ Not met"),
    never a colour alone."""
    return f"{status.mark} {status.label}"


def label_of(kind: str) -> str:
    spec = CATALOGUE.get(kind)
    return spec.label if spec else kind.replace("_", " ").capitalize()


def entered_words(value: float | None, unit: str | None) -> str:
    """How a converted value was typed or sent: "102.2 °F"."""
    return f"{format_number(value)} {display_unit(unit)}".strip()


def evidence_from(obs: Observation, label: str | None = None, note: str | None = None) -> Evidence:
    """The evidence for one observation, keeping the entered value when it was converted."""
    entered = None
    if obs.was_converted and obs.entered_value is not None:
        entered = entered_words(obs.entered_value, obs.entered_unit)
    if obs.kind == "haemophagocytosis" and obs.site and note is None:
        note = f"site: {obs.site.replace('_', ' ')}"
    return Evidence(label or label_of(obs.kind), obs.value, obs.unit, obs.at, entered, note)


def evidence_line(item: Evidence) -> str:
    """One value a rule used, on a line of its own: what, how much, unit, when, and how
    it was typed: "Temperature: 39 °C on 03/10/2026 08:00 (entered as 102.2 °F); peak"."""
    return _evidence_words(item, f"{item.label}: {quantity(item.value, item.unit)}")


def describe(item: Evidence) -> str:
    """The same inside a sentence: "Temperature 39 °C on 03/10/2026 08:00 (entered as
    102.2 °F); peak"."""
    return _evidence_words(item, f"{item.label} {amount(item.value, item.unit)}")


def _evidence_words(item: Evidence, head: str) -> str:
    line = head
    if item.at is not None:
        line += f" on {uk_datetime(item.at)}"
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
