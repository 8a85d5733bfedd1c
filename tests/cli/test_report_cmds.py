"""`hlhdesk report` and `hlhdesk pack`: ids in, a PDF out; bad input is a plain message
(exit 2) and writes nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hlhdesk.cli import main
from hlhdesk.core import evaluate
from hlhdesk.core.model import Observation
from hlhdesk.app import printouts
from hlhdesk.store import open_database
from tests.reports.pdftext import page_texts
from tests.support.meetings import decide, meeting_with, sign
from tests.support.records import sample_case, sample_evaluation

SEEN_AS_OF: list[datetime] = []


def fake_evaluate(case, as_of=None):
    """Stands in for the policy engine: the reports only render what it returns."""
    SEEN_AS_OF.append(as_of)
    return sample_evaluation(case)


@pytest.fixture
def database(tmp_path, monkeypatch):
    monkeypatch.setattr(printouts, "_default_evaluate", lambda: fake_evaluate)
    SEEN_AS_OF.clear()
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path) as store:
        case_id = store.add_case(sample_case())
        meeting_id = meeting_with(store, [case_id], date(2026, 10, 17), "Dr C Chair", "Haematologist")
        decide(store, meeting_id, case_id)
    return path, case_id, meeting_id


def test_report_writes_the_case_summary_with_the_open_outcome(database, tmp_path, capsys):
    path, case_id, _ = database
    out = tmp_path / "summary.pdf"
    assert main(["--db", str(path), "report", str(case_id), "-o", str(out)]) == 0
    pages = page_texts(out.read_bytes())
    assert "Continue anakinra" in pages[0] and "Rationale: Responding." in pages[0]
    assert all("943 476 5919" in t for t in pages)
    assert SEEN_AS_OF == [datetime(2026, 10, 17, 23, 59, 59)]  # the meeting's day, not later data
    assert "Wrote the case summary" in capsys.readouterr().out


def test_report_as_of_is_passed_to_the_evaluation(database, tmp_path):
    path, case_id, _ = database
    out = tmp_path / "summary.pdf"
    assert main(["--db", str(path), "report", str(case_id), "-o", str(out), "--as-of", "2026-10-10T08:00"]) == 0
    assert SEEN_AS_OF == [datetime(2026, 10, 10, 8, 0)]


@pytest.mark.parametrize("written", ["10/10/2026 08:00", "2026-10-10T08:00"])
def test_report_reads_as_of_as_evaluate_reads_it(database, tmp_path, written):
    from hlhdesk.cli.support import parse_as_of

    path, case_id, _ = database
    out = tmp_path / "summary.pdf"
    assert main(["--db", str(path), "report", str(case_id), "-o", str(out), "--as-of", written]) == 0
    assert SEEN_AS_OF == [datetime(2026, 10, 10, 8, 0)] == [parse_as_of(written)]


def test_pack_writes_cover_and_cases(database, tmp_path):
    path, case_id, meeting_id = database
    out = tmp_path / "pack.pdf"
    assert main(["--db", str(path), "pack", str(meeting_id), "-o", str(out)]) == 0
    pages = page_texts(out.read_bytes())
    assert "HLH MDT meeting pack" in pages[0] and "Chair: Dr C Chair" in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0] and "Continue anakinra" in pages[1]
    assert len(pages) == 3 and "Policy check" in pages[2]  # cover, actions, one proforma
    assert not any("Evidence appendix" in page for page in pages)


def test_pack_with_evidence_adds_the_appendix_after_each_proforma(database, tmp_path):
    path, _, meeting_id = database
    out = tmp_path / "pack.pdf"
    assert main(["--db", str(path), "pack", str(meeting_id), "--with-evidence", "-o", str(out)]) == 0
    pages = page_texts(out.read_bytes())
    assert "Policy check" in pages[2] and "Evidence appendix" in pages[3]


def test_report_letter_goes_to_the_referrer_with_the_decision(database, tmp_path):
    path, case_id, _ = database
    out = tmp_path / "letter.pdf"
    assert main(["--db", str(path), "report", str(case_id), "--letter", "-o", str(out)]) == 0
    [page] = page_texts(out.read_bytes())
    assert "Dear Dr A Consultant," in page and "Continue anakinra" in page and "Rationale: Responding." in page
    assert main(["--db", str(path), "report", str(case_id), "--letter", "--referrer", "Dr B Other", "-o", str(out), "--force"]) == 0
    assert "Dear Dr B Other," in page_texts(out.read_bytes())[0]


@pytest.mark.parametrize("args, message", [
    (["report", "999", "-o", "{tmp}/x.pdf"], "there is no case 999"),
    (["pack", "999", "-o", "{tmp}/x.pdf"], "there is no meeting 999"),
    (["report", "1", "-o", "{tmp}/x.pdf", "--as-of", "yesterday"], "is not a date or date-time"),
    (["report", "1", "-o", "{tmp}/missing/x.pdf"], "does not exist"),
    (["report", "1", "-o", "{tmp}/x.pdf", "--referrer", "Dr X"], "--referrer goes with --letter"),
])
def test_bad_input_is_a_plain_message_and_no_file(database, tmp_path, capsys, args, message):
    path = database[0]
    argv = ["--db", str(path), *(a.replace("{tmp}", str(tmp_path)) for a in args)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf"))


def test_a_signed_off_case_reprints_identically_after_its_data_changes(database, tmp_path):
    path, case_id, meeting_id = database
    with open_database(path) as store:
        sign(store, meeting_id, case_id, evaluate=evaluate, signed_at=datetime(2026, 10, 17, 13, 45))
    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    assert main(["--db", str(path), "report", str(case_id), "-o", str(before)]) == 0
    with open_database(path) as store:  # a result typed in after the sign-off
        store.add_record(case_id, Observation(datetime(2026, 10, 16, 8), "ferritin", 999.0, "ug/L", 999.0, "ug/L"))
    assert main(["--db", str(path), "report", str(case_id), "-o", str(after)]) == 0
    assert before.read_bytes() == after.read_bytes()
    assert SEEN_AS_OF == []  # printed from the frozen evaluation, not a fresh one
    assert "Signed off by Dr C Chair (chair) on 17/10/2026 at 13:45" in page_texts(before.read_bytes())[0]
    pack = tmp_path / "pack.pdf"  # the pack prints the signed-off case from its snapshot too
    assert main(["--db", str(path), "pack", str(meeting_id), "-o", str(pack)]) == 0
    cover = " ".join(page_texts(pack.read_bytes())[0].split())
    assert "Continue anakinra (signed off)" in cover and SEEN_AS_OF == []


def test_a_letter_needs_an_outcome(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(printouts, "_default_evaluate", lambda: fake_evaluate)
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path) as store:
        case_id = store.add_case(sample_case())
    assert main(["--db", str(path), "report", str(case_id), "--letter", "-o", str(tmp_path / "l.pdf")]) == 2
    assert "has no MDT outcome recorded" in capsys.readouterr().err
    assert not (tmp_path / "l.pdf").exists()


def test_a_fresh_report_after_a_signed_outcome_shows_it_as_the_previous_decision(database, tmp_path):
    path, case_id, meeting_id = database
    with open_database(path) as store:
        sign(store, meeting_id, case_id, evaluate=evaluate, signed_at=datetime(2026, 10, 17, 13, 45))
    out = tmp_path / "later.pdf"
    assert main(["--db", str(path), "report", str(case_id), "-o", str(out), "--as-of", "2026-10-25T09:00"]) == 0
    first = " ".join(page_texts(out.read_bytes())[0].split())
    assert "Previous MDT decision (17/10/2026): Continue anakinra. Responding." in first
    assert "No MDT decision recorded: write the outcome in during the meeting" in first


def test_a_10000_character_note_in_the_store_prints_in_the_report_and_the_pack(database, tmp_path):
    from hlhdesk.core.model import Event

    path, case_id, meeting_id = database
    note = ("Family meeting notes. " * 500)[:10_000]
    with open_database(path) as store:
        store.add_record(case_id, Event(datetime(2026, 10, 5, 9), "note", note))
    report, pack = tmp_path / "report.pdf", tmp_path / "pack.pdf"
    assert main(["--db", str(path), "report", str(case_id), "-o", str(report)]) == 0
    assert main(["--db", str(path), "pack", str(meeting_id), "--with-evidence", "-o", str(pack)]) == 0
    text = "".join(page_texts(report.read_bytes())).replace("\n", "")
    assert text.count("Family meeting notes.") >= 400  # the whole note, across pages


def test_the_previous_decision_says_which_actions_were_done_and_which_are_past_due(tmp_path, monkeypatch):
    from hlhdesk.core.meetings.meeting import Action

    monkeypatch.setattr(printouts, "_default_evaluate", lambda: fake_evaluate)
    path = tmp_path / "hlhdesk.sqlite3"
    repeat, review = Action("Repeat ferritin", "Ward team", date(2026, 10, 19)), Action("Echo", "Cardiology", date(2026, 10, 20))
    with open_database(path) as store:
        case_id = store.add_case(sample_case())
        meeting_id = meeting_with(store, [case_id], date(2026, 10, 17), "Dr C Chair", "Haematologist")
        outcome_id = decide(store, meeting_id, case_id, actions=(repeat, review))
        sign(store, meeting_id, case_id, evaluate=fake_evaluate, signed_at=datetime(2026, 10, 17, 13, 45))
        store.mark_action_done(outcome_id, repeat, date(2026, 10, 18), "Sr A Ward")
        next_meeting = meeting_with(store, [case_id], date(2026, 10, 24), "Dr C Chair", "Haematologist")
    pack = tmp_path / "pack.pdf"
    assert main(["--db", str(path), "pack", str(next_meeting), "-o", str(pack)]) == 0
    actions_page = " ".join(page_texts(pack.read_bytes())[1].split())
    assert "19/10/2026 ✓ 18/10/2026, Sr A Ward" in actions_page
    assert "20/10/2026 (past due)" in actions_page
    out = tmp_path / "later.pdf"
    assert main(["--db", str(path), "report", str(case_id), "-o", str(out), "--as-of", "2026-10-25T09:00"]) == 0
    first = " ".join(page_texts(out.read_bytes())[0].split())
    assert "• Action: Repeat ferritin (Ward team, due 19/10/2026) (done 18/10/2026 by Sr A Ward)" in first
    assert "• Action: Echo (Cardiology, due 20/10/2026)" in first  # outstanding: no "done"
    assert "Echo (Cardiology, due 20/10/2026) (done" not in first
