"""Print and Save as PDF for the desk's reports (made by `hlhdesk.reports`).

Printing renders the report's PDF pages onto the printer chosen in QPrintDialog when
this Qt has QtPdf. The PySide6-Essentials wheel does not include QtPdf; there the PDF is
written to a private temporary file and opened in the system's PDF viewer, whose Print
the user then uses (the usual route on trust desktops). "Save as PDF…" always works.

A PDF handed to the viewer holds patient data: it goes under a neutral name into a
private folder named for this process, deleted when the desk quits; folders left by a
desk that crashed or was killed are deleted when the next one starts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hlhdesk.errors import InputError
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.qt import (
    QBuffer,
    QByteArray,
    QDesktopServices,
    QFileDialog,
    QIODevice,
    QPainter,
    QUrl,
    load_qtpdf,
)
from hlhdesk.leftovers import left_behind
from hlhdesk.logs import log_unexpected

HAVE_QTPDF = load_qtpdf() is not None  # only in the full PySide6 (Addons) wheels


def _make(parent, build: Callable[[], bytes]) -> bytes | None:
    """Build the PDF; a report that cannot be made is a plain message, not a traceback."""
    try:
        return build()
    except ImportError:
        dialogs.warn(parent, "Print", "The printed reports are not part of this installation.")
    except InputError as exc:
        dialogs.warn(parent, "Print", str(exc))
    except Exception:  # noqa: BLE001
        where = log_unexpected("printing", None)
        dialogs.warn(parent, "Print", f"The report could not be made. Details were written to {where}")
    return None


def save_pdf(parent, build: Callable[[], bytes], suggested_name: str) -> Path | None:
    """Ask where, then write the report there. Returns the path written, if any."""
    target, _ = QFileDialog.getSaveFileName(parent, "Save as PDF", suggested_name, "PDF files (*.pdf)")
    if not target:
        return None
    data = _make(parent, build)
    if data is None:
        return None
    path = Path(target if target.lower().endswith(".pdf") else target + ".pdf")
    return dialogs.write_chosen_file(parent, "Save as PDF", path, data)


def print_pdf(parent, build: Callable[[], bytes], name: str, *, opener: Callable[[QUrl], bool] | None = None) -> bool:
    data = _make(parent, build)
    if data is None:
        return False
    if HAVE_QTPDF:
        return _print_with_qtpdf(parent, data)
    return _print_through_viewer(parent, data, name, opener or QDesktopServices.openUrl)


PRINT_FOLDER_PREFIX = "hlhdesk-print-"
PRINT_FILE_NAME = "hlhdesk-report.pdf"  # names no patient


def _print_through_viewer(parent, data: bytes, name: str, opener: Callable[[QUrl], bool]) -> bool:
    # mkdtemp: private to this user (0700); the pid in the name says whose it is.
    folder = Path(tempfile.mkdtemp(prefix=f"{PRINT_FOLDER_PREFIX}{os.getpid()}-"))
    path = dialogs.write_chosen_file(parent, "Print", folder / PRINT_FILE_NAME, data)
    if path is None:
        return False
    if opener(QUrl.fromLocalFile(str(path))):
        return True
    dialogs.inform(
        parent, "Print",
        f"No PDF viewer opened the report. It was saved to {path}; open and print it from there.",
    )
    return False


def remove_print_files(*, leftovers: bool = False) -> int:
    """Delete this process's print folders; with `leftovers`, also those of processes
    no longer running (a desk that crashed or was killed). Returns how many."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{PRINT_FOLDER_PREFIX}*"):
        owner = folder.name[len(PRINT_FOLDER_PREFIX):].split("-", 1)[0]
        if not owner.isdigit() or not folder.is_dir() or folder.is_symlink():
            continue
        ours = int(owner) == os.getpid()
        if ours or (leftovers and left_behind(folder, int(owner))):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _print_with_qtpdf(parent, data: bytes) -> bool:  # pragma: no cover - needs the Addons wheel
    QPdfDocument, QPrintDialog, QPrinter = load_qtpdf()

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    try:
        page_rect = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            image = document.render(page, page_rect.size())
            painter.drawImage(page_rect, image)
    finally:
        painter.end()
    return True
