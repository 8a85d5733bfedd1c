"""Store errors a user can act on. All are InputErrors: the CLI prints the message and
exits 2, the GUI shows it in a dialog, and nothing was written."""

from __future__ import annotations

from hlhdesk.errors import InputError


class StoreError(InputError):
    """The database cannot do what was asked; the message says why and what to do."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer hlhdesk; this version must not touch it."""


class CaseNotFoundError(StoreError):
    """No case with that id (it was never saved, or the id is wrong)."""


class RecordNotFoundError(StoreError):
    """No observation, treatment, event or check with that record id."""


class DatabaseBusyError(StoreError):
    """Another hlhdesk held the database past the wait limit; nothing was saved."""
