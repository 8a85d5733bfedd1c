"""Hostile case files: the corpus in tests/corpus/cases and hypothesis fuzzing.

Every input ends in a clear error (an InputError; exit 2 from `hlhdesk import`, nothing
stored) or a correct import (the case stored exactly as read). Never a crash (exit 1, a
traceback), a hang, or part of a case in the database.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlhdesk.cli import main
from hlhdesk.core.casefile.caseio import MAX_FILE_BYTES, parse_case
from hlhdesk.errors import InputError
from hlhdesk.store import StoreError, open_database
from tests.strategies import case_documents

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "cases"
SECONDS_ALLOWED = 5.0  # far above any real file; a hang or quadratic blow-up fails
# Storing 20,000 audited, hash-chained observations takes ~5 s on a loaded shared
# machine; a quadratic store would take minutes. Speed itself is a benchmark's job.
IMPORT_SECONDS_ALLOWED = 30.0

# file -> "import", or a fragment of the error the user sees
EXPECTED = {
    "good.json": "import",
    "good_utf8_bom.json": "import",
    "formulas.json": "import",  # text is text; CSV export neutralises it (csvsafe)
    "control_characters.json": "import",
    "unicode_names.json": "import",
    "duplicate_keys.json": "given twice",
    "truncated.json": "not JSON",
    "binary.json": "not UTF-8",
    "nul_bytes.json": "not JSON",
    "utf16.json": "not UTF-8",
    "empty.json": "not JSON",
    "whitespace.json": "not JSON",
    "null.json": "must be an object",
    "array.json": "must be an object",
    "string.json": "must be an object",
    "deeply_nested_arrays.json": "nested too deeply",
    "deeply_nested_field.json": "nested too deeply",
    "huge_integer.json": "not valid JSON",
    "huge_float.json": "observations[0].value",
    "nan.json": "NaN",
    "infinity.json": "Infinity",
    "negative_infinity.json": "Infinity",
    "impossible_date.json": "not a real date",
    "uk_date_31_02.json": "patient.date_of_birth",
    "uk_date_format.json": "observations[0].at",
    "month_13.json": "events[0].at",
    "time_zone.json": "observations[0].at",
    "lone_surrogate.json": "patient.family_name: holds an unpaired surrogate",
    "wrong_types.json": "observations",
    "long_name.json": "patient.family_name",
    "version_2.json": "version",
    "negative_ferritin.json": "not plausible",
    "unit_mismatch.json": "not a unit for ferritin",
    "boolean_as_number.json": "observations[0].value",
}


def cases_in(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("patients", "cases", "observations", "treatments", "events"))
    finally:
        conn.close()


def import_file(path: Path, db: Path, capsys) -> tuple[int, str, float]:
    started = time.monotonic()
    code = main(["--db", str(db), "import", str(path)])
    elapsed = time.monotonic() - started
    return code, capsys.readouterr().err, elapsed


def test_every_corpus_file_has_an_expectation():
    on_disk = {p.name for p in CORPUS.glob("*.json")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gives_a_clear_error_or_a_correct_import(name, tmp_path, capsys):
    path, db = CORPUS / name, tmp_path / "hlhdesk.sqlite3"
    open_database(db, backups=False).close()

    code, err, elapsed = import_file(path, db, capsys)

    assert elapsed < SECONDS_ALLOWED
    assert "Traceback" not in err and "unexpected error" not in err
    if EXPECTED[name] == "import":
        assert code == 0, err
        with open_database(db, backups=False) as store:
            (summary,) = store.list_cases()
            assert store.load_case(summary.case_id) == parse_case(path.read_bytes())
    else:
        assert code == 2
        assert EXPECTED[name] in err
        assert cases_in(db) == 0  # nothing half-stored


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, capsys):
    path, db = tmp_path / "huge.json", tmp_path / "hlhdesk.sqlite3"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    code, err, elapsed = import_file(path, db, capsys)
    assert code == 2 and "at most" in err and elapsed < SECONDS_ALLOWED


def test_twenty_thousand_observations_import_in_time(tmp_path, capsys):
    doc = json.loads((CORPUS / "good.json").read_text(encoding="utf-8"))
    doc["observations"] = [
        {"at": f"2026-10-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}", "kind": "ferritin", "value": 1000 + i, "unit": "ug/L"}
        for i in range(20_000)
    ]
    path, db = tmp_path / "many.json", tmp_path / "hlhdesk.sqlite3"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, err, elapsed = import_file(path, db, capsys)
    assert code == 0, err
    assert elapsed < IMPORT_SECONDS_ALLOWED
    with open_database(db, backups=False) as store:
        assert store.list_cases()[0].observation_count == 20_000


# -- fuzzing ------------------------------------------------------------------------------

HOSTILE_VALUES = st.sampled_from([
    None, True, 0, -1, 10**30, -(10**30), 1e308, float("nan"), float("inf"), "", " ", "x" * 300,
    "=cmd|' /C calc'!A0", "\ud800", "\x00", "2026-02-31", "31/02/2026", "9999-12-31T23:59",
    "1900-01-01", [], {}, [1, [2, [3]]], {"value": {}}, "ug/L", "ferritin", "anakinra",
])


def mutate(doc, draw_path, value):
    """Replace one value somewhere in the document (found by walking down at random)."""
    node = doc
    for step in draw_path:
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        if not children:
            break
        key, child = children[step % len(children)]
        if not isinstance(child, (dict, list)) or not child:
            node[key] = value
            return doc
        node = child
    if isinstance(node, dict):
        node["unexpected"] = value
    elif isinstance(node, list):
        node.append(value)
    return doc


def store_or_refuse(store, text: str) -> None:
    """What `hlhdesk import` does with one file, in-process: all of it or nothing."""
    before = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    try:
        case = parse_case(text)
    except InputError as error:
        assert str(error).strip()
        return
    try:
        case_id = store.add_case(case)
    except StoreError as error:
        assert str(error).strip()
        assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before
        return
    assert store.load_case(case_id) == case


fuzz_settings = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def fuzz_store(tmp_path):
    with open_database(tmp_path / "fuzz.sqlite3", backups=False) as store:
        yield store


def fuzz_mutations(store, doc, path, value):
    text = json.dumps(mutate(doc, path, value), ensure_ascii=True)  # NaN/Infinity written as such
    store_or_refuse(store, text)


@settings(fuzz_settings, max_examples=60)
@given(doc=case_documents(max_observations=4), path=st.lists(st.integers(0, 50), max_size=5), value=HOSTILE_VALUES)
def test_mutated_case_files_are_stored_whole_or_refused_clearly(fuzz_store, doc, path, value):
    fuzz_mutations(fuzz_store, doc, path, value)


@pytest.mark.slow
@settings(fuzz_settings, max_examples=250)
@given(doc=case_documents(max_observations=6), path=st.lists(st.integers(0, 50), max_size=6), value=HOSTILE_VALUES)
def test_mutated_case_files_many(fuzz_store, doc, path, value):
    fuzz_mutations(fuzz_store, doc, path, value)


@settings(fuzz_settings, max_examples=150)
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_never_crash_the_reader(data):
    try:
        parse_case(data)
    except InputError as error:
        assert str(error).strip()


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["format", "version", "patient", "case", "observations", "at", "kind", "value", "unit", "x"]),
        inner, max_size=5),
    max_leaves=30,
)


@settings(fuzz_settings, max_examples=150)
@given(doc=json_values)
def test_arbitrary_json_never_crashes_the_reader(doc):
    try:
        parse_case(json.dumps(doc))
    except InputError as error:
        assert str(error).strip()


def test_formulas_imported_as_text_are_neutralised_in_any_csv_export():
    import csv
    import io

    from hlhdesk.core.csvsafe import safe_csv_text

    case = parse_case((CORPUS / "formulas.json").read_bytes())
    cells = [case.patient.family_name, case.patient.given_name, case.patient.hospital_number, case.events[0].note]
    assert all(c[0] in "=+-@" for c in cells)  # the file really is hostile

    (header, row) = list(csv.reader(io.StringIO(safe_csv_text(["a", "b", "c", "d"], [cells]))))

    assert row[:3] == ["'" + c for c in cells[:3]]  # shown as typed, never run as a formula
    # and a semicolon-locale spreadsheet, splitting at ';', finds no formula either
    assert row[3] == "'=1+2;'-3+4;'\t'=cmd"
