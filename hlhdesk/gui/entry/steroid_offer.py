"""After a corticosteroid course is entered on a case whose First-line corticosteroids
is "Not recorded": ask, beside the form, how the first-line steroids went.

Offered, never inferred: a course says steroids were given, not whether they worked,
and the answer decides a policy criterion. One click records the chosen answer as an
undoable change to the case fields (with its audit record); "Not now" leaves it
unrecorded.
"""

from __future__ import annotations

import dataclasses

from hlhdesk.core.model import SteroidFirstLine
from hlhdesk.gui.desk.commands import UpdateCaseFields
from hlhdesk.gui.qt import QFrame, QHBoxLayout, QLabel, QPushButton

QUESTION = ("A corticosteroid course is recorded, but First-line corticosteroids is "
            "'Not recorded'. How did first-line corticosteroids go?")


def needs_offer(case) -> bool:
    return (case is not None and case.details.steroid_first_line is None
            and any(t.drug == "corticosteroid" for t in case.treatments))


class SteroidOffer(QFrame):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("SteroidOffer { background: #fff6dd; border: 1px solid #c9a227; }")
        self.label = QLabel(QUESTION)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("First-line corticosteroids question")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        self.buttons = {}
        for value in SteroidFirstLine:
            if value == SteroidFirstLine.NOT_GIVEN:
                continue  # a course was just entered
            button = QPushButton(value.value.replace("_", " ").capitalize())
            button.setAccessibleName(f"First-line corticosteroids: {button.text()}")
            button.clicked.connect(lambda _=False, v=value: self.choose(v))
            layout.addWidget(button)
            self.buttons[value] = button
        later = QPushButton("Not now")
        later.clicked.connect(self.hide)
        layout.addWidget(later)
        self.hide()
        session.case_loaded.connect(self._case_loaded)
        self._case_id = None
        # Set by the case view: True while the Patient and case form has unsaved typing,
        # which a change to the case fields from here would replace.
        self.details_typing = lambda: False

    def text(self) -> str:
        return self.label.text()

    def offer(self, case) -> None:
        """Ask if the case has a steroid course and no answer (after a course is added)."""
        self.label.setText(QUESTION)
        self.setVisible(needs_offer(case))

    def _case_loaded(self, case) -> None:
        if self.session.case_id != self._case_id or not needs_offer(case):
            self.hide()  # another case, or answered (here, on the form, or elsewhere)
        self._case_id = self.session.case_id

    def choose(self, value: SteroidFirstLine) -> None:
        case = self.session.case
        if case is None:
            return
        if self.details_typing():
            self.label.setText("The Patient and case form has changes not saved: save or revert them "
                               "first, or choose First-line corticosteroids there.")
            return
        details = dataclasses.replace(case.details, steroid_first_line=value)
        if self.session.execute(UpdateCaseFields(self.session, case.patient, case.details, case.patient, details)):
            self.hide()
