"""Start the desktop application.

The case list is read on a worker thread while the main window is built and shown; it
shows as soon as the window is painted, and the database's opening check runs after it
(gui/admin/opening.py), so the window and the list appear at once however large the
database is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hlhdesk.logs import log_unexpected


def install_excepthook(parent_getter, unattended=None) -> None:
    """Unexpected errors: logged with their traceback, shown in plain words only.

    `unattended(message)`, when given, is called instead of showing a dialog: an
    install check has nobody to click it away, so it must fail at once."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            raise exc
        except BaseException:  # noqa: BLE001 - re-raised only to log it with its traceback
            where = log_unexpected("desktop application", exc_type.__name__)
        if unattended is not None:
            unattended(f"an unexpected error ({exc_type.__name__}); details in {where}")
            return
        from hlhdesk.gui.kit import dialogs
        dialogs.warn(parent_getter(), "Something went wrong",
                     "hlhdesk met an unexpected problem. Your saved work is safe; the last "
                     f"change may not have been saved.\n\nDetails were written to {where}.")

    sys.excepthook = hook


def choose_database(db_path: Path | None) -> Path:
    from hlhdesk.gui.kit.settings import last_database
    from hlhdesk.paths import default_database_path

    if db_path is not None:
        return Path(db_path)
    last = last_database()
    return last if last is not None and last.exists() else default_database_path()


# If opening the database takes longer than this, the plots are built anyway.
PLOTS_AT_THE_LATEST_MS = 8_000


def run_app(db_path: Path | None = None, smoke: bool = False) -> int:
    from hlhdesk.gui.qt import QApplication, QEvent, QTimer
    from hlhdesk.gui.kit.settings import configure_application_names

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application_names()
    path = choose_database(db_path)
    from hlhdesk.gui.admin.opening import ListRead
    from hlhdesk.gui.desk.main_window import MainWindow
    from hlhdesk.gui.startup import after_first_paint
    from hlhdesk.gui.render.printing import remove_print_files

    # The case list is read on a worker thread (sqlite3 alone, the query one step of
    # SQLite's own) while the window is built and painted, and shown just after the
    # window's first paint. Started before the imports above, or shown in the first
    # paint, it made the window itself later on a busy machine, and the list no sooner.
    list_read = ListRead(path)
    remove_print_files(leftovers=True)
    app.aboutToQuit.connect(remove_print_files)
    window = MainWindow()
    # The smoke check ends as soon as the database is open (checked) and its list shown:
    # no background evaluation.
    window.files.refresh_stale_statuses = not smoke
    exit_code = {"value": 0}

    def fail_smoke(message: str) -> None:
        # an install check must fail loudly, not wait for a click
        print(f"hlhdesk: {message}", file=sys.stderr)
        exit_code["value"] = 1
        app.quit()

    install_excepthook(lambda: window, unattended=fail_smoke if smoke else None)
    window.show()
    if smoke:
        window.cases_loaded.connect(lambda: QTimer.singleShot(0, app.quit))
        window.files.open_failed_hook = fail_smoke

    # The plots (pyqtgraph) are built once the case list is shown, not meanwhile:
    # importing pyqtgraph while the database opened held the interpreter, and the list,
    # what the user came for, appeared seconds later.
    def build_plots_after_the_list_paints(*_args) -> None:
        after_first_paint(window.case_list.table.viewport(), window.case_view.build_plots)

    # A large database's list shows before its opening check: the plots come once its
    # first case is shown (database_reading), while the check runs on a worker thread.
    window.files.database_reading.connect(build_plots_after_the_list_paints)
    window.cases_loaded.connect(build_plots_after_the_list_paints)
    # The rest of the store is imported, and the file checked, once the list has shown.
    after_first_paint(window, lambda: window.files.open_database(path, list_read))
    window.case_view.build_plots_within(PLOTS_AT_THE_LATEST_MS)
    # Quitting closes the window, and closing the last window asks Qt to quit again: a
    # Quit event can be left queued after an event loop ends, and would end the next one
    # at once (this run's, a second run_app's in the same process, a test's wait).
    QApplication.removePostedEvents(app, QEvent.Type.Quit)
    result = app.exec()
    QApplication.removePostedEvents(app, QEvent.Type.Quit)
    return exit_code["value"] or result
