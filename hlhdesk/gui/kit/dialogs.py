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


def ask_text(parent, title: str, text: str) -> str | None:
    """A few lines typed by the user, or None if cancelled."""
    from hlhdesk.gui.qt import QInputDialog

    typed, ok = QInputDialog.getMultiLineText(parent, title, text)
    return typed if ok else None


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


def write_chosen_file(parent, title: str, path, data: bytes):
    """Write a file the user chose in a save dialog, the one safe way
    (hlhdesk/output_file.py). The dialog has already asked before replacing a file;
    a link, a database or a full disk is still refused, with the reason shown.
    Returns the path written, or None."""
    from hlhdesk.output_file import OutputError, write_output

    try:
        return write_output(path, data, replace=True)
    except OutputError as exc:
        warn(parent, title, str(exc))
        return None
