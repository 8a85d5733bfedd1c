"""Writer processes for the crash and concurrency tests.

They run in child processes (multiprocessing, forkserver where the platform has it: a
clean single-threaded parent and a fast start). Each save that has RETURNED is reported
at once with os.write to an O_APPEND file, which reaches the kernel immediately: a
SIGKILL a moment later cannot un-report it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from datetime import date, datetime, timedelta

from hlhdesk.core.model import Case, Observation, Patient, Sex
from hlhdesk.store import DatabaseBusyError, open_database

OBSERVATIONS_PER_CASE = 5


def context() -> multiprocessing.context.BaseContext:
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["hlhdesk.store", "tests.store.writers"])
        return ctx
    return multiprocessing.get_context("spawn")


def marker(writer: int, seq: int) -> float:
    """A ferritin value that says which writer saved it and which save it was."""
    return float(writer * 100_000 + seq)


def small_case(writer: int, seq: int) -> Case:
    at = datetime(2026, 10, 1, 8)
    return Case(
        patient=Patient(date(1990, 1, 1), Sex.UNKNOWN, hospital_number=f"W{writer}-{seq}"),
        observations=tuple(
            Observation(at + timedelta(hours=i), "ferritin", marker(writer, seq), "ug/L")
            for i in range(OBSERVATIONS_PER_CASE)
        ),
    )


def save_forever(db_path: str, report_path: str, writer: int, case_id: int,
                 journal_mode: str | None, saves: int = 10**9, busy_timeout: float = 10.0) -> None:
    """Alternate one-record saves and whole-case saves, reporting each as it returns.

    Report lines: "r <writer> <seq>" for a record, "c <writer> <seq>" for a case.
    """
    report = os.open(report_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    store = open_database(db_path, journal_mode=journal_mode, busy_timeout=busy_timeout)
    for seq in range(saves):
        try:
            if seq % 4 == 3:
                store.add_case(small_case(writer, seq))
                kind = "c"
            else:
                store.add_record(case_id, Observation(datetime(2026, 10, 2), "ferritin", marker(writer, seq), "ug/L"))
                kind = "r"
        except DatabaseBusyError:
            continue  # not returned successfully, so not reported
        os.write(report, f"{kind} {writer} {seq}\n".encode())
    store.close()
    os.close(report)


def read_report(report_path: str) -> list[tuple[str, int, int]]:
    """The saves reported as returned. A last line cut short by the kill is ignored."""
    try:
        text = open(report_path, encoding="utf-8").read()
    except FileNotFoundError:
        return []
    lines = [line.split() for line in text.split("\n")[:-1]]  # only complete lines
    return [(kind, int(writer), int(seq)) for kind, writer, seq in lines]


def missing_saves(db_path: str, report_path: str) -> tuple[list, int]:
    """Reported saves not in the database, and how many were checked.

    Also fails (AssertionError) on a case that is there only in part: a multi-row save
    must be all there or not at all, reported or not.
    """
    import sqlite3

    reported = read_report(report_path)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        values = {row[0] for row in conn.execute("SELECT value FROM observations")}
        case_sizes = dict(conn.execute(
            "SELECT p.hospital_number, count(o.id) FROM cases c JOIN patients p ON p.id = c.patient_id "
            "LEFT JOIN observations o ON o.case_id = c.id WHERE p.hospital_number LIKE 'W%' GROUP BY c.id"
        ).fetchall())
    finally:
        conn.close()
    partial = {name: n for name, n in case_sizes.items() if n != OBSERVATIONS_PER_CASE}
    assert partial == {}, f"cases stored in part: {partial}"
    missing = [
        (kind, writer, seq)
        for kind, writer, seq in reported
        if (kind == "r" and marker(writer, seq) not in values)
        or (kind == "c" and f"W{writer}-{seq}" not in case_sizes)
    ]
    return missing, len(reported)
