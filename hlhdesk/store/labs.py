"""Lab results import, database side: the editable test-name mapping, the preview's view
of the cases and the values already stored, and the all-or-nothing write.

    mapping = load_test_names(store)
    plan = preview_lab_file(store, path)          # reads only
    outcome = import_lab_plan(store, plan)        # one transaction, audited

The reading and the decisions are pure (`hlhdesk.core.labs.labcsv`, `hlhdesk.core.labs.labimport`);
this module only fetches what they need and writes what the plan says.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from hlhdesk.core.labs.labcsv import LabFile, parse_lab_csv, read_lab_file
from hlhdesk.core.labs.labimport import CaseTarget, ImportPlan, RowStatus, plan_import
from hlhdesk.core.labs.labnames import DEFAULT_TEST_NAMES, TestNameMapping, normalise_test_name
from hlhdesk.core.model import Patient
from hlhdesk.store.errors import StoreError
from hlhdesk.store.repository import Store


# ---------------------------------------------------------------------- test names

def load_test_names(store: Store) -> TestNameMapping:
    rows = store.db.execute("SELECT name, kind FROM lab_test_names ORDER BY name_key").fetchall()
    try:
        return TestNameMapping.from_pairs(rows)
    except ValueError as exc:  # changed outside this version of hlhdesk
        raise StoreError(f"The lab test names in this database cannot be used: {exc}. Open "
                         "it with the hlhdesk that changed them.") from None


def save_test_names(store: Store, pairs: Iterable[tuple[str, str]]) -> TestNameMapping:
    """Replace the mapping with `pairs`, changing only the rows that differ (so the audit
    trail shows exactly what was edited). ValueError, and nothing saved, if a pair is bad."""
    mapping = TestNameMapping.from_pairs(pairs)
    wanted = {normalise_test_name(name): (name, kind) for name, kind in mapping.entries.items()}
    with store.transaction("saving the lab test names"):
        conn = store.db.conn
        held = {key: (row_id, name, kind) for row_id, key, name, kind in conn.execute(
            "SELECT id, name_key, name, kind FROM lab_test_names")}
        for key, (row_id, _, _) in held.items():
            if key not in wanted:
                conn.execute("DELETE FROM lab_test_names WHERE id = ?", (row_id,))
        for key, (name, kind) in wanted.items():
            if key not in held:
                conn.execute("INSERT INTO lab_test_names (name, name_key, kind) VALUES (?, ?, ?)",
                             (name, key, kind))
            elif held[key][1:] != (name, kind):
                conn.execute("UPDATE lab_test_names SET name = ?, kind = ?, "
                             "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                             (name, kind, held[key][0]))
    return mapping


def restore_default_test_names(store: Store) -> TestNameMapping:
    return save_test_names(store, DEFAULT_TEST_NAMES.items())


# -------------------------------------------------------------------------- preview

def case_targets(store: Store) -> list[CaseTarget]:
    targets = []
    for summary in store.list_cases():
        label = Patient(summary.date_of_birth, summary.sex, summary.nhs_number,
                        summary.hospital_number, summary.family_name,
                        summary.given_name).display_name
        targets.append(CaseTarget(summary.case_id, f"{label} (case {summary.case_id})",
                                  summary.date_of_birth, summary.nhs_number,
                                  summary.hospital_number))
    return targets


def stored_values(store: Store, case_ids: Iterable[int],
                  lab_file: LabFile | None = None) -> dict[tuple[int, str, datetime], list[float]]:
    """The numeric values already stored for these cases, keyed as the planner wants.
    Given the file, only the kinds and the span of time it holds are read: an export
    covers days, a case may hold months."""
    ids = sorted(set(case_ids))
    where, bounds = "", []
    if lab_file is not None:
        taken = [r.observation for r in lab_file.rows if r.observation]
        if not taken:
            return {}
        kinds = sorted({o.kind for o in taken})
        where = (f" AND kind IN ({', '.join('?' for _ in kinds)}) AND at BETWEEN ? AND ?")
        bounds = [*kinds, min(o.at for o in taken).isoformat(), max(o.at for o in taken).isoformat()]
    held: dict[tuple[int, str, datetime], list[float]] = defaultdict(list)
    for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for case_id, kind, at, value in store.db.execute(
            "SELECT case_id, kind, at, value FROM observations "
            f"WHERE case_id IN ({marks}) AND typeof(value) = 'real'{where}", [*chunk, *bounds]
        ):
            held[(case_id, kind, datetime.fromisoformat(at))].append(value)
    return held


def preview_lab_data(store: Store, data: bytes, source_name: str,
                     now: datetime | None = None) -> ImportPlan:
    """What importing these bytes would do. Writes nothing."""
    lab_file = parse_lab_csv(data, load_test_names(store), now=now)
    return plan_lab_file(store, lab_file, source_name, hashlib.sha256(data).hexdigest())


def preview_lab_file(store: Store, path: str | Path, now: datetime | None = None) -> ImportPlan:
    lab_file, sha256 = read_lab_file(path, load_test_names(store), now=now)
    return plan_lab_file(store, lab_file, Path(path).name, sha256)


def plan_lab_file(store: Store, lab_file: LabFile, source_name: str, sha256: str) -> ImportPlan:
    """The preview of a file already read (the GUI reads it on a worker thread)."""
    targets = case_targets(store)
    held = stored_values(store, (t.case_id for t in targets), lab_file)
    return plan_import(lab_file, targets, held, source_name, sha256)


# ---------------------------------------------------------------------------- write

@dataclass(frozen=True)
class ImportOutcome:
    import_id: int
    added: int
    skipped: int
    rejected: int
    case_ids: tuple[int, ...]

    def summary(self) -> str:
        cases = len(self.case_ids)
        return (f"Added {self.added} result{'s' if self.added != 1 else ''} to {cases} "
                f"case{'s' if cases != 1 else ''}; {self.skipped} already stored (skipped); "
                f"{self.rejected} rejected (not imported).")


def import_lab_plan(store: Store, plan: ImportPlan) -> ImportOutcome:
    """Write the rows the preview said it would add, with one lab_imports record, in one
    transaction: every row is written, or (on any error) none.

    The preview is checked again inside the transaction; if the database changed in
    between (someone stored one of these results meanwhile) nothing is written and the
    user is asked to preview again, because what they agreed to is no longer what would
    happen."""
    with store.transaction("importing lab results"):
        current = plan_lab_file(store, plan.file, plan.source_name, plan.source_sha256)
        if current.additions() != plan.additions():
            raise StoreError("The database changed since this preview was made, so nothing "
                             "was imported. Preview the file again.")
        by_case: dict[int, list] = defaultdict(list)
        for case_id, observation in plan.additions():
            by_case[case_id].append(observation)
        for case_id, observations in by_case.items():
            store.add_records(case_id, observations)
        counts = plan.counts
        case_ids = tuple(sorted(by_case))
        cursor = store.db.conn.execute(
            "INSERT INTO lab_imports (file_name, file_sha256, added, skipped, rejected, case_ids) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (plan.source_name or "(unnamed)", plan.source_sha256, counts[RowStatus.ADD],
             counts[RowStatus.DUPLICATE], counts[RowStatus.REJECTED], json.dumps(case_ids)),
        )
    return ImportOutcome(int(cursor.lastrowid), counts[RowStatus.ADD],
                         counts[RowStatus.DUPLICATE], counts[RowStatus.REJECTED], case_ids)
