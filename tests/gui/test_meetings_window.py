"""The desk's wiring: View > Meetings opens the Meetings window on the desk's database,
Case > Flag offers the case to the next meeting, File > Print hands the case summary PDF
to the viewer, and the Meetings window presents the agenda and prints the pack."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from hlhdesk.gui.render import printing
from hlhdesk.gui.qt import QInputDialog, QUrl
from tests.support.meetings import meeting_with

@pytest.fixture
def opened(monkeypatch):
    """PDFs handed to the system viewer: their text, instead of a viewer opening."""
    texts: list[str] = []

    def open_url(url: QUrl) -> bool:
        reader = PdfReader(url.toLocalFile())
        texts.append("\n".join(page.extract_text() for page in reader.pages))
        return True

    monkeypatch.setattr(printing, "HAVE_QTPDF", False)
    monkeypatch.setattr(printing.QDesktopServices, "openUrl", staticmethod(open_url))
    return texts


def test_print_hands_the_case_summary_to_the_viewer(window, opened):
    window.case_list.select_relative(0)
    assert window.session.case is not None and window.print_action.isEnabled()
    window.print_action.trigger()
    assert opened and "EXAMPLE" in opened[0].upper() and "No MDT decision recorded" in opened[0]


def test_flag_then_meetings_offers_the_case(window, store, monkeypatch, messages):
    window.case_list.select_relative(0)
    case_id = window.session.case_id
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("new marrow result", True)))
    window.flag_action.trigger()
    repo = store
    meeting_id = repo.create_meeting(date(2026, 10, 16), "Dr A Chair")
    assert (case_id, "flagged") in [(o.case_id, o.reason.value) for o in repo.offered_cases(meeting_id)]

    window.meetings_action.trigger()
    meetings = window.meetings_window()
    assert meetings.isVisible() and meetings.view.store is store
    assert meetings.view.meeting_list.count() == 1


def test_the_meetings_window_presents_and_prints_the_pack(window, store, qtbot, opened):
    meeting_id = meeting_with(store, [s.case_id for s in store.list_cases()[:2]])
    window.meetings_action.trigger()
    meetings = window.meetings_window()
    meetings.view.present()
    shown = meetings.presentation
    qtbot.addWidget(shown)
    assert shown.isVisible() and shown.counter.text().startswith("Case 1 of 2")
    shown.close()
    meetings.print_action.trigger()
    assert "HLH MDT meeting pack" in opened[-1] and "16/10/2026" in opened[-1]
    assert "Evidence appendix" not in opened[-1]
    meetings.pack_evidence_action.setChecked(True)  # File > Pack with the evidence appendix
    meetings.print_action.trigger()
    assert "Evidence appendix" in opened[-1]


def test_save_pack_as_pdf_writes_the_file_chosen(window, store, tmp_path, monkeypatch):
    from hlhdesk.gui.qt import QFileDialog

    meeting_id = meeting_with(store, [store.list_cases()[0].case_id])
    window.meetings_action.trigger()
    target = tmp_path / "pack"  # no suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.meetings_window().save_pdf_action.trigger()
    written = tmp_path / "pack.pdf"
    assert written.read_bytes().startswith(b"%PDF") and len(PdfReader(written).pages) >= 2


def test_with_two_screens_the_chair_chooses_and_the_other_screen_comes_first(window, monkeypatch):
    from hlhdesk.gui.meetings import presentation
    class FakeScreen:
        def __init__(self, name):
            self._name = name

        def name(self):
            return self._name

        def geometry(self):
            from hlhdesk.gui.qt import QRect

            return QRect(0, 0, 1920, 1080)

    desk, projector = FakeScreen("DESK"), FakeScreen("PROJECTOR")
    monkeypatch.setattr(presentation.QGuiApplication, "screens", staticmethod(lambda: [desk, projector]))
    monkeypatch.setattr(window, "screen", lambda: desk)
    offered = []

    def get_item(parent, title, label, names, current, editable):
        offered.append(names)
        return names[current], True

    monkeypatch.setattr(presentation.QInputDialog, "getItem", staticmethod(get_item))
    assert presentation.choose_screen(window) is projector
    assert offered[0] == ["PROJECTOR (1920×1080)", "DESK (1920×1080)"]


def open_meeting_on_one_case(window, store):
    """The Meetings window on a meeting of 16/10/2026 with the first case on its agenda,
    that case selected."""
    case_id = store.list_cases()[0].case_id
    meeting_id = meeting_with(store, [case_id])
    window.meetings_action.trigger()
    meetings = window.meetings_window()
    meetings.view.refresh(meeting_id, case_id)
    return meetings


def test_the_outcome_letter_prints_for_a_signed_outcome_only(window, store, monkeypatch, opened, messages):
    from hlhdesk.gui.meetings import meeting_dialogs, signoff_dialog
    meetings = open_meeting_on_one_case(window, store)
    view = meetings.view
    view.form.decision.setCurrentIndex(view.form.decision.findData("continue"))
    view.form.rationale.setPlainText("Ferritin fell by a quarter")
    assert view.save_outcome()
    meetings.print_letter_action.trigger()  # recorded but not signed: no letter yet
    assert opened == [] and "signed off" in messages[-1][1]

    monkeypatch.setattr(signoff_dialog, "ask_signature", lambda *args: True)
    view.sign_off()
    meetings.print_letter_action.trigger()
    letter = opened[-1]
    assert "HLH MDT outcome letter" in letter
    assert "Ferritin fell by a quarter" in letter and "16/10/2026" in letter
    assert "EXAMPLE" in letter.upper()


def test_the_meetings_window_fits_a_1024_pixel_screen(window, store, qtbot):
    # A chair mirroring to a projector often gets 1024x768: the window (frame included)
    # must fit, with a case and its outcome form showing. It was 1,219 px at least.
    meetings = open_meeting_on_one_case(window, store)
    qtbot.wait(50)
    assert meetings.minimumSizeHint().width() <= 1024 - 16
    assert meetings.minimumSizeHint().height() <= 768 - 40
