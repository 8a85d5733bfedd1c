"""The pathology CSV reader: encodings, separators, headers, dates, values, units, and
every reason a row is rejected, with its line number."""

from datetime import datetime, timedelta

import pytest

from hlhdesk.core.labs.labcsv import match_unit, parse_lab_csv, parse_value, parse_when
from hlhdesk.errors import InputError
from tests.support.lab_files import MAPPING, NHS_A, NHS_BAD_CHECK, NOW, csv_bytes, only_row, parse

GOOD = f"{NHS_A},03/10/2026 08:00,Ferritin,38052,µg/L"


# ---------------------------------------------------------------- encodings and separators

@pytest.mark.parametrize("encoding, name", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("cp1252", "Windows-1252"),
])
def test_utf8_with_and_without_bom_and_cp1252_read_the_micro_sign(encoding, name):
    lab = parse(GOOD, encoding=encoding)
    # Pure-ASCII files are valid UTF-8 whatever they were saved as; µ makes them differ.
    assert lab.encoding == name
    obs = lab.rows[0].observation
    assert (obs.kind, obs.value, obs.unit, obs.entered_unit) == ("ferritin", 38052.0, "ug/L", "ug/L")


def test_bom_does_not_spoil_the_first_header():
    lab = parse(GOOD, encoding="utf-8-sig")
    assert lab.columns["nhs_number"] == "NHS Number"


def test_utf8_with_a_stray_byte_is_refused_not_shown_as_mojibake():
    data = csv_bytes(GOOD, f"{NHS_A},03/10/2026,Hb,81,g/L") + b"\x9d"
    with pytest.raises(InputError, match=r"line 4: the file is UTF-8 but has an invalid byte"):
        parse_lab_csv(data, MAPPING, now=NOW)


def test_utf8_cut_short_inside_a_character_is_refused():
    data = csv_bytes(GOOD)[:-1] + "µ".encode()[:1]
    with pytest.raises(InputError, match="ends in the middle of a character"):
        parse_lab_csv(data, MAPPING, now=NOW)


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused_with_the_line():
    data = csv_bytes(f"{NHS_A},03/10/2026,Hb,81,g/L").replace(b"Hb", b"H\x81")
    with pytest.raises(InputError, match=r"line 2: the file is neither UTF-8 nor Windows-1252"):
        parse_lab_csv(data, MAPPING, now=NOW)


def test_utf16_and_binary_are_refused():
    with pytest.raises(InputError, match="UTF-16"):
        parse_lab_csv(GOOD.encode("utf-16"), MAPPING, now=NOW)
    with pytest.raises(InputError, match="NUL"):
        parse_lab_csv(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", MAPPING, now=NOW)


def test_semicolon_file_with_decimal_comma():
    lab = parse(f"{NHS_A};03/10/2026 08:00;Hb;8,1;g/dL", f"{NHS_A};03/10/2026 08:00;FIB;1,5;g/L",
                header="NHS Number;Collected;Test;Result;Units")
    assert (lab.delimiter, lab.decimal_mark) == (";", ",")
    assert [r.observation.value for r in lab.rows] == [81.0, 1.5]
    assert lab.rows[0].observation.entered_value == 8.1


def test_semicolon_file_without_decimal_commas_reads_points():
    lab = parse(f"{NHS_A};03/10/2026;Hb;8.1;g/dL", header="NHS Number;Date;Test;Result;Units")
    assert lab.decimal_mark == "." and lab.rows[0].observation.value == 81.0


def test_semicolon_file_mixing_decimal_marks_rejects_the_ambiguous_row():
    lab = parse(f"{NHS_A};03/10/2026;Hb;8,1;g/dL", f"{NHS_A};04/10/2026;FERR;1.234;ug/L",
                header="NHS Number;Date;Test;Result;Units")
    assert lab.rows[0].accepted
    assert lab.rows[1].line == 3
    assert "could be a thousands separator" in lab.rows[1].problems[0]


@pytest.mark.parametrize("value", ["38,052", "38.052", "1,234", "-1.500"])
@pytest.mark.parametrize("header", ["NHS Number;Date;Test;Result;Units",
                                    "NHS Number\tDate\tTest\tResult\tUnits"])
def test_a_value_that_may_hold_a_thousands_separator_is_refused_not_read_as_a_decimal(value, header):
    # In a semicolon or tab file (exports from decimal-comma locales) "38,052" may be
    # 38.052 or 38052: a ferritin a thousand times too low if guessed wrong.
    sep = header[10]
    row = only_row(sep.join([NHS_A, "03/10/2026", "Ferritin", value, "ug/L"]), header=header)
    assert not row.accepted
    assert "could be a thousands separator" in row.problems[0]


def test_only_unambiguous_values_decide_a_semicolon_files_decimal_mark():
    lab = parse(f"{NHS_A};03/10/2026;Ferritin;38,052;ug/L", f"{NHS_A};03/10/2026;Hb;81;g/L",
                header="NHS Number;Date;Test;Result;Units")
    assert lab.decimal_mark == "."
    assert [r.accepted for r in lab.rows] == [False, True]


def test_a_leading_zero_or_other_digit_counts_are_plain_decimals_in_a_semicolon_file():
    lab = parse(f"{NHS_A};03/10/2026;FIB;0,125;g/L", f"{NHS_A};04/10/2026;Trig;2,25;mmol/L",
                f"{NHS_A};05/10/2026;Ferritin;1234,5;ug/L", header="NHS Number;Date;Test;Result;Units")
    assert [r.observation.value for r in lab.rows] == [0.125, 2.25, 1234.5]


def test_decimal_comma_in_a_tab_file_is_refused_naming_the_right_separator():
    row = only_row(f"{NHS_A}\t03/10/2026\tHb\t8,1\tg/dL", header="NHS Number\tDate\tTest\tResult\tUnits")
    assert row.problems == ("'8,1' has a comma, but this file's decimal mark is a point: "
                            "thousands separators are not read, and decimal commas only in a "
                            "semicolon-separated file",)


def test_tab_separated_is_read():
    lab = parse(f"{NHS_A}\t03/10/2026\tHb\t81\tg/L", header="NHS Number\tDate\tTest\tResult\tUnits")
    assert lab.delimiter == "\t" and lab.rows[0].accepted


def test_comma_file_refuses_a_quoted_decimal_comma():
    row = only_row(f'{NHS_A},03/10/2026,Hb,"8,1",g/dL')
    assert "thousands separators are not read" in row.problems[0]


def test_a_row_wider_than_the_others_is_refused_even_if_its_extra_fields_are_empty():
    # An unquoted "38,052" shifts "052" into the empty flag column: read as 38 otherwise.
    lab = parse(f"{NHS_A},03/10/2026,Ferritin,ug/L,38052,", f"{NHS_A},03/10/2026,Ferritin,ug/L,38,052,",
                header="NHS Number,Date,Test,Units,Result,Flag")
    assert lab.rows[0].observation.value == 38052.0
    assert not lab.rows[1].accepted
    assert "has 7 fields but the header has 6" in lab.rows[1].problems[0]


def test_a_separator_ending_every_row_is_tolerated():
    lab = parse(f"{NHS_A},03/10/2026,Hb,81,g/L,", f"{NHS_A},04/10/2026,Hb,82,g/L,")
    assert all(r.accepted for r in lab.rows)


def test_lone_cr_and_lf_line_ends_and_blank_lines_count_lines_correctly():
    text = f"{HEADER_LINE}\r\r\n{GOOD}\n\n{NHS_A},03/10/2026,Hb,xx,g/L\r"
    lab = parse_lab_csv(text.encode(), MAPPING, now=NOW)
    assert [r.line for r in lab.rows] == [3, 5]


HEADER_LINE = "NHS Number,Collected,Test Name,Result,Units"


def test_quoted_field_with_a_newline_reports_the_row_start_line():
    lab = parse(f'{NHS_A},03/10/2026,"Ferr\nitin",1,ug/L', f"{NHS_A},03/10/2026,Hb,zz,g/L")
    assert [r.line for r in lab.rows] == [2, 4]


# ----------------------------------------------------------------------------- headers

@pytest.mark.parametrize("header", [
    "Identifier,Date,Test,Value,Units",
    "NHS No.,Collected,Test Name,Result,Unit",
    "MRN,Collection Date,Code,Result,UOM",
    "nhs_number,collected_datetime,test_code,value,units",
    "  Hospital Number , Sample Taken , Analyte , Result Value , Result Units ",
])
def test_header_names_are_mapped_flexibly(header):
    lab = parse(f"{NHS_A},03/10/2026,Hb,81,g/L", header=header)
    assert len(lab.rows) == 1


def test_a_name_column_is_taken_for_the_patients_not_the_tests():
    lab = parse(f"SMITH, Jo,{NHS_A},03/10/2026,Hb,81,g/L".replace("SMITH, Jo", '"SMITH, Jo"'),
                header="Name,NHS Number,Date,Test Name,Result,Units")
    assert lab.rows[0].accepted and lab.ignored_columns == ("Name",)


def test_unknown_columns_are_listed_as_ignored():
    lab = parse(f"{NHS_A},03/10/2026,Hb,81,g/L,115-165,L",
                header="NHS Number,Date,Test,Result,Units,Reference range,Flag")
    assert lab.ignored_columns == ("Reference range", "Flag")


def test_header_without_units_is_refused_never_guessed():
    with pytest.raises(InputError) as err:
        parse(f"{NHS_A},03/10/2026,Hb,81", header="NHS Number,Date,Test,Result")
    assert "line 1" in str(err.value) and "a unit is never guessed" in str(err.value)


def test_header_with_a_role_twice_is_refused():
    with pytest.raises(InputError, match="two columns mean the same thing: 'Result' and 'Value'"):
        parse(f"{NHS_A},03/10/2026,Hb,81,81,g/L", header="NHS Number,Date,Test,Result,Value,Units")


def test_empty_and_header_only_files_are_refused():
    with pytest.raises(InputError, match="empty"):
        parse_lab_csv(b"\r\n \r\n", MAPPING, now=NOW)
    with pytest.raises(InputError, match="no result rows"):
        parse_lab_csv(HEADER_LINE.encode(), MAPPING, now=NOW)


def test_unclosed_quote_is_a_clear_whole_file_error():
    with pytest.raises(InputError, match=r"line 3: the file cannot be read as CSV"):
        parse(GOOD, f'{NHS_A},"03/10/2026,Hb,81,g/L')


def test_separate_time_column_is_combined_with_the_date():
    lab = parse(f"{NHS_A},03/10/2026,14:30,Hb,81,g/L", header="NHS Number,Date,Time,Test,Result,Units")
    assert lab.rows[0].observation.at == datetime(2026, 10, 3, 14, 30)


def test_code_column_is_used_when_the_name_is_not_mapped():
    lab = parse(f"{NHS_A},03/10/2026,Full blood count haemoglobin,HB,81,g/L",
                header="NHS Number,Date,Test Name,Code,Result,Units")
    assert lab.rows[0].observation.kind == "haemoglobin"


# ------------------------------------------------------------------------------- dates

@pytest.mark.parametrize("text, expected", [
    ("03/10/2026", datetime(2026, 10, 3)),
    ("3/1/2026", datetime(2026, 1, 3)),
    ("03/10/2026 08:05", datetime(2026, 10, 3, 8, 5)),
    ("03/10/2026 23:59:59", datetime(2026, 10, 3, 23, 59, 59)),
    ("2026-10-03", datetime(2026, 10, 3)),
    ("2026-10-03T08:05", datetime(2026, 10, 3, 8, 5)),
    ("2026-10-03 08:05:30.123", datetime(2026, 10, 3, 8, 5, 30)),
    ("03-Oct-2026 08:05", datetime(2026, 10, 3, 8, 5)),
    ("03 oct 2026", datetime(2026, 10, 3)),
])
def test_dates_read_day_first_and_iso(text, expected):
    assert parse_when(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("31/02/2026", "not a real date"),
    ("10/31/2026", r"is month first \(US order\)"),  # refused, not swapped
    ("13/13/2026", "not a real date"),
    ("03/10/2026 24:00", "not a real date"),
    ("03/10/26", "2-digit year"),
    ("2026-10-03T08:00Z", "not in a form read here"),
    ("03.10.2026", "not in a form read here"),
    ("yesterday", "not in a form read here"),
    ("", "no date"),
])
def test_bad_dates_say_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_when(text)


def test_a_file_with_month_first_dates_has_none_of_its_slash_dates_read_day_first():
    # 10/31/2026 shows the export is US order: 10/03/2026 is then 3 October, not 10 March
    lab = parse(f"{NHS_A},10/03/2026 08:00,Hb,81,g/L", f"{NHS_A},10/31/2026 08:00,Hb,82,g/L",
                f"{NHS_A},2026-10-04 08:00,Hb,83,g/L")
    assert [r.accepted for r in lab.rows] == [False, False, True]
    assert lab.rows[0].problems == (
        "line 3 has a month-first date (10/31/2026 08:00), so '10/03/2026 08:00' cannot be "
        "read day first with confidence; export the dates as yyyy-mm-dd or dd-Mon-yyyy",)
    assert lab.rows[1].problems == ("'10/31/2026 08:00' is month first (US order); dates are "
                                    "read day first, so it is not read",)


def test_a_month_first_date_with_a_2_digit_year_is_a_sign_too():
    lab = parse(f"{NHS_A},10/03/2026,Hb,81,g/L", f"{NHS_A},10/31/26,Hb,82,g/L")
    assert "month-first date (10/31/26)" in lab.rows[0].problems[0]


def test_day_first_dates_above_twelve_are_no_sign_of_month_first():
    lab = parse(f"{NHS_A},10/03/2026,Hb,81,g/L", f"{NHS_A},31/10/2026,Hb,82,g/L",
                f"{NHS_A},31/02/2026,Hb,83,g/L")
    assert [r.observation and r.observation.at.date() for r in lab.rows[:2]] == [
        datetime(2026, 3, 10).date(), datetime(2026, 10, 31).date()]


def test_future_boundary_is_an_hour_past_now():
    at_limit = NOW + timedelta(hours=1)
    ok = only_row(f"{NHS_A},{at_limit:%d/%m/%Y %H:%M},Hb,81,g/L")
    late = only_row(f"{NHS_A},{at_limit + timedelta(minutes=1):%d/%m/%Y %H:%M},Hb,81,g/L")
    assert ok.accepted
    assert late.problems == ("01/11/2026 13:01 is in the future",)


def test_dates_before_1900_are_refused_and_1900_is_accepted():
    assert only_row(f"{NHS_A},01/01/1900,Hb,81,g/L").accepted
    assert only_row(f"{NHS_A},31/12/1899,Hb,81,g/L").problems == ("date 31/12/1899 is before 1900",)


# ------------------------------------------------------------------------------ values

@pytest.mark.parametrize("text", ["<5", ">100000", "< 5", "<=0.1", "≥ 2000"])
def test_censored_values_are_refused_with_the_reason(text):
    with pytest.raises(ValueError, match="censored value .* not a number"):
        parse_value(text, ".")


@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-inf", "1e3", "1,234.5", "38 052",
                                  "5.", ".5", "+5", "0x10", "=1+1", "١٢"])
def test_values_that_are_not_plain_decimals_are_refused(text):
    with pytest.raises(ValueError):
        parse_value(text, ".")


def test_long_values_are_refused_before_any_arithmetic():
    with pytest.raises(ValueError, match="characters long"):
        parse_value("9" * 100_000, ".")


def test_huge_number_is_rejected_as_implausible():
    row = only_row(f"{NHS_A},03/10/2026,Ferritin,{'9' * 39},ug/L")
    assert "is not plausible" in row.problems[0]


def test_plausible_range_boundaries_both_sides():
    assert only_row(f"{NHS_A},03/10/2026,Ferritin,1000000,ug/L").accepted
    assert not only_row(f"{NHS_A},03/10/2026,Ferritin,1000000.1,ug/L").accepted
    assert only_row(f"{NHS_A},03/10/2026,Ferritin,0,ug/L").accepted
    assert not only_row(f"{NHS_A},03/10/2026,Ferritin,-0.1,ug/L").accepted


# ------------------------------------------------------------------------------- units

@pytest.mark.parametrize("kind, text, unit", [
    ("ferritin", "µg/L", "ug/L"), ("ferritin", "μg/l", "ug/L"), ("ferritin", "mcg/L", "ug/L"),
    ("ferritin", "ng/ml", "ng/mL"),
    ("platelets", "x10^9/L", "10^9/L"), ("platelets", "10*9/L", "10^9/L"),
    ("platelets", "x10⁹/L", "10^9/L"), ("platelets", "X10E9/L", "10^9/L"),
    ("platelets", "10^3/uL", "10^9/L"), ("platelets", "/mm³", "/mm3"),
    ("temperature", "°C", "degC"), ("temperature", "C", "degC"), ("temperature", "degF", "degF"),
    ("triglycerides", "mg/dl", "mg/dL"), ("scd25", "kU/L", "U/mL"), ("ast", "iu/l", "IU/L"),
    ("platelets", "×10⁹/L", "10^9/L"), ("wbc", "× 10^9/L", "10^9/L"), ("platelets", "×10³/µL", "10^9/L"),
])
def test_lab_unit_spellings_match_catalogue_units(kind, text, unit):
    assert match_unit(kind, text) == unit


@pytest.mark.parametrize("kind, text", [("ferritin", "mg/L"), ("scd25", "pg/mL"),
                                         ("haemoglobin", "mmol/L"), ("platelets", "%")])
def test_units_of_another_scale_are_not_matched(kind, text):
    assert match_unit(kind, text) is None


def test_conversion_keeps_the_entered_value_and_unit():
    obs = only_row(f"{NHS_A},03/10/2026,Triglycerides,265,mg/dL").observation
    assert obs.unit == "mmol/L" and obs.value == pytest.approx(265 / 88.57)
    assert (obs.entered_value, obs.entered_unit) == (265.0, "mg/dL")


# ------------------------------------------------------------ each rejection, with its line

@pytest.mark.parametrize("line, reason", [
    (",03/10/2026,Hb,81,g/L", "no patient identifier"),
    (f"{NHS_BAD_CHECK},03/10/2026,Hb,81,g/L", "fails the NHS number check digit"),
    (f"{NHS_A},,Hb,81,g/L", "no date"),
    (f"{NHS_A},31/02/2026,Hb,81,g/L", "'31/02/2026' is not a real date"),
    (f"{NHS_A},03/10/2026,,81,g/L", "no test name or code"),
    (f"{NHS_A},03/10/2026,Sodium,140,mmol/L", "test 'Sodium' is not in the lab test names list"),
    (f"{NHS_A},03/10/2026,Hb,,g/L", "no value"),
    (f"{NHS_A},03/10/2026,Ferritin,<5,ug/L", "censored value"),
    (f"{NHS_A},03/10/2026,Ferritin,>100000,ug/L", "censored value"),
    (f"{NHS_A},03/10/2026,Hb,haemolysed,g/L", "'haemolysed' is not a number"),
    (f"{NHS_A},03/10/2026,Temperature,39.6,", "no unit for Temperature (a unit is never guessed"),
    (f"{NHS_A},03/10/2026,Ferritin,100,mg/L", "'mg/L' is not a unit for Ferritin (use µg/L, ng/mL)"),
    (f"{NHS_A},03/10/2026,Temperature,80,degC", "Temperature 80 °C is not plausible"),
    (f"{NHS_A},03/10/2026,Fibrinogen,3.0,mg/dL", "Fibrinogen 3 mg/dL is not plausible (expected 5 to 2,000 mg/dL): "
                                                 "probably the wrong unit"),
    (f"{NHS_A},03/10/2026,WBC,9,/mm3", "White cell count 9 /mm³ is not plausible (expected 10 to 1,000,000 /mm³): "
                                       "probably the wrong unit"),
    (f"{NHS_A},03/10/2026,Hb,81,g/L,extra", "has 6 fields but the header has 5"),
])
def test_each_rejection_reason_with_its_line_number(line, reason):
    lab = parse(GOOD, line, GOOD.replace("08:00", "09:00"))
    accepted = [r.line for r in lab.rows if r.accepted]
    rejected = [r for r in lab.rows if not r.accepted]
    assert accepted == [2, 4]
    assert [r.line for r in rejected] == [3]
    assert any(reason in p for p in rejected[0].problems), rejected[0].problems


def test_a_row_lists_every_problem_not_only_the_first():
    row = only_row(f"{NHS_BAD_CHECK},31/02/2026,Ferritin,<5,ug/L")
    assert len(row.problems) == 3


def test_identifier_column_accepts_nhs_or_hospital_numbers():
    lab = parse(f"{NHS_A[:3]} {NHS_A[3:6]} {NHS_A[6:]},03/10/2026,Hb,81,g/L",
                "rx0012345,03/10/2026,Hb,81,g/L", header="Identifier,Date,Test,Result,Units")
    assert (lab.rows[0].nhs_number, lab.rows[0].hospital_number) == (NHS_A, None)
    assert (lab.rows[1].nhs_number, lab.rows[1].hospital_number) == (None, "rx0012345")


def test_an_explicit_hospital_number_is_not_overridden_by_a_patient_id_column():
    row = only_row("RX0012345,LAB777,03/10/2026,Hb,81,g/L", header="MRN,Patient ID,Date,Test,Result,Units")
    assert row.hospital_number == "RX0012345"
    assert row.identifier == "RX0012345"  # the preview shows what was matched


def test_patient_id_is_used_where_the_explicit_identifiers_are_blank():
    row = only_row(",LAB777,03/10/2026,Hb,81,g/L", header="MRN,Patient ID,Date,Test,Result,Units")
    assert row.hospital_number == "LAB777"


def test_a_bare_id_column_is_not_taken_for_the_patient():
    # "ID" on a lab export is as often the request or specimen number as the patient's
    with pytest.raises(InputError, match="no column for an identifier"):
        parse(f"{NHS_A},03/10/2026,Hb,81,g/L", header="ID,Date,Test,Result,Units")


def test_an_nhs_number_a_spreadsheet_turned_into_a_number_says_so():
    row = only_row(f"9.99001E+09,03/10/2026,Hb,81,g/L")
    assert row.problems == ("NHS number '9.99001E+09': a spreadsheet has turned it into a "
                            "number in scientific notation and its digits are lost; export "
                            "the column as text",)


@pytest.mark.parametrize("text", [f"'{NHS_A}", f'="{NHS_A}"'])
def test_an_nhs_number_kept_as_text_by_a_spreadsheet_marker_is_read(text):
    # an apostrophe or ="..." is how exports stop Excel mangling identifiers
    row = only_row(f"{_quoted(text)},03/10/2026,Hb,81,g/L")
    assert row.nhs_number == NHS_A and row.accepted


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if '"' in cell else cell


def test_formula_text_is_kept_as_plain_text_and_rejected():
    row = only_row(f"{NHS_A},03/10/2026,=cmd|' /C calc'!A0,1,g/L")
    assert row.test == "=cmd|' /C calc'!A0" and not row.accepted
