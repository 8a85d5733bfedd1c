from datetime import date, datetime

import pytest

from hlhdesk.core.model import (
    Observation, Treatment, age_in_months, age_in_years, format_nhs_number, normalise_nhs_number,
)


@pytest.mark.parametrize(
    "born, on, months",
    [
        (date(2026, 1, 15), date(2026, 9, 14), 7),  # the day before 8 months
        (date(2026, 1, 15), date(2026, 9, 15), 8),  # 8 months on the same day-of-month
        (date(2026, 1, 31), date(2026, 2, 28), 1),  # short month: complete on its last day
        (date(2026, 1, 31), date(2026, 2, 27), 0),
        (date(2024, 2, 29), date(2025, 2, 28), 12),
    ],
)
def test_age_in_whole_calendar_months(born, on, months):
    assert age_in_months(born, on) == months


def test_age_in_years_and_before_birth():
    assert age_in_years(date(1984, 5, 17), date(2026, 5, 16)) == 41
    assert age_in_years(date(1984, 5, 17), date(2026, 5, 17)) == 42
    with pytest.raises(ValueError):
        age_in_months(date(2026, 5, 17), date(2026, 5, 16))


def test_nhs_numbers_are_checked_and_formatted():
    assert normalise_nhs_number("943 476 5919") == "9434765919"
    assert format_nhs_number("9434765919") == "943 476 5919"
    with pytest.raises(ValueError, match="check digit"):
        normalise_nhs_number("9434765918")
    with pytest.raises(ValueError, match="10 digits"):
        normalise_nhs_number("94347659")


def test_record_id_takes_no_part_in_equality():
    at = datetime(2026, 10, 3, 8)
    assert Observation(at, "ferritin", 500.0, "ug/L", record_id=1) == Observation(at, "ferritin", 500.0, "ug/L")


def test_daily_dose_from_dose_and_interval():
    t = Treatment("anakinra", datetime(2026, 10, 3, 10), dose_mg=100, every_hours=8)
    assert t.daily_dose_mg == 300
    assert Treatment("anakinra", datetime(2026, 10, 3)).daily_dose_mg is None


def test_the_usual_routes_name_known_drugs_and_routes_and_none_where_there_are_several():
    from hlhdesk.core.model import CORTICOSTEROIDS, DRUGS, ROUTES, USUAL_ROUTES, usual_route

    for (drug, name), route in USUAL_ROUTES.items():
        assert drug in DRUGS and route in ROUTES and (name is None or name in CORTICOSTEROIDS)
    assert usual_route("anakinra") == "sc" and usual_route("corticosteroid", "methylprednisolone") == "iv"
    assert usual_route("anakinra", "prednisolone") == "sc"  # which steroid matters only for a steroid
    assert usual_route("corticosteroid", "dexamethasone") is None and usual_route("etoposide") is None
