"""hlhdesk import / export / list: all-or-nothing imports, exact exports, a readable list,
and exit codes 0 (ok), 2 (bad input, plain message) and 1 (unexpected, logged)."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hlhdesk.cli import COMMAND_MODULES
from hlhdesk.core.evaluation.pathway import Phase
from hlhdesk.core.casefile.caseio import read_case_file
from tests.cli.conftest import ADULT, CHILD


def test_import_stores_every_file_and_prints_the_new_ids(cli, db):
    result = cli("import", ADULT, CHILD, db=db)
    assert result.code == 0, result.err
    assert f"Imported 2 cases into {db}:" in result.out
    assert f"case 1  {ADULT}" in result.out and f"case 2  {CHILD}" in result.out


def test_list_shows_uk_formats(cli, db):
    cli("import", ADULT, CHILD, db=db)
    result = cli("list", db=db)
    assert result.code == 0
    header, rule, adult, child = result.out.splitlines()
    assert header.split("  ")[0] == "ID" and set(rule) <= {"-", " "}
    for expected in ("1", "EXAMPLE, Alex", "999 824 4757", "RX0012345", "17/05/1984",
                     "secondary", "03/10/2026", "Insufficient data to decide"):
        assert expected in adult
    assert "TESTCHILD, Sam" in child and "999 114 4269" in child and "28/02/2019" in child
    assert "02/11/2026" in child  # day 0: the first anakinra dose


def test_list_json_is_the_same_cases_for_scripts(cli, db):
    from hlhdesk.store import open_database

    cli("import", ADULT, CHILD, db=db)
    result = cli("list", "--json", db=db)
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    with open_database(db) as store:
        summaries = store.list_cases()
    assert [r["id"] for r in rows] == [s.case_id for s in summaries] == [1, 2]
    adult, child = rows
    assert adult["name"] == "EXAMPLE, Alex" and adult["family_name"] == "Example"
    assert adult["nhs_number"] == "9998244757"  # digits, for matching in scripts
    assert adult["hospital_number"] == "RX0012345"
    assert adult["date_of_birth"] == "1984-05-17" and adult["hlh_type"] == "secondary"
    assert adult["day0"].startswith("2026-10-03T")
    assert adult["status"] == summaries[0].eligibility == "insufficient_data"
    assert adult["status_label"] == "Insufficient data to decide"
    assert child["date_of_birth"] == "2019-02-28" and child["day0"].startswith("2026-11-02T")
    assert set(adult) == {"id", "name", "family_name", "given_name", "nhs_number", "hospital_number",
                          "date_of_birth", "hlh_type", "day0", "status", "status_label", "status_stale",
                          "phase", "phase_label", "day", "verdict", "overdue", "next_review", "last_decision",
                          "overdue_actions"}
    assert all(r["next_review"] is None or len(r["next_review"]) == 10 for r in rows)
    # The pathway phase as cached at import: a rules.md phase name, the calendar day of the
    # episode, a verdict that leads with it, no MDT decision yet.
    for row, summary in zip(rows, summaries):
        assert row["phase"] == summary.phase and row["phase"] in {p.value for p in Phase}
        assert isinstance(row["day"], int) and row["verdict"].startswith(f"Day {row['day']}: ")
        assert row["overdue"] is summary.overdue and row["last_decision"] is None


def test_list_json_of_an_empty_database_is_an_empty_array(cli, db):
    from hlhdesk.store import open_database

    open_database(db).close()
    result = cli("list", "--json", db=db)
    assert result.code == 0 and json.loads(result.out) == []


def test_an_empty_database_says_how_to_add_cases(cli, db):
    from hlhdesk.store import open_database

    open_database(db).close()
    result = cli("list", db=db)
    assert result.code == 0 and "No cases in" in result.out and "hlhdesk import" in result.out


def test_import_is_all_or_nothing_and_reports_every_file(cli, db, tmp_path):
    bad = tmp_path / "bad.json"
    document = json.loads(ADULT.read_text())
    document["observations"][0]["unit"] = "mg/dL"
    document["patient"]["sex"] = "F"
    bad.write_text(json.dumps(document))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    result = cli("import", ADULT, bad, broken, db=db)
    assert result.code == 2 and result.out == ""
    assert "nothing was imported: 2 of 3 files have problems" in result.err
    assert f"{bad}: patient.sex: 'F' is not one of female, male, other, unknown" in result.err
    assert f"{bad}: observations[0].unit: 'mg/dL' is not a unit for ferritin" in result.err
    assert f"{broken}: $: not JSON" in result.err
    assert not db.exists()  # nothing was stored: not even an empty database was made


def test_import_of_a_missing_file_is_bad_input(cli, db, tmp_path):
    result = cli("import", tmp_path / "absent.json", db=db)
    assert result.code == 2 and "absent.json: no such file" in result.err


def test_import_notes_unknown_fields_and_a_patient_imported_twice(cli, db, tmp_path):
    extra = tmp_path / "extra.json"
    document = json.loads(ADULT.read_text())
    document["written_by"] = "a future hlhdesk"
    extra.write_text(json.dumps(document))
    cli("import", ADULT, db=db)
    result = cli("import", extra, db=db)
    assert result.code == 0
    assert f"note: {extra}: written_by: unknown field ignored" in result.err
    assert "case 2 has the NHS number of case 1 (999 824 4757)" in result.err
    both = cli("import", ADULT, CHILD, ADULT, db=db)
    assert "case 5 has the NHS number of case 1" in both.err
    assert "case 3 has" in both.err and "case 4 has" not in both.err


def test_export_writes_the_case_as_entered_and_it_reads_back_equal(cli, db, tmp_path):
    cli("import", ADULT, CHILD, db=db)
    out = tmp_path / "child.json"
    result = cli("export", "2", "-o", out, db=db)
    assert result.code == 0 and f"Exported case 2 to {out}" in result.out
    assert read_case_file(out) == read_case_file(CHILD)
    platelets = json.loads(out.read_text())["observations"][1]
    assert (platelets["value"], platelets["unit"]) == (41000, "/mm3")  # as the referrer typed it


def test_export_to_standard_output(cli, db):
    cli("import", ADULT, db=db)
    result = cli("export", "1", "-o", "-", db=db)
    assert result.code == 0 and json.loads(result.out)["patient"]["nhs_number"] == "9998244757"


def test_export_never_overwrites_without_force(cli, db, tmp_path):
    cli("import", ADULT, db=db)
    out = tmp_path / "case.json"
    out.write_text("keep me")
    result = cli("export", "1", "-o", out, db=db)
    assert result.code == 2 and "already exists; add --force" in result.err
    assert out.read_text() == "keep me"
    assert cli("export", "1", "-o", out, "--force", db=db).code == 0
    assert json.loads(out.read_text())["format"] == "hlhdesk-case"


@pytest.mark.parametrize("args, message", [
    (("export", "7", "-o", "{tmp}/x.json"), "there is no case 7"),
    (("export", "1", "-o", "{tmp}/no/such/folder/x.json"), "cannot write"),
])
def test_export_bad_input(cli, db, tmp_path, args, message):
    cli("import", ADULT, db=db)
    result = cli(*(a.format(tmp=tmp_path) for a in args), db=db)
    assert result.code == 2 and message in result.err


def test_reading_commands_refuse_a_database_that_does_not_exist(cli, tmp_path):
    missing = tmp_path / "typo.sqlite3"
    for command in (("list",), ("export", "1", "-o", tmp_path / "x.json")):
        result = cli(*command, db=missing)
        assert result.code == 2 and f"there is no database at {missing}" in result.err
    assert not missing.exists()


def test_a_bad_argument_exits_2(cli, db):
    with pytest.raises(SystemExit) as caught:
        cli("export", "one", "-o", "x.json", db=db)
    assert caught.value.code == 2


def test_an_unexpected_error_exits_1_with_no_traceback(cli, db, monkeypatch):
    import hlhdesk.store

    def explode(path):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(hlhdesk.store, "open_database", explode)
    result = cli("import", ADULT, db=db)
    assert result.code == 1
    assert "an unexpected error stopped 'import'" in result.err and "hlhdesk.log" in result.err
    assert "disk on fire" not in result.err  # details go to the log, not the screen


def test_help_in_a_real_process_documents_every_command():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "hlhdesk", "--help"],
                            capture_output=True, text=True, timeout=60, cwd=root)
    assert result.returncode == 0
    for module in COMMAND_MODULES:
        name = module.rsplit(".", 1)[-1].replace("_", "-")  # import_labs_cmd is `hlhdesk import-labs`
        # argparse may put a long command name on a line of its own, so match the name alone
        assert re.search(rf"^\s{{4}}{name}(\s|$)", result.stdout, re.MULTILINE), name


def test_import_caches_each_case_status_and_a_failed_evaluation_loses_no_case(cli, db, monkeypatch):
    import hlhdesk.core

    def broken_engine(case, as_of):
        raise ArithmeticError("engine fault")

    monkeypatch.setattr(hlhdesk.core, "evaluate", broken_engine)
    result = cli("import", ADULT, db=db)
    assert result.code == 0 and "case 1" in result.out
    assert "not yet evaluated" in cli("list", db=db).out  # stored; its status waits for the desk
    from hlhdesk.logs import log_path

    assert "caching a case status" in log_path().read_text()


def test_list_shows_todays_phase_when_the_cache_is_from_an_earlier_day(cli, db):
    """The pathway's day and "overdue" move with the calendar: a read-only `list` computes
    a status cached on an earlier day afresh, and writes nothing."""
    import hashlib
    from datetime import datetime, timedelta

    from hlhdesk.store import open_database

    cli("import", ADULT, db=db)
    fresh = json.loads(cli("list", "--json", db=db).out)[0]
    with open_database(db) as store:
        cached = store.list_cases()[0]
        store.set_case_status(1, eligibility=cached.eligibility, as_of=datetime.now() - timedelta(days=3),
                              day0=cached.day0, phase="early", day=fresh["day"] - 3,
                              verdict="a verdict of three days ago", urgency=9, overdue=False)
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    row = json.loads(cli("list", "--json", db=db).out)[0]
    table = cli("list", db=db).out

    assert row["day"] == fresh["day"] and row["verdict"] == fresh["verdict"] != "a verdict of three days ago"
    assert row["phase"] == fresh["phase"] and row["status_stale"] is True
    assert "a verdict of three days ago" not in table and fresh["verdict"] in table
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # nothing written
    cached = json.loads(cli("list", "--json", "--cached", db=db).out)[0]
    assert cached["verdict"] == "a verdict of three days ago" and cached["status_stale"] is True


def test_a_reader_that_goes_away_is_not_an_unexpected_error(db, monkeypatch, capsys):
    """`hlhdesk list | head`: head closes the pipe; the command stops quietly (exit 141,
    as a shell reports SIGPIPE) instead of logging an unexpected error."""
    import sys

    from hlhdesk.cli import main

    main(["--db", str(db), "import", str(ADULT)])

    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = main(["--db", str(db), "list"])
    monkeypatch.undo()
    assert code == 141
    assert "unexpected error" not in capsys.readouterr().err
