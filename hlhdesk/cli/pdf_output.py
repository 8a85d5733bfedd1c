"""Shared by `hlhdesk report` and `hlhdesk pack`: their common arguments, the --as-of
reader and a PDF written whole or not at all."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hlhdesk.cli.support import add_force_option, write_file
from hlhdesk.errors import InputError


def add_pdf_command(sub, name: str, *, id_name: str, id_help: str, help: str, description: str):
    """A command that takes one id and writes a PDF to -o FILE.pdf."""
    p = sub.add_parser(name, help=help, description=description)
    p.add_argument(id_name.lower(), type=int, metavar=id_name, help=id_help)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="where to write the PDF")
    add_force_option(p, "FILE.pdf")
    return p


def parse_as_of(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"--as-of: '{text}' is not a date or date-time (use 2026-10-17 or 2026-10-17T09:00)") from None
    if moment.tzinfo is not None:
        raise InputError("--as-of: give a local clinical time without a time zone")
    return moment


def write_pdf(args, pdf: bytes) -> None:
    """Write to -o whole or not at all (see hlhdesk/output_file.py)."""
    write_file(args, args.output, pdf)

