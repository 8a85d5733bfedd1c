"""The `hlhdesk` command. One module per subcommand, each with `register(subparsers)`
that adds its parser and sets `run(args) -> int`; the MDT's commands (meetings and their
PDF papers) are grouped in `mdt/`.

Exit codes: 0 ok, 2 bad input (a plain message on stderr, no traceback), 1 unexpected
(logged to the data folder; the user sees where).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from hlhdesk import __version__
from hlhdesk.errors import InputError

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a program stopped by SIGPIPE

# Order is the order `hlhdesk --help` lists them: "mdt.pack" is hlhdesk/cli/mdt/pack_cmd.py.
COMMAND_MODULES = (
    "gui",
    "demo",
    "list",
    "import",
    "export",
    "evaluate",
    "about",
    "mdt.report",
    "mdt.pack",
    "mdt.meetings",
    "mdt.episodes",
    "audit",
    "import_labs",
    "backup",
    "restore",
    "verify",
)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse measures subcommand names two columns short (at the parent's indent), so
    a longer name ("diagnostics", "import-labs") would wrap its help onto the next line.
    Measure them where they are printed."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):
            longest = max((len(self._format_action_invocation(a))
                           for a in action._get_subactions()), default=0)
            needed = longest + self._current_indent + 2 * self._indent_increment
            self._action_max_length = max(self._action_max_length, needed)


def _printable_streams() -> None:
    """A file name that is not valid UTF-8 (bytes from another system) must not turn a
    finished import into an error while its name is printed: unprintable characters are
    shown escaped (\\udce9) instead."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # replaced by a test's capture, or closed
            pass


def build_parser(commands: tuple[str, ...] = COMMAND_MODULES) -> argparse.ArgumentParser:
    from importlib import import_module

    parser = argparse.ArgumentParser(
        prog="hlhdesk",
        formatter_class=_HelpFormatter,
        description=(
            "HLH MDT desk: hold HLH cases, compute HScore and HLH-2004 over time, and "
            "apply NHS England policy 210701P (anakinra for HLH). With no command, "
            "starts the desktop application."
        ),
    )
    parser.add_argument("--version", action="version", version=f"hlhdesk {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="PATH",
        help="the database to use (default: hlhdesk.sqlite3 in your data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in commands:
        import_module(f"hlhdesk.cli.{name}_cmd").register(sub)
    return parser


def starts_the_desk(argv: list[str]) -> bool:
    """Whether `argv` starts the desktop application (no command, or `gui`), seen without
    building every command's parser: their modules take 25 ms to import, a tenth of what
    the desk's case list may take beyond a bare window."""
    rest = list(argv)
    while rest and (rest[0] == "--db" or rest[0].startswith("--db=")):
        rest = rest[2:] if rest[0] == "--db" else rest[1:]
    return not rest or rest[0] == "gui"


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # stdout replaced (tests) or closed
        pass


def main(argv: list[str] | None = None) -> int:
    _printable_streams()
    parser = build_parser(("gui",) if starts_the_desk(sys.argv[1:] if argv is None else argv) else COMMAND_MODULES)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        print(f"hlhdesk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`hlhdesk list | head`): not an error of ours. Point stdout
        # at nothing so Python's own flush at exit does not complain again.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception:  # noqa: BLE001 - the last line of defence: never a raw traceback
        from hlhdesk.logs import log_unexpected

        where = log_unexpected("command line", args.command)
        print(
            f"hlhdesk: an unexpected error stopped '{args.command}'. Details were written to {where}",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
