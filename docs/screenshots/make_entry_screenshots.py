"""Screenshots of data entry and first start at 1024x768: the welcome state on an empty
database, and the sign-off dialog over the Meetings window (the chair types their name).

    HLHDESK_DATA_DIR=$(mktemp -d) python docs/screenshots/make_entry_screenshots.py

Offscreen, each window is grabbed as a widget; a dialog is drawn over the middle of the
window it belongs to, as it appears on screen. Writes welcome-*.png, signoff-*.png,
results-grid-*.png and course-form-*.png here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HLHDESK_DATA_DIR", tempfile.mkdtemp(prefix="hlhdesk-shots-"))

from hlhdesk.app import meetings as app_meetings  # noqa: E402
from hlhdesk.app.demo import build_demo_database  # noqa: E402
from hlhdesk.core.meetings.meeting import Attendee, Decision, Outcome  # noqa: E402
from hlhdesk.gui.kit.settings import configure_application_names  # noqa: E402
from hlhdesk.gui.qt import QApplication, QColor, QEventLoop, QPainter, QPoint, Qt, QTimer  # noqa: E402
from hlhdesk.paths import demo_database_path  # noqa: E402
from hlhdesk.store import open_database  # noqa: E402

SIZE = (1024, 768)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(image, name: str) -> None:
    path = HERE / name
    image.save(str(path))
    print(path, image.width(), "x", image.height())


def with_dialog(window, dialog):
    """The window with the dialog drawn over its middle."""
    wait(300)
    image = window.grab().toImage()
    shot = dialog.grab()
    painter = QPainter(image)
    corner = QPoint((image.width() - shot.width()) // 2, (image.height() - shot.height()) // 2)
    painter.drawPixmap(corner, shot)
    painter.setPen(QColor("#555555"))
    painter.drawRect(corner.x() - 1, corner.y() - 1, shot.width() + 1, shot.height() + 1)
    painter.end()
    return image


def welcome(tmp: Path) -> None:
    from hlhdesk.gui.desk.main_window import MainWindow

    store = open_database(tmp / "first-start.sqlite3")
    window = MainWindow()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*SIZE)
    window.show()
    window.files._opened(store.path, store, store.list_cases())
    wait(300)
    save(window.grab(), "welcome-1024x768.png")
    window.close()


def signoff() -> None:
    from hlhdesk.gui.meetings.meetings_window import MeetingsWindow
    from hlhdesk.gui.meetings.signoff_dialog import SignOffDialog

    path = demo_database_path()
    build_demo_database(path)
    store = open_database(path)
    meeting_id = app_meetings.create_meeting(store, date.today(), "Dr A Chair",
                                             (Attendee("Dr A Chair", "Haematologist"),
                                              Attendee("Ms E Pharm", "Pharmacist")))
    case_id = store.list_cases()[0].case_id
    app_meetings.add_to_agenda(store, meeting_id, [case_id])
    app_meetings.record_outcome(store, Outcome(case_id, meeting_id, Decision.CONTINUE,
                                               rationale="Ferritin falling; organ support weaning."))
    window = MeetingsWindow(store)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*SIZE)
    window.show()
    view = window.view
    dialog = SignOffDialog(window, "Dr A Chair", view.case_label(case_id), "210701P v2.0")
    dialog.name.setText("Dr B Someone")
    dialog.accept()  # refused: not the chair recorded for the meeting
    dialog.adjustSize()
    save(with_dialog(window, dialog), "signoff-1024x768-refused.png")
    dialog.name.setText("Dr A Chair")
    dialog.error.clear()
    save(with_dialog(window, dialog), "signoff-1024x768.png")
    window.close()


def _desk_on(tmp: Path, name: str):
    """A desk over one synthetic case, shown at 1024x768 and active (so the focus shows)."""
    from hlhdesk.gui.desk.main_window import MainWindow
    from tests.support.desk_cases import small_case

    store = open_database(tmp / name)
    store.add_case(small_case("Newman", "Robin", "9990000018", "RX0000001"))
    window = MainWindow()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*SIZE)
    window.show()
    window.files._opened(store.path, store, store.list_cases())
    window.activateWindow()
    wait(200)
    return window


def grid(tmp: Path) -> None:
    """A printout half typed into the grid: two columns, one value refused."""
    from hlhdesk.gui.entry.results_grid import FIRST_VALUE_COLUMN, GRID_KINDS, TIME_ROW

    window = _desk_on(tmp, "grid.sqlite3")
    data = window.case_view.data_view
    window.case_view.tabs.setCurrentWidget(data)
    data.tabs.setCurrentWidget(data.grid)
    table = data.grid.table
    columns = (("yesterday 08:00", {"haemoglobin": "95", "wbc": "2.1", "neutrophils": "0.4", "platelets": "40",
                                    "ferritin": "12,400", "triglycerides": "3.4", "fibrinogen": "1.2",
                                    "splenomegaly": "y"}),
               ("today 08:00", {"haemoglobin": "91", "wbc": "2,5", "platelets": "38", "ferritin": "15800"}))
    for offset, (when, values) in enumerate(columns):
        column = FIRST_VALUE_COLUMN + offset
        table.item(TIME_ROW, column).setText(when)
        for kind, value in values.items():
            table.item(GRID_KINDS.index(kind) + 1, column).setText(value)
    data.grid.save()  # refused: the decimal comma is marked, nothing saved
    table.setCurrentCell(GRID_KINDS.index("platelets") + 1, FIRST_VALUE_COLUMN + 2)
    wait(300)
    save(window.grab(), "results-grid-1024x768.png")
    window.close()


def grid_offer(tmp: Path) -> None:
    """The first column typed; the next one offers the next day at the same time."""
    from hlhdesk.gui.entry.results_grid import FIRST_VALUE_COLUMN, GRID_KINDS, TIME_ROW

    window = _desk_on(tmp, "grid-offer.sqlite3")
    window.case_view.start_entry()
    wait(100)
    table = window.case_view.data_view.grid.table
    table.item(TIME_ROW, FIRST_VALUE_COLUMN).setText("yesterday 08:00")
    for kind, value in {"weight": "71", "haemoglobin": "95", "wbc": "2.1", "neutrophils": "0.4",
                        "platelets": "40", "ferritin": "12400", "triglycerides": "3.4",
                        "fibrinogen": "1.2", "ast": "240", "alt": "180"}.items():
        table.item(GRID_KINDS.index(kind) + 1, FIRST_VALUE_COLUMN).setText(value)
    table.setFocus()
    table.setCurrentCell(TIME_ROW, FIRST_VALUE_COLUMN + 1)  # as Ctrl+Enter leaves it
    wait(300)
    save(window.grab(), "results-grid-offer-1024x768.png")
    window.close()


def course_form(tmp: Path) -> None:
    """The course form: the route shown follows the drug (methylprednisolone: IV), and
    a drug given more than one way (dexamethasone) asks for its route."""
    window = _desk_on(tmp, "courses.sqlite3")
    data = window.case_view.data_view
    window.case_view.tabs.setCurrentWidget(data)
    data.tabs.setCurrentWidget(data.treatments)
    form = data.treatments.form
    form.drug_box.setCurrentIndex(form.drug_box.findData("corticosteroid"))
    for name, file_name in (("methylprednisolone", "course-form-1024x768.png"),
                            ("dexamethasone", "course-form-1024x768-no-usual-route.png")):
        form.name_box.setCurrentIndex(form.name_box.findData(name))
        form.dose_edit.setText("1000" if name == "methylprednisolone" else "10")
        form.every_edit.setText("24")
        form.start_edit.setText("1/12 10am")
        if name == "dexamethasone":
            form.submit()  # refused: no route chosen
        form.route_box.setFocus()
        wait(300)
        save(window.grab(), file_name)
    window.close()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application_names()
    tmp = Path(tempfile.mkdtemp(prefix="hlhdesk-entry-shots-"))
    welcome(tmp)
    grid(tmp)
    grid_offer(tmp)
    course_form(tmp)
    signoff()
    app.quit()


if __name__ == "__main__":
    main()
