"""Quitting the desk does not wait for the background check of a large database: while
the check runs its connection is listed, and quitting interrupts every listed connection
(sqlite3's interrupt is safe from another thread); a check not yet begun never begins."""

from __future__ import annotations

import sqlite3
import threading

from hlhdesk.gui.admin.background_checks import RunningChecks, check_database


def test_the_check_lists_its_connection_while_it_runs(tmp_path, monkeypatch):
    path = tmp_path / "h.sqlite3"
    sqlite3.connect(path).close()
    running = RunningChecks()
    seen: list = []
    later_checks: list = []

    def endless_integrity_check(conn, report):
        seen.append(len(running))
        threading.Timer(0.3, running.interrupt_all).start()  # quitting, from another thread
        return conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                            "SELECT count(*) FROM n").fetchone()  # endless unless interrupted

    monkeypatch.setattr("hlhdesk.store.integrity.verify._integrity", endless_integrity_check)
    monkeypatch.setattr("hlhdesk.store.integrity.verify._schema", lambda conn, report: later_checks.append(1) or [])
    assert check_database(path, 1.0, running) is None  # stopped, not reported as damage
    assert seen == [1] and len(running) == 0  # listed while running, gone after
    assert later_checks == []  # the interrupted statement ended the whole verify


def test_a_check_that_had_not_begun_when_the_desk_quit_never_begins(tmp_path, monkeypatch):
    path = tmp_path / "h.sqlite3"
    sqlite3.connect(path).close()
    began = []
    monkeypatch.setattr("hlhdesk.store.integrity.verify._integrity", lambda conn, report: began.append(conn) or [])
    running = RunningChecks()
    running.interrupt_all()  # the desk quit before the worker had its connection
    assert check_database(path, 1.0, running) is None
    assert began == [] and len(running) == 0
