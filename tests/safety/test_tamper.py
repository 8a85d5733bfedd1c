"""Tamper evidence: a signed outcome rewritten from plain sqlite3, five ways, is reported
by `hlhdesk verify` (exit 1), and the reprint still shows what was signed. The audit
trail refuses INSERT OR REPLACE and rows that do not come after the last one."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, datetime

import pytest

from hlhdesk.app.meetings import sign_off, signoff_for
from hlhdesk.core.meetings.meeting import Attendee, Decision, Outcome
from hlhdesk.store import open_database
from hlhdesk.store.integrity.chain import audit_link
from hlhdesk.store.integrity.verify import verify
from tests.support.fake_engine import fake_evaluate


@pytest.fixture(scope="module")
def signed_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("signed") / "hlhdesk.sqlite3"
    with open_database(path, backups=False) as store:
        from tests.safety.conftest import small_case

        case_id = store.add_case(small_case())
        meetings = store
        meeting_id = meetings.create_meeting(date(2026, 10, 17), "Dr C Chair", (Attendee("Dr C Chair", "Haematologist"),))
        meetings.add_to_agenda(meeting_id, case_id)
        meetings.record_outcome(Outcome(case_id, meeting_id, Decision.CONTINUE, rationale="Responding."))
        sign_off(store, signoff_for(store, meeting_id, case_id, now=datetime(2026, 10, 17, 13, 45),
                                    evaluate=fake_evaluate))
    return path


@pytest.fixture
def copy(signed_db, tmp_path):
    path = tmp_path / "hlhdesk.sqlite3"
    shutil.copy(signed_db, path)
    return path


def shell(path, *, functions=False, foreign_keys=False) -> sqlite3.Connection:
    """A plain sqlite3 connection, as the sqlite3 shell or another program would have;
    `functions`: one that also defines hlhdesk's SQL functions (any program can)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    if functions:
        conn.create_function("hlhdesk_user", 0, lambda: "forger")
        conn.create_function("hlhdesk_version", 0, lambda: "9.9")
        conn.create_function("hlhdesk_audit_link", 11, audit_link)
        conn.create_function("hlhdesk_signoff_seal", 8, lambda *v: "0" * 64)
    return conn


def triggers(conn):
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()


def verify_cli(cli, path):
    result = cli("verify", db=path)
    return result.code, result.out + result.err


def test_an_untouched_signed_database_verifies(cli, copy):
    code, text = verify_cli(cli, copy)
    assert code == 0, text
    assert "1 sign-offs match their seals" in text


def test_way_1_replace_over_the_outcome_and_its_audit_row(cli, copy):
    conn = shell(copy, functions=True)
    with pytest.raises(sqlite3.DatabaseError, match="only grows"):
        conn.execute("INSERT OR REPLACE INTO audit (id, at, os_user, app_version, table_name, row_id, "
                     "action, after_json) VALUES (1, '2026-01-01T00:00:00Z', 'x', 'x', 'cases', 1, 'insert', '{}')")
    # foreign keys off, REPLACE skips the outcome's delete triggers
    conn.execute("REPLACE INTO outcomes (id, meeting_id, case_id, decision, rationale, dissent, actions, "
                 "recorded_at) SELECT id, meeting_id, case_id, 'stop', 'Rewritten.', dissent, actions, "
                 "recorded_at FROM outcomes WHERE id = 1")
    conn.close()
    code, text = verify_cli(cli, copy)
    assert code == 1 and "the outcome now differs from what was signed" in text and "'stop'" in text


def test_way_2_dropped_triggers_rewrite_and_restored_triggers(cli, copy):
    conn = shell(copy)
    saved = triggers(conn)
    for name, _ in saved:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE outcomes SET decision = 'stop' WHERE id = 1")
    last = conn.execute("SELECT max(id) FROM audit WHERE table_name = 'outcomes'").fetchone()[0]
    conn.execute("UPDATE audit SET after_json = json_set(after_json, '$.decision', 'stop') WHERE id = ?", [last])
    code, text = verify_cli(cli, copy)  # with the triggers still missing
    assert code == 1 and "triggers missing (dropped outside hlhdesk): " in text
    assert "audit_outcomes_update" in text
    for _, sql in saved:
        conn.execute(sql)
    conn.close()
    code, text = verify_cli(cli, copy)
    assert code == 1
    assert f"audit row {last} does not match its link in the chain" in text
    assert "the outcome now differs from what was signed" in text


def test_way_3_forged_audit_rows(cli, copy):
    conn = shell(copy, functions=True)
    conn.execute("DROP TRIGGER outcomes_signed_refuse_update")
    conn.execute("UPDATE outcomes SET rationale = 'Forged.' WHERE id = 1")  # audited, as 'forger'
    # and a forged row with a hash of its own making
    last = conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    conn.execute("DROP TRIGGER audit_chain_link")
    conn.execute("INSERT INTO audit (at, os_user, app_version, table_name, row_id, case_id, action, after_json) "
                 "VALUES ('2026-12-01T00:00:00Z', 'Dr C Chair', '1.0', 'outcomes', 1, 1, 'update', '{}')")
    conn.execute("INSERT INTO audit_chain VALUES (?, ?)", [last + 1, "f" * 64])
    conn.close()
    code, text = verify_cli(cli, copy)
    assert code == 1
    assert f"audit row {last + 1} does not match its link" in text
    assert "the outcome now differs from what was signed" in text


def test_way_4_deleted_audit_rows(cli, copy):
    conn = shell(copy)
    with pytest.raises(sqlite3.OperationalError, match="hlhdesk_user"):  # the shell cannot, unaudited
        conn.execute("INSERT INTO events (case_id, at, kind, note) VALUES (1, '2026-10-18', 'note', 'x')")
    conn.close()
    conn = shell(copy, functions=True)
    for name in ("audit_is_append_only_delete", "outcomes_signed_refuse_update", "audit_chain_refuse_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE outcomes SET decision = 'not_eligible' WHERE id = 1")
    rows = conn.execute("SELECT id FROM audit WHERE table_name IN ('outcomes', 'signoffs', 'signoff_seals')").fetchall()
    conn.execute(f"DELETE FROM audit WHERE id IN ({','.join(str(r[0]) for r in rows)})")
    conn.execute("DELETE FROM audit_chain WHERE audit_id NOT IN (SELECT id FROM audit)")
    conn.close()
    code, text = verify_cli(cli, copy)
    assert code == 1 and "are missing" in text
    assert "has no audit record" in text


def test_way_5_foreign_keys_off_replace_into_outcomes_and_the_reprint_keeps_what_was_signed(cli, copy):
    conn = shell(copy, functions=True, foreign_keys=False)
    conn.execute("REPLACE INTO outcomes (id, meeting_id, case_id, decision, rationale, dissent, actions, recorded_at) "
                 "SELECT id, meeting_id, case_id, 'not_eligible', 'Changed.', '', '[]', recorded_at FROM outcomes")
    conn.close()
    code, text = verify_cli(cli, copy)
    assert code == 1 and "'not_eligible'" in text
    with open_database(copy, read_only=True) as store:
        record = store.outcome(1)
    assert record.signoff is not None
    assert record.original.decision is Decision.CONTINUE and record.original.rationale == "Responding."


def test_the_audit_refuses_a_row_whose_time_is_before_the_last(copy):
    conn = shell(copy, functions=True)
    with pytest.raises(sqlite3.DatabaseError, match="only grows"):
        conn.execute("INSERT INTO audit (at, os_user, app_version, table_name, row_id, action, after_json) "
                     "VALUES ('2020-01-01T00:00:00Z', 'x', 'x', 'cases', 1, 'insert', '{}')")


def test_the_seal_freezes_the_outcome_itself(signed_db):
    conn = sqlite3.connect(signed_db)
    frozen = json.loads(conn.execute("SELECT outcome_json FROM signoff_seals").fetchone()[0])
    conn.close()
    assert frozen["decision"] == "continue" and frozen["rationale"] == "Responding."
    assert set(frozen) >= {"dissent", "actions", "next_review"}


def test_verify_in_process_reports_nothing_on_a_fresh_database(tmp_path):
    with open_database(tmp_path / "new.sqlite3", backups=False) as store:
        assert verify(store.db.conn).ok
