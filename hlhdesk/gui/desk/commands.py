"""Undoable edits. Each command's do and undo is one store transaction (with its audit
record, written by the store; a single-record store call is its own transaction), and the case is re-read and re-evaluated afterwards.

A command is carried out once *before* it goes on the undo stack: if the store refuses
it, the error reaches the user and nothing is pushed. QUndoStack.push calls redo() at
once, so the first redo() is skipped.
"""

from __future__ import annotations

import dataclasses

from hlhdesk.app import case_edits
from hlhdesk.gui.qt import QUndoCommand


class StoreCommand(QUndoCommand):
    def __init__(self, session, text: str):
        super().__init__(text)
        self.session = session
        self.case_id = session.case_id
        self._pushed = False

    # Subclasses write to the store in do() and take it back in revert().
    def do(self, store) -> None:
        raise NotImplementedError

    def revert(self, store) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # already done by CaseSession.execute
            return
        self.session.replay(self, self.do)

    def undo(self) -> None:
        self.session.replay(self, self.revert)


def _with_id(record, record_id):
    return dataclasses.replace(record, record_id=record_id)


class AddRecords(StoreCommand):
    """Add observations, treatments or events (one, or a pasted block, all or nothing)."""

    def __init__(self, session, records, text: str):
        super().__init__(session, text)
        self.records = tuple(records)
        self.added: tuple = ()

    def do(self, store) -> None:
        self.added = case_edits.add_records(store, self.case_id, self.records, self.text())

    def revert(self, store) -> None:
        case_edits.delete_records(store, self.added, self.text())
        self.added = ()


class UpdateRecord(StoreCommand):
    def __init__(self, session, old, new, text: str):
        super().__init__(session, text)
        self.old = old
        self.new = _with_id(new, old.record_id)

    def do(self, store) -> None:
        case_edits.update_record(store, self.new)

    def revert(self, store) -> None:
        case_edits.update_record(store, self.old)


class DeleteRecords(StoreCommand):
    """Delete the selected records together: one transaction, one step to undo."""

    def __init__(self, session, records, text: str):
        super().__init__(session, text)
        self.records = tuple(records)

    def do(self, store) -> None:
        case_edits.delete_records(store, self.records, self.text())

    def revert(self, store) -> None:
        # Restored as new rows: the audit trail keeps the deletion and the restoration.
        self.records = case_edits.add_records(store, self.case_id, self.records, self.text())


class UpdateCaseFields(StoreCommand):
    """Patient and case details saved together, as the details form saves them."""

    def __init__(self, session, old_patient, old_details, new_patient, new_details,
                 text: str = "edit patient and case details"):
        super().__init__(session, text)
        self.old = (old_patient, old_details)
        self.new = (new_patient, new_details)

    def _write(self, store, patient, details) -> None:
        case_edits.update_case_fields(store, self.case_id, patient, details, self.text())

    def do(self, store) -> None:
        self._write(store, *self.new)

    def revert(self, store) -> None:
        self._write(store, *self.old)
