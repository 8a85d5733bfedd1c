"""Store benchmarks (run by packaging/dev.sh bench; not part of the test run).

- load one case of 200 observations from a 1,000-case database (target: well under 10 ms)
- list_cases() over 10,000 cases (one query), and the same through a second connection
  opened for it, as the desk re-reads its list after an outside change (worker thread)
- data_version(), the desk's check for outside changes (GUI thread, every activation)
- `hlhdesk list`'s statuses as of now over 1,000 cases none of which has a current status
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from hlhdesk.store import open_database
from tests.support.stored_cases import full_case


def _fill(path, cases: int, big_case_at: int | None = None) -> int:
    """A database of `cases` cases of 30 observations; one of 200 at `big_case_at`."""
    small = full_case(observations=22)
    big = full_case(observations=192)
    big_id = None
    with open_database(path) as store:
        for start in range(0, cases, 500):
            batch = [big if i == big_case_at else small for i in range(start, min(start + 500, cases))]
            ids = store.add_cases(batch)
            if big_case_at is not None and start <= big_case_at < start + 500:
                big_id = ids[big_case_at - start]
    return big_id


@pytest.fixture(scope="module")
def thousand_cases(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "1000.sqlite3"
    big_id = _fill(path, 1000, big_case_at=500)
    return path, big_id


@pytest.fixture(scope="module")
def ten_thousand_cases(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "10000.sqlite3"
    _fill(path, 10_000)
    return path


def test_load_case_of_200_observations_from_1000_cases(benchmark, thousand_cases):
    path, big_id = thousand_cases
    with open_database(path) as store:
        case = benchmark(store.load_case, big_id)
    assert len(case.observations) == 200


def test_list_cases_of_10000(benchmark, ten_thousand_cases):
    with open_database(ten_thousand_cases) as store:
        summaries = benchmark(store.list_cases)
    assert len(summaries) == 10_000 and summaries[0].observation_count == 30


def test_list_with_statuses_as_of_now_of_1000_uncached_cases(benchmark, thousand_cases):
    """`hlhdesk list` on a database whose statuses are all out of date (computed on an
    earlier day, or never): each evaluated in memory, nothing written (`--cached` skips it)."""
    from hlhdesk.app.statuses import current_summaries

    path, _ = thousand_cases
    with open_database(path, read_only=True) as store:
        summaries = benchmark.pedantic(current_summaries, args=(store, datetime(2026, 12, 5, 9, 0)),
                                       rounds=3, iterations=1)
    assert len(summaries) == 1000 and all(s.phase for s in summaries)


def test_list_cases_of_10000_on_a_second_connection(benchmark, ten_thousand_cases):
    from hlhdesk.store import open_another_connection

    def reread(store):
        with open_another_connection(store) as reader:
            return reader.list_cases()

    with open_database(ten_thousand_cases) as store:
        summaries = benchmark(reread, store)
    assert len(summaries) == 10_000
    assert benchmark.stats.stats.median < 1.0  # seconds, off the GUI thread


def test_data_version_check(benchmark, ten_thousand_cases):
    with open_database(ten_thousand_cases) as store:
        version = benchmark(store.data_version)
    assert isinstance(version, int)
    assert benchmark.stats.stats.median < 0.001


def test_add_case_of_30_observations(benchmark, tmp_path):
    with open_database(tmp_path / "add.sqlite3") as store:
        case = full_case(observations=22)
        benchmark(store.add_case, case)


def test_add_one_observation(benchmark, tmp_path):
    with open_database(tmp_path / "one.sqlite3") as store:
        case_id = store.add_case(full_case())
        record = dataclasses.replace(full_case().observations[0], at=datetime(2026, 11, 1))
        benchmark(store.add_record, case_id, record)
