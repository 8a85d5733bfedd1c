"""Case file v1: every class of bad input is refused with its JSON path, every problem is
reported at once, and a valid case round-trips exactly."""

import copy
import json
import math
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlhdesk.core.casefile import caseio
from hlhdesk.core.casefile.caseio import (
    CaseFileError, case_to_dict, dumps_case, parse_case, parse_case_with_warnings,
    read_case_file, write_case_file,
)
from hlhdesk.errors import InputError
from tests.strategies import case_documents, cases

EXAMPLE = Path(__file__).parent / "data" / "example_case.json"


@pytest.fixture
def doc() -> dict:
    """The worked example of case-format.md, to break one piece at a time."""
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def problems_of(data) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_case(data)
    return caught.value.problems


def test_the_documented_example_reads_in_canonical_units_keeping_what_was_entered():
    case = read_case_file(EXAMPLE)
    assert case.patient.nhs_number == "9434765919"
    assert case.patient.date_of_birth == date(1984, 5, 17)
    ferritin = case.observations_of("ferritin")[0]
    assert (ferritin.at, ferritin.value, ferritin.unit) == (datetime(2026, 10, 3, 8), 38052.0, "ug/L")
    assert case.observations_of("splenomegaly")[0].at == datetime(2026, 10, 3, 0, 0)
    assert case.treatments[1].name == "dexamethasone" and case.treatments[0].stop is None
    assert case.details.triggers == ("rheumatological",)
    assert case.details.known_immunosuppression is False  # recorded "no", not unknown
    assert case.events[0].kind == "serious_adverse_event"


def test_a_converted_value_is_stored_canonical_and_written_back_as_entered(doc):
    doc["observations"] = [
        {"at": "2026-10-03T08:00", "kind": "triglycerides", "value": 354.28, "unit": "mg/dL"},
        {"at": "2026-10-03T08:00", "kind": "temperature", "value": 103.1, "unit": "degF"},
    ]
    case = parse_case(doc)
    trig = case.observations[0]
    assert trig.unit == "mmol/L" and trig.value == pytest.approx(4.0, abs=0.001)
    assert (trig.entered_value, trig.entered_unit) == (354.28, "mg/dL")
    assert case.observations[1].value == pytest.approx(39.5)
    written = case_to_dict(case)["observations"]
    assert written[0] == {"at": "2026-10-03T08:00", "kind": "triglycerides", "value": 354.28, "unit": "mg/dL"}
    assert written[1]["value"] == 103.1 and written[1]["unit"] == "degF"


def test_missing_optional_fields_are_unknown_not_no(doc):
    del doc["case"]
    for key in ("nhs_number", "family_name", "given_name"):
        doc["patient"].pop(key)
    case = parse_case(doc)
    assert case.details.tissue_diagnosis is None and case.details.triggers is None
    assert case.patient.nhs_number is None and case.patient.hospital_number == "RX0012345"


# ---- one test per class of bad input, each naming the JSON path


def test_wrong_type(doc):
    doc["patient"]["family_name"] = 5
    doc["observations"] = {"not": "a list"}
    assert problems_of(doc) == [
        "patient.family_name: must be text, not 5",
        "observations: must be a list, not an object",
    ]


def test_an_unpaired_surrogate_is_refused_where_it_stands(doc):
    text = json.dumps(doc).replace('"Dr A Consultant"', '"Dr \\ud800 Consultant"')
    assert problems_of(text) == [
        "case.referring_clinician: holds an unpaired surrogate (\\uD800-\\uDFFF), which is not a character"]


def test_unknown_observation_kind(doc):
    doc["observations"][1]["kind"] = "ferritn"
    assert problems_of(doc) == ["observations[1].kind: unknown observation kind 'ferritn'"]


def test_unit_that_does_not_fit_the_kind(doc):
    doc["observations"][0]["unit"] = "mg/dL"
    doc["observations"][2]["unit"] = "cm"
    assert problems_of(doc) == [
        "observations[0].unit: 'mg/dL' is not a unit for ferritin (use ug/L, ng/mL)",
        "observations[2].unit: splenomegaly takes no unit",
    ]


def test_a_numeric_kind_without_a_unit_is_refused_not_guessed(doc):
    del doc["observations"][0]["unit"]
    assert problems_of(doc) == ["observations[0].unit: is required"]


@pytest.mark.parametrize("kind, value, unit", [
    ("ferritin", -5, "ug/L"), ("temperature", 80, "degC"), ("platelets", 150000, "10^9/L"),
])
def test_value_out_of_plausible_range(doc, kind, value, unit):
    doc["observations"][0] = {"at": "2026-10-03T08:00", "kind": kind, "value": value, "unit": unit}
    [problem] = problems_of(doc)
    assert problem.startswith("observations[0].value: ") and "is not plausible" in problem


@pytest.mark.parametrize("kind, value, unit", [("fibrinogen", 3.0, "mg/dL"), ("wbc", 9, "/mm3")])
def test_a_value_too_small_for_its_unit_is_refused_as_probably_the_wrong_unit(doc, kind, value, unit):
    doc["observations"][0] = {"at": "2026-10-03T08:00", "kind": kind, "value": value, "unit": unit}
    [problem] = problems_of(doc)
    assert problem.startswith("observations[0].value: ") and "probably the wrong unit" in problem


def test_plausible_range_edges_are_inclusive(doc):
    doc["observations"] = [
        {"at": "2026-10-03", "kind": "temperature", "value": 45, "unit": "degC"},
        {"at": "2026-10-03", "kind": "ferritin", "value": 0, "unit": "ug/L"},
    ]
    assert len(parse_case(doc).observations) == 2
    doc["observations"][0]["value"] = 45.01
    assert [p.split(":")[0] for p in problems_of(doc)] == ["observations[0].value"]


@pytest.mark.parametrize("path, value", [
    (("patient", "date_of_birth"), "2026-02-31"),
    (("observations", 0, "at"), "2026-02-29T08:00"),  # 2026 is not a leap year
    (("observations", 1, "at"), "2026-10-03T25:00"),
])
def test_impossible_date(doc, path, value):
    _set(doc, path, value)
    [problem] = problems_of(doc)
    assert problem.startswith(f"{_path_text(path)}: '{value}' is not a real")


@pytest.mark.parametrize("value", ["03/10/2026", "2026-10-3", "yesterday", 20261003])
def test_dates_must_be_iso(doc, value):
    doc["observations"][0]["at"] = value
    [problem] = problems_of(doc)
    assert problem.startswith("observations[0].at: ") and "YYYY-MM-DD" in problem


@pytest.mark.parametrize("value", ["2026-10-03T10:00Z", "2026-10-03T10:00+01:00", "2026-10-03T10:00:00-0500"])
def test_a_time_zone_is_refused_not_converted(doc, value):
    doc["treatments"][0]["start"] = value
    assert problems_of(doc) == [
        f"treatments[0].start: '{value}' has a time zone; give local clinical time "
        "without one (e.g. 2026-10-03T08:00)"
    ]


@pytest.mark.parametrize("value, message", [
    ("9434765918", "943 476 5918 fails the NHS number check digit"),
    ("94347659", "an NHS number has 10 digits"),
    ("943476591X", "an NHS number has 10 digits"),
])
def test_bad_nhs_number(doc, value, message):
    doc["patient"]["nhs_number"] = value
    assert problems_of(doc) == [f"patient.nhs_number: {message}"]


def test_nhs_number_with_spaces_is_accepted_and_normalised(doc):
    doc["patient"]["nhs_number"] = "943 476 5919"
    assert parse_case(doc).patient.nhs_number == "9434765919"


def test_missing_required_fields(doc):
    del doc["patient"]["sex"]
    del doc["observations"][0]["at"]
    doc["treatments"][0]["drug"] = None
    doc["events"][0].pop("kind")
    assert problems_of(doc) == [
        "patient.sex: is required",
        "observations[0].at: is required",
        "treatments[0].drug: is required",
        "events[0].kind: is required",
    ]


def test_a_patient_needs_an_nhs_or_hospital_number(doc):
    doc["patient"]["nhs_number"] = None
    doc["patient"]["hospital_number"] = "   "
    assert problems_of(doc) == ["patient: give nhs_number or hospital_number (at least one)"]


def test_a_missing_patient(doc):
    del doc["patient"]
    assert problems_of(doc) == ["patient: is required"]


@pytest.mark.parametrize("text, start", [
    ("", "$: not JSON: Expecting value at line 1, column 1"),
    ("{'format': 'hlhdesk-case'}", "$: not JSON: Expecting property name"),
    ('{"format": "hlhdesk-case",', "$: not JSON"),
    (b"\xff\xfe{}", "$: not UTF-8 text"),
    ("[1, 2]", "$: must be an object, not a list"),
])
def test_not_json_at_all(text, start):
    [problem] = problems_of(text)
    assert problem.startswith(start)


def test_wrong_format_or_version(doc):
    doc["format"] = "fhir-bundle"
    doc["version"] = 2
    assert problems_of(doc) == [
        "format: must be \"hlhdesk-case\", not 'fhir-bundle'",
        "version: this file is version 2, written by a newer hlhdesk; this one reads version 1",
    ]
    doc["format"] = "hlhdesk-case"
    doc["version"] = "1"
    assert problems_of(doc) == ["version: must be 1, not '1'"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.json"
    with big.open("wb") as out:
        out.truncate(40 * 1024 * 1024)  # sparse: 40 MB on paper, nothing on disk
    monkeypatch.setattr(caseio.json, "loads", lambda *a, **k: pytest.fail("the file was parsed"))
    with pytest.raises(CaseFileError) as caught:
        read_case_file(big)
    assert caught.value.problems == ["$: the file is 40.0 MB; a case file may be at most 16 MB"]
    assert str(big) in str(caught.value)


def test_text_over_the_size_limit_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr(caseio.json, "loads", lambda *a, **k: pytest.fail("the text was parsed"))
    [problem] = problems_of(" " * (caseio.MAX_FILE_BYTES + 1))
    assert "may be at most 16 MB" in problem


@pytest.mark.parametrize("path, value, message", [
    (("case", "tissue_diagnosis"), 0, "must be true or false, not 0"),
    (("case", "offlabel_consent"), "yes", "must be true or false, not 'yes'"),
    (("case", "cardiomyopathy"), "false", "must be true or false, not 'false'"),
    (("observations", 2, "value"), 1, "splenomegaly must be true or false, not 1"),
    (("observations", 0, "value"), True, "ferritin needs a number, not true"),
])
def test_bools_are_not_numbers_or_strings(doc, path, value, message):
    _set(doc, path, value)
    assert problems_of(doc) == [f"{_path_text(path)}: {message}"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(doc, constant):
    text = json.dumps(doc).replace("38052", constant)
    [problem] = problems_of(text)
    assert problem == f"$: not valid JSON: {constant} is not a number a case file may hold"


def test_nan_in_an_already_decoded_document_is_refused(doc):
    doc["observations"][0]["value"] = math.nan
    doc["treatments"][0]["dose_mg"] = math.inf
    assert problems_of(doc) == [
        "observations[0].value: ferritin needs a number, not nan",
        "treatments[0].dose_mg: must be a number, not inf",
    ]


def test_deeply_nested_input_is_refused_cleanly(doc):
    assert problems_of("[" * 200_000 + "]" * 200_000) == ["$: nested too deeply to be a case file"]
    doc["patient"]["family_name"] = json.loads("[" * 500 + "]" * 500)
    assert problems_of(doc) == ["patient.family_name: must be text, not a list"]


def test_every_problem_is_reported_at_once(doc):
    doc["patient"]["date_of_birth"] = "1984-13-01"
    doc["observations"][0]["unit"] = "mg/dL"
    doc["observations"][1]["value"] = 80
    doc["treatments"][1]["name"] = "prednisone"
    doc["events"][0]["kind"] = "sae"
    problems = problems_of(doc)
    assert [p.split(":")[0] for p in problems] == [
        "patient.date_of_birth", "observations[0].unit", "observations[1].value",
        "treatments[1].name", "events[0].kind",
    ]


def test_error_message_lists_problems_and_caps_a_flood(doc):
    doc["observations"] = [{"at": "2026-10-03", "kind": "ferritin", "value": -1, "unit": "ug/L"}] * 100
    with pytest.raises(CaseFileError) as caught:
        parse_case(doc, source="referral.json")
    error = caught.value
    assert isinstance(error, InputError) and len(error.problems) == 100
    text = str(error)
    assert text.startswith("referral.json is not a valid hlhdesk case file (100 problems)")
    assert "observations[99].value" not in text and "... and 60 more" in text


def test_records_before_birth_and_stops_before_starts(doc):
    doc["observations"][0]["at"] = "1984-05-16T08:00"
    doc["treatments"][0]["stop"] = "2026-10-03T09:59"
    assert problems_of(doc) == [
        "observations[0].at: 1984-05-16 is before the date of birth (1984-05-17)",
        "treatments[0].stop: 2026-10-03T09:59 is before the start (2026-10-03T10:00)",
    ]


def test_choices_are_checked(doc):
    doc["patient"]["sex"] = "F"
    doc["case"]["triggers"] = ["rheumatological", "covid", "rheumatological"]
    doc["treatments"][0]["route"] = "im"
    doc["observations"].append({"at": "2026-10-03", "kind": "haemophagocytosis", "value": True, "site": "skin"})
    doc["observations"].append({"at": "2026-10-03", "kind": "ventilation", "value": "cpap"})
    assert [p.split(":")[0] for p in problems_of(doc)] == [
        "patient.sex", "case.triggers[1]", "case.triggers[2]", "observations[3].site",
        "observations[4].value", "treatments[0].route",
    ]


def test_doses_must_be_positive_and_plausible(doc):
    doc["treatments"][0]["dose_mg"] = 0
    doc["treatments"][1]["every_hours"] = -8
    assert [p.split(":")[0] for p in problems_of(doc)] == ["treatments[0].dose_mg", "treatments[1].every_hours"]


def test_unknown_fields_are_ignored_with_a_warning_for_forward_compatibility(doc):
    doc["written_by"] = "hlhdesk 9.0"
    doc["observations"][0]["lab_ref"] = "X1"
    case, warnings = parse_case_with_warnings(doc)
    assert case == parse_case(json.loads(EXAMPLE.read_text()))
    assert warnings == ["written_by: unknown field ignored", "observations[0].lab_ref: unknown field ignored"]


def test_a_key_given_twice_is_refused():
    text = EXAMPLE.read_text().replace('"sex": "female"', '"sex": "female", "sex": "male"')
    assert problems_of(text) == ["patient.sex: given twice"]


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert read_case_file(path) == read_case_file(EXAMPLE)
    assert parse_case("\ufeff" + EXAMPLE.read_text()) == read_case_file(EXAMPLE)


def test_an_already_decoded_document_that_is_not_an_object():
    assert problems_of([{"format": "hlhdesk-case"}]) == ["$: must be an object, not a list"]


def test_unreadable_paths_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_case_file(tmp_path / "absent.json")
    with pytest.raises(InputError, match="is a folder"):
        read_case_file(tmp_path)


def test_monitoring_checks_round_trip_and_are_only_written_when_present(doc):
    assert "monitoring" not in case_to_dict(parse_case(doc))
    doc["monitoring"] = [{"at": "2026-10-04T09:00", "kind": "infection", "note": "CRP, cultures"}]
    case = parse_case(doc)
    assert case.monitoring[0].kind == "infection"
    assert parse_case(dumps_case(case)) == case
    doc["monitoring"][0]["kind"] = "renal"
    assert [p.split(":")[0] for p in problems_of(doc)] == ["monitoring[0].kind"]


def test_writing_is_atomic_and_utf8(tmp_path, doc):
    doc["patient"]["given_name"] = "Zoë"
    case = parse_case(doc)
    path = tmp_path / "out.json"
    write_case_file(case, path)
    assert "Zoë" in path.read_text(encoding="utf-8")
    assert read_case_file(path) == case
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary left behind


# ---- properties


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_a_case_written_and_read_back_is_equal(case):
    assert parse_case(dumps_case(case)) == case


@settings(max_examples=30, deadline=None)
@given(case_documents(max_observations=5))
def test_a_valid_document_survives_a_json_round_trip_unchanged(document):
    assert case_to_dict(parse_case(json.dumps(document))) == document


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=80, deadline=None)
@given(case_documents(max_observations=3), st.data())
def test_any_damage_gives_a_case_file_error_never_a_crash(document, data):
    damaged = copy.deepcopy(document)
    target = damaged
    keys = []
    while isinstance(target, (dict, list)) and target and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(list(target) if isinstance(target, dict) else range(len(target))))
        keys.append(key)
        if not isinstance(target[key], (dict, list)):
            break
        target = target[key]
    if keys:
        _set(damaged, keys, data.draw(_json))
    try:
        parse_case(damaged)
    except CaseFileError as error:
        assert error.problems and all(": " in p for p in error.problems)


def _set(doc, path, value):
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def _path_text(path) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text
