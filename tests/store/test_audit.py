"""The audit trail: every change to a clinical table, who made it, before and after;
append-only."""

from __future__ import annotations

import dataclasses
import getpass
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from hlhdesk import __version__
from hlhdesk.core.model import CaseDetails, Observation
from tests.support.stored_cases import full_case, sparse_case


def test_insert_update_and_delete_are_audited_with_before_and_after(store):
    case_id = store.add_case(sparse_case())
    record_id = store.add_record(case_id, Observation(datetime(2026, 10, 3, 8), "ferritin", 1000.0, "ug/L"))
    stored = store.load_case(case_id).observations[0]
    store.update_record(dataclasses.replace(stored, value=850.0))
    store.delete_record(stored)

    insert, update, delete = store.audit_rows(table="observations", row_id=record_id)

    assert (insert.action, insert.before, insert.after["value"]) == ("insert", None, 1000.0)
    assert update.action == "update"
    assert (update.before["value"], update.after["value"]) == (1000.0, 850.0)
    assert update.changed_fields == ("value",)
    assert (delete.action, delete.before["value"], delete.after) == ("delete", 850.0, None)
    for row in (insert, update, delete):
        assert row.case_id == case_id and row.table_name == "observations"
        assert row.os_user == getpass.getuser() and row.app_version == __version__
        assert abs(row.at - datetime.now(timezone.utc)) < timedelta(minutes=5)


def test_adding_a_case_audits_each_row(store):
    case = full_case()
    case_id = store.add_case(case)
    # (the default lab test names of a new database have their own insert rows)
    tables = [row.table_name for row in store.audit_rows() if row.action == "insert"
              and row.table_name != "lab_test_names"]
    assert tables.count("patients") == 1 and tables.count("cases") == 1
    assert tables.count("observations") == len(case.observations)
    assert len(store.audit_rows(case_id=case_id)) == len(tables) - 1  # the patient row predates its case


def test_details_update_records_the_old_values(store):
    case_id = store.add_case(full_case())
    store.update_details(case_id, CaseDetails(hlh_type=None))
    row = store.audit_rows(table="cases", row_id=case_id)[-1]
    assert row.action == "update"
    assert row.before["hlh_type"] == "secondary" and row.after["hlh_type"] is None
    assert row.before["prior_approval_ref"] == "BT-000123"


def test_saving_the_same_values_again_adds_no_audit_row(store):
    case_id = store.add_case(full_case())
    count = len(store.audit_rows())
    store.update_details(case_id, full_case().details)  # unchanged; only updated_at moves
    assert len(store.audit_rows()) == count


def test_the_audit_trail_refuses_update_and_delete(store):
    store.add_case(sparse_case())
    for sql in ("UPDATE audit SET os_user = 'someone else'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.db.execute(sql)
    assert all(row.os_user == getpass.getuser() for row in store.audit_rows())


def test_a_change_made_outside_hlhdesk_cannot_skip_the_audit(db_path):
    conn = sqlite3.connect(db_path)  # like the sqlite3 shell: no hlhdesk SQL functions
    with pytest.raises(sqlite3.OperationalError, match="hlhdesk_"):
        conn.execute("INSERT INTO patients (date_of_birth, sex) VALUES ('2000-01-01', 'male')")
    conn.close()


def test_unknown_table_names_are_refused(store):
    with pytest.raises(ValueError, match="not an audited table"):
        store.audit_rows(table="audit; DROP TABLE cases")
