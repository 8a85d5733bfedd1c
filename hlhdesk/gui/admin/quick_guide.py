"""Help > Quick guide: a short page that ships with the app (resources/guide), shown in
a window of its own, offline."""

from __future__ import annotations

from hlhdesk.gui.qt import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout
from hlhdesk.paths import resource

GUIDE = ("guide", "quick-guide.html")


def guide_html() -> str:
    return resource(*GUIDE).read_text(encoding="utf-8")


class QuickGuide(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("hlhdesk quick guide")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Quick guide")
        self.browser.setOpenExternalLinks(False)  # offline: the guide links nowhere
        self.browser.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)


def show_quick_guide(window) -> QuickGuide:
    """Non-modal, so the guide can stay open beside the desk."""
    guide = getattr(window, "quick_guide", None)
    if guide is None:
        guide = window.quick_guide = QuickGuide(window)
    guide.show()
    guide.raise_()
    return guide
