"""The preview of a lab import: which row goes to which case, which are already stored,
which are rejected and why. Pure: the store hands it the cases and the values it holds,
and writes exactly `plan.additions()` in one transaction if the user goes ahead.

A row is added, skipped as an exact duplicate (same case, kind, time and canonical value,
already stored or earlier in the same file), or rejected with its reason. Two different
values for the same case, test and time are both refused: which one is right is for a
person to decide, not the importer.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Iterable, Mapping

from hlhdesk.core.csvsafe import safe_csv_text
from hlhdesk.core.labs.labcsv import LabFile, LabRow
from hlhdesk.core.model import Observation, format_nhs_number
from hlhdesk.core.units import analyte, display_unit, format_number


class RowStatus(StrEnum):
    ADD = "add"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {"add": "Will be added", "duplicate": "Already stored: skipped",
                "rejected": "Rejected"}[self.value]


@dataclass(frozen=True)
class CaseTarget:
    """A case a lab row can go to, as the preview names it."""

    case_id: int
    label: str  # e.g. "EXAMPLE, Alex": shown in the preview, never logged
    date_of_birth: date | None = None
    nhs_number: str | None = None
    hospital_number: str | None = None


# (case id, kind, time) -> the canonical values already stored there
StoredValues = Mapping[tuple[int, str, datetime], list[float]]


@dataclass(frozen=True)
class PlannedRow:
    row: LabRow
    status: RowStatus
    reason: str = ""
    case: CaseTarget | None = None

    @property
    def line(self) -> int:
        return self.row.line


@dataclass(frozen=True)
class ImportPlan:
    source_name: str
    file: LabFile
    rows: tuple[PlannedRow, ...]
    source_sha256: str = ""  # of the file's bytes, recorded with the import

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status is status)

    @property
    def counts(self) -> dict[RowStatus, int]:
        found = Counter(r.status for r in self.rows)
        return {s: found.get(s, 0) for s in RowStatus}

    def additions(self) -> list[tuple[int, Observation]]:
        """(case id, observation) for every row to write, in file order."""
        return [(r.case.case_id, r.row.observation) for r in self.rows
                if r.status is RowStatus.ADD and r.case and r.row.observation]

    def cases_added_to(self) -> list[CaseTarget]:
        seen: dict[int, CaseTarget] = {}
        for r in self.rows:
            if r.status is RowStatus.ADD and r.case:
                seen.setdefault(r.case.case_id, r.case)
        return list(seen.values())

    def summary(self) -> str:
        c = self.counts
        cases = len(self.cases_added_to())
        return (f"{c[RowStatus.ADD]} to add to {cases} case{'s' if cases != 1 else ''}, "
                f"{c[RowStatus.DUPLICATE]} already stored (skipped), "
                f"{c[RowStatus.REJECTED]} rejected")

    def rejected_rows_bytes(self) -> bytes:
        """rejected_rows_csv() as a file's bytes: UTF-8 with a byte-order mark, without
        which Excel shows µ and ⁹ as mojibake."""
        return self.rejected_rows_csv().encode("utf-8-sig")

    def rejected_rows_csv(self) -> str:
        """The rows not imported, with reasons, as spreadsheet-safe CSV text."""
        return safe_csv_text(
            ("Line", "Identifier", "Date", "Test", "Value", "Units", "Status", "Reason"),
            ((r.line, r.row.identifier, r.row.when, r.row.test, r.row.value, r.row.unit,
              r.status.label, r.reason) for r in self.rows if r.status is not RowStatus.ADD),
        )


def plan_import(lab_file: LabFile, cases: Iterable[CaseTarget], stored: StoredValues,
                source_name: str = "", source_sha256: str = "") -> ImportPlan:
    finder = _CaseFinder(cases)
    matched: list[tuple[LabRow, CaseTarget | None, str]] = []
    for row in lab_file.rows:
        case, reason = finder.find(row)
        if not row.accepted:
            # Still name the case when the identifier is good: the preview shows whose
            # result was refused.
            matched.append((row, case, "; ".join(row.problems)))
            continue
        if case and not reason:
            reason = _born_after(row, case)
        matched.append((row, case, reason))

    # Keys with two different values in this file: refuse every row of them.
    values_in_file: dict[tuple, list[tuple[float, int]]] = defaultdict(list)
    for row, case, reason in matched:
        if not reason:
            values_in_file[_key(case, row)].append((row.observation.value, row.line))

    planned = []
    first_line_of: dict[tuple, int] = {}
    for row, case, reason in matched:
        if reason:
            planned.append(PlannedRow(row, RowStatus.REJECTED, reason, case))
            continue
        key = _key(case, row)
        value = row.observation.value
        others = [line for v, line in values_in_file[key] if not _same(v, value)]
        held = stored.get(key, [])
        if others:
            planned.append(PlannedRow(row, RowStatus.REJECTED, _conflict_in_file(row, others), case))
        elif any(_same(v, value) for v in held):
            planned.append(PlannedRow(row, RowStatus.DUPLICATE, "already stored for this case", case))
        elif held:
            planned.append(PlannedRow(row, RowStatus.REJECTED, _conflict_stored(row, held), case))
        elif key in first_line_of:
            planned.append(PlannedRow(row, RowStatus.DUPLICATE,
                                      f"same result as line {first_line_of[key]}", case))
        else:
            first_line_of[key] = row.line
            planned.append(PlannedRow(row, RowStatus.ADD, "", case))
    return ImportPlan(source_name, lab_file, tuple(planned), source_sha256)


def describe_result(obs: Observation, with_time: bool = True) -> str:
    """'Haemoglobin 81 g/L on 03/10/2026 08:00 (entered as 8.1 g/dL)': the stored value
    first, and the value as the lab sent it when it was converted, worded as every
    evidence line is (`hlhdesk.core.wording`)."""
    from hlhdesk.core.wording import describe, evidence_from

    evidence = evidence_from(obs)
    return describe(evidence if with_time else replace(evidence, at=None))


def _key(case: CaseTarget, row: LabRow) -> tuple[int, str, datetime]:
    return (case.case_id, row.observation.kind, row.observation.at)


def _same(a: float, b: float) -> bool:
    # Values read back from the database are the floats written, but a value stored
    # through another route (typed in g/dL) may differ in the last bits after conversion.
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _shown(kind: str, value: float) -> str:
    return f"{format_number(value)} {display_unit(analyte(kind).canonical_unit)}"


def _conflict_in_file(row: LabRow, other_lines: list[int]) -> str:
    lines = ", ".join(str(n) for n in sorted(set(other_lines)))
    return (f"line {lines} has a different {analyte(row.kind).label} for the same patient and "
            "time; neither is imported: check which is right")


def _conflict_stored(row: LabRow, held: list[float]) -> str:
    obs = row.observation
    values = ", ".join(_shown(obs.kind, v) for v in held)
    return (f"a different {analyte(obs.kind).label} ({values}) is already stored for this case "
            f"at {obs.at:%d/%m/%Y %H:%M}; check which is right and correct it by hand")


def _born_after(row: LabRow, case: CaseTarget) -> str:
    dob = case.date_of_birth
    if dob and row.observation.at.date() < dob:
        return f"taken before the patient's date of birth ({dob:%d/%m/%Y})"
    return ""


def hospital_number_key(text: str) -> str:
    return "".join(text.split()).upper()


def _contradiction(row: LabRow, case: CaseTarget) -> str:
    """Why a row matched by one identifier is not this case's after all: its other
    identifier is one the case holds differently (another patient's result, or a mix-up
    in the file). An identifier the case does not record contradicts nothing."""
    if row.nhs_number and case.nhs_number and row.nhs_number != case.nhs_number:
        return (f"the hospital number is case {case.case_id}'s, but its NHS number there is "
                f"{format_nhs_number(case.nhs_number)}, not {format_nhs_number(row.nhs_number)}: "
                "check which patient this is")
    if (row.hospital_number and case.hospital_number
            and hospital_number_key(row.hospital_number) != hospital_number_key(case.hospital_number)):
        return (f"the NHS number is case {case.case_id}'s, but its hospital number there is "
                f"{case.hospital_number[:30]}, not {row.hospital_number[:30]}: "
                "check which patient this is")
    return ""


class _CaseFinder:
    def __init__(self, cases: Iterable[CaseTarget]):
        self.by_nhs: dict[str, list[CaseTarget]] = defaultdict(list)
        self.by_hospital: dict[str, list[CaseTarget]] = defaultdict(list)
        for case in cases:
            if case.nhs_number:
                self.by_nhs[case.nhs_number].append(case)
            if case.hospital_number:
                self.by_hospital[hospital_number_key(case.hospital_number)].append(case)

    def find(self, row: LabRow) -> tuple[CaseTarget | None, str]:
        """(case, "") or (None, why not)."""
        by_nhs = self.by_nhs.get(row.nhs_number, []) if row.nhs_number else []
        by_hospital = (self.by_hospital.get(hospital_number_key(row.hospital_number), [])
                       if row.hospital_number else [])
        if by_nhs and by_hospital and {c.case_id for c in by_nhs} != {c.case_id for c in by_hospital}:
            return None, "the NHS number and the hospital number belong to different cases"
        found = by_nhs or by_hospital
        if len(found) > 1:
            ids = ", ".join(str(c.case_id) for c in found)
            return None, (f"this patient has {len(found)} cases (ids {ids}); the importer cannot "
                          "tell which one the result belongs to")
        if not found:
            return None, f"no case for {self._described(row)}"
        contradiction = _contradiction(row, found[0])
        # Not named as the row's case: the row may well be another patient's.
        return (None, contradiction) if contradiction else (found[0], "")

    @staticmethod
    def _described(row: LabRow) -> str:
        parts = []
        if row.nhs_number:
            parts.append(f"NHS number {format_nhs_number(row.nhs_number)}")
        if row.hospital_number:
            parts.append(f"hospital number {row.hospital_number[:30]}")
        return " or ".join(parts) or f"identifier {row.identifier[:30]}"
