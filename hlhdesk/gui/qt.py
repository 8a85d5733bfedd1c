"""The one module the GUI imports Qt from (as Anki's aqt.qt does), so a Qt upgrade or a
switch of binding touches one file. pyqtgraph is told here to use the same binding, so it
can never pick up another Qt that happens to be installed, and is loaded through
`load_pyqtgraph()` only when a plot is first built: with numpy it costs more start-up time
than Qt itself, and the main window paints without it."""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import *  # noqa: F401,F403,E402
from PySide6.QtGui import *  # noqa: F401,F403,E402
from PySide6.QtWidgets import *  # noqa: F401,F403,E402


def load_pyqtgraph():
    """pyqtgraph, imported and configured on first use (later calls are cheap)."""
    import pyqtgraph as pg

    # pyqtgraph defaults to a black background; a clinical tool on a projector reads
    # better dark-on-light, and antialiasing keeps thin threshold lines visible.
    pg.setConfigOptions(background="w", foreground="k", antialias=True)
    return pg
