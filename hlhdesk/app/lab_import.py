"""Lab results import: a preview of what a pathology CSV would add to which case, then
the rows it said it would add, all in one transaction or none.

    plan = preview_lab_file(store, path)          # reads only
    outcome = import_lab_plan(store, plan)        # one transaction, audited

The GUI (File > Import lab results, with its preview dialog) and `hlhdesk import-labs`
both come here; the reading and the decisions are pure (`hlhdesk.core.labs`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from hlhdesk.core.labs.labcsv import LabFile, parse_lab_csv, read_lab_file
from hlhdesk.core.labs.labimport import ImportPlan, RowStatus, plan_import
from hlhdesk.core.labs.labnames import TestNameMapping
from hlhdesk.store.errors import StoreError


def preview_lab_data(store, data: bytes, source_name: str, now: datetime | None = None) -> ImportPlan:
    """What importing these bytes would do. Writes nothing."""
    lab_file = parse_lab_csv(data, store.load_test_names(), now=now)
    return plan_lab_file(store, lab_file, source_name, hashlib.sha256(data).hexdigest())


def preview_lab_file(store, path: str | Path, now: datetime | None = None) -> ImportPlan:
    lab_file, sha256 = read_lab_file(path, store.load_test_names(), now=now)
    return plan_lab_file(store, lab_file, Path(path).name, sha256)


def plan_lab_file(store, lab_file: LabFile, source_name: str, sha256: str) -> ImportPlan:
    """The preview of a file already read (the GUI reads it on a worker thread)."""
    targets = store.case_targets()
    held = store.stored_values((t.case_id for t in targets), lab_file)
    return plan_import(lab_file, targets, held, source_name, sha256)


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


def import_lab_plan(store, plan: ImportPlan) -> ImportOutcome:
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
        case_ids = tuple(sorted(by_case))
        import_id = store.record_lab_import(plan, case_ids)
    counts = plan.counts
    return ImportOutcome(import_id, counts[RowStatus.ADD], counts[RowStatus.DUPLICATE],
                         counts[RowStatus.REJECTED], case_ids)


def save_test_names(store, pairs: Iterable[tuple[str, str]]) -> TestNameMapping:
    """Replace the lab test-name mapping (ValueError, and nothing saved, if a pair is bad)."""
    return store.save_test_names(pairs)

