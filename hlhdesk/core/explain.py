"""How results explain themselves: evidence from observations, and UK-style wording.

Every detail line a clinician may read aloud ("Ferritin 38,052 µg/L on 03/10/2026 08:00")
is built from these helpers, so the units, dates and numbers read the same everywhere.
"""

from __future__ import annotations

from datetime import datetime

from hlhdesk.core.evaluation import Evidence
from hlhdesk.core.model import Observation
from hlhdesk.core.units import CATALOGUE, display_unit, format_number


def when(at: datetime | None) -> str:
    """UK date and 24-hour time: 03/10/2026 08:00 (the time left out at midnight)."""
    if at is None:
        return "date not recorded"
    if at.hour == 0 and at.minute == 0:
        return at.strftime("%d/%m/%Y")
    return at.strftime("%d/%m/%Y %H:%M")


def label_of(kind: str) -> str:
    spec = CATALOGUE.get(kind)
    return spec.label if spec else kind.replace("_", " ").capitalize()


def evidence_from(obs: Observation, label: str | None = None, note: str | None = None) -> Evidence:
    """The evidence for one observation, keeping the entered value when it was converted."""
    entered = None
    if obs.was_converted and obs.entered_value is not None:
        entered = f"{format_number(obs.entered_value)} {display_unit(obs.entered_unit)}"
    if obs.kind == "haemophagocytosis" and obs.site and note is None:
        note = f"site: {obs.site.replace('_', ' ')}"
    return Evidence(label or label_of(obs.kind), obs.value, obs.unit, obs.at, entered, note)


def amount(value: float | bool | str | None, unit: str | None = None) -> str:
    """A value with its display unit: 38,052 µg/L; findings read Yes/No."""
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value.replace("_", " ")
    text = format_number(value)
    return f"{text} {display_unit(unit)}".strip()


def describe(ev: Evidence) -> str:
    """One piece of evidence in words: Ferritin 38,052 µg/L (entered 38,052 ng/mL) on 03/10/2026 08:00."""
    text = f"{ev.label} {amount(ev.value, ev.unit)}"
    if ev.entered:
        text += f" (entered {ev.entered})"
    if ev.at is not None:
        text += f" on {when(ev.at)}"
    if ev.note:
        text += f" ({ev.note})"
    return text


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
