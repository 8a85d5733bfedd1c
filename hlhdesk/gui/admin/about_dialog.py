"""Help > About and Help > Copy diagnostics.

The text comes from hlhdesk/app/diagnostics.py (Qt-free, shared with `hlhdesk about`); this
module adds only what Qt knows (its version, the screens) and shows or copies it. Nothing
here reads a case: no patient data reaches the dialog or the clipboard.
"""

from __future__ import annotations

from hlhdesk.app.diagnostics import about_facts, diagnostics_text
from hlhdesk.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGuiApplication,
    QLabel,
    QPixmap,
    QPushButton,
    Qt,
    QVBoxLayout,
    PYSIDE_VERSION,
    qVersion,
)
from hlhdesk.paths import resource

STATEMENT = (
    "Supports the MDT's decision on NHS England policy 210701P (anakinra for HLH); "
    "it shows whether the policy criteria are met and never makes the decision."
)


def open_database_facts(window) -> tuple:
    """(path, schema version) of the database the desk has open, or (None, None)."""
    store = getattr(window.session, "store", None)
    if store is None:
        return None, None
    return store.path, store.schema_version


def screen_facts() -> list[tuple[str, str]]:
    """Each screen's size and scaling: what matters when the desk is on a projector."""
    facts = []
    for number, screen in enumerate(QGuiApplication.screens(), start=1):
        size = screen.size()
        facts.append((
            f"Screen {number}",
            f"{size.width()}x{size.height()}, scale {screen.devicePixelRatio():g}, "
            f"{screen.logicalDotsPerInch():.0f} dpi",
        ))
    return facts


def current_diagnostics(window) -> str:
    path, schema = open_database_facts(window)
    return diagnostics_text(
        path, schema, qt_version=qVersion(), pyside_version=PYSIDE_VERSION, extra=screen_facts()
    )


def copy_diagnostics(window) -> str:
    text = current_diagnostics(window)
    QGuiApplication.clipboard().setText(text)
    window.statusBar().showMessage("Diagnostics copied to the clipboard (no patient data).", 5000)
    return text


class AboutDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("About hlhdesk")
        layout = QVBoxLayout(self)

        icon = QLabel()
        icon.setPixmap(QPixmap(str(resource("icons", "hlhdesk.png"))).scaledToHeight(
            64, Qt.TransformationMode.SmoothTransformation))
        icon.setAccessibleName("hlhdesk icon")
        layout.addWidget(icon, alignment=Qt.AlignmentFlag.AlignHCenter)

        statement = QLabel(STATEMENT)
        statement.setWordWrap(True)
        layout.addWidget(statement)

        form = QFormLayout()
        path, schema = open_database_facts(window)
        self.values: dict[str, QLabel] = {}
        for label, value in about_facts(path, schema):
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            shown.setAccessibleName(label)
            form.addRow(f"{label}:", shown)
            self.values[label] = shown
        layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy diagnostics")
        self.copy_button.setToolTip("Copy versions and system facts for IT support (no patient data)")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(lambda: copy_diagnostics(window))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def show_about(window) -> None:
    AboutDialog(window).exec()


def add_help_actions(window) -> None:
    """Help > About hlhdesk, Help > Copy diagnostics (the desk's menus are built in
    main_window._build_menus; this is the one call it makes)."""
    window.about_action = window.add_action("help", "&About hlhdesk", lambda: show_about(window))
    window.copy_diagnostics_action = window.add_action(
        "help", "Copy &diagnostics", lambda: copy_diagnostics(window)
    )
