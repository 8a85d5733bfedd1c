"""Which observation kind a pathology system's test name or code means.

UK laboratory systems name the same test many ways ("Haemoglobin", "Hb", "HGB"). The
defaults below ship with the app; each trust can edit them (the store keeps the edited
mapping, audited). Names match case-insensitively with runs of spaces collapsed, so
"HB", "Hb" and " hb " are one entry.

Only numeric kinds can be the target: a finding (splenomegaly) is never a lab result.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping

from hlhdesk.core.units import CATALOGUE

# Kinds a test name may map to: the numeric analytes, except the externally computed
# HScore (a score, not a laboratory measurement).
MAPPABLE_KINDS: tuple[str, ...] = tuple(
    kind for kind, spec in CATALOGUE.items() if spec.value_type == "number" and kind != "hscore"
)

# Names and codes seen on UK pathology exports. Deliberately conservative: a name is
# listed only when it can mean one thing. "Derived fibrinogen" (from the PT) is left out,
# because the HScore and HLH-2004 fibrinogen is the Clauss assay; a trust that wants it
# can add it.
_DEFAULTS: dict[str, tuple[str, ...]] = {
    "ferritin": ("Ferritin", "FERR", "FER", "Serum ferritin"),
    "haemoglobin": ("Haemoglobin", "Hemoglobin", "Hb", "HGB", "Haemoglobin (Hb)"),
    "platelets": ("Platelets", "Platelet count", "PLT", "PLTS"),
    "neutrophils": ("Neutrophils", "Neutrophil count", "NEUT", "NEUTS", "ANC",
                    "Absolute neutrophil count"),
    "wbc": ("WBC", "White cell count", "White blood cell count", "White blood cells",
            "WCC", "Total white cell count"),
    "triglycerides": ("Triglycerides", "Triglyceride", "TRIG", "TRIGS", "TG"),
    "fibrinogen": ("Fibrinogen (Clauss)", "Clauss fibrinogen", "Fibrinogen", "FIB",
                   "FIBC"),
    "ast": ("AST", "Aspartate aminotransferase", "Aspartate transaminase", "SGOT"),
    "alt": ("ALT", "Alanine aminotransferase", "Alanine transaminase", "SGPT"),
    "scd25": ("sCD25", "sIL-2R", "sIL2R", "Soluble CD25", "Soluble IL-2 receptor",
              "Soluble interleukin-2 receptor"),
    "crp": ("CRP", "C-reactive protein", "C reactive protein"),
    "ldh": ("LDH", "Lactate dehydrogenase", "LD"),
    "temperature": ("Temperature", "Temp", "Tympanic temperature"),
    "weight": ("Weight", "Body weight"),
    "creatinine_clearance": ("Creatinine clearance", "CrCl"),
}

DEFAULT_TEST_NAMES: Mapping[str, str] = MappingProxyType(
    {name: kind for kind, names in _DEFAULTS.items() for name in names}
)


def normalise_test_name(text: str) -> str:
    """The key a test name is matched by: case-folded, spaces collapsed."""
    return " ".join(text.split()).casefold()


def check_test_name_entry(name: str, kind: str) -> tuple[str, str]:
    """Validate one mapping entry as typed; returns (name tidied, kind). ValueError if bad."""
    tidy = " ".join(name.split())
    if not tidy:
        raise ValueError("a test name or code cannot be empty")
    if len(tidy) > 100:
        raise ValueError("a test name or code is at most 100 characters")
    if kind not in MAPPABLE_KINDS:
        raise ValueError(f"'{kind}' is not a kind a lab result can be (use one of {', '.join(MAPPABLE_KINDS)})")
    return tidy, kind


@dataclass(frozen=True)
class TestNameMapping:
    """An immutable lookup from a test name or code to an observation kind."""

    __test__ = False  # not a pytest test class, despite the name

    entries: Mapping[str, str]  # name as shown -> kind

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> "TestNameMapping":
        """Build from (name, kind) pairs. ValueError on a bad entry or two entries that
        differ only in case or spacing but map to different kinds."""
        entries: dict[str, str] = {}
        seen: dict[str, str] = {}
        for name, kind in pairs:
            tidy, kind = check_test_name_entry(name, kind)
            key = normalise_test_name(tidy)
            if key in seen and entries[seen[key]] != kind:
                raise ValueError(f"'{tidy}' is listed twice with different kinds")
            seen[key] = tidy
            entries[tidy] = kind
        return cls(MappingProxyType(entries))

    @classmethod
    def defaults(cls) -> "TestNameMapping":
        return cls.from_pairs(DEFAULT_TEST_NAMES.items())

    def __post_init__(self) -> None:
        index = {normalise_test_name(name): kind for name, kind in self.entries.items()}
        object.__setattr__(self, "_index", index)

    def kind_for(self, test: str) -> str | None:
        return self._index.get(normalise_test_name(test))  # type: ignore[attr-defined]


def kind_for_entered_name(text: str, mapping: TestNameMapping | None = None) -> str | None:
    """The kind a name typed or pasted by hand means: the catalogue's own kinds and labels
    (findings too: "Splenomegaly"), then every name the lab import accepts ("Hb", "Plt"),
    so one list decides for every entry path. None if nothing matches."""
    key = normalise_test_name(text)
    for kind, spec in CATALOGUE.items():
        if key in (kind, normalise_test_name(spec.label)):
            return kind
    return (mapping or TestNameMapping.defaults()).kind_for(text)
