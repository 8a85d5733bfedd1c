"""A new referral entered through the real widgets, every key press and click counted
(issue 15: it cost 397 key presses and 25 mouse actions before the grid, the typed dates
and the form accelerators).

The referral: a patient (NHS number, date of birth, sex), a weight, 27 results over 3
days (9 tests a day, from a lab printout), an anakinra course and a methylprednisolone
course, and the case fields (a trigger, First-line corticosteroids, seven yes/no
questions). The stored case must equal the expected case exactly.

Measured: 198 key presses and 4 clicks (the issue aims at 200 or fewer, and 10 clicks).
- the patient 23: Ctrl+N, the NHS number, Tab, the date of birth, Tab, the sex, Enter;
  the new case opens on the results grid, the cursor on the first sample's time;
- the three sample times 11: the first typed ("1/12 8am" and Enter); the second and third
  columns offer the next day at the same time, the printout's, which Enter takes;
- the 28 values (83 characters) and the Enters between them 108; skipping the weight on
  days 2 and 3 takes 2; the next column twice (Ctrl+Enter) and saving (Ctrl+S) 3;
- the two courses 40: the route shown follows the drug (SC for anakinra, IV for
  methylprednisolone), read and kept with Tab; dose, interval and start typed;
- the case fields 11: Ctrl+3, Tab twice, seven one-key answers, Ctrl+S.
Clicks: the Treatments tab, First-line corticosteroids offered (Ineffective), a trigger
and the trigger notes field. This test holds the line at what is achieved, so it can only
get better.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hlhdesk.core.model import Case, CaseDetails, Observation, Patient, Sex, SteroidFirstLine, Treatment
from hlhdesk.gui.kit import date_field
from hlhdesk.gui.qt import QApplication, QPoint, Qt, QTabBar, QTimer
from tests.support.fake_engine import fake_evaluate

NOW = datetime(2026, 12, 5, 12, 0)
MAX_KEYS = 198  # the issue asks for 200: see the module's docstring
MAX_CLICKS = 10

TESTS = ("haemoglobin", "wbc", "neutrophils", "platelets", "ferritin", "triglycerides", "fibrinogen", "ast", "alt")
UNITS = {"haemoglobin": "g/L", "wbc": "10^9/L", "neutrophils": "10^9/L", "platelets": "10^9/L", "ferritin": "ug/L",
         "triglycerides": "mmol/L", "fibrinogen": "g/L", "ast": "U/L", "alt": "U/L"}
DAYS = {
    datetime(2026, 12, 1, 8, 0): ("95", "2.1", "0.4", "40", "12400", "3.4", "1.2", "240", "180"),
    datetime(2026, 12, 2, 8, 0): ("91", "1.8", "0.3", "31", "18950", "3.9", "1.0", "310", "220"),
    datetime(2026, 12, 3, 8, 0): ("88", "1.6", "0.3", "27", "24100", "4.2", "0.9", "365", "260"),
}


def expected_case() -> Case:
    observations = [Observation(datetime(2026, 12, 1, 8, 0), "weight", 71.0, "kg", 71.0, "kg")]
    for at, values in DAYS.items():
        for kind, value in zip(TESTS, values):
            observations.append(Observation(at, kind, float(value), UNITS[kind], float(value), UNITS[kind]))
    return Case(
        patient=Patient(date(1990, 1, 2), Sex.MALE, "9990000018", None, None, None),
        details=CaseDetails(
            triggers=("viral_infection",), steroid_first_line=SteroidFirstLine.INEFFECTIVE,
            known_immunosuppression=False, anakinra_hypersensitivity=False, cardiomyopathy=False,
            cns_inflammation=False, pregnant_or_breastfeeding=False, offlabel_consent=True),
        observations=tuple(observations),
        treatments=(
            Treatment("anakinra", datetime(2026, 12, 3, 14, 0), None, dose_mg=100, every_hours=6, route="sc"),
            Treatment("corticosteroid", datetime(2026, 12, 1, 10, 0), None, name="methylprednisolone",
                      dose_mg=1000, every_hours=24, route="iv"),
        ),
    )


class User:
    """Keys go to whatever has the focus, as on a keyboard; every key and click counted."""

    def __init__(self, qtbot, window):
        self.qtbot, self.window, self.keys, self.clicks = qtbot, window, 0, 0

    def _target(self):
        """What has the focus; after a dialog closes the desk is active again, as the
        window system makes it (offscreen, this does)."""
        if QApplication.activeWindow() is None:
            self.window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is not None)
        target = QApplication.focusWidget() or QApplication.activeWindow()
        assert target is not None, "nothing has the keyboard focus"
        return target

    def type(self, text: str) -> None:
        for char in text:
            target = self._target()
            if char == "\n":
                self.qtbot.keyClick(target, Qt.Key.Key_Return)
            elif char == "\t":
                self.qtbot.keyClick(target, Qt.Key.Key_Tab)
            else:
                self.qtbot.keyClicks(target, char)
            self.keys += 1

    def chord(self, key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
        self.qtbot.keyClick(self._target(), key, modifier)
        self.keys += 1

    def click(self, widget, pos: QPoint | None = None) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())
        self.clicks += 1
        self.qtbot.wait(5)

    def click_tab(self, tabs, text: str) -> None:
        bar = tabs.findChild(QTabBar)
        index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == text)
        self.click(bar, bar.tabRect(index).center())


@pytest.fixture
def desk(qtbot, tmp_path, monkeypatch):
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.desk.main_window import MainWindow
    from hlhdesk.store import open_database

    monkeypatch.setattr(date_field, "clock", lambda: NOW)
    store = open_database(tmp_path / "referral.sqlite3")
    window = MainWindow(CaseSession(evaluator=fake_evaluate, clock=lambda: NOW))
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    window.show()
    window.files._opened(store.path, store, store.list_cases())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window
    store.close()


def test_a_referral_takes_at_most_the_keys_and_clicks_allowed_and_is_stored_exactly(desk, qtbot):
    user = User(qtbot, desk)

    # The patient: Ctrl+N, NHS number, Tab past the names to the date of birth, sex, Enter.
    def fill_new_case():
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None
                        and QApplication.focusWidget() is not None
                        and QApplication.activeModalWidget().isAncestorOf(QApplication.focusWidget()))
        user.type("9990000018\t2/1/1990\tm\n")
    QTimer.singleShot(50, fill_new_case)
    user.chord(Qt.Key.Key_N)
    session = desk.session
    assert session.case is not None and session.case.patient.nhs_number == "9990000018"

    # The printout, down the grid's columns; the weight on the first day. A new case
    # opens on the grid, the cursor on the first sample's date and time.
    data = desk.case_view.data_view
    assert data.tabs.currentWidget() is data.grid
    qtbot.wait(5)
    for number, (at, values) in enumerate(DAYS.items()):
        # The first column's date and time; the next ones offer the next day at that time,
        # which is the printout's: Enter takes it. The weight on day 1, skipped after.
        user.type("1/12 8am\n71\n" if number == 0 else "\n\n")
        assert data.grid.table.item(0, 2 + number).text() == at.strftime("%d/%m/%Y %H:%M")
        user.type("\n".join(values))
        if number < len(DAYS) - 1:
            user.chord(Qt.Key.Key_Return)  # Ctrl+Enter: the next column
    user.chord(Qt.Key.Key_S)
    assert len(session.store.load_case(session.case_id).observations) == 28, data.grid.error_label.text()

    # The courses: anakinra (the form's first drug, SC shown), then methylprednisolone.
    user.click_tab(data.tabs, "Treatments")
    qtbot.wait(5)
    user.type("\t\t100\t6\t3/12 2pm\n")
    user.type("c\tm\t\t1000\t24\t1/12 10am\n")  # the route shown: IV, methylprednisolone's usual
    assert len(session.store.load_case(session.case_id).treatments) == 2, data.treatments.form.error_label.text()
    user.click(data.steroid_offer.buttons[SteroidFirstLine.INEFFECTIVE])

    # The case fields: the trigger, then the yes/no questions from the trigger notes on.
    user.chord(Qt.Key.Key_3)
    details = desk.case_view.details_view
    details.scroll.ensureWidgetVisible(details.trigger_boxes["viral_infection"])
    viral = details.trigger_boxes["viral_infection"]
    user.click(viral, QPoint(8, viral.height() // 2))  # on its tick box
    details.scroll.ensureWidgetVisible(details.text_edits["trigger_notes"])
    user.click(details.text_edits["trigger_notes"])
    # One key a question (it moves on): immunosuppression, hypersensitivity, (tissue
    # diagnosis left unrecorded: u), cardiomyopathy, CNS, pregnancy, consent.
    user.type("\t\tnnunnny")
    user.chord(Qt.Key.Key_S)

    stored = session.store.load_case(session.case_id)
    assert _comparable(stored) == _comparable(expected_case())
    print(f"referral: {user.keys} key presses, {user.clicks} clicks")
    assert user.keys <= MAX_KEYS and user.clicks <= MAX_CLICKS, (user.keys, user.clicks)


def _comparable(case: Case):
    """The case without the store's record ids, its records in a stable order."""
    def strip(records):
        return sorted((r.__class__(**{**r.__dict__, "record_id": None}) for r in records), key=repr)
    return case.patient, case.details, strip(case.observations), strip(case.treatments), strip(case.events)
