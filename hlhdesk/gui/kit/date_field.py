"""The one date and date-time editor of every form: a text field read by
hlhdesk.core.typed_dates.

A sectioned date editor (QDateTimeEdit) walked its day/month/year sections with Tab, so
the next field's typing went into the date; Shift+Tab landed on the minutes; a single
click then typing did nothing. This field is one piece of text: Tab leaves it, Tab,
Shift+Tab and a click select all of it so typing replaces it, and what is typed is read
as UK users write it ("3/12 08:00", "today 8am", "yesterday"). Text that could be read
two ways is refused with a message (`problem`), and kept for correcting.

A date-time field nobody has typed in follows the clock: it shows the time now when it
is shown or entered, and reads as now, not as the moment the window was opened.
"""

from __future__ import annotations

from datetime import date, datetime

from hlhdesk.core.typed_dates import TypedDateError, parse_typed_date, parse_typed_moment
from hlhdesk.gui.qt import QLineEdit, Qt, QTimer, Signal

DATETIME_SHOWN = "%d/%m/%Y %H:%M"
DATE_SHOWN = "%d/%m/%Y"
INVALID_STYLE = "border: 2px solid #b00020;"


def clock() -> datetime:
    """The time now (tests replace it)."""
    return datetime.now()


class _TypedField(QLineEdit):
    problem = Signal(str)  # why the text was refused; "" once it reads well again

    def __init__(self, accessible_name: str, placeholder: str):
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/0000 00:000") + 16)
        self.setMaximumWidth(self.minimumWidth() + 60)
        self._problem = ""
        self.editingFinished.connect(self._tidy)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        # Tab and Shift+Tab select all already; a click (or a form moving the focus
        # here) does too, so the next key replaces the whole value instead of editing
        # inside it. A second click places the cursor as usual.
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor
        elif event.reason() in (Qt.FocusReason.OtherFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.selectAll()  # a form or a dialog opening put the focus here

    def _tidy(self) -> None:
        """After editing: show the value as it was read, or say why it was not."""
        try:
            value = self._read()
        except TypedDateError as exc:
            self._show_problem(_sentence(str(exc)))
            return
        self._show_problem("")
        if value is not None:
            self.setText(value.strftime(self._shown_format))

    def _show_problem(self, message: str) -> None:
        self._problem = message
        self.setStyleSheet(INVALID_STYLE if message else "")
        self.setToolTip(message)
        self.problem.emit(message)

    def _read(self):
        raise NotImplementedError


class DateTimeField(_TypedField):
    """A date and time; follows the clock until the user types in it."""

    _shown_format = DATETIME_SHOWN

    def __init__(self, accessible_name: str, moment: datetime | None = None):
        super().__init__(accessible_name, "dd/mm/yyyy hh:mm")
        self._follows_now = moment is None
        self.textEdited.connect(self._typed)
        if moment is None:
            self._show_now()
        else:
            self.set_moment(moment)

    @property
    def follows_now(self) -> bool:
        return self._follows_now

    def follow_now(self) -> None:
        self._follows_now = True
        self._show_problem("")
        self._show_now()

    def set_moment(self, moment: datetime) -> None:
        self._follows_now = False
        self._show_problem("")
        self.setText(moment.strftime(DATETIME_SHOWN))

    def moment(self) -> datetime:
        """What the field holds now (the clock, if nobody typed); TypedDateError if the
        text cannot be read for certain."""
        if self._follows_now:
            self._show_now()
        return self._read()

    def _read(self) -> datetime:
        now = clock()
        if self._follows_now:
            return now.replace(second=0, microsecond=0)
        return parse_typed_moment(self.text(), now, self._last_good())

    def _last_good(self) -> datetime | None:
        try:
            return datetime.strptime(self._shown_text, DATETIME_SHOWN)
        except (AttributeError, ValueError):
            return None

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._shown_text = text  # what "yesterday" keeps the time of
        super().setText(text)

    def _typed(self, _text: str) -> None:
        self._follows_now = False

    def _show_now(self) -> None:
        if self._follows_now:
            self.setText(clock().strftime(DATETIME_SHOWN))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._show_now()
        super().showEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._show_now()
        super().focusInEvent(event)


class DateField(_TypedField):
    """A date alone; may be left empty (`date_value()` is then None)."""

    _shown_format = DATE_SHOWN

    def __init__(self, accessible_name: str, day: date | None = None):
        super().__init__(accessible_name, "dd/mm/yyyy")
        if day is not None:
            self.set_date(day)

    def set_date(self, day: date | None) -> None:
        self._show_problem("")
        self.setText(day.strftime(DATE_SHOWN) if day else "")

    def date_value(self) -> date | None:
        """The date typed, None if empty; TypedDateError if it cannot be read for certain."""
        return self._read()

    def _read(self) -> date | None:
        if not self.text().strip():
            return None
        return parse_typed_date(self.text(), clock())


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
