"""Small widgets the desk's forms share: UK date-time editors, an inline error label,
and a table delegate that offers a choice list where the model has one."""

from __future__ import annotations

from datetime import datetime

from hlhdesk.gui.formatting import QT_DATE_FORMAT, QT_DATETIME_FORMAT
from hlhdesk.gui.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QDateTime,
    QDateTimeEdit,
    QLabel,
    QStyledItemDelegate,
    Qt,
    QTime,
)

ERROR_STYLE = "color: #b00020; font-weight: bold;"
INVALID_FIELD_STYLE = "border: 2px solid #b00020;"


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(QDate(moment.year, moment.month, moment.day),
                     QTime(moment.hour, moment.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def uk_datetime_edit(accessible_name: str, moment: datetime | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat(QT_DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    edit.setDateTime(to_qdatetime(moment or datetime.now().replace(second=0, microsecond=0)))
    return edit


def uk_date_edit(accessible_name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat(QT_DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit


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


def combo(accessible_name: str, items: list[tuple[str, object]]) -> QComboBox:
    """A combo box whose items carry data (the stored value) behind their words."""
    box = QComboBox()
    box.setAccessibleName(accessible_name)
    for text, data in items:
        box.addItem(text, data)
    return box


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
