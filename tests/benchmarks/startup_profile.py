"""Where start-up time goes, phase by phase, each measured in a fresh Python process.

    .venv/bin/python -m tests.benchmarks.startup_profile [--db PATH] [--rounds N]

Prints a table of medians (ms): interpreter start, the imports of the big libraries
(PySide6, numpy, pyqtgraph, reportlab, sqlite-utils) and of hlhdesk's own layers, opening
(and migrating) the database, listing its cases, the first and a later evaluation, and the
first plot. Each import is timed in a process where nothing else was imported before, so
shared dependencies (numpy under pyqtgraph and sqlite-utils) count in each line: read the
lines as "what this costs if it is the first thing loaded". Without --db it builds a
2,000-case database of demo-sized cases in a temporary folder (about a minute).
For the import tree of one module: python -X importtime -c "import hlhdesk.gui.desk.main_window".
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TIMED = "import time as _t; _s = _t.perf_counter(); {action}; print(_t.perf_counter() - _s)"

IMPORTS = [
    ("import PySide6 QtWidgets", "import PySide6.QtWidgets"),
    ("import numpy", "import numpy"),
    ("import pyqtgraph (with numpy, Qt)", "import pyqtgraph"),
    ("import reportlab (platypus, pdfgen)", "import reportlab.platypus, reportlab.pdfgen.canvas"),
    ("import sqlite_utils", "import sqlite_utils"),
    ("import hlhdesk.core (engine)", "import hlhdesk.core"),
    ("import hlhdesk.store (names only: imported when used)", "import hlhdesk.store"),
    ("import hlhdesk.store.database (the whole store)", "import hlhdesk.store.database"),
    ("import hlhdesk.gui.app", "import hlhdesk.gui.app"),
    ("import hlhdesk.gui.desk.main_window", "import hlhdesk.gui.desk.main_window"),
    ("import hlhdesk.reports", "import hlhdesk.reports.summary"),
]


def database_phases(db: Path) -> list[tuple[str, str, str]]:
    """(label, set-up code, timed action) run against a copy-free, existing database."""
    open_db = f"from hlhdesk.store import open_database; s = open_database({str(db)!r})"
    first_case = "cid = s.list_cases()[0].case_id; case = s.load_case(cid)"
    before_check = "from pathlib import Path; from hlhdesk.store.integrity.before_check import read_list_before_check"
    return [
        ("list before the check (what the desk shows first)", before_check,
         f"read_list_before_check(Path({str(db)!r}), 10.0)"),
        ("open database (checks, migrations)", "from hlhdesk.store import open_database", open_db),
        ("list_cases (2,000)", open_db, "s.list_cases()"),
        ("load one case", f"{open_db}; cid = s.list_cases()[0].case_id", "s.load_case(cid)"),
        ("first evaluation", f"{open_db}; {first_case}; from hlhdesk.core import evaluate", "evaluate(case)"),
        ("later evaluation", f"{open_db}; {first_case}; from hlhdesk.core import evaluate; evaluate(case)",
         "evaluate(case)"),
    ]


FIRST_PLOT = (
    "first plot (PlotWidget, 200 points, painted)",
    "import pyqtgraph as pg; from PySide6.QtWidgets import QApplication; app = QApplication([])",
    "w = pg.PlotWidget(); w.plot(list(range(200)), list(range(200))); w.show(); app.processEvents()",
)


def run_timed(setup: str, action: str, env: dict[str, str]) -> float:
    code = f"{setup}\n{TIMED.format(action=action)}" if setup else TIMED.format(action=action)
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:  # e.g. a module not written yet: the row says n/a
        return float("nan")
    return float(out.stdout.strip().splitlines()[-1])


def interpreter_start(env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    return time.perf_counter() - started


def median_ms(measure, rounds: int) -> float:
    measure()  # warm the file cache
    return statistics.median(measure() for _ in range(rounds)) * 1000


def build_database(path: Path, cases: int = 2_000) -> None:
    from hlhdesk.store import open_database
    from tests.benchmarks.conftest import demo_sized_case

    with open_database(path) as store:
        for start in range(0, cases, 250):
            store.add_cases(demo_sized_case(seed) for seed in range(start, start + 250))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing hlhdesk database (default: build 2,000 cases)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hlhdesk-startup-") as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HLHDESK_DATA_DIR": tmp,
               "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
        db = args.db
        if db is None:
            db = Path(tmp) / "mdt.sqlite3"
            print("building a 2,000-case database...", file=sys.stderr)
            build_database(db)
        rows = [("python interpreter start", median_ms(lambda: interpreter_start(env), args.rounds))]
        for label, action in IMPORTS:
            rows.append((label, median_ms(lambda a=action: run_timed("", a, env), args.rounds)))
        for label, setup, action in [*database_phases(db), FIRST_PLOT]:
            rows.append((label, median_ms(lambda s=setup, a=action: run_timed(s, a, env), args.rounds)))
    width = max(len(label) for label, _ in rows)
    print(f"{'phase'.ljust(width)}  median ms ({args.rounds} rounds, fresh process each)")
    for label, ms in rows:
        print(f"{label.ljust(width)}  {'n/a' if ms != ms else f'{ms:.1f}':>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
