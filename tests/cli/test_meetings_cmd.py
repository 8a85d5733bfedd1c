"""hlhdesk meetings: create, fill the agenda, record, sign off, refuse a change to a
signed outcome with exit 2 and a plain message, close with roll-over."""

from __future__ import annotations

import json

from tests.cli.conftest import ADULT, CHILD


def setup_meeting(cli, db) -> None:
    assert cli("import", ADULT, CHILD, db=db).code == 0
    made = cli("meetings", "new", "--date", "09/10/2026", "--chair", "Dr A Chair", "--attendee", "Ms P:Pharmacist", db=db)
    assert made.code == 0 and "Created meeting 1 on 09/10/2026" in made.out


def test_a_meeting_from_creation_to_sign_off(cli, db):
    setup_meeting(cli, db)
    added = cli("meetings", "add", "1", "--due", db=db)
    # Case 1 had anaphylaxis on anakinra: a stop recommendation, never a "New referral".
    assert added.code == 0 and added.out.splitlines() == [
        "Added case 1: Stop recommended (since 05/10/2026)", "Added case 2: New referral"]
    saved = cli("meetings", "outcome", "1", "1", "--decision", "continue", "--rationale", "ferritin fell", "--next-review", "16/10/2026", db=db)
    assert saved.code == 0 and "Continue anakinra" in saved.out
    signed = cli("meetings", "sign", "1", "1", db=db)
    assert signed.code == 0 and "Signed off by Dr A Chair" in signed.out and "210701P" in signed.out
    shown = cli("meetings", "show", "1", "--json", db=db)
    data = json.loads(shown.out)
    assert data["chair"] == "Dr A Chair" and data["attendees"][1] == {"name": "Ms P", "role": "Pharmacist"}
    [outcome] = data["outcomes"]
    assert (outcome["decision"], outcome["next_review"], outcome["signed_by"]) == ("continue", "2026-10-16", "Dr A Chair")
    listed = cli("meetings", db=db)
    assert "09/10/2026" in listed.out and "1 signed" in listed.out


def test_a_signed_outcome_is_refused_with_exit_2(cli, db):
    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", db=db)
    cli("meetings", "outcome", "1", "1", "--decision", "continue", db=db)
    assert cli("meetings", "sign", "1", "1", db=db).code == 0
    refused = cli("meetings", "outcome", "1", "1", "--decision", "stop", db=db)
    assert refused.code == 2
    assert "signed off by Dr A Chair" in refused.err and "amendment" in refused.err
    again = cli("meetings", "sign", "1", "1", db=db)
    assert again.code == 2
    shown = json.loads(cli("meetings", "show", "1", "--json", db=db).out)
    assert shown["outcomes"][0]["decision"] == "continue"


def test_close_rolls_undiscussed_cases_to_a_new_meeting(cli, db):
    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", "2", db=db)
    cli("meetings", "outcome", "1", "1", "--decision", "start", db=db)
    closed = cli("meetings", "close", "1", "--next", "16/10/2026", db=db)
    assert closed.code == 0 and "moved to meeting 2" in closed.out
    shown = cli("meetings", "show", "2", db=db)
    assert "case 2" in shown.out and "Carried over from the last meeting" in shown.out
    late = cli("meetings", "add", "1", "2", db=db)
    assert late.code == 2 and "is closed" in late.err


def test_bad_input_is_a_plain_error(cli, db):
    setup_meeting(cli, db)
    assert cli("meetings", "show", "99", db=db).code == 2
    assert cli("meetings", "add", "1", db=db).code == 2
    assert cli("meetings", "outcome", "1", "1", "--decision", "stop", db=db).code == 2  # not on the agenda


def test_a_flagged_case_is_offered(cli, db):
    setup_meeting(cli, db)
    cli("meetings", "add", "1", "1", "2", db=db)
    cli("meetings", "outcome", "1", "1", "--decision", "stop", db=db)
    cli("meetings", "outcome", "1", "2", "--decision", "stop", db=db)
    cli("meetings", "close", "1", db=db)
    assert cli("meetings", "flag", "2", "--note", "new marrow result", db=db).code == 0
    cli("meetings", "new", "--date", "16/10/2026", "--chair", "Dr A Chair", db=db)
    added = cli("meetings", "add", "2", "--due", db=db)
    assert added.out.strip() == "Added case 2: Flagged for discussion"
