"""What several commands share: opening the store, notes on stderr, UK date formats."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from hlhdesk.errors import InputError

MAX_PROBLEMS_SHOWN = 40


def open_store(args, must_exist: bool = False):
    """The database named by the global --db (or the default one).

    Commands that only read (`list`, `export`) pass must_exist, so a mistyped --db is an
    error rather than a new empty database.
    """
    from hlhdesk.store import open_database  # sqlite only when a command needs it

    if must_exist and args.db is not None and not Path(args.db).exists():
        raise InputError(f"there is no database at {args.db}")
    return open_database(args.db)


def note(message: str) -> None:
    """Something the user should know that does not stop the command."""
    print(f"hlhdesk: note: {message}", file=sys.stderr)


def input_error(message: str, problems: list[str]) -> InputError:
    """An InputError listing at most MAX_PROBLEMS_SHOWN problems, saying how many more."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    if len(problems) > len(shown):
        shown.append(f"... and {len(problems) - len(shown)} more")
    return InputError(message, shown)


def uk_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, as UK clinical records write dates."""
    return value.strftime("%d/%m/%Y") if value else ""
