"""A write that fails leaves nothing behind, however many rows it had written."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from hlhdesk.core.model import Event, Observation, Patient
from hlhdesk.store import CaseNotFoundError, StoreError
from tests.support.stored_cases import NHS_NUMBERS, full_case, sparse_case


def row_counts(store) -> dict[str, int]:
    tables = ("patients", "cases", "observations", "treatments", "events", "monitoring", "audit")
    return {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def bad_case():
    """A case the database refuses only at its last row (a NaN ferritin)."""
    good = full_case(NHS_NUMBERS[2], observations=20)
    nan = Observation(datetime(2026, 10, 9), "ferritin", float("nan"), "ug/L")
    return dataclasses.replace(good, observations=(*good.observations, nan))


def test_add_cases_is_all_or_nothing(store):
    before = row_counts(store)
    with pytest.raises(StoreError, match="(?i)saving the cases failed.*nothing was saved"):
        store.add_cases([full_case(NHS_NUMBERS[0]), full_case(NHS_NUMBERS[1]), bad_case()])
    assert row_counts(store) == before


def test_a_refused_case_stores_nothing_not_even_its_patient(store):
    before = row_counts(store)
    with pytest.raises(StoreError):
        store.add_case(bad_case())
    invalid_patient = dataclasses.replace(sparse_case(), patient=Patient(sparse_case().patient.date_of_birth, "unknown", nhs_number="123"))
    with pytest.raises(StoreError):
        store.add_case(invalid_patient)
    assert row_counts(store) == before
    assert store.add_case(full_case()) > 0  # and the connection is still usable


def test_a_transaction_groups_several_writes(store):
    case_id = store.add_case(sparse_case())
    before = row_counts(store)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_record(case_id, Event(datetime(2026, 10, 3), "note", "first"))
            store.add_record(case_id, Event(datetime(2026, 10, 4), "note", "second"))
            raise RuntimeError("the user pressed cancel half-way")
    assert row_counts(store) == before
    with store.transaction():
        store.add_record(case_id, Event(datetime(2026, 10, 3), "note", "first"))
        store.add_record(case_id, Event(datetime(2026, 10, 4), "note", "second"))
    assert [e.note for e in store.load_case(case_id).events] == ["first", "second"]


def test_a_failure_caught_inside_a_transaction_undoes_only_its_own_part(store):
    case_id = store.add_case(sparse_case())
    with store.transaction():
        store.add_record(case_id, Event(datetime(2026, 10, 3), "note", "kept"))
        with pytest.raises(CaseNotFoundError):
            store.add_record(case_id + 100, Event(datetime(2026, 10, 3), "note", "lost"))
    assert [e.note for e in store.load_case(case_id).events] == ["kept"]
    assert not store.db.conn.in_transaction
