"""Lab import benchmarks (packaging/dev.sh bench; not part of the test run).

- reading a 100,000-row pathology export (decode, sniff, parse, convert every row)
- planning it against the database (matching to cases, duplicates)
- importing 10,000 results into a database of 1,000 cases (one transaction, audited)
"""

from __future__ import annotations

import shutil

import pytest

from hlhdesk.core.labs.labcsv import parse_lab_csv
from hlhdesk.core.labs.labimport import RowStatus
from hlhdesk.store import open_database
from hlhdesk.app.lab_import import import_lab_plan, preview_lab_data
from tests.support.lab_files import MAPPING, NOW
from tests.labs.test_hostile_input import hundred_thousand_rows

PANEL = (("Ferritin", "ug/L", 5000), ("Hb", "g/dL", 9), ("PLT", "x10^9/L", 50),
         ("CRP", "mg/L", 100), ("Fibrinogen (Clauss)", "g/L", 1))


@pytest.fixture(scope="module")
def big_export() -> bytes:
    return hundred_thousand_rows()


@pytest.fixture(scope="module")
def thousand_case_database(tmp_path_factory, thousand_cases):
    path = tmp_path_factory.mktemp("labs-bench") / "cases.sqlite3"
    with open_database(path) as store:
        store.add_cases(thousand_cases)
    return path, [c.patient.nhs_number for c in thousand_cases]


def export_for(nhs_numbers: list[str], rows: int) -> bytes:
    lines = ["NHS Number,Collected,Test Name,Result,Units"]
    for i in range(rows):
        name, unit, value = PANEL[i % len(PANEL)]
        nhs = nhs_numbers[(i // len(PANEL)) % len(nhs_numbers)]
        day, hour = divmod(i // (len(PANEL) * len(nhs_numbers)), 24)
        lines.append(f"{nhs},{1 + day % 28:02d}/10/2026 {hour:02d}:15,{name},{value + i % 7},{unit}")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_read_100k_row_export(benchmark, big_export):
    lab = benchmark(parse_lab_csv, big_export, MAPPING, now=NOW)
    assert len(lab.rows) == 100_000


def test_preview_10k_rows_against_1000_cases(benchmark, thousand_case_database):
    path, numbers = thousand_case_database
    data = export_for(numbers, 10_000)
    with open_database(path) as store:
        plan = benchmark(preview_lab_data, store, data, "bench.csv", now=NOW)
    assert plan.count(RowStatus.ADD) == 10_000


def test_import_10k_rows_into_1000_cases(benchmark, thousand_case_database, tmp_path):
    template, numbers = thousand_case_database
    data = export_for(numbers, 10_000)
    copies = iter(range(1000))

    def fresh_plan():
        path = tmp_path / f"copy{next(copies)}.sqlite3"
        shutil.copyfile(template, path)
        store = open_database(path)
        return (store, preview_lab_data(store, data, "bench.csv", now=NOW)), {}

    def run(store, plan):
        outcome = import_lab_plan(store, plan)
        store.close()
        return outcome

    outcome = benchmark.pedantic(run, setup=fresh_plan, rounds=3)
    assert outcome.added == 10_000


def test_load_test_names(benchmark, thousand_case_database):
    path, _ = thousand_case_database
    with open_database(path) as store:
        mapping = benchmark(store.load_test_names)
    assert mapping.kind_for("Hb") == "haemoglobin"
