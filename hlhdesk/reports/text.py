"""Words and numbers as the reports print them: UK dates (dd/mm/yyyy), 24-hour times,
UK display units (µg/L, x10⁹/L), evidence with its date and the unit it was entered in.

Everything returned here is plain text; `para()` escapes it for reportlab's mark-up.
"""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from hlhdesk.core.evaluation import Evidence
from hlhdesk.core.model import Patient, format_nhs_number
from hlhdesk.core.units import display_unit, format_number

NOT_RECORDED = "not recorded"


def uk_date(value: date | datetime | None) -> str:
    if value is None:
        return NOT_RECORDED
    return value.strftime("%d/%m/%Y")


def uk_datetime(value: datetime | None) -> str:
    if value is None:
        return NOT_RECORDED
    if value.hour == 0 and value.minute == 0:
        return uk_date(value)  # a date entered without a time reads as 00:00; say only the date
    return value.strftime("%d/%m/%Y %H:%M")


def uk_short(value: datetime) -> str:
    return value.strftime("%d/%m")


def quantity(value: float | bool | str | None, unit: str | None = None) -> str:
    """One value with its UK display unit: '38,052 µg/L', 'yes', 'not recorded'."""
    if value is None:
        return NOT_RECORDED
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        text = format_number(value)
    else:
        text = str(value).replace("_", " ")
    return f"{text} {display_unit(unit)}".rstrip()


def evidence_text(ev: Evidence) -> str:
    """'Ferritin 38,052 µg/L on 03/10/2026 08:00 (entered as 38,052 ng/mL)'."""
    parts = [f"{ev.label} {quantity(ev.value, ev.unit)}"]
    if ev.at is not None:
        parts.append(f"on {uk_datetime(ev.at)}")
    text = " ".join(parts)
    if ev.entered:
        text += f" (entered as {unit_words(ev.entered)})"
    if ev.note:
        text += f"; {ev.note}"
    return text


def unit_words(text: str) -> str:
    """Replace ASCII unit spellings inside free text with their display forms."""
    for ascii_unit in sorted(("ug/L", "10^9/L", "/mm3", "degC", "degF", "ug/kg/min"), key=len, reverse=True):
        if ascii_unit in text:
            text = text.replace(ascii_unit, display_unit(ascii_unit))
    return text


def nhs_number_text(patient: Patient) -> str:
    return format_nhs_number(patient.nhs_number) or NOT_RECORDED


def para_text(text: str) -> str:
    """Plain text made safe for a reportlab Paragraph (which reads XML-like mark-up)."""
    return escape(text).replace("\n", "<br/>")
