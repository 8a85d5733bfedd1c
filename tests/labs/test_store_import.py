"""Lab import against a real database: the editable mapping persists and is audited,
the preview writes nothing, the import is all-or-nothing with its audit rows, and exact
duplicates are skipped."""

import hashlib
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlhdesk.core.labs.labimport import RowStatus
from hlhdesk.core.labs.labnames import TestNameMapping
from hlhdesk.core.model import Case, Observation, Patient, Sex
from hlhdesk.store import StoreError, open_database
from hlhdesk.app.lab_import import import_lab_plan, preview_lab_data
from tests.support.lab_files import NHS_A, NHS_B, NOW, csv_bytes
from tests.labs.test_hostile_input import ROW, _quote

FILE = csv_bytes(
    f"{NHS_A},03/10/2026 08:00,Ferritin,38052,µg/L",
    f"{NHS_A},03/10/2026 08:00,Hb,8.1,g/dL",
    f"{NHS_B},04/10/2026 09:30,PLT,45,x10^9/L",
    f"{NHS_B},04/10/2026 09:30,Ferritin,<5,ug/L",
    "9990010021,04/10/2026 09:30,CRP,12,mg/L",
)


def add_patient(store, nhs, observations=()):
    patient = Patient(date(1984, 5, 17), Sex.FEMALE, nhs, "RX" + nhs[-4:], "Example", "Alex")
    return store.add_case(Case(patient, observations=tuple(observations)))


@pytest.fixture
def two_cases(store):
    return add_patient(store, NHS_A), add_patient(store, NHS_B)


def counts(store):
    return {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("observations", "audit", "lab_imports", "lab_test_names")}


def preview(store, data=FILE):
    return preview_lab_data(store, data, "labs.csv", now=NOW)


# ------------------------------------------------------------------------- mapping

def test_new_database_holds_the_default_test_names(store):
    assert store.load_test_names() == TestNameMapping.defaults()


def test_mapping_edits_persist_and_are_audited(db_path):
    with open_database(db_path) as store:
        pairs = dict(store.load_test_names().entries)
        del pairs["LD"]
        pairs["Derived fibrinogen"] = "fibrinogen"
        pairs["Hb"] = "haemoglobin"
        store.save_test_names(pairs.items())
    with open_database(db_path) as store:
        mapping = store.load_test_names()
        assert mapping.kind_for("derived FIBRINOGEN") == "fibrinogen"
        assert mapping.kind_for("LD") is None
        # after the insert rows every new database has for its default names
        defaults = len(store.audit_rows(table="lab_test_names")) - 2
        actions = sorted((a.action, (a.after or a.before)["name"])
                         for a in store.audit_rows(table="lab_test_names")[defaults:])
    assert actions == [("delete", "LD"), ("insert", "Derived fibrinogen")]


def test_a_bad_mapping_saves_nothing(store):
    before = counts(store)
    with pytest.raises(ValueError):
        store.save_test_names([("Hb", "haemoglobin"), ("Spleen", "splenomegaly")])
    assert counts(store) == before


def test_a_mapping_this_version_cannot_use_is_a_clear_store_error(store):
    # e.g. a kind added by a newer hlhdesk: a message, never a raw ValueError in the GUI
    store.db.execute("INSERT INTO lab_test_names (name, name_key, kind) VALUES ('DD', 'dd', 'd_dimer')")
    with pytest.raises(StoreError, match="lab test names in this database cannot be used.*'d_dimer'"):
        store.load_test_names()


def test_restore_defaults(store):
    store.save_test_names([("Only this", "ferritin")])
    assert store.restore_default_test_names() == TestNameMapping.defaults()
    assert store.load_test_names() == TestNameMapping.defaults()


def test_edited_mapping_changes_what_the_preview_accepts(store, two_cases):
    data = csv_bytes(f"{NHS_A},03/10/2026,Derived fibrinogen,1.2,g/L")
    assert preview(store, data).count(RowStatus.REJECTED) == 1
    store.save_test_names([*store.load_test_names().entries.items(), ("Derived fibrinogen", "fibrinogen")])
    assert preview(store, data).count(RowStatus.ADD) == 1


# ------------------------------------------------------------------ preview and import

def test_preview_says_what_goes_where_and_writes_nothing(store, db_path, two_cases):
    before_bytes = db_path.read_bytes()
    before = counts(store)
    plan = preview(store)
    assert [(r.line, r.status, r.case.case_id if r.case else None) for r in plan.rows] == [
        (2, RowStatus.ADD, two_cases[0]), (3, RowStatus.ADD, two_cases[0]),
        (4, RowStatus.ADD, two_cases[1]), (5, RowStatus.REJECTED, two_cases[1]),
        (6, RowStatus.REJECTED, None)]
    assert plan.rows[4].reason == "no case for NHS number 999 001 0021"
    assert counts(store) == before
    assert db_path.read_bytes() == before_bytes


def test_import_writes_every_added_row_with_audit_and_an_import_record(store, two_cases):
    before = counts(store)
    outcome = import_lab_plan(store, preview(store))
    assert (outcome.added, outcome.skipped, outcome.rejected) == (3, 0, 2)
    assert outcome.case_ids == two_cases
    after = counts(store)
    assert after["observations"] - before["observations"] == 3
    # one audit row per observation, one for the import record (touching a case's
    # updated_at is bookkeeping and audits nothing)
    assert after["audit"] - before["audit"] == 4
    hb = [o for o in store.load_case(two_cases[0]).observations if o.kind == "haemoglobin"]
    assert (hb[0].value, hb[0].unit, hb[0].entered_value, hb[0].entered_unit) == (81.0, "g/L", 8.1, "g/dL")
    row = store.db.execute("SELECT file_name, file_sha256, added, skipped, rejected FROM lab_imports").fetchone()
    assert row == ("labs.csv", hashlib.sha256(FILE).hexdigest(), 3, 0, 2)


def test_importing_the_same_file_again_skips_every_exact_duplicate(store, two_cases):
    import_lab_plan(store, preview(store))
    again = preview(store)
    assert again.counts == {RowStatus.ADD: 0, RowStatus.DUPLICATE: 3, RowStatus.REJECTED: 2}
    before = counts(store)["observations"]
    outcome = import_lab_plan(store, again)
    assert outcome.added == 0 and counts(store)["observations"] == before


def test_value_stored_by_hand_in_other_units_is_a_duplicate(store):
    add_patient(store, NHS_A, [Observation(datetime(2026, 10, 3, 8), "haemoglobin", 81.0, "g/L", 81.0, "g/L")])
    plan = preview(store, csv_bytes(f"{NHS_A},03/10/2026 08:00,Hb,8.1,g/dL"))
    assert plan.rows[0].status is RowStatus.DUPLICATE


def test_a_database_failure_mid_import_leaves_nothing(store, two_cases):
    plan = preview(store)
    # A real SQLite failure on the third row written (the second case's platelets).
    store.db.execute("CREATE TRIGGER fail_platelets BEFORE INSERT ON observations "
                     "WHEN NEW.kind = 'platelets' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    before = counts(store)
    with pytest.raises(StoreError, match="Nothing was saved"):
        import_lab_plan(store, plan)
    assert counts(store) == before
    assert all(store.load_case(c).observations == () for c in two_cases)


def test_a_change_since_the_preview_imports_nothing(store, two_cases):
    plan = preview(store)
    store.add_record(two_cases[0], Observation(datetime(2026, 10, 3, 8), "ferritin", 38052.0, "ug/L"))
    before = counts(store)
    with pytest.raises(StoreError, match="changed since this preview"):
        import_lab_plan(store, plan)
    assert counts(store) == before


# ------------------------------------------------------------- fuzzed files, real database


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=15))
def test_fuzzed_files_import_exactly_what_the_preview_promised(store, rows):
    if not store.case_ids():
        add_patient(store, NHS_A)
        add_patient(store, NHS_B)
    data = ("\r\n".join(["NHS Number,Collected,Test,Result,Units"]
                        + [",".join(_quote(c, ",") for c in r) for r in rows]) + "\r\n").encode()
    plan = preview(store, data)
    before = counts(store)
    try:
        outcome = import_lab_plan(store, plan)
    except StoreError:
        assert counts(store) == before  # refused: nothing written
        return
    after = counts(store)
    assert outcome.added == len(plan.additions())
    assert after["observations"] - before["observations"] == outcome.added
    assert after["lab_imports"] - before["lab_imports"] == 1
    assert preview(store, data).count(RowStatus.ADD) == 0  # a second import adds nothing
