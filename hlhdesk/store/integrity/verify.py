"""`hlhdesk verify`: is this database as hlhdesk left it?

Checks, each reporting the first problem it finds:
- SQLite's full integrity_check (every page, every index against its table);
- the schema: every table, index and trigger exactly as this version's migrations make
  them (a dropped or edited audit trigger, a missing append-only rule);
- the audit hash chain: every row linked, in order, none missing from the middle or
  the end (AUTOINCREMENT remembers the last id ever used);
- every sign-off's seal: what it froze still hashes to its seal, and the outcome it
  signed still matches the outcomes table;
- every audited row still matches its last audit record (changed without an audit row).

It reads only (open the database with read_only=True). It cannot tell who made a change,
or catch a change whose maker also recomputed every hash after it: see
docs/reliability.md, "What the audit can and cannot prove".
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from hlhdesk.store.integrity.chain import AUDIT_FIELDS, SEALED_SIGNOFF_FIELDS, audit_link, signoff_seal
from hlhdesk.store.integrity.tamper_schema import outcome_json_sql
from hlhdesk.store.schema import AUDITED_TABLES, BOOKKEEPING_COLUMNS

_SHOWN_PER_CHECK = 5


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    audit_rows: int = 0
    signoffs: int = 0
    last_hash: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.problems:
            return f"{len(self.problems)} problem(s) found"
        return (f"OK: integrity check passed; schema and triggers as hlhdesk made them; "
                f"{self.audit_rows:,} audit rows in an unbroken chain (last link "
                f"{self.last_hash[:16] or 'none'}); {self.signoffs:,} sign-offs match their seals; "
                "every audited row matches its last audit record.")


class CheckStopped(Exception):
    """verify was stopped before it finished (the desk quitting): no report, not damage."""


def verify(conn: sqlite3.Connection, stopped: Callable[[], bool] | None = None) -> VerifyReport:
    """Every check below; `stopped()`, when given, is asked between them (and an
    interrupted statement ends the whole verify): CheckStopped, never a partial report."""
    report = VerifyReport()
    for check in (_integrity, _schema, _chain, _seals, _rows_match_audit):
        if stopped is not None and stopped():
            raise CheckStopped()
        try:
            found = check(conn, report)
        except (sqlite3.Error, UnicodeDecodeError, ValueError) as exc:
            if isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc):
                raise CheckStopped() from exc
            found = [f"{check.__name__.strip('_').replace('_', ' ')}: the data cannot be read ({exc})"]
        report.problems.extend(found[:_SHOWN_PER_CHECK])
    return report


def _integrity(conn, report) -> list[str]:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    return [] if problems == ["ok"] else [f"damaged: {p}" for p in problems]


@lru_cache(maxsize=8)
def expected_schema(stop_before: str | None = None) -> frozenset[tuple[str, str, str]]:
    """Every table, index and trigger a new database of this version has (or, with
    `stop_before`, one made by the hlhdesk that knew only the migrations before it)."""
    from sqlite_utils import Database

    from hlhdesk import __version__
    from hlhdesk.store.schema import MIGRATIONS, register_functions

    conn = sqlite3.connect(":memory:")
    try:
        register_functions(conn, __version__)
        MIGRATIONS.apply(Database(conn, execute_plugins=False), stop_before=stop_before)
        return frozenset(_schema_of(conn))
    finally:
        conn.close()


def _schema_of(conn) -> set[tuple[str, str, str]]:
    return {
        (kind, name, " ".join((sql or "").split()))
        for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master")
        if not name.startswith("sqlite_")
    }


def _schema(conn, report) -> list[str]:
    expected, actual = expected_schema(_first_missing_migration(conn)), _schema_of(conn)
    names_expected = {(k, n) for k, n, _ in expected}
    names_actual = {(k, n) for k, n, _ in actual}
    changed = {(k, n) for k, n, _ in actual - expected} & names_expected
    problems = []
    for kinds, what in ((names_expected - names_actual, "missing (dropped outside hlhdesk)"),
                        (names_actual - names_expected, "added outside hlhdesk"),
                        (changed, "changed from the ones hlhdesk made")):
        for kind in sorted({k for k, _ in kinds}):
            names = sorted(n for k, n in kinds if k == kind)
            problems.append(f"{kind}s {what}: {', '.join(names)}" if len(names) > 1
                            else f"the {kind} {names[0]} is {what}")
    return problems


def _first_missing_migration(conn) -> str | None:
    """A backup made by an earlier version is held to that version's schema."""
    from hlhdesk.store.schema import known_migration_names

    applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
    return next((name for name in known_migration_names() if name not in applied), None)


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() is not None


def _chain(conn, report) -> list[str]:
    problems: list[str] = []
    if not _has_table(conn, "audit_chain"):
        return []  # made before the audit was chained: nothing to follow
    previous, expected_id = "", 1
    columns = ", ".join(f"a.{f}" for f in AUDIT_FIELDS)
    rows = conn.execute(f"SELECT {columns}, c.hash FROM audit a LEFT JOIN audit_chain c ON c.audit_id = a.id "
                        "ORDER BY a.id")
    for *values, stored in rows:
        audit_id = values[0]
        if audit_id != expected_id:
            problems.append(f"audit rows {expected_id} to {audit_id - 1} are missing (removed)")
        link = audit_link(*values, previous)
        if stored is None:
            problems.append(f"audit row {audit_id} has no link in the chain (written outside hlhdesk)")
        elif stored != link:
            problems.append(f"audit row {audit_id} does not match its link in the chain (it was changed, "
                            "or a row before it was changed, inserted or removed)")
        if problems:
            return problems
        previous, expected_id = stored, audit_id + 1
        report.audit_rows += 1
    report.last_hash = previous
    last_used = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    if last_used and last_used[0] >= expected_id:
        problems.append(f"audit rows {expected_id} to {last_used[0]} are missing (removed from the end)")
    orphans = conn.execute("SELECT min(audit_id) FROM audit_chain WHERE audit_id NOT IN (SELECT id FROM audit)")
    orphan = orphans.fetchone()[0]
    if orphan is not None:
        problems.append(f"audit row {orphan} is missing: its link in the chain remains")
    return problems


def _seals(conn, report) -> list[str]:
    problems = []
    if not _has_table(conn, "signoff_seals"):
        return []
    fields = ", ".join(f"s.{f}" for f in SEALED_SIGNOFF_FIELDS)
    rows = conn.execute(
        f"SELECT s.id, s.outcome_id, o.case_id, {fields}, z.outcome_json, z.seal, "
        f"{outcome_json_sql('o')} AS now_json "
        "FROM signoffs s LEFT JOIN outcomes o ON o.id = s.outcome_id "
        "LEFT JOIN signoff_seals z ON z.id = s.id ORDER BY s.id"
    )
    width = len(SEALED_SIGNOFF_FIELDS)
    for signoff_id, outcome_id, case_id, *rest in rows:
        frozen, (outcome_json, seal, now_json) = rest[:width], rest[width:]
        where = f"the sign-off of outcome {outcome_id} (case {case_id})"
        report.signoffs += 1
        if seal is None:
            problems.append(f"{where} has no seal (signed outside hlhdesk, or its seal was removed)")
        elif signoff_seal(*frozen, outcome_json) != seal:
            problems.append(f"{where} no longer matches its seal: what was signed has been changed")
        elif now_json is None:
            problems.append(f"{where}: the signed outcome has been removed")
        elif json.loads(now_json) != json.loads(outcome_json):
            problems.append(f"{where}: the outcome now differs from what was signed "
                            f"({_difference(json.loads(outcome_json), json.loads(now_json))})")
    return problems


def _difference(signed: dict, now: dict) -> str:
    changed = [k for k in signed if signed.get(k) != now.get(k)]
    return "; ".join(f"{k} signed {signed.get(k)!r}, now {now.get(k)!r}" for k in changed[:3])


def _rows_match_audit(conn, report) -> list[str]:
    problems: list[str] = []
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    last = {}
    for table, row_id, action, after in conn.execute(
        "SELECT table_name, row_id, action, after_json FROM audit "
        "WHERE id IN (SELECT max(id) FROM audit GROUP BY table_name, row_id)"
    ):
        last[(table, row_id)] = (action, after)
    for table in AUDITED_TABLES:
        if table not in tables:
            continue
        problems += _bookkeeping_times(conn, table)
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] not in BOOKKEEPING_COLUMNS]
        pairs = ", ".join(f"'{c}', \"{c}\"" for c in columns)
        present = set()
        for row_id, now in conn.execute(f'SELECT id, json_object({pairs}) FROM "{table}"'):
            present.add(row_id)
            action, after = last.get((table, row_id), (None, None))
            if action is None or action == "delete":
                problems.append(f"{table} row {row_id} has no audit record of how it came to be (written outside hlhdesk)")
                continue
            recorded, current = json.loads(after), json.loads(now)
            if any(current.get(k) != v for k, v in recorded.items()):
                problems.append(f"{table} row {row_id} differs from its last audit record (changed outside hlhdesk)")
        for (audited_table, row_id), (action, _) in last.items():
            if audited_table == table and action != "delete" and row_id not in present:
                problems.append(f"{table} row {row_id} is gone with no audit record of its removal")
        if len(problems) >= _SHOWN_PER_CHECK:
            break
    return problems


# Rows a migration inserted before their table was audited: their audit record is later.
_CREATED_BEFORE_AUDITED = {"lab_test_names"}
_TIME_FORM = "strftime('%Y-%m-%dT%H:%M:%fZ', {0}) IS {0}"


def _bookkeeping_times(conn, table: str) -> list[str]:
    """created_at and updated_at are not in the audit JSON, but still content: each must
    be a real time, created no later than updated, and created at the moment of the
    row's first audit record (the same statement wrote both)."""
    columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
    if not {"created_at", "updated_at"} <= columns:
        return []
    first = ("(SELECT a.at FROM audit a WHERE a.table_name = ? AND a.row_id = t.id "
             "ORDER BY a.id LIMIT 1)")
    created_matches = ("t.created_at <= " + first if table in _CREATED_BEFORE_AUDITED
                       else "t.created_at IS " + first)
    rows = conn.execute(
        f'SELECT t.id FROM "{table}" t WHERE NOT ({_TIME_FORM.format("t.created_at")}) '
        f'OR NOT ({_TIME_FORM.format("t.updated_at")}) OR t.updated_at < t.created_at '
        f"OR NOT ({created_matches}) ORDER BY t.id LIMIT 3",
        [table],
    )
    return [f"{table} row {row_id}: its created or updated time was changed outside hlhdesk"
            for (row_id,) in rows]
