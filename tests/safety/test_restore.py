"""Restore never replaces a file it has not proven damaged (busy is not damaged, newer is
not damaged), refuses a tampered backup, names what it would remove and needs --force,
and records itself in the restored database's audit."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from datetime import date, datetime

import pytest

from hlhdesk.app.meetings import sign_off, signoff_for
from hlhdesk.core.meetings.meeting import Action, Attendee, Decision, Outcome
from hlhdesk.store import StoreError, open_database
from hlhdesk.store.backup import backup_folder
from hlhdesk.store.restore import plan_restore, restore_backup
from tests.support.fake_engine import fake_evaluate
from tests.safety.conftest import small_case


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_outside_hlhdesk(path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def listing(path):
    return sorted(os.listdir(backup_folder(path)))


@pytest.fixture
def backed_up(db_path):
    """A database with a backup, then a signed-off outcome made after the backup."""
    with open_database(db_path, backups=False) as store:
        made = store.backup("manual")
        meeting_id = store.create_meeting(date(2026, 10, 17), "Dr C Chair", (Attendee("Dr C Chair", "Haematologist"),))
        store.add_to_agenda(meeting_id, 1)
        action = Action("Repeat ferritin", "Ward team")
        outcome_id = store.record_outcome(Outcome(1, meeting_id, Decision.CONTINUE, rationale="Responding.",
                                                  actions=(action,)))
        sign_off(store, signoff_for(store, meeting_id, 1, now=datetime(2026, 10, 17, 13, 45), evaluate=fake_evaluate))
        store.mark_action_done(outcome_id, action, date(2026, 10, 18), "Sr A Ward")
    return db_path, made


def test_restore_under_a_held_write_lock_changes_nothing_and_says_so(cli, backed_up):
    path, made = backed_up
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("PRAGMA journal_mode = DELETE")  # the share's mode: the lock blocks readers too
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before, kept = digest(path), listing(path)
        with pytest.raises(StoreError) as refused:
            restore_backup(made, path, busy_timeout=0.5, force=True)
        assert "busy" in str(refused.value) and "not a damaged one" in str(refused.value)
        assert digest(path) == before and listing(path) == kept  # nothing moved aside
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_database_from_a_newer_hlhdesk_is_never_replaced(backed_up):
    path, made = backed_up
    edit_outside_hlhdesk(path, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                               "VALUES ('hlhdesk', '9999_x', '')")
    before, kept = digest(path), listing(path)
    with pytest.raises(StoreError, match="newer hlhdesk"):
        restore_backup(made, path, force=True)
    assert digest(path) == before and listing(path) == kept


def test_restore_names_the_signed_outcome_it_would_remove_and_needs_force(cli, backed_up):
    path, made = backed_up
    refused = cli("restore", made, db=path)
    assert refused.code == 2
    assert "would remove records made after it" in refused.err
    assert "the sign-off of case 1's outcome by Dr C Chair" in refused.err
    assert "the MDT outcome of case 1 at the meeting of 2026-10-17 (continue)" in refused.err
    assert "the action 'Repeat ferritin' recorded as done by Sr A Ward on 2026-10-18" in refused.err
    done = cli("restore", made, "--force", db=path)
    assert done.code == 0, done.err
    with open_database(path, read_only=True) as store:
        [record] = store.db.execute("SELECT backup_file, removed FROM restores").fetchall()
        audit = store.audit_rows(table="restores")
    assert record[0] == made.name and any("sign-off" in line for line in json.loads(record[1]))
    assert [a.action for a in audit] == ["insert"]
    assert cli("verify", db=path).code == 0  # the restored database verifies, restore included


def test_a_tampered_backup_is_refused(backed_up):
    path, made = backed_up
    edit_outside_hlhdesk(made, "DROP TRIGGER audit_is_append_only_delete")
    before = digest(path)
    with pytest.raises(StoreError, match="not as hlhdesk left it"):
        restore_backup(made, path, force=True)
    assert digest(path) == before


def test_the_desk_asks_naming_what_the_restore_removes(qtbot, backed_up, monkeypatch):
    from hlhdesk.gui.admin.backups_dialog import BackupsDialog
    from hlhdesk.gui.kit import dialogs

    path, made = backed_up
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or False)
    with open_database(path, backups=False) as store:
        dialog = BackupsDialog(store)
        qtbot.addWidget(dialog)
        dialog._select(made)
        before = digest(path)
        dialog.restore_selected()
    assert "will be removed" in asked[0] and "sign-off of case 1's outcome by Dr C Chair" in asked[0]
    assert digest(path) == before  # declined: nothing changed


def test_plan_restore_changes_nothing(backed_up):
    path, made = backed_up
    before = digest(path)
    plan = plan_restore(made, path)
    assert plan.current == "ok" and plan.removed
    assert digest(path) == before
