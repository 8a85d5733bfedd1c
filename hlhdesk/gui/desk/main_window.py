"""The main window: case list on the left, the case under review on the right, menus
built in one place (`_build_menus`). Other parts add to it with `add_action(menu, action)`:
printing connects `print_action`, the meetings and About screens add their own entries."""

from __future__ import annotations

from pathlib import Path

from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.admin.about_dialog import add_help_actions
from hlhdesk.gui.admin.quick_guide import show_quick_guide
from hlhdesk.gui.admin.welcome import Welcome
from hlhdesk.gui.admin.backups_dialog import install_backups
from hlhdesk.gui.desk.case_list_view import CaseListPane
from hlhdesk.gui.desk.case_session import CaseSession
from hlhdesk.gui.desk.case_view import CaseView
from hlhdesk.gui.desk.status_refresh import SHOWN_STATUS_FIELDS
from hlhdesk.gui.admin.file_actions import FileActions
from hlhdesk.gui.labs.lab_actions import LabActions
from hlhdesk.gui.audit.menu import install_audit
from hlhdesk.gui.meetings.meetings_window import install_meetings
from hlhdesk.gui.kit.outside_changes import OutsideChanges
from hlhdesk.gui.qt import (
    QAction,
    QEvent,
    QFileDialog,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    Signal,
)
from hlhdesk.gui.kit.settings import app_settings, recent_databases, restore_table_columns, save_table_columns
from hlhdesk.gui.kit.window_geometry import DESK_SIZE, restore_window, save_window

MENU_TITLES = {"file": "&File", "edit": "&Edit", "case": "&Case", "meetings": "&Meetings", "view": "&View",
               "tools": "&Tools", "help": "&Help"}


class MainWindow(QMainWindow):
    cases_loaded = Signal()

    def __init__(self, session: CaseSession | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("hlhdesk: HLH MDT desk")
        self.setAcceptDrops(True)
        self.session = session or CaseSession(parent=self)
        self.case_list = CaseListPane()
        self.case_view = CaseView(self.session)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.case_list)
        # No case open (first start, an empty database): ways to begin, not empty plots.
        self.welcome = Welcome()
        self.case_or_welcome = QStackedWidget()
        self.case_or_welcome.addWidget(self.welcome)
        self.case_or_welcome.addWidget(self.case_view)
        self.splitter.addWidget(self.case_or_welcome)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.setCentralWidget(self.splitter)
        self.files = FileActions(self)
        self.labs = LabActions(self)
        self.outside_changes = OutsideChanges(self)  # the CLI or another desk wrote

        self.busy_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Progress")
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.hide()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.progress_bar)

        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        self._connect()
        install_meetings(self)  # View > Meetings, Case > Flag, File > Print / Save as PDF
        install_backups(self)  # File > Backups…
        install_audit(self)  # Tools > Service audit…
        self._restore_settings()

    # -- menus ----------------------------------------------------------------------------
    def menu(self, key: str) -> QMenu:
        if key not in self.menus:
            self.menus[key] = self.menuBar().addMenu(MENU_TITLES.get(key, key))
        return self.menus[key]

    def add_action(self, menu: str, text: str, slot=None, shortcut=None, enabled: bool = True) -> QAction:
        """Add an action to a menu (and so to the window's shortcuts)."""
        action = QAction(text, self)
        if shortcut:
            shortcuts = shortcut if isinstance(shortcut, (list, tuple)) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if slot is not None:
            action.triggered.connect(slot)
        action.setEnabled(enabled)
        self.menu(menu).addAction(action)
        return action

    def _build_menus(self) -> None:
        for key in MENU_TITLES:
            self.menu(key)
        add, files = self.add_action, self.files
        self.new_case_action = add("file", "&New case…", files.new_case, QKeySequence.StandardKey.New)
        self.open_action = add("file", "&Open database…", files.choose_database, QKeySequence.StandardKey.Open)
        self.recent_menu = self.menu("file").addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        add("file", "Open &demo database", files.open_demo)
        self.menu("file").addSeparator()
        self.import_action = add("file", "&Import case files…", files.choose_case_files, "Ctrl+I")
        self.export_action = add("file", "&Export case file…", files.export_case, "Ctrl+E")
        self.import_labs_action = add("file", "Import &lab results…", self.labs.choose_lab_file, "Ctrl+L")
        add("file", "Lab &test names…", self.labs.edit_test_names)
        self.menu("file").addSeparator()
        # install_meetings connects it (the case summary PDF); enabled while a case is open.
        self.print_action = add("file", "&Print case summary…", None, QKeySequence.StandardKey.Print,
                                enabled=False)
        self.menu("file").addSeparator()
        add("file", "&Quit", self.close, QKeySequence.StandardKey.Quit)

        group = self.session.undo_group
        self.undo_action = group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.menu("edit").addActions([self.undo_action, self.redo_action])
        self.menu("edit").addSeparator()
        add("edit", "&Find case", self.case_list.focus_search, QKeySequence.StandardKey.Find)

        add("case", "&Next case", lambda: self.case_list.select_relative(+1), ["Ctrl+PgDown", "Alt+Down"])
        add("case", "&Previous case", lambda: self.case_list.select_relative(-1), ["Ctrl+PgUp", "Alt+Up"])
        add("case", "&Decision", lambda: self.case_view.tabs.setCurrentIndex(0), "Ctrl+1")
        add("case", "D&ata", lambda: self.case_view.tabs.setCurrentIndex(1), "Ctrl+2")
        add("case", "Patient and &case", lambda: self.case_view.tabs.setCurrentIndex(2), "Ctrl+3")
        self.menu("case").addSeparator()
        self.episodes_action = add("case", "&Episodes of anakinra…", self.edit_episode_starts, enabled=False)
        add("view", "Export &plots as PNG…", self.export_plots)
        self.quick_guide_action = add("help", "&Quick guide", lambda: show_quick_guide(self), "F1")
        add_help_actions(self)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in recent_databases():
            self.recent_menu.addAction(str(path), lambda p=path: self.files.open_database(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # -- wiring -----------------------------------------------------------------------------
    def _connect(self) -> None:
        self.case_list.case_selected.connect(self._case_selected)
        # Through lambdas, so the actions are looked up when clicked (tests replace them).
        self.welcome.demo_button.clicked.connect(lambda: self.files.open_demo())
        self.welcome.new_case_button.clicked.connect(lambda: self.files.new_case())
        self.welcome.import_button.clicked.connect(lambda: self.files.choose_case_files())
        self.welcome.guide_button.clicked.connect(lambda: show_quick_guide(self))
        self.session.status_changed.connect(self.case_list.model.set_status)
        self.session.case_loaded.connect(self._case_loaded)
        self.case_view.mdt_record.mark_done_requested.connect(self.record_action_done)
        self.session.failed.connect(lambda message: dialogs.warn(self, "hlhdesk", message))
        self.files.busy.connect(self._show_busy)
        self.files.progress.connect(self._show_progress)
        self.files.database_listed.connect(self._database_listed)
        self.files.database_reading.connect(self._database_reading)
        self.files.database_opened.connect(self._database_opened)
        self.files.database_closed.connect(self._database_closed)
        self.files.database_refused.connect(self._database_refused)

    def _case_selected(self, case_id) -> None:
        if case_id == self.session.case_id:
            return  # the list put back on the case being edited
        if not self.may_leave_case():
            QTimer.singleShot(0, lambda: self.case_list.select_case(self.session.case_id))
            return
        self.session.open_case(case_id)

    def may_leave_case(self) -> bool:
        """Before another case (or quitting) replaces the one on screen: typing not yet
        saved on the Patient and case form is saved, thrown away, or kept by staying."""
        details = self.case_view.details_view
        if not details.has_unsaved_changes():
            return True
        name = self.session.case.patient.display_name
        answer = dialogs.ask_to_save(
            self, "Unsaved changes",
            f"The Patient and case details of {name} have changes that are not saved.\n\n"
            "Save them, throw them away, or cancel to go back to them?")
        if answer == "save":
            return details.save()  # a refused save shows why beside the form, and stays
        return answer == "discard"

    def _case_loaded(self, case) -> None:
        has_case = case is not None
        self.export_action.setEnabled(has_case)
        self.episodes_action.setEnabled(has_case)
        self._show_welcome(not has_case)
        if has_case:
            self.case_list.model.refresh_from_case(self.session.case_id, case)

    def edit_episode_starts(self) -> None:
        """Case > Episodes of anakinra: the MDT's own episode starts, saved as one undoable edit."""
        from hlhdesk.gui.desk.commands import UpdateCaseFields
        from hlhdesk.gui.entry.episode_starts_dialog import EpisodeStartsDialog

        session = self.session
        if session.case is None:
            return
        dialog = EpisodeStartsDialog(session.case, session.evaluator, session.effective_as_of, self)
        if dialog.exec() != EpisodeStartsDialog.DialogCode.Accepted or not dialog.has_changes():
            return
        patient, details = session.case.patient, session.case.details
        session.execute(UpdateCaseFields(session, patient, details, patient, dialog.edited_details(),
                                         "set the episode starts"))

    def record_action_done(self, record, action) -> None:
        """An outstanding MDT action's "record as done" link on the Decision tab."""
        from hlhdesk.gui.meetings.action_done_dialog import ActionDoneDialog

        store = dialogs.store_or_say(self, "Record an action as done")
        if store is None:
            return
        if ActionDoneDialog(store, record, action, self).exec() == ActionDoneDialog.DialogCode.Accepted:
            self.mdt_record_changed(record.original.case_id)

    def _show_welcome(self, welcome: bool) -> None:
        if welcome:
            store = self.session.store
            self.welcome.show_state(None if store is None else len(self.case_list.model.summaries()),
                                    None if store is None else store.path.name)
        self.case_or_welcome.setCurrentWidget(self.welcome if welcome else self.case_view)

    def mdt_record_changed(self, case_id: int) -> None:
        """An MDT outcome was saved, signed or amended (the Meetings window): the list row
        shows the status the store now caches (its phase, last decision), and the case on
        screen its new MDT record."""
        status = self.session.store.case_status(case_id) if self.session.store is not None else None
        if status is not None:
            self.case_list.model.set_status(case_id, {name: getattr(status, name) for name in SHOWN_STATUS_FIELDS})
        if case_id == self.session.case_id:
            self.session.reload()

    def _database_listed(self, path: Path) -> None:
        """The cases are shown before the opening check: nothing can be saved yet."""
        self.setWindowTitle(f"hlhdesk: {path.name} (checking…)")
        self._allow_writes(False)
        self.statusBar().showMessage(
            f"Checking {path.name}… You can read the cases; nothing can be saved until the check has passed.")

    def _database_reading(self, _path: Path) -> None:
        """Cases can be read while the check runs: the one selected (or the first) opens."""
        selected = self.case_list.selected_case()
        if selected is not None:
            self.session.open_case(selected)
        else:
            self.case_list.select_relative(0)
        self._show_welcome(self.session.case is None)

    def _database_opened(self, path: Path) -> None:
        self.setWindowTitle(f"hlhdesk: {path.name}")
        self._allow_writes(True)
        if self.statusBar().currentMessage().startswith("Checking "):
            self.statusBar().clearMessage()
        if self.session.case_id is not None and self.session.case is None:
            self.session.reload()  # it could not be read before the check: it can now
        self._show_welcome(self.session.case is None)
        self.case_list.select_relative(0)
        self.cases_loaded.emit()

    def _database_closed(self, _path: Path) -> None:
        """What was shown before an opening check is gone: no database is open."""
        self.setWindowTitle("hlhdesk: HLH MDT desk")
        self._allow_writes(True)
        self.statusBar().clearMessage()
        self._show_welcome(True)

    def _database_refused(self, path: Path) -> None:
        # Not always damage (another hlhdesk may have held it too long): the message says.
        self.statusBar().showMessage(f"⚠ {path.name} was not opened; nothing in it was changed.")

    def _allow_writes(self, allowed: bool) -> None:
        """What only writes: off while an opening check runs (the store refuses them too)."""
        for action in (self.new_case_action, self.import_action, self.import_labs_action):
            action.setEnabled(allowed)

    def _show_busy(self, text: str) -> None:
        self.busy_label.setText(text)
        self.progress_bar.setVisible(bool(text))
        self.progress_bar.setRange(0, 0)  # busy until a count arrives

    def _show_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def export_plots(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export plots", "trajectories.png", "PNG images (*.png)")
        if name:
            self.case_view.plots.export_png(Path(name))

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            # Back from the command line or another program: anything written meanwhile?
            self.outside_changes.check()
        return super().event(event)

    # -- drag and drop of case files --------------------------------------------------------
    @staticmethod
    def _json_paths(event) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(u.toLocalFile()) for u in urls if u.toLocalFile().lower().endswith(".json")]

    def dragEnterEvent(self, event) -> None:
        if self._json_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = self._json_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files.import_files(paths)

    # -- remembered layout -----------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        restore_window(self, "window", DESK_SIZE)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([360, 1006])
        for key, table in self._remembered_tables():
            restore_table_columns(table, key)

    def save_settings(self) -> None:
        settings = app_settings()
        save_window(self, "window")
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        for key, table in self._remembered_tables():
            save_table_columns(table, key)

    def _remembered_tables(self):
        """Every table whose column widths are kept between sessions, with its key."""
        # "cases-pathway": the columns changed (phase, day, verdict...), so widths saved
        # for the old columns are not given to the new ones.
        yield "cases-pathway", self.case_list.table
        for pane in self.case_view.data_view.panes():
            yield f"data-{pane.name}", pane.table

    def closeEvent(self, event) -> None:
        if not self.may_leave_case():
            self.case_view.tabs.setCurrentWidget(self.case_view.details_view)
            event.ignore()
            return
        # Quitting closes the Meetings window with the desk: its outcome typing too is
        # saved, thrown away, or kept by staying.
        meetings = self.meetings_window() if hasattr(self, "meetings_window") else None
        if meetings is not None and meetings.isVisible() and not meetings.view.may_leave_outcome():
            meetings.raise_()
            event.ignore()
            return
        self.outside_changes.timer.stop()
        self.save_settings()
        super().closeEvent(event)
