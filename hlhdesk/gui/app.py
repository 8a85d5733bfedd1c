"""Start the desktop application. Placeholder main window until the desk issue lands."""

from __future__ import annotations

from pathlib import Path


def run_app(db_path: Path | None = None, smoke: bool = False) -> int:
    from hlhdesk.gui.qt import QApplication, QLabel, QMainWindow, QTimer

    app = QApplication.instance() or QApplication([])
    window = QMainWindow()
    window.setWindowTitle("hlhdesk")
    window.setCentralWidget(QLabel(f"hlhdesk: database {db_path or '(default)'}"))
    window.resize(1024, 700)
    window.show()
    if smoke:
        QTimer.singleShot(0, app.quit)
    return app.exec()
