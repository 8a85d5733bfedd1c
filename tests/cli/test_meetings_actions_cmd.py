"""CLI parity with the Meetings window: actions on an outcome (`--action
"WHAT;OWNER;dd/mm/yyyy"`, repeatable) and `meetings amend` with a required reason and
the name of whoever amends."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_meetings_cmd import setup_meeting


def outcome_json(cli, db):
    return json.loads(cli("meetings", "show", "1", "--json", db=db).out)["outcomes"][0]


def test_outcome_records_its_actions(cli, db):
    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", db=db)
    saved = cli("meetings", "outcome", "1", "1", "--decision", "continue",
                "--action", "Repeat ferritin and HScore;Ward team;12/10/2026",
                "--action", "Tell the GP;Dr A Chair", db=db)
    assert saved.code == 0, saved.err
    actions = outcome_json(cli, db)["actions"]
    assert actions == [
        {"text": "Repeat ferritin and HScore", "owner": "Ward team", "due": "2026-10-12"},
        {"text": "Tell the GP", "owner": "Dr A Chair", "due": None},
    ]
    assert "Repeat ferritin and HScore (Ward team, by 12/10/2026)" in cli("meetings", "show", "1", db=db).out


def test_a_badly_written_action_is_refused_and_nothing_saved(cli, db):
    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", db=db)
    for bad in ("Repeat ferritin", "Repeat ferritin;;12/10/2026", "Repeat;Ward team;12/10/26",
                "Repeat;Ward team;12/10/2026;extra"):
        refused = cli("meetings", "outcome", "1", "1", "--decision", "continue", "--action", bad, db=db)
        assert refused.code == 2 and "WHAT;OWNER;dd/mm/yyyy" in refused.err + refused.out, bad
    assert json.loads(cli("meetings", "show", "1", "--json", db=db).out)["outcomes"] == []


def refused_by_argparse(cli, capsys, *args, db) -> str:
    """A required option missing: argparse exits 2 with the option named."""
    with pytest.raises(SystemExit) as exited:
        cli(*args, db=db)
    assert exited.value.code == 2
    return capsys.readouterr().err


def test_amend_needs_a_reason_and_a_name_and_keeps_the_original(cli, db, capsys):
    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", db=db)
    cli("meetings", "outcome", "1", "1", "--decision", "continue", "--rationale", "ferritin fell", db=db)
    assert cli("meetings", "sign", "1", "1", db=db).code == 0
    assert "--reason" in refused_by_argparse(cli, capsys, "meetings", "amend", "1", "1", "--by", "Dr C Amender",
                                             "--decision", "stop", db=db)
    blank = cli("meetings", "amend", "1", "1", "--by", "Dr C Amender", "--reason", "  ", "--decision", "stop", db=db)
    assert blank.code == 2
    assert "--by" in refused_by_argparse(cli, capsys, "meetings", "amend", "1", "1", "--reason", "anaphylaxis",
                                         "--decision", "stop", db=db)
    amended = cli("meetings", "amend", "1", "1", "--by", "Dr C Amender", "--reason", "Anaphylaxis after the meeting",
                  "--decision", "stop", "--action", "Report to pharmacy;Ms P;10/10/2026", db=db)
    assert amended.code == 0, amended.err
    assert "Amended" in amended.out and "Stop anakinra" in amended.out
    shown = outcome_json(cli, db)
    assert shown["decision"] == "stop" and shown["rationale"] == "ferritin fell"  # unchanged fields kept
    assert shown["amendments"] == 1 and shown["signed_by"] == "Dr A Chair"
    assert shown["actions"][0]["text"] == "Report to pharmacy"


def test_amending_an_unsigned_outcome_or_changing_nothing_is_refused(cli, db):
    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", db=db)
    cli("meetings", "outcome", "1", "1", "--decision", "continue", db=db)
    unsigned = cli("meetings", "amend", "1", "1", "--by", "Dr C", "--reason", "r", "--decision", "stop", db=db)
    assert unsigned.code == 2
    cli("meetings", "sign", "1", "1", db=db)
    same = cli("meetings", "amend", "1", "1", "--by", "Dr C", "--reason", "r", "--decision", "continue", db=db)
    assert same.code == 2 and "changes nothing" in same.err


def test_an_action_done_leaves_the_overdue_actions_and_can_be_taken_back(cli, db):
    """An action past its due date flags the case until someone records it as done (who
    and which day); the signed outcome itself never changes."""
    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", db=db)
    cli("meetings", "outcome", "1", "1", "--decision", "continue",
        "--action", "Repeat ferritin;Ward team;12/10/2026", "--action", "Tell the GP;Dr A Chair", db=db)
    assert cli("meetings", "sign", "1", "1", db=db).code == 0
    signed = outcome_json(cli, db)
    assert json.loads(cli("list", "--json", db=db).out)[0]["overdue_actions"] == 1  # today is past 12/10/2026

    nameless = cli("meetings", "done", "1", "1", "--action", "1", db=db)
    assert nameless.code == 2 and "--by NAME" in nameless.err
    early = cli("meetings", "done", "1", "1", "--action", "1", "--by", "Sr Ward", "--on", "08/10/2026", db=db)
    assert early.code == 2 and "before the meeting of 09/10/2026" in early.err
    assert cli("meetings", "done", "1", "1", "--action", "3", "--by", "Sr Ward", db=db).code == 2

    done = cli("meetings", "done", "1", "1", "--action", "1", "--by", "Sr Ward", "--on", "11/10/2026", db=db)
    assert done.code == 0, done.err
    assert "Repeat ferritin (Ward team, by 12/10/2026)  [done 11/10/2026 by Sr Ward]" in cli(
        "meetings", "show", "1", db=db).out
    after = outcome_json(cli, db)
    assert after["actions_done"] == [{"action": 1, "done_on": "2026-10-11", "done_by": "Sr Ward"}]
    assert {k: v for k, v in after.items() if k != "actions_done"} == {
        k: v for k, v in signed.items() if k != "actions_done"}  # the signed outcome is unchanged
    assert json.loads(cli("list", "--json", db=db).out)[0]["overdue_actions"] == 0
    twice = cli("meetings", "done", "1", "1", "--action", "1", "--by", "Sr Ward", db=db)
    assert twice.code == 2 and "already recorded as done" in twice.err

    assert cli("meetings", "done", "1", "1", "--action", "1", "--undo", db=db).code == 0
    assert outcome_json(cli, db)["actions_done"] == []
    assert json.loads(cli("list", "--json", db=db).out)[0]["overdue_actions"] == 1
    assert cli("verify", db=db).code == 0  # the hash chain holds the completion and its withdrawal


def test_an_action_done_on_a_date_that_is_not_one_or_is_tomorrow_is_refused(cli, db):
    from datetime import date, timedelta

    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", db=db)
    cli("meetings", "outcome", "1", "1", "--decision", "continue", "--action", "Repeat ferritin;Ward team", db=db)
    bad = cli("meetings", "done", "1", "1", "--action", "1", "--by", "Sr Ward", "--on", "31/02/2026", db=db)
    assert bad.code == 2 and "31/02/2026" in bad.err
    tomorrow = (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")
    ahead = cli("meetings", "done", "1", "1", "--action", "1", "--by", "Sr Ward", "--on", tomorrow, db=db)
    assert ahead.code == 2 and "in the future" in ahead.err
    assert outcome_json(cli, db)["actions_done"] == []
    today = cli("meetings", "done", "1", "1", "--action", "1", "--by", "Sr Ward", db=db)  # today, the default
    assert today.code == 0 and outcome_json(cli, db)["actions_done"][0]["done_on"] == date.today().isoformat()
