"""Dates typed into a form: the UK forms a coordinator uses, and refusal (never a guess)
of anything that could be read two ways."""

from datetime import date, datetime

import pytest

from hlhdesk.core.typed_dates import TypedDateError, parse_typed_date, parse_typed_moment

NOW = datetime(2026, 12, 5, 12, 14, 30)
SHOWN = datetime(2026, 12, 5, 9, 45)


@pytest.mark.parametrize("typed, meant", [
    ("3/12 08:00", datetime(2026, 12, 3, 8, 0)),
    ("03/12/2026 8am", datetime(2026, 12, 3, 8, 0)),
    ("03/12/2026 08:00", datetime(2026, 12, 3, 8, 0)),
    ("3/12/2026 8pm", datetime(2026, 12, 3, 20, 0)),
    ("3/12/2026 12am", datetime(2026, 12, 3, 0, 0)),
    ("3/12/2026 12pm", datetime(2026, 12, 3, 12, 0)),
    ("3/12/2026 8.30am", datetime(2026, 12, 3, 8, 30)),
    ("today 08:00", datetime(2026, 12, 5, 8, 0)),
    ("Today 8am", datetime(2026, 12, 5, 8, 0)),
    ("yesterday", datetime(2026, 12, 4, 9, 45)),  # keeps the time the field showed
    ("yesterday 23:59", datetime(2026, 12, 4, 23, 59)),
    ("14:30", datetime(2026, 12, 5, 14, 30)),  # keeps the day the field showed
    ("now", datetime(2026, 12, 5, 12, 14)),
    ("3 Dec 2026 14:30", datetime(2026, 12, 3, 14, 30)),
    ("3 december 08:00", datetime(2026, 12, 3, 8, 0)),
    ("2026-12-03T08:00", datetime(2026, 12, 3, 8, 0)),
    ("2026-12-03 08:00", datetime(2026, 12, 3, 8, 0)),
    ("3.12.2026 08:00", datetime(2026, 12, 3, 8, 0)),
    ("5/12 00:00", datetime(2026, 12, 5, 0, 0)),  # today, not last year
])
def test_uk_forms_are_read_day_first(typed, meant):
    assert parse_typed_moment(typed, NOW, SHOWN) == meant


def test_a_day_and_month_after_today_means_last_year_not_the_future():
    assert parse_typed_moment("6/12 08:00", NOW, SHOWN) == datetime(2025, 12, 6, 8, 0)
    assert parse_typed_moment("31/1 08:00", datetime(2027, 1, 31, 9, 0)) == datetime(2027, 1, 31, 8, 0)
    assert parse_typed_moment("1/2 08:00", datetime(2027, 1, 31, 9, 0)) == datetime(2026, 2, 1, 8, 0)


@pytest.mark.parametrize("typed, words", [
    ("03/12/26 08:00", "year in full"),
    ("8", "read for certain"),
    ("0800", "read for certain"),
    ("3.12", "read for certain"),  # 3 December or 03:12?
    ("12/31/2026", "no month 31"),
    ("31/11/2026", "not a real date"),
    ("3/12/2026 25:00", "not a time of day"),
    ("3/12/2026 13pm", "not a time"),
    ("next tuesday", "read for certain"),
    ("", "enter a date"),
    ("2026-02-30", "not a real date"),
])
def test_ambiguous_or_impossible_text_is_refused_with_words(typed, words):
    with pytest.raises(TypedDateError, match=words):
        parse_typed_moment(typed, NOW, SHOWN)


def test_a_date_field_takes_dates_and_refuses_times():
    assert parse_typed_date("3/12/1986", NOW) == date(1986, 12, 3)
    assert parse_typed_date("yesterday", NOW) == date(2026, 12, 4)
    assert parse_typed_date("1986-12-03", NOW) == date(1986, 12, 3)
    with pytest.raises(TypedDateError, match="without a time"):
        parse_typed_date("3/12/1986 08:00", NOW)
    with pytest.raises(TypedDateError, match="year in full"):
        parse_typed_date("3/12/86", NOW)
