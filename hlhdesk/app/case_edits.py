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
