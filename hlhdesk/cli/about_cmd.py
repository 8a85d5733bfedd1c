"""hlhdesk about: print what Help > Copy diagnostics copies, for IT support.

Reads the database only to learn its schema version (read-only; it never creates or
migrates one) and prints no patient data.
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "about",
        help="version, policy, database and system facts for IT support (no patient data)",
    )
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.app.diagnostics import diagnostics_text
    from hlhdesk.paths import default_database_path

    db_path = args.db or default_database_path()
    print(diagnostics_text(db_path, database_schema_version(db_path), **qt_versions()), end="")
    return 0


def database_schema_version(path) -> int | str:
    """Applied migrations of an existing database, or why there is no number."""
    from hlhdesk.store import SchemaTooNewError, StoreError, check_existing_database

    if not path.is_file():
        return "no database file yet"
    try:
        return len(check_existing_database(path))
    except SchemaTooNewError:
        return "written by a newer hlhdesk"
    except StoreError:
        return "unreadable (open it in hlhdesk for the reason)"


def qt_versions() -> dict[str, str | None]:
    try:
        from hlhdesk.gui.qt import PYSIDE_VERSION, qVersion
    except ImportError:  # Qt's system libraries missing: still print the rest
        return {"qt_version": None, "pyside_version": None}
    return {"qt_version": qVersion(), "pyside_version": PYSIDE_VERSION}
