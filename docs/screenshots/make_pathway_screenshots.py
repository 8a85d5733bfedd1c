"""Screenshots of where each patient is, on the demo database, at 1366x768 and 1024x768:
the case list (phase, day, verdict, last MDT decision, overdue actions, most pressing
first), the decision banner of CARROW (stop criterion met at day 15, for the MDT to
confirm), and a meeting's agenda with each case's phase and verdict.

    HLHDESK_DATA_DIR=$(mktemp -d) python docs/screenshots/make_pathway_screenshots.py

Offscreen: each window is grabbed as a widget. Writes pathway-{list,banner,agenda}-WxH.png here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HLHDESK_DATA_DIR", tempfile.mkdtemp(prefix="hlhdesk-shots-"))

from hlhdesk.app.demo import build_demo_database  # noqa: E402
from hlhdesk.app.statuses import cache_status  # noqa: E402
from hlhdesk.core.meetings.meeting import Action, Attendee, Decision, Outcome  # noqa: E402
from hlhdesk.gui.kit.settings import configure_application_names  # noqa: E402
from hlhdesk.gui.meetings.meetings_window import MeetingsWindow  # noqa: E402
from hlhdesk.gui.qt import QApplication, QEventLoop, Qt, QTimer  # noqa: E402
from hlhdesk.paths import demo_database_path  # noqa: E402
from hlhdesk.store import open_database  # noqa: E402
from make_screenshots import open_desk  # noqa: E402 - beside this script

SIZES = ((1366, 768), (1024, 768))
STOP_CASE = "Carrow"  # the demo's day-15, no-response case


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget, name: str) -> None:
    wait(300)
    path = HERE / name
    widget.grab().save(str(path))
    print(path)


def desk_shots(path: Path, width: int, height: int) -> None:
    window = open_desk(path, width, height)
    carrow = next(s for s in window.case_list.model.summaries() if s.family_name == STOP_CASE)
    window.case_list.select_case(carrow.case_id)
    save(window, f"pathway-banner-{width}x{height}.png")
    # The list given the whole window, as a chair scanning the list would drag it.
    window.splitter.setSizes([width, 0])
    save(window, f"pathway-list-{width}x{height}.png")
    window.splitter.setSizes([360, width - 360])  # what the next window restores
    window.close()


def an_earlier_meeting(path: Path) -> None:
    """Last week's meeting: BRIGHTWELL continued, with an action now overdue, so the list
    and the Decision tab show the MDT's own record."""
    store = open_database(path)
    today = date.today()
    case_id = next(s.case_id for s in store.list_cases() if s.family_name == "Brightwell")
    meeting_id = store.create_meeting(today - timedelta(days=3), "Dr A Chair")
    store.add_to_agenda(meeting_id, case_id)
    store.record_outcome(Outcome(
        case_id, meeting_id, Decision.CONTINUE, rationale="Starting dose; reassess ferritin at day 7.",
        actions=(Action("Repeat ferritin and HScore", "Ward team", today - timedelta(days=1)),),
    ))
    cache_status(store, case_id, datetime.now().replace(second=0, microsecond=0))
    store.close()


def agenda_shot(path: Path, width: int, height: int) -> None:
    store = open_database(path)
    meeting_id = store.create_meeting(date.today(), "Dr A Chair", (Attendee("Dr A Chair", "Haematologist"),))
    store.add_offered(meeting_id, store.offered_cases(meeting_id))
    window = MeetingsWindow(store)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, height)
    window.show()
    window.view.refresh(meeting_id, reload_cases=True)
    save(window, f"pathway-agenda-{width}x{height}.png")
    window.close()
    store.close()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    configure_application_names()
    path = demo_database_path()
    for width, height in SIZES:
        build_demo_database(path)
        an_earlier_meeting(path)
        desk_shots(path, width, height)
        agenda_shot(path, width, height)
    app.processEvents()


if __name__ == "__main__":
    main()
