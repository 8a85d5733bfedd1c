"""The one module the GUI imports Qt from (as Anki's aqt.qt does), so a Qt upgrade or a
switch of binding touches one file. pyqtgraph is told here to use the same binding, so it
can never pick up another Qt that happens to be installed, and is loaded through
`load_pyqtgraph()` only when a plot is first built: with numpy it costs more start-up time
than Qt itself, and the main window paints without it."""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6  # noqa: E402
from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402
from shiboken6 import isValid  # noqa: F401,E402  (has Qt deleted this object's C++ side?)

PYSIDE_VERSION = PySide6.__version__

# Where a name is looked for, as `from PySide6.QtX import *` of these three in this
# order would have found it (the last import wins).
_QT_MODULES = (QtWidgets, QtGui, QtCore)


def __getattr__(name: str):
    """Qt's names, each looked up when first imported from here. Star imports of the three
    modules made every one of Qt's classes at start-up: 85 ms of the desk's launch, a
    third of what the case list may take beyond a bare window."""
    for module in _QT_MODULES:
        value = getattr(module, name, _MISSING)
        if value is not _MISSING:
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_MISSING = object()


def load_qtpdf():
    """(QPdfDocument, QPrintDialog, QPrinter) for printing a PDF's pages, or None when this
    Qt lacks QtPdf (the PySide6-Essentials wheel has neither it nor QtPrintSupport)."""
    try:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    except ImportError:
        return None
    return QPdfDocument, QPrintDialog, QPrinter


def load_pyqtgraph():
    """pyqtgraph, imported and configured on first use (later calls are cheap)."""
    import pyqtgraph as pg

    # pyqtgraph defaults to a black background; a clinical tool on a projector reads
    # better dark-on-light, and antialiasing keeps thin threshold lines visible.
    pg.setConfigOptions(background="w", foreground="k", antialias=True)
    return pg


def load_pyqtgraph_date_axis():
    """pyqtgraph's date-axis module, whose tick spacing the UK date axis reuses."""
    load_pyqtgraph()
    from pyqtgraph.graphicsItems import DateAxisItem

    return DateAxisItem
