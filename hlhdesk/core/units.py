"""The analyte catalogue: every observation kind, its canonical unit, the units accepted
for it with their conversions, and the range of values that can be real.

Values are stored in the canonical unit; the value and unit as entered are kept beside
them so a screen or a report can show both. A unit is never guessed: a unit that does not
belong to the kind is an error, and so is a value outside the plausible range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Literal

ValueType = Literal["number", "boolean", "choice"]


class UnitError(ValueError):
    """A unit that does not fit the kind, or a value that cannot be real."""


@dataclass(frozen=True)
class Conversion:
    """How to turn a value in an accepted unit into the canonical unit, and back (to say
    a plausible range in the unit the user typed)."""

    unit: str
    to_canonical: Callable[[float], float]
    description: str  # said to the user when the value was converted, e.g. "÷ 88.57"
    from_canonical: Callable[[float], float] = lambda v: v


def _identity(unit: str) -> Conversion:
    return Conversion(unit, lambda v: v, "same scale")


def _factor(unit: str, factor: float, description: str) -> Conversion:
    return Conversion(unit, lambda v: v * factor, description, lambda v: v / factor)


@dataclass(frozen=True)
class Analyte:
    kind: str
    label: str  # how a UK clinician names it
    value_type: ValueType
    canonical_unit: str | None = None
    conversions: tuple[Conversion, ...] = ()
    plausible_min: float | None = None  # inclusive, in the canonical unit
    plausible_max: float | None = None  # inclusive, in the canonical unit
    choices: tuple[str, ...] = ()
    note: str = ""

    @property
    def accepted_units(self) -> tuple[str, ...]:
        return tuple(c.unit for c in self.conversions)

    def conversion(self, unit: str) -> Conversion:
        for c in self.conversions:
            if c.unit == unit:
                return c
        accepted = ", ".join(self.accepted_units)
        raise UnitError(f"'{unit}' is not a unit for {self.kind} (use {accepted})")


def _number(kind, label, canonical, others=(), lo=None, hi=None, note="") -> Analyte:
    return Analyte(
        kind=kind,
        label=label,
        value_type="number",
        canonical_unit=canonical,
        conversions=(_identity(canonical), *others),
        plausible_min=lo,
        plausible_max=hi,
        note=note,
    )


def _finding(kind, label, note="") -> Analyte:
    return Analyte(kind=kind, label=label, value_type="boolean", note=note)


_PER_MM3 = _factor("/mm3", 0.001, "per mm³ ÷ 1000 = x10^9/L")

# Plausible ranges are wide on purpose: they catch typing slips and wrong units
# (ferritin -5, temperature 80 degC, platelets entered per mm3 as x10^9/L), not
# unusual patients. HLH produces extreme ferritins, so its ceiling is high. The floors
# catch a wrong unit in the other direction: fibrinogen "3.0 mg/dL" (0.03 g/L, below any
# assay's reporting limit), a white count "9 /mm3", triglycerides "3 mg/dL". Neutrophils
# keep a floor of 0: an absolute neutrophil count of 0.00 is real.
CATALOGUE: dict[str, Analyte] = {
    a.kind: a
    for a in (
        _number("ferritin", "Ferritin", "ug/L", (_identity("ng/mL"),), 0, 1_000_000),
        _number("haemoglobin", "Haemoglobin", "g/L",
                (_factor("g/dL", 10.0, "g/dL × 10 = g/L"),), 10, 250),
        _number("platelets", "Platelets", "10^9/L", (_PER_MM3,), 1, 3000),
        _number("neutrophils", "Neutrophils", "10^9/L", (_PER_MM3,), 0, 300),
        _number("wbc", "White cell count", "10^9/L", (_PER_MM3,), 0.01, 1000),
        _number("triglycerides", "Triglycerides", "mmol/L",
                (_factor("mg/dL", 1 / 88.57, "mg/dL ÷ 88.57 = mmol/L"),), 0.1, 150),
        _number("fibrinogen", "Fibrinogen", "g/L",
                (_factor("mg/dL", 0.01, "mg/dL ÷ 100 = g/L"),), 0.05, 20),
        _number("ast", "AST", "U/L", (_identity("IU/L"),), 0, 100_000),
        _number("alt", "ALT", "U/L", (_identity("IU/L"),), 0, 100_000),
        _number("scd25", "Soluble CD25 (sIL-2R)", "U/mL", (), 0, 500_000,
                note="No conversion from pg/mL: the assays are not interchangeable."),
        _number("temperature", "Temperature", "degC",
                (Conversion("degF", lambda f: (f - 32) * 5 / 9, "(°F − 32) × 5/9 = °C", lambda c: c * 9 / 5 + 32),),
                25, 45),
        _number("weight", "Weight", "kg", (), 0.3, 400),
        _number("crp", "CRP", "mg/L", (), 0, 1000),
        _number("ldh", "LDH", "U/L", (), 0, 100_000),
        _number("creatinine_clearance", "Creatinine clearance", "mL/min", (), 0, 300),
        _number("hscore", "HScore (external)", "points", (), 0, 337,
                note="An externally computed score, kept apart from the computed HScore."),
        _number("vasopressor", "Vasopressor", "ug/kg/min", (), 0, 10,
                note="Noradrenaline equivalent."),
        _finding("hepatomegaly", "Hepatomegaly"),
        _finding("splenomegaly", "Splenomegaly"),
        _finding("haemophagocytosis", "Haemophagocytosis",
                 note="With the site where it was seen."),
        _finding("nk_activity_low", "Low or absent NK-cell activity"),
        _finding("fasting", "Fasting sample",
                 note="Marks the triglyceride taken at the same time as fasting."),
        _finding("renal_replacement", "Renal replacement therapy"),
        Analyte("ventilation", "Ventilation", "choice",
                choices=("none", "non_invasive", "invasive")),
    )
}

HAEMOPHAGOCYTOSIS_SITES = ("bone_marrow", "spleen", "lymph_node", "liver")

# How UK laboratories print units. The case file keeps ASCII spellings; screens and
# reports show these.
DISPLAY_UNITS: dict[str, str] = {
    "ug/L": "µg/L",
    "ng/mL": "ng/mL",
    "10^9/L": "x10⁹/L",
    "/mm3": "/mm³",
    "degC": "°C",
    "degF": "°F",
    "ug/kg/min": "µg/kg/min",
}


def display_unit(unit: str | None) -> str:
    if unit is None:
        return ""
    return DISPLAY_UNITS.get(unit, unit)


def analyte(kind: str) -> Analyte:
    try:
        return CATALOGUE[kind]
    except KeyError:
        raise UnitError(f"unknown observation kind '{kind}'") from None


@dataclass(frozen=True)
class Converted:
    """A numeric value in its canonical unit, and how it was entered."""

    value: float
    unit: str
    entered_value: float
    entered_unit: str
    conversion: str = field(default="same scale")

    @property
    def was_converted(self) -> bool:
        return self.entered_unit != self.unit


def to_canonical(kind: str, value: float, unit: str | None) -> Converted:
    """Convert a numeric value to the kind's canonical unit and check it is plausible.

    Raises UnitError with a message fit to show a clinician.
    """
    spec = analyte(kind)
    if spec.value_type != "number":
        raise UnitError(f"{kind} is a finding and takes no numeric value")
    if unit is None or unit == "":
        raise UnitError(f"a unit is required for {kind} (use {', '.join(spec.accepted_units)})")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UnitError(f"{kind} needs a number, not {value!r}")
    if value != value or value in (float("inf"), float("-inf")):
        raise UnitError(f"{kind} needs a finite number")
    conv = spec.conversion(unit)
    canonical = conv.to_canonical(float(value))
    check_plausible(kind, canonical, unit, float(value))
    return Converted(canonical, spec.canonical_unit or "", float(value), unit, conv.description)


def _plausible(spec: Analyte, canonical_value: float) -> bool:
    lo, hi = spec.plausible_min, spec.plausible_max
    return not ((lo is not None and canonical_value < lo) or (hi is not None and canonical_value > hi))


def check_plausible(kind: str, canonical_value: float, unit: str | None = None,
                    entered_value: float | None = None) -> None:
    """Refuse a value that cannot be real, judged and explained in the unit entered.

    Both directions: a value too small in its unit (fibrinogen 3.0 mg/dL, a white count of
    9 /mm3) is refused like one too large (platelets 150,000 x10^9/L); when the number
    would be plausible in another unit of the kind, the message says it is probably the
    wrong unit. Every path that takes a value in (case files, desk forms, spreadsheet
    paste, lab CSV) comes through here, by `to_canonical`.
    """
    spec = analyte(kind)
    if _plausible(spec, canonical_value):
        return
    conv = spec.conversion(unit or spec.canonical_unit or "")
    shown = entered_value if entered_value is not None else conv.from_canonical(canonical_value)
    lo, hi = (None if b is None else round(conv.from_canonical(b), 6) for b in (spec.plausible_min, spec.plausible_max))
    entered = display_unit(conv.unit)
    message = (f"{spec.label} {format_number(shown)} {entered} is not plausible "
               f"(expected {format_number(lo)} to {format_number(hi)} {entered})")
    other = next((c for c in spec.conversions if c.unit != conv.unit and _plausible(spec, c.to_canonical(shown))), None)
    if other is not None:
        message += (f": probably the wrong unit ({format_number(shown)} {display_unit(other.unit)} "
                    "would be plausible)")
    raise UnitError(message + "; check the value and unit")


def format_number(value: float | None) -> str:
    """Up to 2 decimals, no trailing zeros, thousands separated (10,001 not 10001.0)."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# --- thresholds at the precision they are written in --------------------------------------


def at_precision(value: float, written: str) -> Decimal:
    """`value` rounded (half up) to the decimals of a threshold as written: "8.0" -> 1 place.

    A threshold is compared at the precision it is written in: 8.04 mg/kg/day reads "8.0"
    and is within "8.0", while 8.05 reads 8.1 and is above it.
    """
    places = Decimal(written).as_tuple().exponent
    return Decimal(repr(round(float(value), 6))).quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class WrittenThreshold:
    """A threshold as its source writes it, in each unit the source gives.

    Henter's "3.0 mmol/L (265 mg/dL)": a value entered in mg/dL is compared with 265 mg/dL
    as entered, any other with 3.0 in the canonical unit, each at its written precision,
    so 265 mg/dL (2.99 mmol/L) meets the criterion its source says it meets.
    """

    written: tuple[tuple[str, str], ...]  # (unit, value as written), the canonical unit first

    def _in_unit(self, value: float, unit: str | None, entered_value: float | None, entered_unit: str | None):
        by_unit = dict(self.written)
        if entered_unit in by_unit and entered_value is not None:
            return entered_value, by_unit[entered_unit]
        return value, by_unit.get(unit or "", self.written[0][1])

    def at_least(self, value: float, unit: str | None = None, entered_value: float | None = None,
                 entered_unit: str | None = None) -> bool:
        v, written = self._in_unit(value, unit, entered_value, entered_unit)
        return at_precision(v, written) >= Decimal(written)

    def text(self) -> str:
        first, *others = (f"{v} {display_unit(u)}" for u, v in self.written)
        return f"{first} ({', '.join(others)})" if others else first
