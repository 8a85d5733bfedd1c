"""The wording the screen and the paper share."""

from datetime import date, datetime

from hlhdesk.core.evaluation import Evidence
from hlhdesk.core.wording import evidence_line, quantity, unit_words, uk_date, uk_datetime


def test_dates_are_uk_and_a_bare_date_shows_no_invented_time():
    assert uk_date(date(2026, 10, 3)) == "03/10/2026"
    assert uk_datetime(datetime(2026, 10, 3, 8, 5)) == "03/10/2026 08:05"
    assert uk_datetime(datetime(2026, 10, 3, 0, 0)) == "03/10/2026"
    assert uk_datetime(datetime(2026, 10, 3, 0, 1)) == "03/10/2026 00:01"
    assert uk_datetime("2026-10-03T14:30") == "03/10/2026 14:30"
    assert uk_date(None) == "" and uk_datetime("") == ""


def test_values_carry_uk_units_and_findings_read_as_words():
    assert quantity(38052.0, "ug/L") == "38,052 µg/L"
    assert quantity(0.8, "10^9/L") == "0.8 x10⁹/L"
    assert quantity(True) == "Yes" and quantity(False) == "No"
    assert quantity("non_invasive") == "non invasive"
    assert quantity(None, "ug/L") == "not recorded"


def test_entered_units_are_shown_as_printed_and_evidence_says_when():
    assert unit_words("102.2 degF") == "102.2 °F"
    ev = Evidence("Temperature", 39.0, "degC", datetime(2026, 10, 3, 8, 0), entered="102.2 degF", note="peak")
    assert evidence_line(ev) == "Temperature: 39 °C on 03/10/2026 08:00 (entered as 102.2 °F); peak"


def test_age_is_in_months_under_two_years_and_never_zero_years():
    from hlhdesk.core.wording import age_words

    born = date(2025, 1, 15)
    assert age_words(born, date(2025, 1, 25)) == "10 days"
    assert age_words(born, date(2025, 2, 14)) == "30 days"  # a month completes on the 15th
    assert age_words(born, date(2025, 2, 15)) == "1 month"
    assert age_words(born, date(2025, 12, 20)) == "11 months"
    assert age_words(born, datetime(2027, 1, 14, 9, 0)) == "23 months"  # the day before 2 years
    assert age_words(born, date(2027, 1, 15)) == "2 years"
    assert age_words(date(1984, 5, 17), date(2026, 10, 17)) == "42 years"
    assert age_words(born, date(2024, 12, 1)) == "not yet born"
    assert age_words(None, date(2026, 1, 1)) == "not recorded"
