"""The import preview (pure): matching rows to cases, duplicates, conflicts, the
rejected-rows report."""

import csv
import io
from datetime import datetime

import pytest

from hlhdesk.core.csvsafe import safe_csv_text, spreadsheet_safe
from hlhdesk.core.labs.labimport import CaseTarget, RowStatus, plan_import
from hlhdesk.core.labs.labnames import DEFAULT_TEST_NAMES, MAPPABLE_KINDS, TestNameMapping
from tests.support.lab_files import CASE_A, CASE_B, NHS_A, NHS_B, parse

CASES = (CASE_A, CASE_B)


def plan(*lines, stored=None, header=None, cases=CASES):
    kw = {"header": header} if header else {}
    return plan_import(parse(*lines, **kw), cases, stored or {}, "labs.csv")


def statuses(p):
    return [(r.line, r.status) for r in p.rows]


def test_rows_go_to_the_case_with_that_nhs_number():
    p = plan(f"{NHS_A},03/10/2026 08:00,Ferritin,38052,ug/L", f"{NHS_B},03/10/2026,Hb,81,g/L")
    assert [(case_id, obs.kind) for case_id, obs in p.additions()] == [
        (1, "ferritin"), (2, "haemoglobin")]
    assert p.summary() == "2 to add to 2 cases, 0 already stored (skipped), 0 rejected"


def test_hospital_number_matches_ignoring_case_and_spaces():
    p = plan("rx 0012345,03/10/2026,Hb,81,g/L", header="MRN,Date,Test,Result,Units")
    assert p.additions()[0][0] == 1


def test_identifier_with_no_case_is_rejected_with_the_reason():
    p = plan("9990010021,03/10/2026,Hb,81,g/L")
    assert p.rows[0].status is RowStatus.REJECTED
    assert p.rows[0].reason == "no case for NHS number 999 001 0021"


def test_patient_with_two_cases_is_rejected_not_guessed():
    second = CaseTarget(3, "EXAMPLE, Alex", None, NHS_A, None)
    p = plan(f"{NHS_A},03/10/2026,Hb,81,g/L", cases=(CASE_A, second))
    assert "has 2 cases (ids 1, 3)" in p.rows[0].reason


def test_nhs_and_hospital_numbers_of_different_cases_are_rejected():
    p = plan(f"{NHS_B},RX0012345,03/10/2026,Hb,81,g/L",
             header="NHS Number,Hospital Number,Date,Test,Result,Units")
    assert p.rows[0].reason == "the NHS number and the hospital number belong to different cases"


def test_hospital_number_match_with_another_patients_nhs_number_is_rejected():
    # NHS_B is not case 1's NHS number: this is someone else's result, whatever the MRN says
    p = plan(f"{NHS_B},RX0012345,03/10/2026,Hb,81,g/L", cases=(CASE_A,),
             header="NHS Number,Hospital Number,Date,Test,Result,Units")
    assert p.rows[0].status is RowStatus.REJECTED and p.additions() == []
    assert p.rows[0].case is None  # the preview does not name case 1 as whose it is
    assert p.rows[0].reason == ("the hospital number is case 1's, but its NHS number there is "
                                "999 001 0005, not 999 001 0013: check which patient this is")


def test_nhs_number_match_with_another_hospital_number_is_rejected():
    p = plan(f"{NHS_A},RX0099999,03/10/2026,Hb,81,g/L",
             header="NHS Number,Hospital Number,Date,Test,Result,Units")
    assert p.rows[0].status is RowStatus.REJECTED
    assert p.rows[0].reason == ("the NHS number is case 1's, but its hospital number there is "
                                "RX0012345, not RX0099999: check which patient this is")


def test_an_identifier_the_case_does_not_hold_is_no_contradiction():
    # CASE_B has no hospital number recorded: its NHS number alone matches it
    p = plan(f"{NHS_B},RX0099999,03/10/2026,Hb,81,g/L",
             header="NHS Number,Hospital Number,Date,Test,Result,Units")
    assert p.additions()[0][0] == 2
    # and the same hospital number written with other spacing and case agrees
    p = plan(f"{NHS_A},rx 0012345,03/10/2026,Hb,81,g/L",
             header="NHS Number,Hospital Number,Date,Test,Result,Units")
    assert p.additions()[0][0] == 1


def test_result_before_date_of_birth_is_rejected_and_on_the_day_accepted():
    p = plan(f"{NHS_B},31/12/2019,Hb,81,g/L", f"{NHS_B},01/01/2020,Hb,81,g/L")
    assert statuses(p) == [(2, RowStatus.REJECTED), (3, RowStatus.ADD)]
    assert p.rows[0].reason == "taken before the patient's date of birth (01/01/2020)"


def test_exact_duplicates_already_stored_are_skipped():
    stored = {(1, "haemoglobin", datetime(2026, 10, 3)): [81.0]}
    # 8.1 g/dL is 81 g/L: the canonical value is what is compared
    p = plan(f"{NHS_A},03/10/2026,Hb,8.1,g/dL", f"{NHS_A},04/10/2026,Hb,81,g/L", stored=stored)
    assert statuses(p) == [(2, RowStatus.DUPLICATE), (3, RowStatus.ADD)]
    assert p.summary() == "1 to add to 1 case, 1 already stored (skipped), 0 rejected"


def test_same_time_different_stored_value_is_refused_as_a_conflict():
    stored = {(1, "haemoglobin", datetime(2026, 10, 3)): [90.0]}
    p = plan(f"{NHS_A},03/10/2026,Hb,81,g/L", stored=stored)
    assert p.rows[0].status is RowStatus.REJECTED
    assert "a different Haemoglobin (90 g/L) is already stored" in p.rows[0].reason


def test_exact_duplicate_within_the_file_is_skipped_once():
    row = f"{NHS_A},03/10/2026,Hb,81,g/L"
    p = plan(row, row)
    assert statuses(p) == [(2, RowStatus.ADD), (3, RowStatus.DUPLICATE)]
    assert p.rows[1].reason == "same result as line 2"
    assert len(p.additions()) == 1


def test_two_values_for_one_time_in_the_file_are_both_refused():
    p = plan(f"{NHS_A},03/10/2026,Hb,81,g/L", f"{NHS_A},03/10/2026,Hb,95,g/L")
    assert statuses(p) == [(2, RowStatus.REJECTED), (3, RowStatus.REJECTED)]
    assert p.rows[0].reason.startswith("line 3 has a different Haemoglobin")
    assert p.additions() == []


def test_rows_rejected_by_the_reader_keep_their_reasons():
    p = plan(f"{NHS_A},03/10/2026,Ferritin,<5,ug/L")
    assert p.rows[0].status is RowStatus.REJECTED and "censored" in p.rows[0].reason


def test_rejected_rows_report_is_spreadsheet_safe():
    p = plan(f"{NHS_A},03/10/2026,=cmd|' /C calc'!A0,1,g/L", f"{NHS_A},03/10/2026,Hb,81,g/L")
    rows = list(csv.reader(io.StringIO(p.rejected_rows_csv())))
    assert rows[0] == ["Line", "Identifier", "Date", "Test", "Value", "Units", "Status", "Reason"]
    assert len(rows) == 2  # the added row is not in the report
    assert rows[1][3] == "'=cmd|' /C calc'!A0"
    assert rows[1][6] == "Rejected"


# ---------------------------------------------------------------------------- csvsafe

@pytest.mark.parametrize("cell, safe", [
    ("=1+1", "'=1+1"), ("+44", "'+44"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Ferritin", "Ferritin"), ("", ""), (None, ""),
    (12, "12"), ("a=b", "a=b"), ("'=x", "'=x"),
])
def test_spreadsheet_safe_prefixes_formula_starts_only(cell, safe):
    assert spreadsheet_safe(cell) == safe


def test_safe_csv_text_round_trips_commas_quotes_and_newlines():
    text = safe_csv_text(["a", "b"], [['x,"y"', "line1\nline2"], ["=HYPERLINK()", "µg/L"]])
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["a", "b"], ['x,"y"', "line1\nline2"], ["'=HYPERLINK()", "µg/L"]]


# ----------------------------------------------------------------------------- names

@pytest.mark.parametrize("name, kind", [
    ("Ferritin", "ferritin"), ("FERR", "ferritin"), ("Haemoglobin", "haemoglobin"),
    ("Hb", "haemoglobin"), ("HB", "haemoglobin"), (" hb ", "haemoglobin"),
    ("Platelets", "platelets"), ("PLT", "platelets"), ("Neutrophils", "neutrophils"),
    ("NEUT", "neutrophils"), ("WBC", "wbc"), ("White  cell count", "wbc"),
    ("Triglycerides", "triglycerides"), ("TRIG", "triglycerides"),
    ("Fibrinogen (Clauss)", "fibrinogen"), ("FIB", "fibrinogen"), ("AST", "ast"),
    ("ALT", "alt"), ("sCD25", "scd25"), ("sIL-2R", "scd25"), ("CRP", "crp"), ("LDH", "ldh"),
    ("Temperature", "temperature"),
])
def test_default_names_cover_common_uk_tests(name, kind):
    assert TestNameMapping.defaults().kind_for(name) == kind


def test_derived_fibrinogen_is_not_mapped_by_default():
    assert TestNameMapping.defaults().kind_for("Derived fibrinogen") is None


def test_mapping_targets_only_numeric_lab_kinds():
    assert set(DEFAULT_TEST_NAMES.values()) <= set(MAPPABLE_KINDS)
    assert "splenomegaly" not in MAPPABLE_KINDS and "hscore" not in MAPPABLE_KINDS
    with pytest.raises(ValueError, match="not a kind a lab result can be"):
        TestNameMapping.from_pairs([("Spleen", "splenomegaly")])


def test_mapping_refuses_empty_names_and_contradictions():
    with pytest.raises(ValueError, match="cannot be empty"):
        TestNameMapping.from_pairs([("  ", "ferritin")])
    with pytest.raises(ValueError, match="listed twice with different kinds"):
        TestNameMapping.from_pairs([("Hb", "haemoglobin"), ("HB", "ferritin")])


def test_an_edited_mapping_changes_what_a_name_means():
    mapping = TestNameMapping.from_pairs([("Derived fibrinogen", "fibrinogen")])
    assert mapping.kind_for("DERIVED FIBRINOGEN") == "fibrinogen"
    assert mapping.kind_for("Ferritin") is None
