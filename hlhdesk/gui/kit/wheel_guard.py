"""The mouse wheel scrolls the form; it never changes a field the user has not chosen.

Without this, one wheel notch while scrolling the Patient and case form over a dropdown
turns "Not recorded" into "Yes" (cardiomyopathy; hypersensitivity to anakinra, which
excludes the patient), silently. A dropdown or spin box takes the wheel only once it has
the keyboard focus (clicked or tabbed into); otherwise the wheel goes to the scroll area
around it, as the user meant. Every form calls `guard_wheel(self)` once it is built, and
again for a field it adds later.
"""

from __future__ import annotations

from hlhdesk.gui.qt import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QEvent, QObject, Qt

GUARDED = (QComboBox, QAbstractSpinBox)


class _WheelGuard(QObject):
    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Wheel and isinstance(watched, GUARDED) and not watched.hasFocus():
            area = _scroll_area_around(watched)
            if area is not None:
                QApplication.sendEvent(area.verticalScrollBar(), event)
            event.ignore()
            return True
        return False


_guard: _WheelGuard | None = None


def guard_wheel(*roots) -> None:
    """Guard every dropdown and spin box in (and including) each of `roots`."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard()
    for root in roots:
        widgets = [root] if isinstance(root, GUARDED) else []
        widgets += [w for kind in GUARDED for w in root.findChildren(kind)]
        for widget in widgets:
            # Strong focus: a wheel over the field must not give it the focus either.
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.removeEventFilter(_guard)
            widget.installEventFilter(_guard)


def _scroll_area_around(widget):
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.verticalScrollBar().isVisible():
            return parent
        parent = parent.parentWidget()
    return None
