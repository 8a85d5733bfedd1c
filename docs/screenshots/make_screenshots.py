"""Screenshots of the desk on the demo database, for the README and for looking at.

    HLHDESK_DATA_DIR=$(mktemp -d) python docs/screenshots/make_screenshots.py [--suffix -xvfb]

Offscreen by default; under `xvfb-run -s "-screen 0 1920x1080x24"` with QT_QPA_PLATFORM=xcb
it shows and grabs a real window. Writes desk-<width>x<height>[-tab]<suffix>.png here.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HLHDESK_DATA_DIR", tempfile.mkdtemp(prefix="hlhdesk-shots-"))

from hlhdesk.app.demo import build_demo_database  # noqa: E402
from hlhdesk.gui.desk.main_window import MainWindow  # noqa: E402
from hlhdesk.gui.qt import QApplication, QEventLoop, Qt, QTimer  # noqa: E402
from hlhdesk.gui.kit.settings import configure_application_names  # noqa: E402
from hlhdesk.paths import demo_database_path  # noqa: E402

SIZES = ((1024, 768), (1366, 768), (1920, 1080))


def open_desk(path: Path, width: int, height: int) -> MainWindow:
    """The desk at a window size, once its case list has loaded from `path`."""
    window = MainWindow()
    window.setWindowState(Qt.WindowState.WindowNoState)  # not fitted to the offscreen screen
    window.resize(width, height)
    window.show()
    loop = QEventLoop()
    window.cases_loaded.connect(loop.quit)
    window.files.open_database(path)
    loop.exec()
    return window
TABS = ("", "-data", "-details")


def wait(app, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    parser.add_argument("--case", default="", help="family name of the case to show")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    configure_application_names()
    path = demo_database_path()
    build_demo_database(path)
    for width, height in SIZES:
        window = open_desk(path, width, height)
        summaries = window.case_list.model.summaries()
        wanted = [s for s in summaries if args.case and s.family_name == args.case]
        case = wanted[0] if wanted else max(summaries, key=lambda s: s.observation_count)
        window.case_list.select_case(case.case_id)
        for index, tab in enumerate(TABS):
            window.case_view.tabs.setCurrentIndex(index)
            wait(app, 300)
            out = HERE / f"desk-{width}x{height}{tab}{args.suffix}.png"
            window.grab().save(str(out))
            print(out)
        window.close()


if __name__ == "__main__":
    main()
