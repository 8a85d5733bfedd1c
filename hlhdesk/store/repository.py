"""The Store: the one facade over the database, in core types; each write one audited
transaction. Cases are here, meetings in `meetings.py`, lab tables in `labs.py`.

Open one with `hlhdesk.store.open_database`. Every method that writes runs in one
transaction together with the audit rows its triggers add; `transaction()` groups several
calls into one. A Store's connection may be handed to a worker thread, but only one
thread may use it at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from hlhdesk.core.model import Case, CaseDetails, Observation, Patient
from hlhdesk.store import codec
from hlhdesk.store.backup import BackupInfo, list_backups, make_backup
from hlhdesk.store.codec import RECORD_TABLES, Record
from hlhdesk.store.errors import CaseNotFoundError, RecordNotFoundError, StoreError
from hlhdesk.store.labs import LabTables
from hlhdesk.store.meetings import MeetingTables
from hlhdesk.store.rows import (
    CASE_STATUS_FIELDS,
    AuditRow,
    CaseStatus,
    CaseSummary,
    parse_when,
    read_case_list,
)
from hlhdesk.store.schema import AUDITED_TABLES, SQL_UTC_NOW, MIGRATIONS
from hlhdesk.store.transactions import read_snapshot, write_transaction



class Store(MeetingTables, LabTables):
    """An open hlhdesk database: cases here; meetings and lab tables from the mixins,
    all over this one connection, so writes to several share one transaction."""

    def __init__(self, path: Path, db: Database, busy_timeout: float):
        self.path = path
        self.db = db
        self.busy_timeout = busy_timeout
        self.backup_problem: str | None = None  # why the daily backup failed, if it did
        self.read_only = False  # opened with open_database(read_only=True): no writes
        # Why no write may start now, in words for the user; None when writes may. The
        # desk lists a database before its opening check has passed, and must not write
        # to a file that may be damaged (integrity/before_check.py).
        self.writes_refused: str | None = None

    # -- housekeeping -------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """How many migrations this database has applied."""
        return len(MIGRATIONS.applied(self.db))

    @property
    def journal_mode(self) -> str:
        return self._conn.execute("PRAGMA journal_mode").fetchone()[0]

    def data_version(self) -> int:
        """A number that changes when another connection (the command line, another
        desktop, a worker thread) commits to the database, and not for this one's own
        writes: a check for outside changes that costs microseconds."""
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:  # closed, or the file gone from a network share
            raise StoreError(f"Checking {self.path.name} for changes failed: {exc}") from exc

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        if self.db is not None:  # None: its connection went to another store
            self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def backup(self, kind: str = "manual") -> Path:
        """A consistent copy of this database in the backups folder beside it."""
        self._refuse_if_writes_refused()
        return make_backup(self._conn, self.path, kind)

    def _refuse_if_writes_refused(self) -> None:
        if self.writes_refused is not None:
            raise StoreError(self.writes_refused)

    def take_connection_of(self, checked: Store) -> None:
        """Go on with `checked`'s connection (and what its opening found), closing this
        store's own: the desk's store, read before the opening check, becomes the checked
        one, and every window holding it sees the change. `checked` is emptied."""
        old = self.db
        self.db, self.busy_timeout = checked.db, checked.busy_timeout
        self.read_only, self.backup_problem = checked.read_only, checked.backup_problem
        self.writes_refused = checked.writes_refused
        checked.db = None
        old.close()

    def list_backups(self) -> list[BackupInfo]:
        """This database's backups, newest first."""
        return list_backups(self.path)

    @contextmanager
    def transaction(self, operation: str = "saving") -> Iterator[Store]:
        """Several writes as one: all are kept, or (on any error) none."""
        self._refuse_if_writes_refused()
        with write_transaction(self._conn, operation, self.busy_timeout):
            yield self

    @contextmanager
    def _reading(self, operation: str) -> Iterator[None]:
        with read_snapshot(self._conn, operation, self.busy_timeout):
            yield

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, tuple(params)).fetchall()

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self._conn.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values())
        )
        return int(cursor.lastrowid)

    def _update(self, table: str, row_id: int, row: dict[str, Any]) -> int:
        assignments = ", ".join(f"{name} = ?" for name in row)
        cursor = self._conn.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ?", (*row.values(), row_id)
        )
        return cursor.rowcount

    # -- cases --------------------------------------------------------------------

    def add_case(self, case: Case) -> int:
        with self.transaction("saving the case"):
            return self._insert_case(case)

    def add_cases(self, cases: Iterable[Case]) -> list[int]:
        """All or nothing: one case that cannot be stored stores none of them."""
        with self.transaction("saving the cases"):
            return [self._insert_case(case) for case in cases]

    def _insert_case(self, case: Case) -> int:
        patient_id = self._insert("patients", codec.to_row(case.patient))
        case_id = self._insert("cases", {"patient_id": patient_id, **codec.to_row(case.details)})
        for records in (case.observations, case.treatments, case.events, case.monitoring):
            self._insert_records(case_id, records)
        return case_id

    def _insert_records(self, case_id: int, records: Iterable[Record]) -> None:
        by_type: dict[type, list[Record]] = {}
        for record in records:  # a batch may mix kinds of record: each has its own table
            by_type.setdefault(type(record), []).append(record)
        for record_type, batch in by_type.items():
            table = codec.record_table(batch[0])
            columns = codec.columns_of(record_type)
            self._conn.executemany(
                f"INSERT INTO {table} (case_id, {', '.join(columns)}) "
                f"VALUES (?{', ?' * len(columns)})",
                [(case_id, *codec.to_row(r).values()) for r in batch],
            )

    def load_case(self, case_id: int) -> Case:
        """The case, every record carrying its record_id.

        Records come in the order they were stored (a case file reads back as it was
        written); sort by time where order matters.
        """
        with self._reading("opening the case"):
            found = self._rows("SELECT * FROM cases WHERE id = ?", (case_id,))
            if not found:
                raise CaseNotFoundError(f"there is no case {case_id} in {self.path.name}")
            case_row = found[0]
            patient_row = self._rows("SELECT * FROM patients WHERE id = ?", (case_row["patient_id"],))[0]
            records = {
                table: codec.records_from(cls, self._conn.execute(
                    f"SELECT {', '.join(codec.record_columns(cls))} FROM {table} WHERE case_id = ? ORDER BY id",
                    (case_id,),
                ))
                for cls, table in RECORD_TABLES.items()
            }
        return Case(
            patient=codec.from_row(Patient, patient_row),
            details=codec.from_row(CaseDetails, case_row),
            observations=records["observations"],
            treatments=records["treatments"],
            events=records["events"],
            monitoring=records["monitoring"],
        )

    def case_ids(self) -> list[int]:
        return [row[0] for row in self._conn.execute("SELECT id FROM cases ORDER BY id")]

    def list_cases(self) -> list[CaseSummary]:
        """Every case, one line each, in one query (fast for 10,000 cases)."""
        with self._reading("listing the cases"):
            return read_case_list(self._conn)

    def update_patient(self, case_id: int, patient: Patient) -> None:
        with self.transaction("saving the patient's details"):
            self._require_case(case_id)
            self._conn.execute(
                "UPDATE patients SET "
                + ", ".join(f"{name} = ?" for name in codec.columns_of(Patient))
                + f", updated_at = {SQL_UTC_NOW} "
                "WHERE id = (SELECT patient_id FROM cases WHERE id = ?)",
                (*codec.to_row(patient).values(), case_id),
            )
            self._touch(case_id)

    def update_details(self, case_id: int, details: CaseDetails) -> None:
        with self.transaction("saving the case details"):
            if not self._update("cases", case_id, codec.to_row(details)):
                raise self._case_not_found(case_id)
            self._touch(case_id)

    # -- records: observations, treatments, events, monitoring checks ----------------

    def add_record(self, case_id: int, record: Record) -> int:
        """Store one record in a case; returns its record_id."""
        with self.transaction(f"saving {describe(record)}"):
            self._require_case(case_id)
            record_id = self._insert(codec.record_table(record), {"case_id": case_id, **codec.to_row(record)})
            self._touch(case_id)
            return record_id

    def add_records(self, case_id: int, records: Iterable[Record]) -> None:
        """Store many records in a case at once (a lab import, a paste): all or none."""
        with self.transaction("saving the records"):
            self._require_case(case_id)
            self._insert_records(case_id, records)
            self._touch(case_id)

    def update_record(self, record: Record) -> None:
        """Overwrite the stored record that `record.record_id` names."""
        table = codec.record_table(record)
        with self.transaction(f"saving {describe(record)}"):
            case_id = self._case_of(table, record)
            self._update(table, record.record_id, codec.to_row(record))
            self._touch(case_id)

    def delete_record(self, record: Record) -> None:
        """Remove one record (its audit history stays). Nothing else goes with it."""
        table = codec.record_table(record)
        with self.transaction(f"deleting {describe(record)}"):
            case_id = self._case_of(table, record)
            self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (record.record_id,))
            self._touch(case_id)

    def _case_of(self, table: str, record: Record) -> int:
        if record.record_id is None:
            raise StoreError(f"{describe(record)} has not been saved yet, so it cannot be changed")
        row = self._conn.execute(
            f"SELECT case_id FROM {table} WHERE id = ?", (record.record_id,)
        ).fetchone()
        if row is None:
            raise RecordNotFoundError(
                f"{describe(record)} (record {record.record_id}) is no longer in the database"
            )
        return row[0]

    def _require_case(self, case_id: int) -> None:
        if self._conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
            raise self._case_not_found(case_id)

    def _case_not_found(self, case_id: int) -> CaseNotFoundError:
        return CaseNotFoundError(f"there is no case {case_id} in {self.path.name}")

    def _touch(self, case_id: int) -> None:
        # updated_at is bookkeeping: the audit triggers ignore an update of it alone.
        self._conn.execute(f"UPDATE cases SET updated_at = {SQL_UTC_NOW} WHERE id = ?", (case_id,))

    # -- derived status (not audited: see the case_status table) ------------------------

    def set_case_status(self, case_id: int, **fields: Any) -> None:
        """Cache what was last computed for a case (CASE_STATUS_FIELDS: eligibility,
        policy, as_of, day0, next_review, summary and the pathway phase's fields). Fields
        not given keep their stored value; the status is no longer stale."""
        unknown = set(fields) - set(CASE_STATUS_FIELDS)
        if unknown:
            raise TypeError(f"case_status has no field {', '.join(sorted(unknown))}")
        row = {name: codec.encode(value) for name, value in fields.items()}
        names = ", ".join(["case_id", *row])
        marks = ", ".join("?" for _ in range(len(row) + 1))
        updates = "".join(f"{name} = excluded.{name}, " for name in row)
        with self.transaction("saving the case status"):
            self._require_case(case_id)
            self._conn.execute(
                f"INSERT INTO case_status ({names}) VALUES ({marks}) "
                f"ON CONFLICT (case_id) DO UPDATE SET {updates}stale = 0, updated_at = {SQL_UTC_NOW}",
                (case_id, *row.values()),
            )

    def mark_status_stale(self, case_id: int) -> None:
        """The cached status no longer says what the MDT last decided (an outcome was
        recorded, amended or withdrawn): the next refresh recomputes it. Joins the
        caller's transaction."""
        self._conn.execute("UPDATE case_status SET stale = 1 WHERE case_id = ?", (case_id,))

    def case_status(self, case_id: int) -> CaseStatus | None:
        rows = self._rows("SELECT * FROM case_status WHERE case_id = ?", (case_id,))
        if not rows:
            return None
        r = rows[0]
        return CaseStatus(
            case_id=r["case_id"],
            eligibility=r["eligibility"],
            policy=r["policy"],
            as_of=parse_when(r["as_of"]),
            day0=parse_when(r["day0"]),
            next_review=parse_when(r["next_review"]),
            summary=r["summary"],
            updated_at=datetime.fromisoformat(r["updated_at"]),
            phase=r["phase"],
            day=r["day"],
            verdict=r["verdict"],
            tone=r["tone"],
            urgency=r["urgency"],
            overdue=bool(r["overdue"]),
            last_decision=r["last_decision"],
            last_decision_on=parse_when(r["last_decision_on"]),
            overdue_actions=r["overdue_actions"] or 0,
            stale=bool(r["stale"]),
        )

    # -- audit ------------------------------------------------------------------------

    def audit_rows(
        self, table: str | None = None, row_id: int | None = None, case_id: int | None = None
    ) -> list[AuditRow]:
        """The audit trail, oldest first, narrowed to a table, a row and/or a case."""
        if table is not None and table not in AUDITED_TABLES:
            raise ValueError(f"{table} is not an audited table ({', '.join(AUDITED_TABLES)})")
        conditions, params = [], []
        for column, value in (("table_name", table), ("row_id", row_id), ("case_id", case_id)):
            if value is not None:
                conditions.append(f"{column} = ?")
                params.append(value)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return [
            AuditRow(**{**dict(r), "at": datetime.fromisoformat(r["at"])})
            for r in self._rows(f"SELECT * FROM audit {where} ORDER BY id", params)
        ]


def describe(record: Record) -> str:
    """How a busy or error message names a record: 'the ferritin result'."""
    if isinstance(record, Observation):
        return f"the {record.kind.replace('_', ' ')} result"
    kind = getattr(record, "drug", None) or getattr(record, "kind", "")
    noun = {"treatments": "treatment", "events": "event", "monitoring": "monitoring check"}
    return f"the {kind.replace('_', ' ')} {noun[codec.record_table(record)]}"
