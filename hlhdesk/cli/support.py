"""What several commands share: opening the store, notes on stderr, reading and writing
UK date formats."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from hlhdesk.errors import InputError

def open_store(args, must_exist: bool = False, read_only: bool = False):
    """The database named by the global --db (or the default one).

    Commands that only read pass read_only: the file must exist (a mistyped --db is an
    error rather than a new empty database) and not a byte of it, or beside it, changes:
    no journal files, no daily backup, no migration, no status written. must_exist alone
    refuses a missing --db but opens for writing.
    """
    from hlhdesk.store import open_database  # sqlite only when a command needs it

    if (must_exist or read_only) and args.db is not None and not Path(args.db).exists():
        raise InputError(f"there is no database at {args.db}")
    return open_database(args.db, read_only=read_only)


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


def uk_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, as UK clinical records write dates."""
    return value.strftime("%d/%m/%Y") if value else ""


MOMENT_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y")


def parse_as_of(text: str | None, option: str = "--as-of") -> datetime | None:
    """A local date or date-time as every command reads one: 2026-10-10T09:00,
    2026-10-10, 10/10/2026 09:00 or 10/10/2026 (InputError naming `option` if not)."""
    if text is None:
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
        for fmt in MOMENT_FORMATS:
            try:
                moment = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if moment is None:
        raise InputError(f"{option} '{text}' is not a date or date-time; use 2026-10-10T09:00, "
                         "2026-10-10 or 10/10/2026 09:00")
    if moment.tzinfo is not None:
        raise InputError(f"{option} is local clinical time: leave out the time zone")
    return moment
