"""Turning what a user typed or pasted into model records, or a clear reason why not.

Used by the entry forms, by edits in the data tables and by paste, so the same words
are accepted everywhere. Numbers go through hlhdesk.core.units.to_canonical, which
converts accepted units and refuses implausible values (UnitError); a unit is never
guessed.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from decimal import Decimal

from hlhdesk.core.labs.labcsv import check_result_time
from hlhdesk.core.labs.labnames import TestNameMapping, kind_for_entered_name
from hlhdesk.core.model import Observation, Treatment
from hlhdesk.core.units import (
    DISPLAY_UNITS,
    HAEMOPHAGOCYTOSIS_SITES,
    UnitError,
    analyte,
    to_canonical,
)
from hlhdesk.gui.kit.formatting import parse_uk_datetime

YES = {"yes", "y", "true", "1", "present", "positive"}
NO = {"no", "n", "false", "0", "absent", "negative"}
_ASCII_UNIT = {shown: ascii_ for ascii_, shown in DISPLAY_UNITS.items()}


class EntryError(ValueError):
    """What is wrong with one entry, in words for the user; `field` says where."""

    def __init__(self, message: str, field: str = "value"):
        super().__init__(message)
        self.field = field


def kind_from_text(text: str, mapping: TestNameMapping | None = None) -> str:
    """'ferritin', 'Ferritin', 'Hb' or 'White cell count' -> the catalogue kind: the
    names the lab import accepts (`mapping`, the trust's list) are accepted here too."""
    kind = kind_for_entered_name(text, mapping)
    if kind is None:
        raise EntryError(f"'{text.strip()}' is not a test hlhdesk knows "
                         "(File > Lab test names lists the names accepted)", "kind")
    return kind


def unit_from_text(text: str | None) -> str | None:
    """Accept the printed spelling (µg/L, x10⁹/L) as well as the stored one."""
    if text is None:
        return None
    text = text.strip()
    return _ASCII_UNIT.get(text, text) or None


# A comma is read only as a thousands separator in its proper place (38,052; 1,234.5):
# "2,5" is refused rather than read as 25, as a decimal comma would be a tenfold error.
_THOUSANDS_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# Plain decimals only: float() would also take "nan", "inf", "1e3" and "1_000".
_PLAIN_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def number_from_text(text: str, field: str = "value") -> float | None:
    """A number as a UK user writes it, or None for blank; EntryError otherwise."""
    cleaned = str(text or "").strip()
    if not cleaned:
        return None
    if _THOUSANDS_GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        raise EntryError(
            f"'{cleaned}': use a full stop for decimals (2.5); a comma only separates "
            "thousands (38,052)", field)
    if not _PLAIN_DECIMAL.fullmatch(cleaned):
        raise EntryError(f"'{cleaned}' is not a number", field)
    return float(cleaned)


def exact_number_text(value: float) -> str:
    """The shortest text that reads back as exactly this number, with no exponent and no
    thousands separators: what an editor starts with, so accepting it changes nothing."""
    text = format(Decimal(repr(float(value))), "f")
    return text[:-2] if text.endswith(".0") else text


def exact_number_display(value: float) -> str:
    """As exact_number_text, with the thousands separated for reading (38,052.125)."""
    text = exact_number_text(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")


def parse_number(text: str, kind: str) -> float:
    value = number_from_text(text)
    if value is None:
        raise EntryError(f"enter a value for {analyte(kind).label}")
    return value


def make_observation(at: datetime, kind: str, value_text: str, unit_text: str | None = None,
                     site: str | None = None, record_id: int | None = None) -> Observation:
    spec = analyte(kind)
    if spec.value_type == "number":
        unit = unit_from_text(unit_text)
        try:
            converted = to_canonical(kind, parse_number(value_text, kind), unit)
        except UnitError as exc:
            field = "unit" if unit is None or unit not in spec.accepted_units else "value"
            raise EntryError(str(exc), field) from None
        return Observation(at=at, kind=kind, value=converted.value, unit=converted.unit,
                           entered_value=converted.entered_value, entered_unit=converted.entered_unit,
                           record_id=record_id)
    word = str(value_text).strip().lower().replace(" ", "_").replace("-", "_")
    if spec.value_type == "boolean":
        if word in YES:
            value = True
        elif word in NO:
            value = False
        else:
            raise EntryError(f"{spec.label} takes yes or no, not '{str(value_text).strip()}'")
        if kind == "haemophagocytosis" and site and site not in HAEMOPHAGOCYTOSIS_SITES:
            raise EntryError(f"'{site}' is not a haemophagocytosis site", "site")
        return Observation(at=at, kind=kind, value=value,
                           site=site if kind == "haemophagocytosis" else None, record_id=record_id)
    if word not in spec.choices:
        raise EntryError(f"{spec.label} is one of {', '.join(spec.choices)}")
    return Observation(at=at, kind=kind, value=word, record_id=record_id)


def observation_value_text(obs: Observation) -> str:
    """The value as the user entered it, for editing."""
    if isinstance(obs.value, bool):
        return "yes" if obs.value else "no"
    if isinstance(obs.value, str):
        return obs.value
    value = obs.entered_value if obs.entered_value is not None else obs.value
    return exact_number_text(value)


def edit_observation(obs: Observation, *, at=None, value_text=None, unit_text=None) -> Observation:
    """The observation with one thing changed, re-validated as a new entry would be."""
    return make_observation(
        at or obs.at, obs.kind,
        value_text if value_text is not None else observation_value_text(obs),
        unit_text if unit_text is not None else (obs.entered_unit or obs.unit),
        obs.site, obs.record_id,
    )


def parse_pasted_observations(text: str, *, now: datetime | None = None,
                              mapping: TestNameMapping | None = None) -> tuple[list[Observation], list[str]]:
    """Tab-separated rows (date, kind, value, unit) as copied from a spreadsheet.

    Returns the observations and the problems, one line per bad row; the caller saves
    only when there are no problems (all or nothing). A first row naming the columns
    is skipped. Test names and times are checked as the lab import checks them.
    """
    now = now or datetime.now()
    rows = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    if rows and rows[0].split("\t")[1:2] and rows[0].split("\t")[1].strip().lower() in ("kind", "test", "analyte"):
        rows = rows[1:]
    observations, problems = [], []
    for number, line in enumerate(rows, start=1):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 3:
            problems.append(f"Row {number}: expected date, test, value and unit separated by tabs")
            continue
        when, kind_text, value_text = cells[:3]
        unit_text = cells[3] if len(cells) > 3 else None
        try:
            at = check_result_time(parse_uk_datetime(when), now)
            observations.append(make_observation(at, kind_from_text(kind_text, mapping), value_text, unit_text))
        except (EntryError, ValueError) as exc:
            problems.append(f"Row {number}: {exc}")
    if not rows:
        problems.append("The clipboard holds no rows.")
    return observations, problems


def make_treatment(drug: str, start: datetime, stop: datetime | None, name: str | None,
                   dose_text: str, every_text: str, route: str | None) -> Treatment:
    return checked_treatment(Treatment(
        drug=drug, start=start, stop=stop, name=name,
        dose_mg=dose_from_text(dose_text), every_hours=interval_from_text(every_text), route=route))


def checked_treatment(course: Treatment) -> Treatment:
    """A course as entered or edited, refused when it cannot be right."""
    if course.stop is not None and course.stop <= course.start:
        raise EntryError("the course stops before it starts", "stop")
    if course.drug == "corticosteroid" and not course.name:
        raise EntryError("say which corticosteroid", "name")
    return dataclasses.replace(course, name=course.name if course.drug == "corticosteroid" else None,
                               route=course.route or None)


def dose_from_text(text: str) -> float | None:
    return _optional_positive(text, "dose", "dose_mg")


def interval_from_text(text: str) -> float | None:
    return _optional_positive(text, "interval", "every_hours")


def _optional_positive(text: str, what: str, field: str) -> float | None:
    try:
        value = number_from_text(text, field)
    except EntryError as exc:
        raise EntryError(f"the {what}: {exc}", field) from None
    if value is not None and value <= 0:
        raise EntryError(f"the {what} must be above zero", field)
    return value


def replace(record, **changes):
    return dataclasses.replace(record, **changes)
