"""hlhdesk demo: (re)create the demo database of synthetic cases, and optionally open it."""

from __future__ import annotations

from pathlib import Path

from hlhdesk.errors import InputError
from hlhdesk.paths import default_database_path, demo_database_path


def register(sub) -> None:
    p = sub.add_parser(
        "demo",
        help="(re)create the demo database of synthetic cases, brought to today",
        description=(
            "Create the demo database afresh (demo.sqlite3 in your data folder, or the "
            "global --db) from the synthetic demo cases, each moved in time so that it "
            "looks live today. Prints the database path. Your own database is not touched."
        ),
    )
    p.add_argument("--open", action="store_true", help="then start the desktop application on it")
    p.add_argument("--smoke", action="store_true",
                   help="start the application and quit once its window is shown (install check)")
    p.add_argument("--force", action="store_true",
                   help="allow --db to name an existing database other than the demo one "
                        "(it is replaced)")
    p.add_argument("--cases", type=Path, metavar="FOLDER",
                   help="build from another folder with a manifest.json (default: the bundled demo)")
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.app.demo import build_demo_database

    path = Path(args.db) if args.db is not None else demo_database_path()
    refuse_to_replace_real_data(path, args.force)
    case_ids = build_demo_database(path, folder=args.cases)
    print(f"Demo database with {len(case_ids)} synthetic cases: {path}")
    if args.open or args.smoke:
        from hlhdesk.gui.app import run_app  # Qt is imported only when the GUI is wanted

        return run_app(db_path=path, smoke=args.smoke)
    return 0


def refuse_to_replace_real_data(path: Path, force: bool) -> None:
    """The demo replaces its database: make sure that is never the user's real one."""
    if _same_file(path, default_database_path()):
        raise InputError(f"{path} is your hlhdesk database; the demo never replaces it")
    if path.exists() and not force and not _same_file(path, demo_database_path()):
        raise InputError(f"{path} already exists and is not the demo database; "
                         "add --force to replace it with the demo")


def _same_file(a: Path, b: Path) -> bool:
    return a.expanduser().resolve() == b.expanduser().resolve()
