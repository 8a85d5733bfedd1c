from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hlhdesk.core.model import Event, Observation, Treatment
from hlhdesk.core.casefile.timeshift import as_known_at, days_to_bring, shift_case
from tests.strategies import cases

AS_OF = datetime(2026, 10, 5, 9, 0)


@pytest.mark.parametrize("now, days", [
    (AS_OF, 0),
    (AS_OF + timedelta(days=1, minutes=-1), 0),  # still within the day after as_of
    (AS_OF + timedelta(days=1), 1),
    (AS_OF + timedelta(days=40, hours=3), 40),
    (AS_OF - timedelta(minutes=1), -1),  # as_of later than now: moved back, never ahead of now
])
def test_days_to_bring_puts_as_of_in_the_day_up_to_now(now, days):
    assert days_to_bring(AS_OF, now) == days
    assert now - timedelta(days=1) < AS_OF + timedelta(days=days) <= now


@settings(max_examples=25, deadline=None)
@given(cases(max_observations=8), st.integers(-4000, 4000))
def test_shifting_moves_every_date_and_back_again(case, days):
    moved = shift_case(case, days)
    assert moved.patient.date_of_birth == case.patient.date_of_birth + timedelta(days=days)
    assert [o.at - timedelta(days=days) for o in moved.observations] == [o.at for o in case.observations]
    assert [t.stop for t in shift_case(moved, -days).treatments] == [t.stop for t in case.treatments]
    assert shift_case(moved, -days) == case


def test_shift_keeps_values_and_clock_times():
    from tests.cli.conftest import ADULT
    from hlhdesk.core.casefile.caseio import read_case_file

    case = read_case_file(ADULT)
    moved = shift_case(case, 30)
    assert moved.patient.date_of_birth == date(1984, 6, 16)
    assert moved.observations[0].at == datetime(2026, 11, 2, 8, 0)
    assert moved.observations[0].value == case.observations[0].value
    assert moved.events[0].at == datetime(2026, 11, 4, 14, 0)


def test_as_known_at_leaves_out_what_came_later_and_unknows_a_later_stop():
    from tests.cli.conftest import ADULT
    from hlhdesk.core.casefile.caseio import read_case_file
    from dataclasses import replace

    case = replace(
        read_case_file(ADULT),
        observations=(Observation(AS_OF, "ferritin", 900.0, "ug/L"),
                      Observation(AS_OF + timedelta(minutes=1), "ferritin", 800.0, "ug/L")),
        treatments=(Treatment("anakinra", AS_OF - timedelta(days=2), stop=AS_OF + timedelta(days=3)),
                    Treatment("anakinra", AS_OF - timedelta(days=5), stop=AS_OF - timedelta(days=2)),
                    Treatment("ivig", AS_OF + timedelta(hours=1))),
        events=(Event(AS_OF + timedelta(days=1), "hlh_resolved"),),
        monitoring=(),
    )
    known = as_known_at(case, AS_OF)
    assert [o.value for o in known.observations] == [900.0]  # one exactly at the moment stays
    assert [(t.drug, t.stop) for t in known.treatments] == [
        ("anakinra", None), ("anakinra", AS_OF - timedelta(days=2))]
    assert known.events == ()
