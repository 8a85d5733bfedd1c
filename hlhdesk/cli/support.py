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


def write_file(args, path: Path, data: bytes) -> Path:
    """Write a command's output file the one safe way (hlhdesk/output_file.py): never
    over an existing file without --force, never over the database or its backups."""
    from hlhdesk.output_file import database_paths, write_output
    from hlhdesk.paths import default_database_path

    database = args.db if args.db is not None else default_database_path()
    return write_output(path, data, replace=bool(getattr(args, "force", False)),
                        protected=database_paths(database))


def add_force_option(parser, what: str) -> None:
    parser.add_argument("--force", action="store_true", help=f"replace {what} if it already exists")


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
