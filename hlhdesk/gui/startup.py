"""Start-up helpers: let the main window paint before anything slow runs.

Measured (tests/benchmarks/startup_profile.py): pyqtgraph with numpy is the largest single
cost of a start, more than Qt itself, and opening a big database takes about a second
(its quick check; the case list is read without waiting for it: gui/admin/opening.py).
Neither is needed for the first paint, so:

- `after_first_paint(window, callback)` runs work once the window has been painted;
- `DeferredWidget` holds a light placeholder in the layout and builds the real widget
  (the plots) the first time it is asked for, or when `build()` is called after the
  first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from hlhdesk.gui.qt import QEvent, QLabel, QObject, Qt, QTimer, QVBoxLayout, QWidget

# If the window is never painted (started minimised, or hidden behind a locked screen),
# the deferred work still runs after this long.
FALLBACK_MS = 1500


class _AfterFirstPaint(QObject):
    """A child of the window: it and its timer go when the window goes, so nothing keeps a
    closed window alive or calls back into it later. After running it only goes quiet:
    deleting it with deleteLater from its own timer's slot crashed the test process now
    and then (PySide6 6.12, Python 3.11)."""

    def __init__(self, window: QWidget, callback: Callable[[], None], fallback_ms: int):
        super().__init__(window)
        self._callback = callback
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self._timer.start(fallback_ms)
        window.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            # Let this paint finish and reach the screen; run on the next turn of the loop.
            self._timer.start(0)
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self.parent().removeEventFilter(self)
        callback()


def after_first_paint(window: QWidget, callback: Callable[[], None], fallback_ms: int = FALLBACK_MS) -> None:
    """Call `callback` once, just after `window` is first painted (or after `fallback_ms`)."""
    _AfterFirstPaint(window, callback, fallback_ms)


class DeferredWidget(QWidget):
    """A placeholder that becomes `factory(parent)`'s widget when first needed.

    The widget is made with this one as its parent from the start: a parentless widget
    is a top-level window until it is reparented, and Qt may then decide the last window
    of the application has closed and quit it."""

    def __init__(self, factory: Callable[[QWidget], QWidget], placeholder_text: str, parent=None):
        super().__init__(parent)
        self._factory = factory
        self._built: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(placeholder_text)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setAccessibleName(placeholder_text)
        self._layout.addWidget(self._placeholder)

    @property
    def is_built(self) -> bool:
        return self._built is not None

    def widget(self) -> QWidget:
        """The real widget, built now if it has not been yet."""
        if self._built is None:
            self._built = self._factory(self)
            self._layout.replaceWidget(self._placeholder, self._built)
            self._placeholder.deleteLater()
            self._placeholder = None
        return self._built

    def build(self) -> None:
        self.widget()
