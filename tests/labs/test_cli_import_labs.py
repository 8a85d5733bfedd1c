"""hlhdesk import-labs: the preview, --dry-run writing nothing, the all-or-nothing write,
exit codes 0 and 2, and output safe for a terminal and a spreadsheet."""

from datetime import date

from hlhdesk.cli.import_labs_cmd import printable
from hlhdesk.core.model import Case, Patient, Sex
from hlhdesk.store import open_database
from tests.support.lab_files import NHS_A, csv_bytes

ROWS = (
    f"{NHS_A},03/10/2026 08:00,Ferritin,38052,µg/L",
    f"{NHS_A},03/10/2026 08:00,Hb,8.1,g/dL",
    f"{NHS_A},03/10/2026 08:00,Ferritin,<5,ug/L",
)


def setup(db_path, tmp_path, *rows, data=None):
    with open_database(db_path) as store:
        store.add_case(Case(Patient(date(1984, 5, 17), Sex.FEMALE, NHS_A, None, "Example", "Alex")))
    path = tmp_path / "labs.csv"
    path.write_bytes(data if data is not None else csv_bytes(*(rows or ROWS)))
    return path


def observation_count(db_path):
    with open_database(db_path) as store:
        return store.db.execute("SELECT count(*) FROM observations").fetchone()[0]


def test_dry_run_prints_the_preview_and_writes_nothing(cli, db_path, tmp_path):
    path = setup(db_path, tmp_path)
    result = cli("import-labs", path, "--dry-run", db=db_path)
    assert result.code == 0, result.err
    assert "labs.csv: Read as UTF-8, comma-separated, decimal mark '.'." in result.out
    assert "2 to add to 1 case, 0 already stored (skipped), 1 rejected" in result.out
    assert "+ 2 to EXAMPLE, Alex (case 1)" in result.out
    assert "line      4  REJECT" in result.out and "'<5' is a censored value" in result.out
    assert "Dry run: nothing was written." in result.out
    assert observation_count(db_path) == 0


def test_import_writes_and_a_second_run_skips_duplicates(cli, db_path, tmp_path):
    path = setup(db_path, tmp_path)
    first = cli("import-labs", path, "--all-rows", db=db_path)
    assert first.code == 0, first.err
    assert "Haemoglobin 81 g/L on 03/10/2026 08:00 (entered as 8.1 g/dL)" in first.out
    assert "Added 2 results to 1 case; 0 already stored (skipped); 1 rejected" in first.out
    assert observation_count(db_path) == 2
    with open_database(db_path) as store:  # the status `hlhdesk list` shows was recomputed
        assert store.case_status(1).eligibility == "insufficient_data"
    second = cli("import-labs", path, db=db_path)
    assert second.code == 0
    assert "0 to add to 0 cases, 2 already stored (skipped), 1 rejected" in second.out
    assert "Nothing to add: every usable row is already stored. Nothing was written." in second.out
    assert observation_count(db_path) == 2
    with open_database(db_path) as store:  # the second run is not recorded as an import
        assert store.db.execute("SELECT count(*) FROM lab_imports").fetchone()[0] == 1


def test_unusable_file_exits_2_with_a_plain_message(cli, db_path, tmp_path):
    path = setup(db_path, tmp_path, data=b"\x00\x01binary")
    result = cli("import-labs", path, db=db_path)
    assert result.code == 2
    assert result.err.strip() == "hlhdesk: the file contains NUL bytes: it is not a CSV text file"
    assert observation_count(db_path) == 0


def test_missing_file_exits_2(cli, db_path, tmp_path):
    result = cli("import-labs", tmp_path / "nope.csv", db=db_path)
    assert result.code == 2 and "nope.csv: no such file" in result.err


def test_no_importable_row_exits_2_after_showing_why(cli, db_path, tmp_path):
    path = setup(db_path, tmp_path, "9990010021,03/10/2026,Hb,81,g/L")
    result = cli("import-labs", path, db=db_path)
    assert result.code == 2
    assert "no case for NHS number 999 001 0021" in result.out
    assert "no row of labs.csv can be imported" in result.err


def test_rejected_rows_csv_is_spreadsheet_safe_with_a_bom(cli, db_path, tmp_path):
    path = setup(db_path, tmp_path, *ROWS, f"{NHS_A},03/10/2026,=cmd|' /C calc'!A0,1,g/L")
    report = tmp_path / "rejected.csv"
    result = cli("import-labs", path, "--dry-run", "--rejected-csv", report, db=db_path)
    assert result.code == 0
    raw = report.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text and ",=cmd" not in text


def test_terminal_escapes_in_the_file_are_printed_harmlessly(cli, db_path, tmp_path):
    path = setup(db_path, tmp_path, f"{NHS_A},03/10/2026,\x1b[2JHb,81,g/L")
    result = cli("import-labs", path, "--dry-run", db=db_path)
    assert "\x1b" not in result.out and "\\u001b[2JHb" in result.out


def test_printable_escapes_controls_and_bidi_overrides_only():
    assert printable("µg/L x10⁹/L é") == "µg/L x10⁹/L é"
    assert printable("a\u202eb\x07") == "a\\u202eb\\u0007"
