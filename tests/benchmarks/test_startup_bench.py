"""Start-up: launch to main window, hlhdesk on a 2,000-case database against a bare PySide6
window holding a pyqtgraph plot, measured the same way in the same run.

Each round launches a fresh Python process (startup_probe.py), offscreen, and times from
launch until the process reports that its main window has been shown and the event loop
has processed the first paint. Target: hlhdesk's median within 1.5x the bare window's.
A third, `hlhdesk-list`, times launch until the case list has been painted with its
cases (phase, day and verdict from the status cache): what a chair opens the desk for, with
the same 1.5x target. The list is read on a worker thread while the window is built, shown
just after its first paint and before the opening check (PRAGMA quick_check, about a second
on this file) has finished; nothing can be saved until it has passed (gui/admin/opening.py,
docs/reliability.md). The database's statuses are cached, as in one in use. A fourth
measurement, `gui --smoke`, times launch until the database is open (checked), its list
loaded, and the program has exited, reported for information.

Rounds alternate between the programs' benchmarks only by test order; on a busy machine
compare the two medians of one run, never numbers from different runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hlhdesk.store import open_database
from tests.benchmarks.startup_profile import build_database

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("startup_probe.py")
ROUNDS = 7
CASES = 2_000
TARGET_RATIO = 1.5
medians: dict[str, float] = {}


@pytest.fixture(scope="module")
def startup_env(tmp_path_factory) -> dict[str, str]:
    """Offscreen, with private data and settings folders: never the user's own."""
    home = tmp_path_factory.mktemp("startup-home")
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HLHDESK_DATA_DIR": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
    }


@pytest.fixture(scope="module")
def database_of_2000_cases(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("startup-db") / "mdt.sqlite3"
    build_database(path, CASES)
    with open_database(path) as store:
        assert len(store.list_cases()) == CASES
    return path


def launch_until(args: list[str], env: dict[str, str], wait_for_line: str | None) -> float:
    """Seconds from launch until `wait_for_line` is printed (or, if None, the process exits 0)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        if wait_for_line is None:
            _, err = process.communicate(timeout=120)
            took = time.perf_counter() - started
            assert process.returncode == 0, err
            return took
        line = process.stdout.readline()
        took = time.perf_counter() - started
        assert line.strip() == wait_for_line, process.communicate(timeout=60)[1]
        process.wait(timeout=60)
        return took
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def measure(benchmark, name: str, args: list[str], env: dict[str, str], wait_for_line: str | None) -> None:
    launch_until(args, env, wait_for_line)  # warm the OS file cache: every round is then alike
    benchmark.pedantic(launch_until, args=(args, env, wait_for_line), rounds=ROUNDS, iterations=1)
    medians[name] = benchmark.stats.stats.median
    benchmark.extra_info["median_s"] = round(medians[name], 3)


def test_bare_pyside6_window_with_a_pyqtgraph_plot(benchmark, startup_env):
    measure(benchmark, "bare", [str(PROBE), "bare"], startup_env, "FIRST_PAINT")


def test_hlhdesk_main_window_on_2000_cases(benchmark, startup_env, database_of_2000_cases):
    measure(benchmark, "hlhdesk", [str(PROBE), "hlhdesk", str(database_of_2000_cases)], startup_env, "FIRST_PAINT")


def test_hlhdesk_until_case_list_painted_on_2000_cases(benchmark, startup_env, database_of_2000_cases):
    measure(benchmark, "hlhdesk_list", [str(PROBE), "hlhdesk-list", str(database_of_2000_cases)], startup_env,
            "LIST_PAINTED")


def test_hlhdesk_until_case_list_loaded_on_2000_cases(benchmark, startup_env, database_of_2000_cases):
    args = ["-m", "hlhdesk", "--db", str(database_of_2000_cases), "gui", "--smoke"]
    measure(benchmark, "hlhdesk_usable", args, startup_env, None)


def test_hlhdesk_first_paint_within_target_of_bare_window():
    if not {"bare", "hlhdesk"} <= medians.keys():
        pytest.skip("needs both start-up benchmarks in this run")
    ratio = medians["hlhdesk"] / medians["bare"]
    print(
        f"\nstart-up medians: bare window {medians['bare'] * 1000:.0f} ms, "
        f"hlhdesk first paint {medians['hlhdesk'] * 1000:.0f} ms ({ratio:.2f}x), "
        f"hlhdesk case list loaded {medians.get('hlhdesk_usable', float('nan')) * 1000:.0f} ms"
    )
    assert ratio <= TARGET_RATIO, f"hlhdesk first paint is {ratio:.2f}x the bare window (target {TARGET_RATIO}x)"


def test_hlhdesk_case_list_shown_within_target_of_bare_window():
    if not {"bare", "hlhdesk_list"} <= medians.keys():
        pytest.skip("needs both start-up benchmarks in this run")
    ratio = medians["hlhdesk_list"] / medians["bare"]
    print(f"\nstart-up medians: bare window {medians['bare'] * 1000:.0f} ms, "
          f"hlhdesk case list painted {medians['hlhdesk_list'] * 1000:.0f} ms ({ratio:.2f}x)")
    assert ratio <= TARGET_RATIO, f"the case list shows at {ratio:.2f}x the bare window (target {TARGET_RATIO}x)"
