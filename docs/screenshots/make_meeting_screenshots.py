"""Screenshots of an MDT meeting on the demo database: the Meetings window, and
presentation mode with identifiers shown and hidden, at 1920x1080.

    HLHDESK_DATA_DIR=$(mktemp -d) python docs/screenshots/make_meeting_screenshots.py
    HLHDESK_DATA_DIR=$(mktemp -d) QT_QPA_PLATFORM=xcb xvfb-run -s "-screen 0 1920x1080x24" \\
        python docs/screenshots/make_meeting_screenshots.py --suffix -xvfb

Offscreen, each window is grabbed as a widget; under Xvfb the whole screen is grabbed,
so what is saved is what a real display showed. Writes meetings-*.png and
presentation-*.png here.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HLHDESK_DATA_DIR", tempfile.mkdtemp(prefix="hlhdesk-shots-"))

from hlhdesk.core import evaluate  # noqa: E402
from hlhdesk.core.meetings.meeting import Action, Attendee, Decision, Outcome  # noqa: E402
from hlhdesk.core.meetings.signoff import make_signoff  # noqa: E402
from hlhdesk.app.demo import build_demo_database  # noqa: E402
from hlhdesk.gui.meetings.meetings_window import MeetingsWindow  # noqa: E402
from hlhdesk.gui.qt import QApplication, QEventLoop, QGuiApplication, QSize, Qt, QTimer  # noqa: E402
from hlhdesk.gui.kit.settings import configure_application_names  # noqa: E402
from hlhdesk.paths import demo_database_path  # noqa: E402
from hlhdesk.store import open_database  # noqa: E402

PEOPLE = (
    Attendee("Dr A Chair", "Haematologist"),
    Attendee("Dr B Rheum", "Rheumatologist"),
    Attendee("Dr C Icu", "Intensivist"),
    Attendee("Dr D Paeds", "Paediatrician"),
    Attendee("Ms E Pharm", "Pharmacist"),
)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget, name: str) -> None:
    wait(400)
    if QGuiApplication.platformName() == "xcb":
        image = QGuiApplication.primaryScreen().grabWindow(0)
    else:
        image = widget.grab()
    path = HERE / name
    image.save(str(path))
    print(path, image.width(), "x", image.height())


def a_meeting(store) -> int:
    """Today's meeting: every case due on the agenda, two decided, one signed off."""
    repo = store
    today = date.today()
    meeting_id = repo.create_meeting(today, "Dr A Chair", PEOPLE)
    repo.add_offered(meeting_id, repo.offered_cases(meeting_id)[:8])
    agenda = repo.load_meeting(meeting_id).agenda
    first, second = agenda[0].case_id, agenda[1].case_id
    outcome_id = repo.record_outcome(Outcome(
        first, meeting_id, Decision.CONTINUE,
        rationale="Ferritin fell 24% from baseline by day 7; organ support weaning. Criteria for response met.",
        actions=(Action("Repeat ferritin and HScore", "Ward team", today + timedelta(days=3)),),
        next_review=today + timedelta(days=7), prior_approval_ref="BT-000123",
    ))
    case = store.load_case(first)
    repo.sign_off(make_signoff(repo.outcome(outcome_id).original, case, evaluate(case),
                               repo.load_meeting(meeting_id), signed_by="Dr A Chair",
                               signed_at=__import__("datetime").datetime.now()))
    repo.record_outcome(Outcome(
        second, meeting_id, Decision.DEFER_FOR_DATA,
        rationale="No weight recorded: dosing cannot be checked. Discuss again when recorded.",
        dissent="Dr C Icu would start today given the ferritin.",
        actions=(Action("Record weight", "Ward team", today + timedelta(days=1)),),
    ))
    return meeting_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    configure_application_names()
    path = demo_database_path()
    build_demo_database(path)
    store = open_database(path)
    meeting_id = a_meeting(store)

    window = MeetingsWindow(store)
    window.setWindowState(Qt.WindowState.WindowNoState)  # not fitted to the offscreen screen
    window.resize(1920, 1080)
    window.show()
    window.view.refresh(meeting_id)
    window.view.agenda.setCurrentRow(1)
    save(window, f"meetings-1920x1080{args.suffix}.png")

    window.present(meeting_id, window.view.store.load_meeting(meeting_id).agenda[0].case_id)
    shown = window.presentation
    wait(200)
    if QGuiApplication.platformName() != "xcb":  # the offscreen screen is 800x800
        shown.setWindowState(Qt.WindowState.WindowNoState)
        shown.fit_type_to(QSize(1920, 1080))  # as show_on does for a real 1080p screen
        shown.setGeometry(0, 0, 1920, 1080)
    save(shown, f"presentation-1920x1080{args.suffix}.png")
    shown.hide_switch.setChecked(True)
    save(shown, f"presentation-1920x1080-hidden{args.suffix}.png")
    shown.close()
    window.close()
    store.close()
    app.processEvents()


if __name__ == "__main__":
    main()
