"""The Meetings window (Ctrl+M from the desk), presentation mode, and printing.

`install_meetings(main_window)` is the one call the desk makes: it adds Meetings > Meetings window,
connects File > Print (the current case summary) and File > Save as PDF, and keeps the
Meetings window on the database the desk has open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hlhdesk.core.meetings.agenda import meeting_as_of
from hlhdesk.gui.render.printing import print_pdf, save_pdf
from hlhdesk.errors import InputError
from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.kit.outside_changes import DataVersionWatcher
from hlhdesk.gui.qt import QAction, QEvent, QInputDialog, QKeySequence, QMainWindow, QSize
from hlhdesk.gui.kit.window_geometry import restore_window, save_window


class MeetingsWindow(QMainWindow):
    def __init__(self, store, *, evaluate: Callable | None = None, now: Callable[[], datetime] = datetime.now, parent=None):
        # Imported here, not at the top: the desk installs this module at start-up, and
        # the meeting view brings in the store (sqlite-utils, numpy) before first paint.
        from hlhdesk.app.statuses import evaluate_case
        from hlhdesk.gui.meetings.meeting_view import MeetingView

        super().__init__(parent)
        self.setWindowTitle("hlhdesk: MDT meetings")
        self.evaluate = evaluate or evaluate_case
        self.now = now
        self.view = MeetingView(store, evaluate=self.evaluate, now=now)
        self.view.present_requested.connect(self.present)
        self.setCentralWidget(self.view)
        self.presentation = None
        self._build_menus()
        restore_window(self, "meetings", QSize(1600, 950))
        # Outcomes recorded on the command line or at another desk appear here (the
        # agenda, and the open outcome unless the chair is typing in it).
        self.outside_changes = DataVersionWatcher(lambda: self.view.store, self)
        self.outside_changes.changed.connect(self._changed_elsewhere)

    def _build_menus(self) -> None:
        def add(menu, text, slot, shortcut=None):
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)
            return action

        file_menu = self.menuBar().addMenu("&File")
        self.print_action = add(file_menu, "&Print meeting pack…", self.print_pack, QKeySequence.StandardKey.Print)
        self.save_pdf_action = add(file_menu, "Save meeting pack as P&DF…", self.save_pack, "Ctrl+Shift+S")
        # Checked: the pack carries each case's evidence appendix after its proforma.
        self.pack_evidence_action = QAction("Pack with the &evidence appendix", self, checkable=True)
        file_menu.addAction(self.pack_evidence_action)
        self.print_signed_action = add(file_menu, "Print the &signed record of this case…", self.print_signed)
        self.print_letter_action = add(file_menu, "Print the outcome &letter to the referrer…", self.print_letter)
        self.save_letter_action = add(file_menu, "Save the outcome letter as PDF…", self.save_letter)
        file_menu.addSeparator()
        add(file_menu, "&Close window", self.close, QKeySequence.StandardKey.Close)
        meeting_menu = self.menuBar().addMenu("&Meeting")
        add(meeting_menu, "&New meeting…", self.view.new_meeting, QKeySequence.StandardKey.New)
        add(meeting_menu, "Add cases &due…", self.view.add_due_cases, "Ctrl+D")
        add(meeting_menu, "&Present", self.view.present)
        add(meeting_menu, "&Close meeting…", self.view.close_meeting)

    def closeEvent(self, event) -> None:
        if not self.view.may_leave_outcome():
            event.ignore()  # typing kept: the chair chose to go back to it
            return
        save_window(self, "meetings")
        super().closeEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.outside_changes.check()  # back from the command line or the desk
        return super().event(event)

    def _changed_elsewhere(self) -> None:
        self.view.refresh(reload_cases=True)
        self.statusBar().showMessage("Changes made elsewhere are shown.", 8_000)

    def set_store(self, store) -> None:
        """The desk opened another database: show its meetings."""
        self.view.set_store(store)
        self.outside_changes.start()

    # -- presenting -------------------------------------------------------------------

    def present(self, meeting_id: int, case_id: int) -> None:
        from hlhdesk.gui.meetings.presentation import PresentationWindow, Slide, choose_screen

        meeting = self.view.store.load_meeting(meeting_id)
        slides = [Slide(item.case_id, item.reason.label) for item in meeting.agenda]
        start = next((i for i, s in enumerate(slides) if s.case_id == case_id), 0)
        screen = choose_screen(self)
        if screen is None:
            return
        as_of = meeting_as_of(meeting.held_on, self.now())

        def load(case_id: int):
            from hlhdesk.core.evaluation.pathway import pathway_of

            case = self.view.store.load_case(case_id)
            evaluation = self.evaluate(case, as_of)
            return case, evaluation, pathway_of(evaluation, self.view.store.outcomes_of_case(case_id), as_of)

        self.presentation = PresentationWindow(
            slides, load, title=f"MDT meeting {meeting.held_on:%d/%m/%Y}", start_at=start
        )
        self.presentation.show_on(screen)

    # -- printing ---------------------------------------------------------------------

    def meeting_pack_pdf(self) -> bytes:
        from hlhdesk.app.printouts import pack_for_meeting

        return pack_for_meeting(self.view.store, self.view.current_meeting_id(), evaluate=self.evaluate,
                                with_evidence=self.pack_evidence_action.isChecked())

    def _pack_name(self) -> str:
        meeting = self.view.meeting
        return f"MDT meeting pack {meeting.held_on:%Y-%m-%d}.pdf" if meeting else "MDT meeting pack.pdf"

    def print_pack(self) -> None:
        if self._need_meeting():
            print_pdf(self, self.meeting_pack_pdf, self._pack_name())

    def save_pack(self) -> None:
        if self._need_meeting():
            self._say_saved(save_pdf(self, self.meeting_pack_pdf, self._pack_name()), "The meeting pack")

    def _say_saved(self, path, what: str) -> None:
        """Confirm where a PDF went (nothing is said if it was not saved: that says why)."""
        if path is not None:
            self.statusBar().showMessage(f"{what} was saved as {path}", 15_000)
            dialogs.inform(self, "Saved", f"{what} was saved as:\n{path}")

    def _signed_record(self, what: str):
        """The case selected on the agenda and its outcome, if that is signed off."""
        case_id = self.view.current_case_id()
        record = self.view._records.get(case_id) if case_id is not None else None
        if record is None or record.signoff is None:
            dialogs.inform(self, what, "Select a case whose outcome is signed off.")
            return None, None
        return case_id, record

    def print_signed(self) -> None:
        """The signed-off record, rebuilt from its frozen copy alone (identical reprint)."""
        from hlhdesk.app.printouts import summary_for_record

        case_id, record = self._signed_record("Print")
        if record is not None:
            print_pdf(self, lambda: summary_for_record(self.view.store, case_id, record),
                      f"MDT signed record case {case_id}.pdf")

    def _letter(self, what: str):
        """The one-page letter to the referring clinician for the signed outcome on
        screen (from its frozen copy, as signed, with any amendments)."""
        from hlhdesk.app.printouts import letter_for_record

        case_id, record = self._signed_record(what)
        if record is None:
            return None, None
        return (lambda: letter_for_record(self.view.store, case_id, record, evaluate=self.evaluate),
                f"MDT outcome letter case {case_id}.pdf")

    def print_letter(self) -> None:
        build, name = self._letter("Print outcome letter")
        if build is not None:
            print_pdf(self, build, name)

    def save_letter(self) -> None:
        build, name = self._letter("Save outcome letter")
        if build is not None:
            self._say_saved(save_pdf(self, build, name), "The outcome letter")

    def _need_meeting(self) -> bool:
        if self.view.current_meeting_id() is None:
            dialogs.inform(self, "Print", "Select a meeting first.")
            return False
        return True


def install_meetings(window) -> None:
    """Wire meetings and printing into the desk's main window."""
    holder: dict[str, MeetingsWindow | None] = {"meetings": None}

    def open_meetings() -> None:
        store = dialogs.store_or_say(window, "Meetings")
        if store is None:
            return
        meetings = holder["meetings"]
        if meetings is None:
            meetings = holder["meetings"] = MeetingsWindow(store, parent=window)
            meetings.view.outcome_changed.connect(window.mdt_record_changed)
        elif meetings.view.store is not store:
            meetings.set_store(store)
        else:
            meetings.view.refresh(reload_cases=True)  # cases may have been added on the desk
        meetings.show()
        meetings.raise_()
        meetings.activateWindow()

    def case_pdf() -> bytes:
        """The case as the desk shows it (its as-of time and evaluator), with its latest
        outcome; a signed-off outcome prints its frozen record."""
        from hlhdesk.app.printouts import summary_for_case

        session = window.session
        return summary_for_case(session.store, session.case_id, as_of=session.as_of, evaluate=session.evaluator)

    def case_name() -> str:
        return f"MDT case summary case {window.session.case_id}.pdf"

    def flag_case() -> None:
        from hlhdesk.app.meetings import flag_case as flag

        store, case_id = window.session.store, window.session.case_id
        if store is None or case_id is None:
            dialogs.inform(window, "Flag for the MDT", "Select a case first.")
            return
        note, ok = QInputDialog.getText(window, "Flag for the MDT", "Why should the MDT discuss this case?")
        if not ok:
            return
        try:
            flag(store, case_id, note)
        except InputError as exc:
            dialogs.warn(window, "Flag for the MDT", str(exc))
            return
        window.statusBar().showMessage("Flagged: it will be offered for the next meeting's agenda.", 5000)

    # A menu of its own (it was hidden under View): the meeting is half the app's work.
    window.meetings_action = window.add_action("meetings", "&Meetings window…", open_meetings, "Ctrl+M")
    window.flag_action = window.add_action("case", "&Flag for the next MDT…", flag_case, "Ctrl+Shift+F")
    window.menu("meetings").addAction(window.flag_action)  # found under either menu
    save_action = QAction("Save case summary as P&DF…", window)
    window.menu("file").insertAction(window.print_action, save_action)
    save_action.triggered.connect(lambda: save_pdf(window, case_pdf, case_name()))
    window.print_action.triggered.connect(lambda: print_pdf(window, case_pdf, case_name()))
    window.save_case_pdf_action = save_action

    def case_changed(case) -> None:
        for action in (window.print_action, save_action):
            action.setEnabled(case is not None)

    window.session.case_loaded.connect(case_changed)
    case_changed(window.session.case)
    window.files.database_opened.connect(
        lambda _path: holder["meetings"] and holder["meetings"].set_store(window.session.store)
    )
    window.meetings_window = lambda: holder["meetings"]
