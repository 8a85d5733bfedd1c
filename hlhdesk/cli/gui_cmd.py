"""hlhdesk gui: start the desktop application."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="start the desktop application (the default)")
    p.add_argument(
        "--smoke",
        action="store_true",
        help="quit as soon as the main window has been shown (for install checks)",
    )
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.gui.app import run_app  # Qt is imported only when the GUI is wanted

    return run_app(db_path=args.db, smoke=args.smoke)
