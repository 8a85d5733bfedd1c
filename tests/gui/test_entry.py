"""What a user types into the desk becomes exactly the number and date they meant, or a
clear refusal: hlhdesk/gui/desk/entry.py, the table edits in data_models.py, and the date
parser they share (formatting.parse_uk_datetime). Pure functions: no widgets needed."""

from datetime import datetime

import pytest

from hlhdesk.core.model import Treatment
from hlhdesk.gui.desk import entry
from hlhdesk.gui.desk.data_models import ObservationTableModel, TreatmentTableModel
from hlhdesk.gui.kit.formatting import parse_uk_datetime

AT = datetime(2026, 10, 3, 8, 0)


@pytest.mark.parametrize("typed, value", [
    ("38052", 38052), ("38,052", 38052), ("1,234,567", 1234567), ("2.5", 2.5),
    (" 12.75 ", 12.75), ("0.125", 0.125), (".5", 0.5), ("38,052.5", 38052.5),
])
def test_numbers_are_read_as_a_uk_user_writes_them(typed, value):
    assert entry.parse_number(typed, "ferritin") == value


@pytest.mark.parametrize("typed", ["2,5", "1,5", "38,05", "3,8052", "1,2345", ",5", "2,"])
def test_a_decimal_comma_is_refused_not_read_as_thousands(typed):
    # "2,5" meant two and a half: reading it as 25 would be a tenfold error
    with pytest.raises(entry.EntryError, match="full stop"):
        entry.parse_number(typed, "ferritin")


@pytest.mark.parametrize("typed", ["nan", "inf", "-inf", "infinity", "1e3", "1_000", "0x10", "12 H", "<5"])
def test_only_plain_decimal_numbers_are_numbers(typed):
    with pytest.raises(entry.EntryError, match="not a number"):
        entry.parse_number(typed, "ferritin")


def test_a_treatment_dose_with_a_decimal_comma_is_refused():
    with pytest.raises(entry.EntryError) as refused:
        entry.make_treatment("anakinra", AT, None, None, "2,5", "24", "sc")
    assert refused.value.field == "dose_mg"
    made = entry.make_treatment("anakinra", AT, None, None, "1,000", "24", "iv")
    assert made.dose_mg == 1000


def test_editing_an_observation_s_time_keeps_its_exact_value():
    obs = entry.make_observation(AT, "triglycerides", "1.234", "mmol/L")
    moved = entry.edit_observation(obs, at=datetime(2026, 10, 3, 9, 0))
    assert moved.value == obs.value == pytest.approx(1.234)
    assert moved.entered_value == 1.234


def test_the_value_editor_starts_with_the_exact_value_entered():
    obs = entry.make_observation(AT, "triglycerides", "1.234", "mmol/L")
    assert entry.observation_value_text(obs) == "1.234"
    assert entry.observation_value_text(entry.make_observation(AT, "ferritin", "38052", "ug/L")) == "38052"
    assert entry.exact_number_text(0.00001) == "0.00001"
    assert entry.exact_number_text(100.0) == "100"


def test_accepting_an_unchanged_value_cell_saves_nothing():
    model = ObservationTableModel()
    obs = entry.make_observation(AT, "triglycerides", "1.234", "mmol/L")
    model.set_records([obs])
    saved = []
    model.edit_requested.connect(lambda old, new: saved.append(new))
    index = model.index(0, 2)
    assert model.setData(index, model.data(index, entry_role())) is False
    assert saved == []


def entry_role():
    from hlhdesk.gui.qt import Qt
    return Qt.ItemDataRole.EditRole


def test_editing_a_treatment_s_route_keeps_its_exact_dose():
    model = TreatmentTableModel()
    course = Treatment(drug="anakinra", start=AT, dose_mg=14.625, every_hours=6.5, route="sc")
    model.set_records([course])
    saved = []
    model.edit_requested.connect(lambda old, new: saved.append(new))
    route_column = [c.header for c in model.COLUMNS].index("Route")
    assert model.setData(model.index(0, route_column), "iv") is True
    assert saved[0].route == "iv"
    assert saved[0].dose_mg == 14.625 and saved[0].every_hours == 6.5


def test_editing_a_treatment_dose_refuses_a_decimal_comma():
    model = TreatmentTableModel()
    model.set_records([Treatment(drug="anakinra", start=AT, dose_mg=100, every_hours=24, route="sc")])
    refused = []
    model.edit_refused.connect(refused.append)
    dose_column = [c.header for c in model.COLUMNS].index("Dose (mg)")
    assert model.setData(model.index(0, dose_column), "2,5") is False
    assert refused and "full stop" in refused[0]


def test_a_treatment_edit_still_refuses_a_stop_before_its_start():
    model = TreatmentTableModel()
    model.set_records([Treatment(drug="anakinra", start=AT, dose_mg=100, every_hours=24)])
    refused = []
    model.edit_refused.connect(refused.append)
    stop_column = [c.header for c in model.COLUMNS].index("Stop")
    assert model.setData(model.index(0, stop_column), "02/10/2026 08:00") is False
    assert "stops before it starts" in refused[0]


@pytest.mark.parametrize("typed, when", [
    ("03/10/2026 08:00", datetime(2026, 10, 3, 8, 0)),
    ("3/10/2026", datetime(2026, 10, 3)),
    ("2026-10-03T08:00", datetime(2026, 10, 3, 8, 0)),
])
def test_dates_are_day_first_or_iso(typed, when):
    assert parse_uk_datetime(typed) == when


@pytest.mark.parametrize("typed", ["03/10/26", "03/10/69 08:00"])
def test_a_two_digit_year_is_refused_not_guessed(typed):
    with pytest.raises(ValueError, match="year in full"):
        parse_uk_datetime(typed)


@pytest.mark.parametrize("typed", ["2026-10-03T08:00+01:00", "2026-10-03T08:00Z"])
def test_a_time_zone_is_refused_as_the_case_file_refuses_it(typed):
    # an aware datetime cannot be compared with the case's local times
    with pytest.raises(ValueError, match="time zone"):
        parse_uk_datetime(typed)


def test_pasted_rows_with_a_decimal_comma_are_refused_and_none_saved():
    observations, problems = entry.parse_pasted_observations(
        "03/10/2026 08:00\tFerritin\t38,052\tug/L\n03/10/2026 08:00\tFibrinogen\t1,5\tg/L\n")
    assert len(observations) == 1 and len(problems) == 1
    assert problems[0].startswith("Row 2:") and "full stop" in problems[0]


def test_the_tables_show_values_and_doses_exactly_as_entered():
    observations = ObservationTableModel()
    observations.set_records([entry.make_observation(AT, "ferritin", "38052.125", "ug/L")])
    assert observations.data(observations.index(0, 2)) == "38,052.125"
    courses = TreatmentTableModel()
    courses.set_records([Treatment(drug="anakinra", start=AT, dose_mg=14.625, every_hours=6)])
    headers = [c.header for c in courses.COLUMNS]
    assert courses.data(courses.index(0, headers.index("Dose (mg)"))) == "14.625"
    assert [entry.exact_number_display(v) for v in (-1234.5, 0.00001, 100.0)] == ["-1,234.5", "0.00001", "100"]
