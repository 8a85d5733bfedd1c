"""The one module the GUI imports Qt from (as Anki's aqt.qt does), so a Qt upgrade or a
switch of binding touches one file. pyqtgraph is told here to use the same binding, so it
can never pick up another Qt that happens to be installed, and is loaded through
`load_pyqtgraph()` only when a plot is first built: with numpy it costs more start-up time
than Qt itself, and the main window paints without it."""

import ctypes
import os
import sys


def _make_singletons_immortal() -> bool:
    """PySide6 6.12.0 (shiboken6 6.12.0) hands None, True and False back to Python
    without taking a reference: every void Qt call (label.setText, processEvents, ...),
    every Python model method that returns None to Qt, and every signal emit drops one
    reference. CPython 3.12+ makes these singletons immortal, so nothing happens there;
    on 3.11 the count reaches zero after some thousands of calls (a morning in the desk,
    or one test run) and the interpreter aborts ("none_dealloc" / "bool_dealloc").

    Do here what 3.12 does: give them a reference count no session can use up. They
    are never freed in a running interpreter anyway, so this changes nothing else.
    """
    if sys.version_info >= (3, 12) or not hasattr(sys, "getrefcount"):
        return False
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt comes first
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40
    return True


SINGLETONS_IMMORTAL = _make_singletons_immortal()

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
