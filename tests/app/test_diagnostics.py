"""Help > About and "Copy diagnostics" text (hlhdesk/app/diagnostics.py) and the
`hlhdesk about` command that prints the same for IT support."""

from __future__ import annotations

import platform
from datetime import datetime

from hlhdesk import __version__
from hlhdesk.cli import main
from hlhdesk.core.policy import CURRENT, REGISTRY
from hlhdesk.app.diagnostics import about_facts, about_text, diagnostics_text, known_schema_version
from hlhdesk.store import open_database
from tests.support.stored_cases import NHS_NUMBERS, full_case


def facts_of(text: str) -> dict[str, str]:
    """'label  value' lines back into a dict (labels are aligned with two spaces)."""
    rows = [line.split("  ", 1) for line in text.splitlines()[2:] if line.strip()]
    return {label.strip(): value.strip() for label, value in rows}


def test_about_names_version_policy_database_and_schema(tmp_path):
    db = tmp_path / "mdt.sqlite3"
    facts = dict(about_facts(db, 1))
    assert facts["hlhdesk"] == __version__
    assert facts["Policy"] == CURRENT == "210701P v2.0"
    assert facts["Policies known"] == ", ".join(sorted(REGISTRY))
    assert facts["Database"] == str(db)
    assert facts["Database schema"] == f"1 (this hlhdesk knows {known_schema_version()})"


def test_about_without_a_database_says_so():
    facts = dict(about_facts(None, None))
    assert facts["Database"] == "none open" and facts["Database schema"] == "-"


def test_about_with_an_unknown_schema_gives_the_reason(tmp_path):
    facts = dict(about_facts(tmp_path / "x.sqlite3", "written by a newer hlhdesk"))
    assert facts["Database schema"].startswith("written by a newer hlhdesk (this hlhdesk knows")


def test_about_text_is_titled_with_the_version(tmp_path):
    text = about_text(tmp_path / "a.sqlite3", 1)
    assert text.splitlines()[0] == f"hlhdesk {__version__}"
    assert facts_of(text)["Database"] == str(tmp_path / "a.sqlite3")


def test_diagnostics_add_the_software_underneath_and_extra_facts(tmp_path):
    text = diagnostics_text(
        tmp_path / "a.sqlite3", 1, qt_version="6.12.0", pyside_version="6.12.0",
        extra=[("Screen 1", "1920x1080 at 96 dpi")], now=datetime(2026, 3, 4, 17, 5),
    )
    facts = facts_of(text)
    assert facts["Python"].startswith(platform.python_version())
    assert facts["Qt"] == "6.12.0" and facts["PySide6"] == "6.12.0"
    assert facts["Operating system"] == platform.platform()
    assert facts["Screen 1"] == "1920x1080 at 96 dpi"
    assert facts["Collected"] == "04/03/2026 17:05"  # UK date, 24-hour clock
    assert facts["Installation"].startswith("source checkout")
    assert "no patient data" in text.splitlines()[0]


def test_diagnostics_without_qt_say_not_loaded():
    facts = facts_of(diagnostics_text(None, None))
    assert facts["Qt"] == "not loaded" and facts["Database"] == "none open"


def test_command_reads_the_schema_and_prints_no_patient_data(tmp_path, capsys):
    db = tmp_path / "mdt.sqlite3"
    case = full_case(NHS_NUMBERS[1])
    with open_database(db) as store:
        store.add_case(case)
        applied = store.schema_version
    assert main(["--db", str(db), "about"]) == 0
    out = capsys.readouterr().out
    assert facts_of(out)["Database schema"].startswith(f"{applied} (")
    patient = case.patient
    for identifier in (patient.nhs_number, patient.hospital_number, patient.family_name,
                       patient.given_name, patient.date_of_birth.strftime("%d/%m/%Y"),
                       patient.date_of_birth.isoformat()):
        assert identifier not in out


def test_command_never_creates_a_database(tmp_path, capsys):
    db = tmp_path / "absent.sqlite3"
    assert main(["--db", str(db), "about"]) == 0
    assert not db.exists()
    assert facts_of(capsys.readouterr().out)["Database schema"].startswith("no database file yet")


def test_command_on_an_unreadable_file_still_prints_and_leaves_it_alone(tmp_path, capsys):
    content = b"not a database at all" * 10
    db = tmp_path / "junk.sqlite3"
    db.write_bytes(content)
    assert main(["--db", str(db), "about"]) == 0
    assert facts_of(capsys.readouterr().out)["Database schema"].startswith("unreadable")
    assert db.read_bytes() == content
