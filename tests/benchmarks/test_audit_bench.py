"""The service audit (run by packaging/dev.sh bench; not part of the test run).

- the audit of 1,000 episodes, 200 observations each, from the database (target: under 3 s),
  and the part of it that reads the cases from the database (the rest is the engine)
- the audit window showing it: table, compliance and both plots (target: under 1 s)
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from hlhdesk.app.audit import AuditFilter, service_audit
from hlhdesk.store import open_database
from tests.benchmarks.conftest import START, demo_sized_case

NOW = START + timedelta(days=45)


@pytest.fixture(scope="module")
def thousand_episodes(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "audit.sqlite3"
    with open_database(path) as store:
        for start in range(0, 1000, 250):
            store.add_cases([demo_sized_case(seed) for seed in range(start, start + 250)])
    return path


def test_audit_of_1000_episodes(benchmark, thousand_episodes):
    with open_database(thousand_episodes) as store:
        audit = benchmark.pedantic(lambda: service_audit(store, AuditFilter(), now=NOW), rounds=3, iterations=1)
    assert len(audit.episodes) == 1000 and not audit.failed_cases


def test_loading_the_1000_audited_cases(benchmark, thousand_episodes):
    with open_database(thousand_episodes) as store:
        ids = store.case_ids()
        cases = benchmark.pedantic(lambda: [store.load_case(i) for i in ids], rounds=3, iterations=1)
    assert len(cases) == 1000 and all(len(c.observations) == 200 for c in cases)


def test_audit_window_shows_1000_episodes(benchmark, thousand_episodes, qtbot):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from hlhdesk.gui.audit.audit_window import AuditWindow

    with open_database(thousand_episodes) as store:
        audit = service_audit(store, AuditFilter(), now=NOW)
        window = AuditWindow(store, lambda case_id: None)
        qtbot.addWidget(window)
        window.show()
        benchmark.pedantic(lambda: window.show_audit(audit), rounds=5, iterations=1, warmup_rounds=1)
        assert window.model.rowCount() == 1000
