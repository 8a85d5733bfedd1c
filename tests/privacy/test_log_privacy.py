"""The log never holds patient identifiers: a session of imports, listing, exporting,
backups, refused input and an unexpected error leaves none in hlhdesk.log."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest

from hlhdesk.cli import main
from hlhdesk.logs import get_logger, log_path
from hlhdesk.paths import resource
from hlhdesk.store.repository import Store

DEMO = sorted(p for p in resource("demo").glob("*.json") if p.name != "manifest.json")


def identifiers_of(files) -> set[str]:
    found = set()
    for path in files:
        patient = json.loads(path.read_text(encoding="utf-8"))["patient"]
        nhs = patient.get("nhs_number")
        if nhs:
            found |= {nhs, f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"}
        for key in ("hospital_number", "family_name", "given_name"):
            if patient.get(key):
                found.add(patient[key])
        born = date.fromisoformat(patient["date_of_birth"])
        found |= {born.isoformat(), born.strftime("%d/%m/%Y")}
    return found


def test_a_working_session_logs_no_patient_identifiers(tmp_path, monkeypatch, capsys):
    assert DEMO, "the demo case files are missing"
    db = ["--db", str(tmp_path / "hlhdesk.sqlite3")]
    (tmp_path / "backups").write_text("not a folder")  # so the daily backup fails and logs
    start = log_path().stat().st_size if log_path().exists() else 0

    assert main([*db, "import", *map(str, DEMO)]) == 0
    assert main([*db, "list"]) == 0
    assert main([*db, "export", "1", "-o", str(tmp_path / "out.json")]) == 0
    bad = tmp_path / "bad.json"
    patient = json.loads(DEMO[0].read_text(encoding="utf-8"))
    patient["patient"]["nhs_number"] = patient["patient"]["nhs_number"][:-1] + "0"
    bad.write_text(json.dumps(patient), encoding="utf-8")
    assert main([*db, "import", str(bad)]) == 2

    first = json.loads(DEMO[0].read_text(encoding="utf-8"))["patient"]["nhs_number"]

    def fails(self):
        raise RuntimeError(f"lookup failed for {first}")  # an error that quotes a value

    monkeypatch.setattr(Store, "list_cases", fails)
    assert main([*db, "list"]) == 1
    capsys.readouterr()

    for handler in get_logger().handlers:
        handler.flush()
    written = log_path().read_text(encoding="utf-8")[start:]
    assert "unexpected error" in written and "daily backup failed" in written  # it did log
    leaked = sorted(i for i in identifiers_of([*DEMO, bad]) if i in written)
    assert leaked == []


def test_the_log_filter_removes_nhs_numbers_in_any_spacing(caplog):
    logger = get_logger()
    record = logging.LogRecord("hlhdesk", logging.INFO, __file__, 1, "patient %s, case %d", ("943 476 5919", 12), None)
    for handler in logger.handlers:
        for f in handler.filters:
            f.filter(record)
    assert record.getMessage() == "patient [number removed], case 12"


@pytest.mark.parametrize("text", ["9434765919", "943-476-5919"])
def test_redaction_keeps_other_numbers(text):
    from hlhdesk.logs import redact

    assert redact(f"{text} ferritin 38052 case 7") == "[number removed] ferritin 38052 case 7"
