"""What the desk shows while no case is open (at first start, an empty database): three
ways to begin, instead of an empty case view with plot axes that mean nothing yet."""

from __future__ import annotations

from hlhdesk.gui.qt import QFrame, QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget

INTRO = ("hlhdesk reads a case against the anakinra policy and shows every criterion with "
         "the values, dates and units it used. The MDT decides; hlhdesk supports the decision.")


class Welcome(QWidget):
    """Buttons: `demo_button`, `new_case_button`, `import_button` (and the guide)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        self.heading = QLabel("<span style='font-size:18pt; font-weight:bold'>Welcome to hlhdesk</span>")
        self.state = QLabel()
        self.state.setAccessibleName("Database state")
        self.state.setWordWrap(True)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self._actions: list[tuple[QPushButton, QLabel]] = []
        self.demo_button = self._action("Open the demo database",
                                        "Synthetic patients, to try every screen safely.")
        self.new_case_button = self._action("New case…  (Ctrl+N)",
                                            "Enter a referral: patient, results, treatments.")
        self.import_button = self._action("Import case files…  (Ctrl+I)",
                                          "Case files (.json) from another desk or the command line; "
                                          "or drag them onto this window.")
        self.guide_button = QPushButton("Quick guide  (F1)")
        self.guide_button.setAccessibleName("Open the quick guide")
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(520)  # word-wrapped lines need a width to wrap to
        column = QVBoxLayout(card)
        column.setSpacing(10)
        column.addWidget(self.heading)
        column.addWidget(intro)
        column.addWidget(self.state)
        for button, words in self._actions:
            column.addWidget(button)
            column.addWidget(words)
        column.addSpacing(8)
        column.addWidget(self.guide_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Centred by stretches, not by alignment: an aligned widget gets its plain size
        # hint, and the wrapped lines inside were cut short.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(middle)
        layout.addStretch(2)
        self.show_state(None)

    def _action(self, text: str, words: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.split("  ")[0].rstrip("…"))
        button.setMinimumHeight(36)
        button.setStyleSheet("text-align: left; padding: 4px 12px; font-size: 11pt;")
        label = QLabel(words)
        label.setWordWrap(True)
        label.setStyleSheet("color: #444; margin-left: 14px;")
        self._actions.append((button, label))
        return button

    def show_state(self, case_count: int | None, database_name: str | None = None) -> None:
        if case_count is None:
            self.state.setText("No database is open yet.")
        elif case_count == 0:
            self.state.setText(f"<b>{database_name or 'This database'}</b> has no cases yet. Begin with one of these:")
        else:
            self.state.setText(f"<b>{database_name or 'This database'}</b> has {case_count} case"
                               f"{'s' if case_count != 1 else ''}: choose one on the left, or:")
