"""Small widgets the desk's forms share: UK date-time editors, an inline error label,
a sideways-scrolling holder for one-row forms, and a table delegate that offers a
choice list where the model has one."""

from __future__ import annotations

from datetime import datetime

from hlhdesk.gui.kit.date_field import DateField, DateTimeField
from hlhdesk.gui.qt import (
    QComboBox,
    QEvent,
    QFrame,
    QLabel,
    QScrollArea,
    QSize,
    QSizePolicy,
    QStyledItemDelegate,
    Qt,
)

ERROR_STYLE = "color: #b00020; font-weight: bold;"
INVALID_FIELD_STYLE = "border: 2px solid #b00020;"


def uk_datetime_edit(accessible_name: str, moment: datetime | None = None) -> DateTimeField:
    """A date-time field (hlhdesk.gui.kit.date_field); without `moment` it follows the clock."""
    return DateTimeField(accessible_name, moment)


def uk_date_edit(accessible_name: str) -> DateField:
    return DateField(accessible_name)


class ErrorLabel(QLabel):
    """The message beside a field that was refused; empty and hidden otherwise."""

    def __init__(self, accessible_name: str = "Error message"):
        super().__init__()
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setAccessibleName(accessible_name)
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


def mark_invalid(widget, invalid: bool) -> None:
    widget.setStyleSheet(INVALID_FIELD_STYLE if invalid else "")


def combo(accessible_name: str, items: list[tuple[str, object]], placeholder: str | None = None) -> QComboBox:
    """A combo box whose items carry data (the stored value) behind their words. With a
    placeholder nothing is chosen until the user chooses (currentData() is None)."""
    box = QComboBox()
    box.setAccessibleName(accessible_name)
    for text, data in items:
        box.addItem(text, data)
    if placeholder:
        box.setPlaceholderText(placeholder)
        box.setCurrentIndex(-1)
    return box


class OneKeyChoice(QComboBox):
    """A short choice answered with one key that then moves on, as a paper form is
    ticked: `keys` maps a letter to an item's data (y -> yes, n -> no, u -> not
    recorded). Other keys, the mouse and the wheel guard work as on any dropdown."""

    def __init__(self, accessible_name: str, items: list[tuple[str, object]], keys: dict[str, object]):
        super().__init__()
        self.setAccessibleName(accessible_name)
        for text, data in items:
            self.addItem(text, data)
        self.keys = keys
        self.setToolTip("Keys: " + ", ".join(f"{k} = {self.itemText(self.findData(d))}" for k, d in keys.items()))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.text().lower()
        if key and key in self.keys:
            self.setCurrentIndex(self.findData(self.keys[key]))
            self.focusNextChild()
            return
        super().keyPressEvent(event)


def select_data(box: QComboBox, data) -> None:
    index = box.findData(data)
    box.setCurrentIndex(index if index >= 0 else 0)


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box when the model offers choices (CHOICES_ROLE),
    and with the usual line edit otherwise."""

    def __init__(self, choices_role: int, parent=None):
        super().__init__(parent)
        self.choices_role = choices_role

    def createEditor(self, parent, option, index):
        choices = index.data(self.choices_role)
        if not choices:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.setAccessibleName("Choose a value")
        box.addItems([str(c) for c in choices])
        return box

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            position = editor.findText(str(index.data()))
            if position < 0:
                position = editor.findText(str(index.data(Qt.ItemDataRole.EditRole)))
            editor.setCurrentIndex(max(position, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
            return
        super().setModelData(editor, model, index)


class SidewaysScroller(QScrollArea):
    """Holds a wide one-row form. Where there is room it looks like the form alone; on a
    narrow screen (a 1024-pixel projector) the form scrolls sideways instead of making
    the window wider than the screen. Its height follows the form's (an error label
    appearing) plus the scroll bar when one is shown."""

    MIN_WIDTH = 120

    def __init__(self, form, parent=None):
        super().__init__(parent)
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Drawn on the page behind it, as the form was before it scrolled: setWidget
        # turns on the form's own (window-coloured) background.
        form.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def _needs_bar(self) -> bool:
        return self.widget().minimumSizeHint().width() > self.viewport().width()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        form = self.widget().sizeHint()
        bar = self.horizontalScrollBar().sizeHint().height() if self._needs_bar() else 0
        return QSize(form.width(), form.height() + bar)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.MIN_WIDTH, self.sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        had_bar = event.oldSize().width() >= 0 and self.widget().minimumSizeHint().width() > event.oldSize().width()
        super().resizeEvent(event)
        if had_bar != self._needs_bar():
            self.updateGeometry()  # the bar came or went: the height changes
