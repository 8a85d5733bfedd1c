"""The schema's promises: STRICT tables, RESTRICT foreign keys, idempotent migrations,
and files that are damaged, foreign or from a newer hlhdesk refused without a change."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import sys
from datetime import datetime

import pytest

from hlhdesk.core.model import Observation
from hlhdesk.store import SchemaTooNewError, StoreError, open_database
from hlhdesk.store.schema import AUDITED_TABLES, MIGRATIONS, known_migration_names
from tests.support.stored_cases import full_case, sparse_case

USER_TABLES = (*AUDITED_TABLES, "case_status", "audit")

# Every other table holds a clinical or MDT record and must be audited; these hold none.
NOT_AUDITED = {
    "audit": "the audit trail itself (append-only)",
    "audit_chain": "the audit trail's hash chain (append-only, one link per audit row)",
    "case_status": "a derived cache, recomputed from audited tables",
    "_sqlite_migrations": "sqlite-utils' record of the migrations applied",
    "sqlite_sequence": "SQLite's own AUTOINCREMENT counters",
}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema_dump(conn) -> list[tuple]:
    return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def user_tables(conn) -> list[str]:
    """Every table hlhdesk made, whether or not a registry names it (SQLite's and
    sqlite-utils' own bookkeeping left out)."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return sorted(n for n in names if not n.startswith(("sqlite_", "_sqlite_")))


def test_every_table_is_strict(store):
    tables = user_tables(store.db.conn)
    assert set(USER_TABLES) <= set(tables)
    strict = dict(store.db.execute("SELECT name, strict FROM pragma_table_list WHERE schema = 'main'").fetchall())
    assert {t: strict[t] for t in tables} == {t: 1 for t in tables}


def test_no_foreign_key_deletes_or_updates_anything(store):
    actions = set()
    for table in user_tables(store.db.conn):
        for fk in store.db.execute(f"SELECT on_update, on_delete FROM pragma_foreign_key_list('{table}')"):
            actions.update(fk)
    assert actions == {"RESTRICT"}


def tables_without_audit(conn) -> list[str]:
    """Tables in the database (not only those the registry names) lacking any of their
    generated audit triggers, apart from the few that hold no record."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return sorted(table for table in tables - NOT_AUDITED.keys()
                  if not {f"audit_{table}_{a}" for a in ("insert", "update", "delete")} <= triggers)


def test_every_clinical_table_has_generated_audit_triggers(store):
    assert set(AUDITED_TABLES).isdisjoint(NOT_AUDITED)
    assert tables_without_audit(store.db.conn) == []


def test_a_clinical_table_the_trigger_registry_forgets_is_caught(store):
    store.db.conn.execute("CREATE TABLE forgotten_results (id INTEGER PRIMARY KEY, value REAL) STRICT")
    assert tables_without_audit(store.db.conn) == ["forgotten_results"]


def test_foreign_keys_are_on_for_the_connection(store):
    assert store.db.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_applying_the_migrations_again_changes_nothing(db_path):
    with open_database(db_path) as first:
        first.add_case(sparse_case())
        before = schema_dump(first.db.conn)
        version = first.schema_version
        MIGRATIONS.apply(first.db)
        assert schema_dump(first.db.conn) == before
    with open_database(db_path) as again:
        assert again.schema_version == version == len(known_migration_names())
        assert schema_dump(again.db.conn) == before
        assert again.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone() == (version,)
        assert len(again.list_cases()) == 1


def test_a_database_from_a_newer_hlhdesk_is_refused_and_left_byte_identical(db_path):
    with open_database(db_path) as store:
        store.add_case(full_case())
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('hlhdesk', '9001_from_the_future', 'x')"
    )
    conn.commit()
    conn.close()
    before, listing = digest(db_path), sorted(os.listdir(db_path.parent))

    with pytest.raises(SchemaTooNewError, match="newer version of hlhdesk.*9001_from_the_future"):
        open_database(db_path)

    assert digest(db_path) == before
    assert sorted(os.listdir(db_path.parent)) == listing  # no journal, no backup, nothing


def test_a_damaged_database_is_refused_with_a_clear_error(db_path, tmp_path):
    with open_database(db_path) as store:
        store.add_cases([full_case(observations=150) for _ in range(6)])
    page = 4096
    data = bytearray(db_path.read_bytes())
    assert len(data) > 8 * page
    data[3 * page + 100 : 3 * page + 2000] = os.urandom(1900)  # scribble over a b-tree page
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(bytes(data))
    before = digest(damaged)

    with pytest.raises(StoreError, match="damaged|not a usable database") as refused:
        open_database(damaged)

    assert "Traceback" not in str(refused.value)
    assert digest(damaged) == before


@pytest.mark.parametrize("content", [b"", b"not a database at all\n" * 10, b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_file_that_is_not_a_database(tmp_path, content):
    path = tmp_path / "wrong.sqlite3"
    path.write_bytes(content)
    if not content:  # an empty file is a new database
        open_database(path).close()
        return
    with pytest.raises(StoreError, match="not a usable database"):
        open_database(path)
    assert path.read_bytes() == content


def test_another_programs_database_is_not_taken_over(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="not an hlhdesk one"):
        open_database(path)
    assert digest(path) == before


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        open_database(tmp_path)


def test_foreign_keys_refuse_orphans_and_cascades(store):
    case_id = store.add_case(full_case())
    audit_count = len(store.audit_rows())
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        with store.db.conn:
            store.db.execute(
                "INSERT INTO observations (case_id, at, kind, value) VALUES (999, '2026-01-01T00:00:00', 'ferritin', 1.0)"
            )
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        with store.db.conn:
            store.db.execute("DELETE FROM cases WHERE id = ?", [case_id])
    assert store.load_case(case_id) == full_case()
    assert len(store.audit_rows()) == audit_count


def test_sqlite_itself_refuses_values_of_the_wrong_type(store):
    case_id = store.add_case(sparse_case())
    with pytest.raises(sqlite3.IntegrityError):
        with store.db.conn:
            store.db.execute("UPDATE cases SET cardiomyopathy = 2 WHERE id = ?", [case_id])
    with pytest.raises(StoreError, match="refused"):
        store.add_record(case_id, Observation(datetime(2026, 1, 1), "ferritin", float("nan"), "ug/L"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_new_database_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "private" / "new.sqlite3"
    open_database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_default_path_is_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HLHDESK_DATA_DIR", str(tmp_path))
    with open_database() as store:
        assert store.path == tmp_path / "hlhdesk.sqlite3"
    assert (tmp_path / "hlhdesk.sqlite3").exists()


def test_the_agenda_rebuild_keeps_every_row_its_ids_and_audit(tmp_path):
    """0006 rebuilds agenda_items for the pathway's reasons: rows, ids (a deleted row's
    id is never reused), the index and the audit triggers all survive it."""
    from sqlite_utils import Database

    from hlhdesk.store.schema import register_functions

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    register_functions(conn, "test")
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    MIGRATIONS.apply(db, stop_before="0006_agenda_reasons_from_the_pathway")
    conn.execute("INSERT INTO patients (date_of_birth, sex) VALUES ('1980-01-01', 'female')")
    conn.execute("INSERT INTO cases (patient_id) VALUES (1)")
    conn.execute("INSERT INTO meetings (held_on, chair) VALUES ('2026-10-10', 'Dr Chair')")
    conn.execute("INSERT INTO agenda_items (meeting_id, case_id, position, reason) VALUES (1, 1, 1, 'new_referral')")
    conn.execute("INSERT INTO meetings (held_on, chair) VALUES ('2026-10-17', 'Dr Chair')")
    conn.execute("INSERT INTO agenda_items (meeting_id, case_id, position, reason) VALUES (2, 1, 1, 'day7_review')")
    conn.execute("DELETE FROM agenda_items WHERE id = 2")
    conn.execute("INSERT INTO meetings (held_on, chair) VALUES ('2026-10-24', 'Dr Chair')")
    conn.commit()
    conn.close()

    with open_database(path, backups=False) as store:
        rows = store.db.execute("SELECT id, meeting_id, reason FROM agenda_items ORDER BY id").fetchall()
        assert rows == [(1, 1, "new_referral")]
        audited = len(store.audit_rows("agenda_items"))
        store.db.execute("INSERT INTO agenda_items (meeting_id, case_id, position, reason) "
                         "VALUES (3, 1, 1, 'stop_recommended')")
        (new_id,) = store.db.execute("SELECT max(id) FROM agenda_items").fetchone()
        assert new_id == 3  # not 2, the deleted row's
        assert len(store.audit_rows("agenda_items")) == audited + 1
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("INSERT INTO agenda_items (meeting_id, case_id, position, reason) "
                             "VALUES (2, 1, 2, 'approved')")
        assert "agenda_by_case" in {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
