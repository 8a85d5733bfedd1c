"""hlhdesk episodes: the episodes the rules read, and the starts the MDT sets by hand."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from hlhdesk.app.demo import demo_folder

EBV = demo_folder() / "adult-ebv-responding.json"


def test_an_mdt_start_makes_a_new_episode_and_can_be_taken_back(cli, db):
    assert cli("import", EBV, db=db).code == 0
    before = json.loads(cli("episodes", "--id", 1, "--json", db=db).out)
    assert [e["number"] for e in before["episodes"]] == [1] and before["mdt_starts"] == []
    day0 = datetime.fromisoformat(before["episodes"][0]["day0"])
    escalated = day0 + timedelta(days=3)

    added = cli("episodes", "--id", 1, "--add", escalated.strftime("%d/%m/%Y %H:%M"), db=db)
    assert added.code == 0, added.err
    assert f"2. day 0 {escalated:%d/%m/%Y %H:%M}: set by the MDT from" in added.out
    assert "(current: the rules read this one)" in added.out.splitlines()[2]
    listed = json.loads(cli("list", "--json", db=db).out)[0]
    assert listed["day0"] == escalated.isoformat(timespec="minutes")  # the cached status follows

    with_start = json.loads(cli("episodes", "--id", 1, "--json", db=db).out)
    assert with_start["mdt_starts"] == [escalated.isoformat(timespec="minutes")]
    assert [e["current"] for e in with_start["episodes"]] == [False, True]

    assert cli("episodes", "--id", 1, "--remove", escalated.isoformat(), db=db).code == 0
    after = json.loads(cli("episodes", "--id", 1, "--json", db=db).out)
    assert after == before


def test_a_start_not_set_or_in_the_future_is_refused_and_nothing_changes(cli, db):
    import hashlib

    cli("import", EBV, db=db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    missing = cli("episodes", "--id", 1, "--remove", "12/10/2026 09:00", db=db)
    assert missing.code == 2 and "is not an episode start the MDT set for case 1 (set: none)" in missing.err
    future = cli("episodes", "--id", 1, "--add", (datetime.now() + timedelta(days=2)).strftime("%d/%m/%Y %H:%M"),
                 db=db)
    assert future.code == 2 and "is in the future" in future.err
    bad = cli("episodes", "--id", 1, "--add", "31/02/2026", db=db)
    assert bad.code == 2 and "--add '31/02/2026' is not a date" in bad.err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_an_added_start_is_in_the_audit_trail(cli, db):
    from hlhdesk.store import open_database

    cli("import", EBV, db=db)
    day0 = datetime.fromisoformat(json.loads(cli("episodes", "--id", 1, "--json", db=db).out)["episodes"][0]["day0"])
    cli("episodes", "--id", 1, "--add", (day0 + timedelta(days=2)).isoformat(), db=db)
    with open_database(db) as store:
        rows = [r for r in store.audit_rows(case_id=1) if r.action == "update" and "episode_starts" in r.changed_fields]
    assert len(rows) == 1


def test_an_unknown_case_is_a_plain_error(cli, db):
    cli("import", EBV, db=db)
    unknown = cli("episodes", "--id", 99, db=db)
    assert unknown.code == 2 and "99" in unknown.err and "Traceback" not in unknown.err
