"""Safety checks' cost (run by packaging/dev.sh bench; not part of the test run).

- a read-only opening of a 1,000-case database (quick_check, no backup, no migration):
  what every reading command and the desk's list wait for
- the full check the desk runs in the background (integrity_check + verify: the audit
  hash chain, seals, every audited row against its last audit record)
"""

from __future__ import annotations

import pytest

from hlhdesk.store import open_database
from hlhdesk.store.integrity.verify import verify
from tests.benchmarks.test_store_bench import _fill


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    path = tmp_path_factory.mktemp("safety-bench") / "1000.sqlite3"
    _fill(path, 1000)
    return path


def test_read_only_opening_of_1000_cases(benchmark, thousand):
    benchmark(lambda: open_database(thousand, read_only=True).close())


def test_background_verify_of_1000_cases(benchmark, thousand):
    with open_database(thousand, read_only=True) as store:
        report = benchmark.pedantic(verify, args=(store.db.conn,), rounds=3, iterations=1)
    assert report.ok, report.problems
