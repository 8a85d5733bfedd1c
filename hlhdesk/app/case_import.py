"""Importing case files: every file read and checked before anything is stored, then all
the cases stored in one transaction with their policy status (or none of them).

The GUI (File > Import, drag and drop) and `hlhdesk import` both call this, so both
refuse the same files with the same problems and both report the same notes: fields a
case file has that this hlhdesk does not know (read past, but named so a misspelt field
is noticed), and a patient imported twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

from hlhdesk.core.model import Case, format_nhs_number
from hlhdesk.errors import InputError

MAX_PROBLEMS_SHOWN = 40

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CaseFiles:
    """What a set of case files holds: the cases in file order, and notes on them."""

    paths: tuple[Path, ...]
    cases: tuple[Case, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Imported:
    """Stored cases, in file order, and every note for the user."""

    case_ids: tuple[int, ...]
    notes: tuple[str, ...]


def problems_error(message: str, problems: list[str]) -> InputError:
    """An InputError listing at most MAX_PROBLEMS_SHOWN problems, saying how many more."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    if len(problems) > len(shown):
        shown.append(f"... and {len(problems) - len(shown)} more")
    return InputError(message, shown)


def read_case_files(paths: Sequence[Path], report_progress: Progress | None = None) -> CaseFiles:
    """Every file's case and notes, or an InputError listing every problem in every file."""
    from hlhdesk.core.casefile.caseio import CaseFileError, read_case_file_with_warnings

    paths = tuple(Path(p) for p in paths)
    cases, notes, problems, failed = [], [], [], 0
    for done, path in enumerate(paths, start=1):
        try:
            case, warnings = read_case_file_with_warnings(path)
        except CaseFileError as error:
            problems.extend(f"{path}: {problem}" for problem in error.problems)
            failed += 1
        except (InputError, OSError, ValueError) as error:
            problems.append(f"{path}: {error}" if str(path) not in str(error) else str(error))
            failed += 1
        else:
            cases.append(case)
            notes.extend(f"{path}: {warning}" for warning in warnings)
        if report_progress is not None:
            report_progress(done, len(paths))
    if failed:
        raise problems_error(f"nothing was imported: {failed} of {len(paths)} files have problems", problems)
    return CaseFiles(paths, tuple(cases), tuple(notes))


def import_case_files(store, files: CaseFiles, as_of: datetime | None = None) -> Imported:
    """Store the cases of `files` (all or none), each with its status as of `as_of`
    (default now)."""
    ids = add_cases(store, files.cases, as_of)
    return Imported(ids, files.notes + tuple(repeated_patient_notes(store, files.cases, ids)))


def add_cases(store, cases: Sequence[Case], as_of: datetime | None = None) -> tuple[int, ...]:
    """New cases (typed in, or read from files) stored with their status, all or none."""
    from hlhdesk.app.statuses import add_cases_with_status

    as_of = as_of or datetime.now().replace(second=0, microsecond=0)
    return tuple(add_cases_with_status(store, list(cases), as_of))


def repeated_patient_notes(store, cases: Sequence[Case], case_ids: Sequence[int]) -> list[str]:
    """A note for each new case whose NHS number an earlier case already has (stored
    before, or earlier in the same import): the same patient imported twice?"""
    known: dict[str, int] = {}
    for summary in store.list_cases():
        if summary.nhs_number and summary.case_id not in case_ids:
            known.setdefault(summary.nhs_number, summary.case_id)
    notes = []
    for case, case_id in zip(cases, case_ids):
        nhs = case.patient.nhs_number
        if nhs in known:
            notes.append(f"case {case_id} has the NHS number of case {known[nhs]} "
                         f"({format_nhs_number(nhs)}): the same patient imported twice?")
        elif nhs:
            known[nhs] = case_id
    return notes
