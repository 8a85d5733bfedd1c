"""Shared by `hlhdesk report` and `hlhdesk pack`: their common arguments and a PDF
written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hlhdesk.errors import InputError


def add_pdf_command(sub, name: str, *, id_name: str, id_help: str, help: str, description: str):
    """A command that takes one id and writes a PDF to -o FILE.pdf."""
    p = sub.add_parser(name, help=help, description=description)
    p.add_argument(id_name.lower(), type=int, metavar=id_name, help=id_help)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="where to write the PDF")
    return p


def write_pdf(pdf: bytes, path: Path) -> None:
    """Write beside the target, then rename: a failure never leaves half a PDF."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise InputError(f"-o: the folder {path.parent} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=".hlhdesk-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pdf)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

