import pytest

from hlhdesk.core.units import CATALOGUE, UnitError, display_unit, format_number, to_canonical


def test_triglycerides_in_mg_dl_are_converted_and_keep_what_was_entered():
    c = to_canonical("triglycerides", 354.28, "mg/dL")
    assert c.value == pytest.approx(4.0, abs=1e-3)
    assert (c.unit, c.entered_value, c.entered_unit) == ("mmol/L", 354.28, "mg/dL")
    assert c.was_converted


@pytest.mark.parametrize(
    "kind, value, unit, expected",
    [
        ("ferritin", 38052, "ng/mL", 38052),
        ("haemoglobin", 9.2, "g/dL", 92),
        ("platelets", 110000, "/mm3", 110),
        ("fibrinogen", 150, "mg/dL", 1.5),
        ("temperature", 101.3, "degF", 38.5),
        ("ast", 30, "IU/L", 30),
    ],
)
def test_accepted_units_convert_to_canonical(kind, value, unit, expected):
    assert to_canonical(kind, value, unit).value == pytest.approx(expected, abs=1e-9)


def test_a_unit_from_another_kind_is_refused_by_name():
    with pytest.raises(UnitError, match="'mg/dL' is not a unit for ferritin"):
        to_canonical("ferritin", 500, "mg/dL")


def test_scd25_in_pg_ml_is_refused_not_guessed():
    with pytest.raises(UnitError, match="not a unit for scd25"):
        to_canonical("scd25", 5000, "pg/mL")


@pytest.mark.parametrize(
    "kind, value, unit",
    [("ferritin", -5, "ug/L"), ("temperature", 80, "degC"), ("weight", 0, "kg"),
     ("haemoglobin", 5, "g/L"), ("ferritin", float("nan"), "ug/L")],
)
def test_implausible_values_are_errors(kind, value, unit):
    with pytest.raises(UnitError):
        to_canonical(kind, value, unit)


def test_missing_unit_is_an_error_not_a_guess():
    with pytest.raises(UnitError, match="a unit is required"):
        to_canonical("ferritin", 500, None)


def test_plausible_range_edges_are_inclusive():
    assert to_canonical("temperature", 45, "degC").value == 45
    with pytest.raises(UnitError):
        to_canonical("temperature", 45.01, "degC")


def test_every_numeric_kind_has_a_canonical_unit_and_a_range():
    for kind, spec in CATALOGUE.items():
        if spec.value_type == "number":
            assert spec.canonical_unit and spec.accepted_units[0] == spec.canonical_unit, kind
            assert spec.plausible_min is not None and spec.plausible_max is not None, kind


def test_uk_display_units_and_numbers():
    assert display_unit("ug/L") == "µg/L"
    assert display_unit("10^9/L") == "x10⁹/L"
    assert format_number(10001.0) == "10,001"
    assert format_number(38.45) == "38.45"


# --- plausibility in the unit entered, both directions --------------------------------------

@pytest.mark.parametrize("kind, value, unit, expected, likely", [
    ("fibrinogen", 3.0, "mg/dL", "expected 5 to 2,000 mg/dL", "3 g/L"),
    ("wbc", 9, "/mm3", "expected 10 to 1,000,000 /mm³", "9 x10⁹/L"),
    ("triglycerides", 3, "mg/dL", "expected 8.86 to 13,285.5 mg/dL", "3 mmol/L"),
    ("haemoglobin", 9, "g/L", "expected 10 to 250 g/L", "9 g/dL"),
    ("temperature", 39, "degF", "expected 77 to 113 °F", "39 °C"),
    ("platelets", 150000, "10^9/L", "expected 1 to 3,000 x10⁹/L", "150,000 /mm³"),  # too large
])
def test_a_value_in_the_wrong_unit_is_refused_as_probably_the_wrong_unit(kind, value, unit, expected, likely):
    with pytest.raises(UnitError) as refused:
        to_canonical(kind, value, unit)
    message = str(refused.value)
    assert expected in message
    assert f"probably the wrong unit ({likely} would be plausible)" in message


@pytest.mark.parametrize("kind, value, unit", [
    ("fibrinogen", 5, "mg/dL"), ("fibrinogen", 0.05, "g/L"), ("wbc", 10, "/mm3"), ("wbc", 0.01, "10^9/L"),
    ("neutrophils", 0, "10^9/L"),  # an absolute neutrophil count of 0 is real
])
def test_the_smallest_real_values_are_accepted(kind, value, unit):
    assert to_canonical(kind, value, unit).entered_value == value


@pytest.mark.parametrize("kind, value, unit", [("fibrinogen", 4.9, "mg/dL"), ("wbc", 9.9, "/mm3")])
def test_just_below_the_floor_in_the_unit_entered_is_refused(kind, value, unit):
    with pytest.raises(UnitError, match="probably the wrong unit"):
        to_canonical(kind, value, unit)


def test_no_other_unit_fits_so_no_guess_is_offered():
    with pytest.raises(UnitError) as refused:
        to_canonical("ferritin", -5, "ng/mL")
    assert "wrong unit" not in str(refused.value)
