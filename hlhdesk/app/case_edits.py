"""Edits to one case's data: records added, changed or deleted, and the patient and
case details, each edit one transaction with its audit rows.

The desk's undoable commands (`hlhdesk.gui.desk.commands`) do and undo through these.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from hlhdesk.core.model import CaseDetails, Patient


def add_records(store, case_id: int, records: Iterable, operation: str = "saving the results") -> tuple:
    """Observations, treatments or events added all or none; returns them with their ids."""
    with store.transaction(operation):
        return tuple(dataclasses.replace(record, record_id=store.add_record(case_id, record))
                     for record in records)


def delete_records(store, records: Iterable, operation: str = "deleting the records") -> None:
    with store.transaction(operation):
        for record in records:
            store.delete_record(record)


def update_record(store, record) -> None:
    store.update_record(record)


def update_case_fields(store, case_id: int, patient: Patient, details: CaseDetails,
                       operation: str = "saving the patient and case details") -> None:
    """Patient and case details saved together, as the details form saves them."""
    with store.transaction(operation):
        store.update_patient(case_id, patient)
        store.update_details(case_id, details)


def set_episode_starts(store, case_id: int, starts: Iterable, as_of,
                       operation: str = "setting the episode starts") -> tuple:
    """The MDT's own episode starts (rules.md revision 2: "the MDT can also set an episode
    start by hand"), replacing the case's list, in one transaction with its audit row, and
    the case's cached status brought up to date. Returns the starts saved, oldest first."""
    from hlhdesk.app.statuses import refresh_case_statuses

    chosen = tuple(sorted(set(starts)))
    with store.transaction(operation):
        details = store.load_case(case_id).details
        store.update_details(case_id, dataclasses.replace(details, episode_starts=chosen or None))
    refresh_case_statuses(store, [case_id], as_of)
    return chosen
