"""hlhdesk backup: a consistent copy of the database now, or the list of backups."""

from __future__ import annotations

from hlhdesk.cli.support import open_store


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
    with open_store(args, must_exist=True) as store:
        if args.list:
            backups = store.list_backups()
            if not backups:
                print(f"No backups of {store.path} yet.")
            for b in backups:
                print(f"{b.label:<34} {b.size_bytes / 1024:>9,.0f} kB  {b.path}")
            return 0
        made = store.backup("manual")
    print(f"Backed up {store.path} to {made}")
    return 0
