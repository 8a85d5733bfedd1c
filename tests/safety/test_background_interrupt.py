"""Quitting the desk does not wait for the background check of a large database: while
the check runs its connection is listed, and quitting interrupts every listed connection
(sqlite3's interrupt is safe from another thread)."""

from __future__ import annotations

import sqlite3
import threading

from hlhdesk.gui.admin import background_checks
from hlhdesk.gui.admin.background_checks import check_database, interrupt_all


def test_the_check_lists_its_connection_while_it_runs(tmp_path, monkeypatch):
    path = tmp_path / "h.sqlite3"
    sqlite3.connect(path).close()
    connections: list = []
    seen: list = []

    def interrupted_verify(conn):
        seen.append(list(connections))
        threading.Timer(0.3, interrupt_all, (connections,)).start()  # quitting, from another thread
        return conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                            "SELECT count(*) FROM n").fetchone()  # endless unless interrupted

    monkeypatch.setattr("hlhdesk.store.integrity.verify.verify", interrupted_verify)
    assert check_database(path, 1.0, connections) is None  # stopped, not reported as damage
    assert len(seen[0]) == 1 and connections == []  # listed while running, gone after
    assert background_checks.interrupt_all([]) is None
