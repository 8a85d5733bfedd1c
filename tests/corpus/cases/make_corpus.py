"""Writes the hostile case-file corpus in this folder (deterministic: run it again and
nothing changes). The expected outcome of each file is in tests/core/test_caseio_hostile.py.

    .venv/bin/python tests/corpus/cases/make_corpus.py
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

GOOD = {
    "format": "hlhdesk-case",
    "version": 1,
    "patient": {
        "nhs_number": "9990000018", "hospital_number": "FUZZ0001",
        "family_name": "Corpus", "given_name": "Casey",
        "date_of_birth": "1984-05-17", "sex": "female",
    },
    "case": {"hlh_type": "secondary", "triggers": ["rheumatological"], "offlabel_consent": True},
    "observations": [
        {"at": "2026-10-03T08:00", "kind": "ferritin", "value": 38052, "unit": "ug/L"},
        {"at": "2026-10-03", "kind": "splenomegaly", "value": True},
    ],
    "treatments": [{"drug": "anakinra", "start": "2026-10-03T10:00", "dose_mg": 100, "every_hours": 8, "route": "sc"}],
    "events": [{"at": "2026-10-05T14:00", "kind": "note", "note": "synthetic"}],
}


def variant(change) -> dict:
    doc = copy.deepcopy(GOOD)
    change(doc)
    return doc


def text(doc: dict, **dumps) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1, **dumps)


def set_in(doc: dict, path: tuple, value) -> None:
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def with_raw(path: tuple, raw: str) -> str:
    """A valid file with one value replaced by raw JSON text (NaN, huge numbers...)."""
    doc = variant(lambda d: set_in(d, path, "@@RAW@@"))
    return text(doc).replace('"@@RAW@@"', raw)


FORMULAS = {
    "family_name": "=cmd|' /C calc'!A0",
    "given_name": "+SUM(1+1)",
    "hospital_number": "@HYPERLINK(\"http://example.invalid\")",
}


def build() -> dict[str, bytes]:
    rng = random.Random(210701)
    good = text(GOOD)
    files: dict[str, str | bytes] = {
        "good.json": good,
        "good_utf8_bom.json": "\ufeff" + good,
        "truncated.json": good[: len(good) // 2],
        "binary.json": bytes(rng.getrandbits(8) for _ in range(512)),
        "nul_bytes.json": b"\x00" * 64,
        "utf16.json": good.encode("utf-16"),
        "empty.json": b"",
        "whitespace.json": " \n\t \n",
        "null.json": "null",
        "array.json": "[" + good + "]",
        "string.json": json.dumps(good),
        "deeply_nested_arrays.json": "[" * 20_000 + "]" * 20_000,
        "deeply_nested_field.json": with_raw(("case", "trigger_notes"), '{"a":' * 5000 + "1" + "}" * 5000),
        "huge_integer.json": with_raw(("observations", 0, "value"), "9" * 5000),
        "huge_float.json": with_raw(("observations", 0, "value"), "1e400"),
        "nan.json": with_raw(("observations", 0, "value"), "NaN"),
        "infinity.json": with_raw(("treatments", 0, "dose_mg"), "Infinity"),
        "negative_infinity.json": with_raw(("observations", 0, "value"), "-Infinity"),
        "impossible_date.json": text(variant(lambda d: set_in(d, ("observations", 0, "at"), "2026-02-31T08:00"))),
        "uk_date_31_02.json": text(variant(lambda d: set_in(d, ("patient", "date_of_birth"), "31/02/2026"))),
        "uk_date_format.json": text(variant(lambda d: set_in(d, ("observations", 0, "at"), "03/10/2026 08:00"))),
        "month_13.json": text(variant(lambda d: set_in(d, ("events", 0, "at"), "2026-13-01"))),
        "time_zone.json": text(variant(lambda d: set_in(d, ("observations", 0, "at"), "2026-10-03T08:00+01:00"))),
        "formulas.json": text(variant(lambda d: (d["patient"].update(FORMULAS),
                                                 set_in(d, ("events", 0, "note"), "=1+2;-3+4;\t=cmd")))),
        "lone_surrogate.json": good.replace('"Corpus"', '"Cor\\ud800pus"'),
        "control_characters.json": good.replace('"Corpus"', '"Cor\\u0000p\\u202eus\\u0007"'),
        "wrong_types.json": text(variant(lambda d: (set_in(d, ("observations",), {"0": 1}),
                                                    set_in(d, ("patient", "sex"), ["female"])))),
        "long_name.json": text(variant(lambda d: set_in(d, ("patient", "family_name"), "A" * 20_000))),
        "duplicate_keys.json": good.replace('"version": 1,', '"version": 1, "version": 1,'),
        "version_2.json": text(variant(lambda d: set_in(d, ("version",), 2))),
        "negative_ferritin.json": text(variant(lambda d: set_in(d, ("observations", 0, "value"), -5))),
        "unit_mismatch.json": text(variant(lambda d: set_in(d, ("observations", 0, "unit"), "mg/dL"))),
        "boolean_as_number.json": text(variant(lambda d: set_in(d, ("observations", 0, "value"), True))),
        "unicode_names.json": text(variant(lambda d: d["patient"].update(
            {"family_name": "Ó Súilleabháin-Nguyễn", "given_name": "Zoë 👩‍⚕️"}))),
    }
    return {name: (data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
            for name, data in files.items()}


if __name__ == "__main__":
    for name, data in build().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(build())} files to {HERE}")
