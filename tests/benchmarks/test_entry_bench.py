"""Data entry benchmarks (packaging/dev.sh bench; not part of the test run).

- saving a full printout from the cumulative results grid (3 sample times x 9 tests) into
  a demo-sized case of 200 observations: the check of every cell, the one store
  transaction with its audit rows, and the case re-read and re-evaluated by the real
  policy engine (target: median under 300 ms, so the grid answers at once)
- reading one typed date-time ("3/12 08:00") (target: median under 50 microseconds)
"""

from __future__ import annotations

import os
from datetime import datetime

from hlhdesk.core.typed_dates import parse_typed_moment
from tests.benchmarks.conftest import demo_sized_case

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOW = datetime(2026, 12, 5, 12, 0)
PRINTOUT = {
    "1/12 08:00": ("95", "2.1", "0.4", "40", "12400", "3.4", "1.2", "240", "180"),
    "2/12 08:00": ("91", "1.8", "0.3", "31", "18950", "3.9", "1.0", "310", "220"),
    "3/12 08:00": ("88", "1.6", "0.3", "27", "24100", "4.2", "0.9", "365", "260"),
}
TESTS = ("haemoglobin", "wbc", "neutrophils", "platelets", "ferritin", "triglycerides", "fibrinogen", "ast", "alt")


def test_save_a_printout_from_the_grid(benchmark, qtbot, tmp_path, monkeypatch):
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.entry.results_grid import FIRST_VALUE_COLUMN, GRID_KINDS, TIME_ROW, ResultsGrid
    from hlhdesk.gui.kit import date_field
    from hlhdesk.store import open_database

    monkeypatch.setattr(date_field, "clock", lambda: NOW)
    store = open_database(tmp_path / "bench.sqlite3")
    case_id = store.add_case(demo_sized_case(3))
    session = CaseSession(clock=lambda: NOW)
    session.set_store(store)
    session.open_case(case_id)
    grid = ResultsGrid(session)
    qtbot.addWidget(grid)

    def fill():
        if session.undo_group.canUndo():
            session.undo_group.undo()  # the last round's 27 results taken back
        for offset, (when, values) in enumerate(PRINTOUT.items()):
            column = FIRST_VALUE_COLUMN + offset
            grid.table.item(TIME_ROW, column).setText(when)
            for kind, value in zip(TESTS, values):
                grid.table.item(GRID_KINDS.index(kind) + 1, column).setText(value)
        return (), {}

    saved = benchmark.pedantic(grid.save, setup=fill, rounds=7, iterations=1)
    assert saved and len(store.load_case(case_id).observations) == 200 + 27
    store.close()


def test_read_one_typed_date_time(benchmark):
    assert benchmark(parse_typed_moment, "3/12 08:00", NOW) == datetime(2026, 12, 3, 8, 0)
