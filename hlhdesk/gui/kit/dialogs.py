"""Every message box the desk shows goes through here: plain words, never a traceback,
and one place for tests to intercept (a modal box would block an offscreen test)."""

from __future__ import annotations

from hlhdesk.gui.qt import QMessageBox


def warn(parent, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def inform(parent, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_to_save(parent, title: str, text: str) -> str:
    """"save", "discard" or "cancel" (also when the box is closed with Esc)."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, text, buttons.Save | buttons.Discard | buttons.Cancel,
                                  buttons.Save)
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def store_or_say(window, title: str):
    """The main window's open database, or None after telling the user to open one
    (every action that needs a database starts here)."""
    store = window.session.store
    if store is None:
        inform(window, title, "Open a database first.")
    return store
