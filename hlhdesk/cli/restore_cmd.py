"""hlhdesk restore FILE: put a backup back, keeping the current database as a backup."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "restore",
        help="replace the database with a backup (the current one is kept as a backup)",
        description=(
            "Check FILE (integrity, an hlhdesk database, not from a newer version, its "
            "tamper evidence), list what the restore would remove (outcomes, sign-offs, "
            "amendments and cases made after it: then --force is needed), keep the current "
            "database in the backups folder, copy FILE in and record the restore in the "
            "restored database's audit. A busy database or one from a newer hlhdesk is "
            "never replaced. Another hlhdesk that has the database open sees the restored data."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the backup to restore (see 'hlhdesk backup --list')")
    p.add_argument("--force", action="store_true",
                   help="restore even though it removes records made after the backup (they are listed first)")
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.store.restore import restore_backup

    result = restore_backup(args.file, args.db, force=args.force)
    print(f"Restored {result.database} from {result.restored_from}")
    for line in result.removed:
        print(f"  removed: {line}")
    if result.previous_kept_as:
        print(f"The database as it was before is kept as {result.previous_kept_as}")
    return 0
