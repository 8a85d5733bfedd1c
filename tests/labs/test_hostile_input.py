"""Hostile input: the corpus under tests/corpus/labs and hypothesis fuzzing. Every file
gives a clear InputError or a correct read; never another exception or a hang."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlhdesk.core.labs.labcsv import LabFile, parse_lab_csv
from hlhdesk.core.labs.labimport import RowStatus, plan_import
from hlhdesk.core.units import analyte
from hlhdesk.errors import InputError
from tests.support.lab_files import CASE_A, CASE_B, MAPPING, NHS_A, NOW

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "labs"

# file -> the InputError's text, or the (line, accepted) of every row read
EXPECTED = {
    "binary.bin": "NUL bytes",
    "png_header.csv": "NUL bytes",
    "empty.csv": "the file is empty",
    "only_header.csv": "no result rows",
    "no_units_column.csv": "a unit is never guessed",
    "utf16.csv": "UTF-16",
    "truncated_mid_character.csv": "line 3: the file ends in the middle of a character",
    "truncated_mid_quote.csv": "line 4: the file cannot be read as CSV",
    "very_long_field.csv": "line 2: the file cannot be read as CSV",
    "good_utf8.csv": [(2, True), (3, True)],
    "good_utf8_bom.csv": [(2, True), (3, True)],
    "good_cp1252_semicolon.csv": [(2, True), (3, True)],
    "truncated_mid_row.csv": [(2, True), (3, True), (4, False)],
    "huge_numbers.csv": [(2, False), (3, False), (4, False), (5, True)],
    "nan_infinity.csv": [(n, n == 8) for n in range(2, 9)],  # only "-0" is a number
    "impossible_dates.csv": [(n, n == 11) for n in range(2, 12)],  # only 29/02/2024 is real
    "formulas.csv": [(n, n == 7) for n in range(2, 8)],
    "censored.csv": [(2, False), (3, False), (4, False)],
    # \x1c is whitespace to str.strip(), so line 3 is a good row; \x0b and U+202E are not
    "control_chars.csv": [(2, False), (3, True), (4, False)],
    "ragged_rows.csv": [(2, False), (3, False), (4, True)],
    # one 10/31/2026 makes every dd/mm date of the file doubtful; ISO and 03-Oct still read
    "month_first_dates.csv": [(2, False), (3, False), (4, True), (5, True)],
    "semicolon_thousands.csv": [(2, False), (3, False), (4, True), (5, True)],  # 38,052 / 38.052
    "unquoted_thousands.csv": [(2, True), (3, False), (4, True)],  # 38,052 split into 38 | 052
    "spreadsheet_identifiers.csv": [(2, True), (3, True), (4, False), (5, True)],  # 9.99E+09 lost
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gives_a_clear_error_or_a_correct_read(name):
    data = (CORPUS / name).read_bytes()
    expected = EXPECTED[name]
    if isinstance(expected, str):
        with pytest.raises(InputError, match=expected):
            parse_lab_csv(data, MAPPING, now=NOW)
        return
    lab = parse_lab_csv(data, MAPPING, now=NOW)
    assert [(r.line, r.accepted) for r in lab.rows] == expected
    assert all(r.problems for r in lab.rows if not r.accepted)


def test_cp1252_semicolon_file_reads_micro_sign_and_decimal_comma():
    lab = parse_lab_csv((CORPUS / "good_cp1252_semicolon.csv").read_bytes(), MAPPING, now=NOW)
    assert lab.encoding == "Windows-1252" and lab.decimal_mark == ","
    assert [(o.kind, o.value) for o in (r.observation for r in lab.rows)] == [
        ("ferritin", 38052.0), ("haemoglobin", 81.0)]


def hundred_thousand_rows() -> bytes:
    tests = [("Ferritin", "ug/L", 5000), ("Hb", "g/L", 90), ("PLT", "x10^9/L", 50),
             ("CRP", "mg/L", 100), ("Fibrinogen (Clauss)", "g/L", 1)]
    start = datetime(2015, 1, 1)
    lines = ["NHS Number,Collected,Test Name,Result,Units"]
    for i in range(100_000):
        name, unit, value = tests[i % 5]
        at = start + timedelta(minutes=30 * (i // 5))
        lines.append(f"{NHS_A},{at:%d/%m/%Y %H:%M},{name},{value + i % 7},{unit}")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_a_hundred_thousand_rows_read_and_plan_correctly():
    lab = parse_lab_csv(hundred_thousand_rows(), MAPPING, now=NOW)
    plan = plan_import(lab, [CASE_A], {})
    assert plan.count(RowStatus.ADD) == 100_000
    assert plan.rows[-1].line == 100_001


# ----------------------------------------------------------------------------- fuzzing

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data):
    try:
        parse_lab_csv(data, MAPPING, now=NOW)
    except InputError:
        pass


CELLS = {
    "id": st.sampled_from([NHS_A, "999 001 0013", "9990010006", "RX0012345", "", "=cmd|x", "1" * 40]),
    "when": st.sampled_from(["03/10/2026 08:00", "31/02/2026", "2026-10-03", "03/10/26", "",
                             "03-Oct-2026", "01/01/3000", "99/99/9999 99:99"]),
    "test": st.sampled_from(["Ferritin", "HB", "PLT", "Temperature", "Sodium", "", "+SUM(1)",
                             "Fibrinogen (Clauss)", "sIL-2R"]),
    "value": st.one_of(
        st.sampled_from(["<5", ">100000", "NaN", "Infinity", "-1", "", "1,5", "8.1", "1e3"]),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(min_value=-10**30, max_value=10**30).map(str),
    ),
    "unit": st.sampled_from(["ug/L", "µg/L", "g/L", "g/dL", "x10^9/L", "degC", "°F", "", "mmol/L",
                             "pg/mL", "@x"]),
}
ROW = st.fixed_dictionaries(CELLS).map(lambda c: [c["id"], c["when"], c["test"], c["value"], c["unit"]])


def _quote(cell: str, delimiter: str) -> str:
    if any(ch in cell for ch in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@FUZZ
@given(st.lists(ROW, min_size=1, max_size=20), st.sampled_from([",", ";"]),
       st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_structured_rows_are_each_accepted_correctly_or_rejected_with_a_reason(rows, delim, enc):
    header = delim.join(["NHS Number", "Collected", "Test", "Result", "Units"])
    text = "\r\n".join([header] + [delim.join(_quote(c, delim) for c in r) for r in rows]) + "\r\n"
    lab: LabFile = parse_lab_csv(text.encode(enc), MAPPING, now=NOW)
    assert [r.line for r in lab.rows] == list(range(2, 2 + len(rows)))
    for row in lab.rows:
        if row.accepted:
            obs = row.observation
            spec = analyte(obs.kind)
            assert spec.plausible_min <= obs.value <= spec.plausible_max
            assert obs.unit == spec.canonical_unit and obs.entered_unit in spec.accepted_units
            assert obs.at <= NOW + timedelta(hours=1)
        else:
            assert row.problems and all(p.strip() for p in row.problems)
    plan = plan_import(lab, [CASE_A, CASE_B], {})
    assert len(plan.rows) == len(rows)
    assert all(r.reason for r in plan.rows if r.status is not RowStatus.ADD)
