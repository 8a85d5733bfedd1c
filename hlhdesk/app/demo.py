"""The demo database: every synthetic case in resources/demo, brought to the present.

resources/demo/manifest.json lists the demo cases, each with the moment (`as_of`) it is
meant to be seen at. Building the demo shifts each case by whole days so that its
`as_of` falls within the last 24 hours: the desk then shows it as it was designed to be
seen (day 0 a few days ago, a review due today).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from hlhdesk.core.casefile.caseio import CaseFileError, read_case_file
from hlhdesk.core.model import Case
from hlhdesk.core.casefile.timeshift import as_known_at, days_to_bring, shift_case
from hlhdesk.errors import InputError
from hlhdesk.paths import resource

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class DemoEntry:
    """One line of the manifest: a case file and the moment it is meant to be seen at."""

    file: str
    title: str
    as_of: datetime
    outcome: dict = field(default_factory=dict)
    # The MDT's earlier decisions on the case (optional): each {"held_on": "YYYY-MM-DD",
    # "decision": ..., "rationale": ..., "prior_approval_ref": ...}, moved with the case.
    mdt_outcomes: tuple[dict, ...] = ()


def demo_folder() -> Path:
    return resource("demo")


def load_manifest(folder: Path | None = None) -> list[DemoEntry]:
    folder = folder or demo_folder()
    path = folder / MANIFEST
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no demo manifest at {path}") from None
    except ValueError as exc:
        raise InputError(f"{path} is not valid JSON ({exc})") from None
    if not isinstance(items, list) or not items:
        raise InputError(f"{path} must be a non-empty list of demo cases")
    entries, problems = [], []
    for index, item in enumerate(items):
        try:
            entries.append(DemoEntry(
                file=str(item["file"]), title=str(item.get("title", item["file"])),
                as_of=_moment(item["as_of"]), outcome=dict(item.get("outcome") or {}),
                mdt_outcomes=tuple(_mdt_outcome(o) for o in item.get("mdt_outcomes") or ()),
            ))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(f"[{index}]: needs \"file\" and \"as_of\" (YYYY-MM-DDTHH:MM): {exc}")
    if problems:
        raise InputError(f"{path} has problems", problems)
    return entries


def _mdt_outcome(item: dict) -> dict:
    from hlhdesk.core.meetings.meeting import Decision

    return {"held_on": date.fromisoformat(item["held_on"]), "decision": Decision(item["decision"]),
            "rationale": str(item.get("rationale", "")), "prior_approval_ref": item.get("prior_approval_ref")}


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        raise ValueError("as_of is local time, without a zone")
    return moment


def demo_cases(now: datetime, folder: Path | None = None) -> list[tuple[DemoEntry, Case]]:
    return [(entry, case) for entry, case, _ in _demo_cases(now, folder)]


def _demo_cases(now: datetime, folder: Path | None = None) -> list[tuple[DemoEntry, Case, int]]:
    """Every demo case as known at its as_of, shifted so that moment falls in the day up
    to `now`."""
    folder = folder or demo_folder()
    loaded, problems = [], []
    for entry in load_manifest(folder):
        try:
            case = read_case_file(folder / entry.file)
        except CaseFileError as error:
            problems.extend(f"{entry.file}: {p}" for p in error.problems)
            continue
        except InputError as error:
            problems.append(f"{entry.file}: {error}")
            continue
        # Records after as_of would sit in the future once shifted: a live demo leaves them out.
        known = as_known_at(case, entry.as_of)
        days = days_to_bring(entry.as_of, now)
        loaded.append((entry, shift_case(known, days), days))
    if problems:
        raise InputError("the demo cases cannot be loaded", problems)
    return loaded


def build_demo_database(path: Path, now: datetime | None = None,
                        folder: Path | None = None) -> list[int]:
    """(Re)create the demo database at `path`; returns the new case ids in manifest order.

    Each case is stored with its status as of `now`, so the case list shows it at once.
    It is built beside the target and moved into place only when complete, so a failure
    leaves the previous demo database as it was.
    """
    from hlhdesk.app.statuses import add_cases_with_status  # the store only when building
    from hlhdesk.store import open_database

    now = now or datetime.now().replace(second=0, microsecond=0)
    loaded = _demo_cases(now, folder)
    cases = [case for _, case, _ in loaded]
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f"{path.name}.{os.getpid()}.building")  # two builds never collide
    _remove_database_files(building)
    try:
        store = open_database(building)
        try:
            case_ids = add_cases_with_status(store, cases, now)
            _record_mdt_outcomes(store, loaded, case_ids, now)
        finally:
            store.close()
        _remove_database_files(path, keep_main=True)
        os.replace(building, path)
    except PermissionError:
        _remove_database_files(building)
        raise InputError(f"{path} is open in hlhdesk or another program: close it, then "
                         "build the demo again") from None
    except BaseException:
        _remove_database_files(building)
        raise
    return case_ids


DEMO_CHAIR = "Dr C Demo"


def _record_mdt_outcomes(store, loaded, case_ids, now: datetime) -> None:
    """The demo's earlier MDT decisions: one closed meeting per date, moved with its case."""
    from hlhdesk.app.meetings import add_to_agenda, close_meeting, create_meeting, record_outcome
    from hlhdesk.app.statuses import refresh_case_statuses
    from hlhdesk.core.meetings.meeting import Attendee, Outcome

    decided = []
    for (entry, _, days), case_id in zip(loaded, case_ids):
        for item in entry.mdt_outcomes:
            held_on = item["held_on"] + timedelta(days=days)
            meeting_id = create_meeting(store, held_on, DEMO_CHAIR, (Attendee(DEMO_CHAIR, "Haematologist"),))
            add_to_agenda(store, meeting_id, [case_id])
            record_outcome(store, Outcome(case_id, meeting_id, item["decision"], rationale=item["rationale"],
                                          prior_approval_ref=item["prior_approval_ref"]))
            close_meeting(store, meeting_id)
            decided.append(case_id)
    if decided:
        refresh_case_statuses(store, sorted(set(decided)), now)


def _remove_database_files(path: Path, keep_main: bool = False) -> None:
    """A database file and its journals. A stale -wal beside a new file must never be
    replayed into it, so the old journals go before the new file moves in."""
    suffixes = ("-wal", "-shm", "-journal") if keep_main else ("", "-wal", "-shm", "-journal")
    for suffix in suffixes:
        Path(str(path) + suffix).unlink(missing_ok=True)
