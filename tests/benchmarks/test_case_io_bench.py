"""How long importing, listing and opening cases take at the size of a busy service:
1,000 cases of 200 observations each. Medians are what to compare between versions."""

from __future__ import annotations

import itertools

import pytest

from hlhdesk.cli import main
from hlhdesk.core.casefile.caseio import dumps_case, parse_case
from hlhdesk.store import open_database
from tests.benchmarks.conftest import demo_sized_case

LOAD_CASE_TARGET_SECONDS = 0.010


def test_parse_one_demo_sized_case_file(benchmark):
    text = dumps_case(demo_sized_case(1))
    case = benchmark(parse_case, text)
    assert len(case.observations) == 200


def test_import_1000_cases_into_a_fresh_database(benchmark, tmp_path, thousand_cases):
    fresh = (tmp_path / f"import{n}.sqlite3" for n in itertools.count())

    def import_all():
        with open_database(next(fresh)) as store:
            return store.add_cases(thousand_cases)

    case_ids = benchmark.pedantic(import_all, rounds=3, iterations=1)
    assert len(case_ids) == 1000


def test_hlhdesk_import_of_1000_case_files(benchmark, tmp_path, thousand_case_files, capsys):
    fresh = (tmp_path / f"cli{n}.sqlite3" for n in itertools.count())

    def run():
        return main(["--db", str(next(fresh)), "import", *map(str, thousand_case_files)])

    assert benchmark.pedantic(run, rounds=2, iterations=1) == 0
    assert "Imported 1000 cases" in capsys.readouterr().out


@pytest.fixture(scope="module")
def full_store(tmp_path_factory, thousand_cases):
    store = open_database(tmp_path_factory.mktemp("full") / "full.sqlite3")
    store.add_cases(thousand_cases)
    yield store
    store.close()


def test_load_one_case_with_all_its_rows(benchmark, full_store, thousand_cases):
    case = benchmark(full_store.load_case, 500)
    assert case == thousand_cases[499]
    assert benchmark.stats.stats.median < LOAD_CASE_TARGET_SECONDS


def test_list_1000_cases(benchmark, full_store):
    summaries = benchmark(full_store.list_cases)
    assert len(summaries) == 1000
