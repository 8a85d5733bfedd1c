"""hlhdesk backup: a consistent copy of the database now, or the list of backups."""

from __future__ import annotations

from pathlib import Path

from hlhdesk.cli.support import open_store
from hlhdesk.errors import InputError


def register(sub) -> None:
    p = sub.add_parser(
        "backup",
        help="back up the database now (or list its backups)",
        description=(
            "Copy the database, consistently even while it is in use, into the 'backups' "
            "folder beside it. hlhdesk also makes a daily backup when it opens the "
            "database, keeping 7 daily and 4 weekly ones; backups made with this command "
            "are never deleted automatically."
        ),
    )
    p.add_argument("--list", action="store_true", help="list the backups instead, newest first")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.list:
        return list_backups(args)
    with open_store(args, must_exist=True) as store:
        made = store.backup("manual")
    print(f"Backed up {store.path} to {made}")
    return 0


def list_backups(args) -> int:
    """Without opening the database: it may be the damaged file the user needs a
    backup for. Each backup is checked (read-only) so the list says which are good."""
    from hlhdesk.paths import default_database_path
    from hlhdesk.store.backup import list_backups as backups_of
    from hlhdesk.store.integrity.good_backups import backup_passes_check

    path = Path(args.db) if args.db is not None else default_database_path()
    backups = backups_of(path)
    if not backups and not path.exists():
        raise InputError(f"there is no database at {path}, and no backups beside it")
    if not backups:
        print(f"No backups of {path} yet.")
    for b in backups:
        state = "" if backup_passes_check(b.path) else "  FAILS ITS CHECK: do not restore"
        print(f"{b.label:<34} {b.size_bytes / 1024:>9,.0f} kB  {b.path}{state}")
    return 0
