"""hlhdesk verify: is the database as hlhdesk left it (integrity, schema and triggers,
the audit hash chain, the sign-off seals)? Exit 0 when it is, 1 when not."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "verify",
        help="check the database for damage and for changes made outside hlhdesk",
        description=(
            "Run SQLite's full integrity check, compare the schema and audit triggers with "
            "the ones hlhdesk makes, follow the audit trail's hash chain, check every "
            "sign-off against its seal and every audited row against its last audit "
            "record. Reads only. Exit 0 if all hold, 1 naming the first problems found."
        ),
    )
    p.set_defaults(run=run)


def run(args) -> int:
    import sys

    from hlhdesk.cli.support import open_store
    from hlhdesk.store import StoreError
    from hlhdesk.store.integrity.verify import verify

    try:
        with open_store(args, read_only=True) as store:
            report = verify(store.db.conn)
            path = store.path
    except StoreError as exc:
        print(f"hlhdesk: verify: {exc}", file=sys.stderr)
        return 1
    if report.ok:
        print(f"{path}: {report.summary()}")
        return 0
    from hlhdesk.store.integrity.good_backups import newest_good_backup

    print(f"{path}: {report.summary()}:")
    for problem in report.problems:
        print(f"  - {problem}")
    good = newest_good_backup(path)
    print(f"The newest backup that passes its check is {good.label}: {good.path}" if good
          else "No backup of it passes its check.")
    return 1
