"""Shared by `hlhdesk report` and `hlhdesk pack`: their common arguments and a PDF
written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from hlhdesk.cli.support import add_force_option, write_file


def add_pdf_command(sub, name: str, *, id_name: str, id_help: str, help: str, description: str):
    """A command that takes one id and writes a PDF to -o FILE.pdf."""
    p = sub.add_parser(name, help=help, description=description)
    p.add_argument(id_name.lower(), type=int, metavar=id_name, help=id_help)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="where to write the PDF")
    add_force_option(p, "FILE.pdf")
    return p


def write_pdf(args, pdf: bytes) -> None:
    """Write to -o whole or not at all, never over the database (hlhdesk/output_file.py)."""
    write_file(args, args.output, pdf)
