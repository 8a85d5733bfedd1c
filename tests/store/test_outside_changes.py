"""What the desk uses to notice changes made outside it (the command line, another
desktop): data_version, a second connection for a worker thread, and stale statuses."""

from __future__ import annotations

import threading
import time

import pytest
from datetime import datetime

from hlhdesk.store import open_another_connection, open_database
from tests.support.stored_cases import sparse_case


def test_data_version_changes_for_another_connections_commit_only(store):
    before = store.data_version()
    store.add_case(sparse_case())  # its own write
    assert store.data_version() == before
    with open_database(store.path) as other:
        other.add_case(sparse_case(hospital_number="RX0000002"))
    assert store.data_version() != before


def test_another_connection_reads_the_same_database_from_a_worker_thread(store):
    store.add_case(sparse_case())
    listed = []

    def work():
        with open_another_connection(store) as reader:
            listed.extend(reader.list_cases())
            reader.add_case(sparse_case(hospital_number="RX0000009"))  # writes work too
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert [s.hospital_number for s in listed] == ["RX0000001"]
    assert [s.hospital_number for s in store.list_cases()] == ["RX0000001", "RX0000009"]
    assert store.audit_rows(table="patients")[-1].after["hospital_number"] == "RX0000009"


def test_a_status_is_stale_once_the_case_changes_after_it_was_computed(store):
    case_id = store.add_case(sparse_case())
    assert store.list_cases()[0].status_stale is False  # no status at all: not "stale"
    store.set_case_status(case_id, eligibility="eligible", as_of=datetime(2026, 10, 1, 12, 0))
    assert store.list_cases()[0].status_stale is False
    case = store.load_case(case_id)
    time.sleep(0.002)  # the store's clock counts milliseconds; a tie is not stale
    store.update_patient(case_id, case.patient)  # any change to the case
    assert store.list_cases()[0].status_stale is True
    store.set_case_status(case_id, eligibility="eligible", as_of=datetime(2026, 10, 1, 12, 5))
    assert store.list_cases()[0].status_stale is False


def test_data_version_of_a_closed_store_is_a_store_error_not_a_crash(store):
    from hlhdesk.store import StoreError

    store.close()
    with pytest.raises(StoreError, match="for changes"):
        store.data_version()
