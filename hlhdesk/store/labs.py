"""Lab results import, database side (mixed into `hlhdesk.store.Store`): the editable
test-name mapping, the preview's view of the cases and the values already stored, and
the record of each import.

The reading and the decisions are pure (`hlhdesk.core.labs`); the use case (preview,
then the all-or-nothing write) is `hlhdesk.app.lab_import`. This module only fetches
what they need and writes what they say.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Iterable

from hlhdesk.core.labs.labcsv import LabFile
from hlhdesk.core.labs.labimport import CaseTarget, ImportPlan, RowStatus
from hlhdesk.core.labs.labnames import DEFAULT_TEST_NAMES, TestNameMapping, normalise_test_name
from hlhdesk.core.model import Patient
from hlhdesk.store.errors import StoreError


class LabTables:
    """The lab tables of an open Store."""

    # ---------------------------------------------------------------------- test names

    def load_test_names(self) -> TestNameMapping:
        rows = self.db.execute("SELECT name, kind FROM lab_test_names ORDER BY name_key").fetchall()
        try:
            return TestNameMapping.from_pairs(rows)
        except ValueError as exc:  # changed outside this version of hlhdesk
            raise StoreError(f"The lab test names in this database cannot be used: {exc}. Open "
                             "it with the hlhdesk that changed them.") from None

    def save_test_names(self, pairs: Iterable[tuple[str, str]]) -> TestNameMapping:
        """Replace the mapping with `pairs`, changing only the rows that differ (so the audit
        trail shows exactly what was edited). ValueError, and nothing saved, if a pair is bad."""
        mapping = TestNameMapping.from_pairs(pairs)
        wanted = {normalise_test_name(name): (name, kind) for name, kind in mapping.entries.items()}
        with self.transaction("saving the lab test names"):
            conn = self.db.conn
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

    def restore_default_test_names(self) -> TestNameMapping:
        return self.save_test_names(DEFAULT_TEST_NAMES.items())

    # -------------------------------------------------------------------------- preview

    def case_targets(self) -> list[CaseTarget]:
        targets = []
        for summary in self.list_cases():
            label = Patient(summary.date_of_birth, summary.sex, summary.nhs_number,
                            summary.hospital_number, summary.family_name,
                            summary.given_name).display_name
            targets.append(CaseTarget(summary.case_id, f"{label} (case {summary.case_id})",
                                      summary.date_of_birth, summary.nhs_number,
                                      summary.hospital_number))
        return targets

    def stored_values(self, case_ids: Iterable[int],
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
            for case_id, kind, at, value in self.db.execute(
                "SELECT case_id, kind, at, value FROM observations "
                f"WHERE case_id IN ({marks}) AND typeof(value) = 'real'{where}", [*chunk, *bounds]
            ):
                held[(case_id, kind, datetime.fromisoformat(at))].append(value)
        return held

    # ---------------------------------------------------------------------------- write

    def record_lab_import(self, plan: ImportPlan, case_ids: tuple[int, ...]) -> int:
        """The lab_imports row of an import (inside the caller's transaction): which file,
        and how many rows were added, skipped and rejected."""
        counts = plan.counts
        cursor = self.db.conn.execute(
            "INSERT INTO lab_imports (file_name, file_sha256, added, skipped, rejected, case_ids) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (plan.source_name or "(unnamed)", plan.source_sha256, counts[RowStatus.ADD],
             counts[RowStatus.DUPLICATE], counts[RowStatus.REJECTED], json.dumps(case_ids)),
        )
        return int(cursor.lastrowid)
