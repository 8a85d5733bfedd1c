"""Sign-off that names who signs: the signer types their name, which must be the chair
recorded for the meeting; the dialog says exactly what gets frozen.

A Yes/No box with Yes as the default let Enter sign for whoever pressed it. Here Cancel
is the default button and Sign off is never triggered by Enter: it is clicked (or
reached with Tab and Space) once the name is typed. The operating-system account of
whoever signs is recorded by the store's audit with the sign-off itself.
"""

from __future__ import annotations

import re

from hlhdesk.gui.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sr", "sister"}


def same_person(typed: str, recorded: str) -> bool:
    """Names compared as people write them: case, spacing, full stops and a title
    ("Dr", "Prof") do not matter; the letters of the name do."""
    def words(name: str) -> list[str]:
        found = re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", name.casefold())
        while found and found[0] in TITLES:
            found = found[1:]
        return found
    return bool(words(typed)) and words(typed) == words(recorded)


def frozen_text(chair: str, case_text: str, policy: str) -> str:
    return (
        f"Sign off this outcome as chair of the meeting ({chair})?\n\n"
        f"{case_text}\n\n"
        "This freezes, permanently:\n"
        "  • the decision, rationale, dissent, actions and next review date\n"
        "  • a copy of the case data as it is now\n"
        f"  • the policy evaluation as shown ({policy})\n"
        "  • the meeting date, chair and attendees, and this app's version\n\n"
        "After sign-off the outcome cannot be edited; a change is recorded as an "
        "amendment with a reason, and the original is kept."
    )


class SignOffDialog(QDialog):
    def __init__(self, parent, chair: str, case_text: str, policy: str):
        super().__init__(parent)
        self.setWindowTitle("Sign off as chair")
        self.chair = chair
        intro = QLabel(frozen_text(chair, case_text, policy))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name, to sign")
        self.name.setPlaceholderText(f"Type your name: {chair}")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton("Sign off", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Signed by (type your name)", self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def accept(self) -> None:
        typed = self.name.text().strip()
        if not typed:
            self.error.setText("Type your name to sign.")
            return
        if not same_person(typed, self.chair):
            self.error.setText(
                f"Only the meeting's chair signs off, and the chair is recorded as {self.chair}. "
                "If someone else chaired, correct the meeting's details first (Edit details…).")
            return
        super().accept()


def ask_signature(parent, chair: str, case_text: str, policy: str) -> bool:
    """True once the chair has typed their name and clicked Sign off."""
    return SignOffDialog(parent, chair, case_text, policy).exec() == QDialog.DialogCode.Accepted
