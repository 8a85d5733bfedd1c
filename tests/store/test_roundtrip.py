"""Every field of a case goes into the store and comes back equal."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlhdesk.core.model import CaseDetails, Event, MonitoringCheck, Observation, Treatment
from hlhdesk.store import CaseNotFoundError, RecordNotFoundError, StoreError
from tests.support.stored_cases import NHS_NUMBERS, full_case, sparse_case
from tests.strategies import cases as any_case


def all_fields_set(obj) -> bool:
    return all(getattr(obj, f.name) is not None for f in dataclasses.fields(obj) if f.name != "record_id")


def test_a_case_with_every_field_recorded_reads_back_equal(store):
    case = full_case()
    assert all_fields_set(case.patient) and all_fields_set(case.details)

    loaded = store.load_case(store.add_case(case))

    assert loaded == case
    assert [type(o.value) for o in loaded.observations] == [type(o.value) for o in case.observations]


def test_unrecorded_fields_stay_unknown_not_false(store):
    case = sparse_case()
    loaded = store.load_case(store.add_case(case))
    assert loaded == case
    assert loaded.details == CaseDetails()
    assert loaded.details.cardiomyopathy is None and loaded.details.triggers is None


def test_records_carry_their_record_ids(store):
    case_id = store.add_case(full_case())
    loaded = store.load_case(case_id)
    records = [*loaded.observations, *loaded.treatments, *loaded.events, *loaded.monitoring]
    assert all(isinstance(r.record_id, int) for r in records)
    assert len({r.record_id for r in loaded.observations}) == len(loaded.observations)


def test_a_finding_false_is_not_the_number_zero(store):
    loaded = store.load_case(store.add_case(full_case()))
    by_kind = {o.kind: o.value for o in loaded.observations}
    assert by_kind["hepatomegaly"] is False
    assert by_kind["vasopressor"] == 0.0 and not isinstance(by_kind["vasopressor"], bool)
    assert by_kind["ventilation"] == "non_invasive"


flags = st.one_of(st.none(), st.booleans())
texts = st.one_of(st.none(), st.text(max_size=40))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    details=st.builds(
        CaseDetails,
        referring_hospital=texts,
        trigger_notes=texts,
        triggers=st.one_of(st.none(), st.lists(st.sampled_from(["drug", "car_t", "other"]), max_size=3).map(tuple)),
        known_immunosuppression=flags,
        tissue_diagnosis=flags,
        offlabel_consent=flags,
    ),
    value=st.one_of(st.booleans(), st.floats(0, 1e6, allow_nan=False), st.sampled_from(["none", "invasive"])),
)
def test_any_details_and_observation_value_round_trip(store, details, value):
    case = dataclasses.replace(
        sparse_case(),
        details=details,
        observations=(Observation(datetime(2026, 1, 1, 12), "x", value),),
    )
    loaded = store.load_case(store.add_case(case))
    assert loaded == case
    assert type(loaded.observations[0].value) is type(value)


def test_list_cases_summarises_each_case_in_one_line(store):
    first = store.add_case(full_case(observations=3))
    second = store.add_case(sparse_case())

    summaries = {s.case_id: s for s in store.list_cases()}

    s = summaries[first]
    assert (s.nhs_number, s.family_name, s.given_name, s.hospital_number) == (
        NHS_NUMBERS[0], "Example", "Alex", "RX0012345")
    assert s.date_of_birth == date(1984, 5, 17) and s.sex == "female" and s.hlh_type == "secondary"
    assert s.referring_hospital == "St Elsewhere"
    assert s.first_anakinra_start == datetime(2026, 10, 3, 10)
    assert s.observation_count == 8 + 3
    assert abs(s.updated_at - datetime.now(timezone.utc)) < timedelta(minutes=5)
    assert s.eligibility is None and s.next_review is None
    empty = summaries[second]
    assert empty.first_anakinra_start is None and empty.observation_count == 0 and empty.hlh_type is None


def test_first_anakinra_start_is_the_earliest_anakinra_course(store):
    case_id = store.add_case(full_case())
    store.add_record(case_id, Treatment("anakinra", datetime(2026, 10, 1, 6), dose_mg=100.0))
    store.add_record(case_id, Treatment("ivig", datetime(2026, 9, 1)))
    assert store.list_cases()[0].first_anakinra_start == datetime(2026, 10, 1, 6)


def test_case_status_is_cached_and_shown_in_the_list(store):
    case_id = store.add_case(full_case())
    store.set_case_status(case_id, eligibility="eligible", next_review=date(2026, 10, 10),
                          as_of=datetime(2026, 10, 5, 9), policy="210701P v2.0")
    store.set_case_status(case_id, summary="criteria met")  # other fields keep their values

    status = store.case_status(case_id)
    assert (status.eligibility, status.next_review, status.as_of, status.summary, status.day0) == (
        "eligible", date(2026, 10, 10), datetime(2026, 10, 5, 9), "criteria met", None)
    (line,) = store.list_cases()
    assert line.eligibility == "eligible" and line.next_review == date(2026, 10, 10)
    assert store.audit_rows(table="cases", row_id=case_id)[-1].action == "insert"  # not audited


def test_the_pathway_phase_is_cached_and_listed(store):
    case_id = store.add_case(full_case())
    store.set_case_status(case_id, eligibility="eligible", as_of=datetime(2026, 10, 18, 9), day=15,
                          next_review=date(2026, 10, 17), phase="day14_check", tone="caution", urgency=1,
                          verdict="Day 15: no response so far; day-14 check overdue since 17/10/2026",
                          overdue=True, last_decision="continue", last_decision_on=date(2026, 10, 10),
                          overdue_actions=2)
    (line,) = store.list_cases()
    assert (line.phase, line.day, line.overdue, line.next_review, line.urgency, line.tone) == (
        "day14_check", 15, True, date(2026, 10, 17), 1, "caution")
    assert line.verdict.startswith("Day 15: ") and line.status_as_of == datetime(2026, 10, 18, 9)
    assert (line.last_decision, line.last_decision_on, line.overdue_actions) == ("continue", date(2026, 10, 10), 2)
    store.set_case_status(case_id, day0=datetime(2026, 10, 3, 10))
    assert store.list_cases()[0].day0 == datetime(2026, 10, 3, 10)  # the episode's, as evaluated
    status = store.case_status(case_id)
    assert (status.phase, status.overdue, status.stale) == ("day14_check", True, False)


@pytest.mark.parametrize("field, value", [("phase", "approved"), ("tone", "green"), ("overdue", 2),
                                          ("last_decision_on", "10/10/2026"), ("overdue_actions", -1)])
def test_the_cached_phase_refuses_values_outside_its_vocabulary(store, field, value):
    case_id = store.add_case(full_case())
    with pytest.raises(StoreError):
        store.set_case_status(case_id, **{field: value})
    assert store.case_status(case_id) is None  # nothing half-stored


def test_case_status_refuses_unknown_fields_and_cases(store):
    case_id = store.add_case(sparse_case())
    with pytest.raises(TypeError, match="colour"):
        store.set_case_status(case_id, colour="green")
    with pytest.raises(CaseNotFoundError):
        store.set_case_status(case_id + 1, eligibility="eligible")
    assert store.case_status(case_id) is None


def test_updates_and_record_changes_read_back(store):
    case_id = store.add_case(full_case())
    patient = dataclasses.replace(store.load_case(case_id).patient, family_name="Renamed", nhs_number=None)
    store.update_patient(case_id, patient)
    details = CaseDetails(hlh_type=None, cardiomyopathy=True)
    store.update_details(case_id, details)
    added = store.add_record(case_id, Event(datetime(2026, 10, 9), "hlh_resolved", "MDT"))
    check = store.load_case(case_id).monitoring[0]
    store.update_record(dataclasses.replace(check, note="repeat cultures negative"))
    store.delete_record(store.load_case(case_id).observations[0])

    loaded = store.load_case(case_id)
    assert loaded.patient == patient and loaded.details == details
    assert loaded.events[-1] == Event(datetime(2026, 10, 9), "hlh_resolved", "MDT")
    assert loaded.events[-1].record_id == added
    assert loaded.monitoring[0].note == "repeat cultures negative"
    assert loaded.observations == full_case().observations[1:]


def test_missing_cases_and_records_are_clear_errors(store):
    with pytest.raises(CaseNotFoundError, match="no case 41"):
        store.load_case(41)
    with pytest.raises(CaseNotFoundError):
        store.add_record(41, Event(datetime(2026, 1, 1), "note"))
    with pytest.raises(CaseNotFoundError):
        store.update_details(41, CaseDetails())
    with pytest.raises(CaseNotFoundError):
        store.update_patient(41, sparse_case().patient)
    case_id = store.add_case(full_case())
    record = store.load_case(case_id).events[0]
    store.delete_record(record)
    with pytest.raises(RecordNotFoundError, match="serious adverse event"):
        store.update_record(record)
    with pytest.raises(StoreError, match="not been saved"):
        store.delete_record(MonitoringCheck(datetime(2026, 1, 1), "allergy"))


def test_times_with_a_zone_are_refused_not_shifted(store):
    aware = Treatment("anakinra", datetime(2026, 10, 3, 10, tzinfo=timezone.utc))
    case_id = store.add_case(sparse_case())
    with pytest.raises(StoreError, match="local time"):
        store.add_record(case_id, aware)
    assert store.load_case(case_id).treatments == ()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=any_case(max_observations=8))
def test_any_case_a_case_file_can_hold_round_trips(store, case):
    assert store.load_case(store.add_case(case)) == case


def test_add_records_stores_a_mixed_batch_each_in_its_own_table(store):
    case_id = store.add_case(sparse_case())
    mixed = [
        Observation(datetime(2026, 10, 5, 8), "ferritin", 12000.0, "ug/L"),
        Event(datetime(2026, 10, 5, 9), "hlh_resolved", "MDT"),
        Observation(datetime(2026, 10, 6, 8), "ferritin", 9000.0, "ug/L"),
        Treatment("anakinra", datetime(2026, 10, 5, 10), dose_mg=100.0, every_hours=6.0, route="iv"),
    ]
    store.add_records(case_id, mixed)
    loaded = store.load_case(case_id)
    assert [o.value for o in loaded.observations[-2:]] == [12000.0, 9000.0]
    assert loaded.events[-1].kind == "hlh_resolved"
    assert loaded.treatments[-1].dose_mg == 100.0
