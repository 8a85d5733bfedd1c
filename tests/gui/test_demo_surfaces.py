"""Every demo case shows its designed pathway phase (resources/demo/manifest.json) on every
desk surface: its case list row, the decision banner, its agenda row and the presentation
header. The demo database is built as of a fixed moment, late in the day, so each case's
designed moment falls on the same calendar day (the day of the episode is the designed one)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from hlhdesk.app.demo import build_demo_database, demo_folder, load_manifest
from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.core.evaluation.pathway import Phase
from hlhdesk.gui.desk.case_list_model import COLUMNS, Column
from hlhdesk.gui.qt import Qt
from hlhdesk.store import open_database

NOW = datetime(2026, 12, 1, 23, 50)


def designed_phases() -> dict[str, dict]:
    """Family name -> the manifest's designed pathway (phase, day, verdict)."""
    return {read_case_file(demo_folder() / e.file).patient.family_name: e.outcome["pathway"]
            for e in load_manifest()}


DESIGNED = designed_phases()


def without_dates(text: str) -> str:
    """Verdicts name review dates; the demo moves every case to the present."""
    return re.sub(r"\d{2}/\d{2}/\d{4}", "<date>", text)


@pytest.fixture
def demo_store(tmp_path):
    path = tmp_path / "demo.sqlite3"
    build_demo_database(path, now=NOW)
    store = open_database(path)
    yield store
    store.close()


@pytest.fixture
def desk(qtbot, demo_store):
    from hlhdesk.gui.desk.case_session import CaseSession
    from hlhdesk.gui.desk.main_window import MainWindow

    window = MainWindow(CaseSession(clock=lambda: NOW))
    qtbot.addWidget(window)
    window.files.refresh_stale_statuses = False
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    window.show()
    window.files._opened(demo_store.path, demo_store, demo_store.list_cases())
    return window


@pytest.fixture
def meeting(demo_store):
    meeting_id = demo_store.create_meeting(NOW.date(), "Dr A Chair")
    for summary in demo_store.list_cases():
        demo_store.add_to_agenda(meeting_id, summary.case_id)
    return meeting_id


def case_ids(store) -> dict[str, int]:
    return {s.family_name: s.case_id for s in store.list_cases()}


def test_the_manifest_names_a_phase_for_every_demo_case():
    assert len(DESIGNED) == len(load_manifest()) >= 10
    assert {Phase(d["phase"]) for d in DESIGNED.values()} >= {Phase.STOP_RECOMMENDED, Phase.NOT_ELIGIBLE}


@pytest.mark.parametrize("family", sorted(DESIGNED))
def test_the_list_row_shows_the_designed_phase_day_and_verdict(desk, demo_store, family):
    designed = DESIGNED[family]
    proxy = desk.case_list.proxy
    row = proxy.row_of_case(case_ids(demo_store)[family])
    phase = proxy.index(row, COLUMNS.index(Column.PHASE)).data()
    assert phase.endswith(Phase(designed["phase"]).label), phase
    day = proxy.index(row, COLUMNS.index(Column.DAY)).data()
    assert day == ("" if designed["day"] is None else str(designed["day"]))
    verdict = proxy.index(row, COLUMNS.index(Column.VERDICT)).data()
    assert without_dates(verdict) == without_dates(designed["verdict"])


@pytest.mark.parametrize("family", sorted(DESIGNED))
def test_the_banner_shows_the_designed_phase_and_verdict(desk, demo_store, family):
    designed = DESIGNED[family]
    desk.case_list.select_case(case_ids(demo_store)[family])
    pathway = desk.session.pathway
    assert pathway.phase.value == designed["phase"] and pathway.day == designed["day"]
    text = desk.case_view.panel.pathway_label.text()
    assert f"Phase: {Phase(designed['phase']).label}" in text
    assert without_dates(designed["verdict"]) in without_dates(text)
    leading = desk.case_view.panel.banners.itemAt(0).widget()
    started = designed["day"] is not None
    assert (leading is desk.case_view.panel.pathway_label) == started


def test_every_agenda_row_and_presentation_header_shows_the_designed_phase(qtbot, demo_store, meeting):
    from hlhdesk.gui.meetings.meetings_window import MeetingsWindow

    window = MeetingsWindow(demo_store, now=lambda: NOW)
    qtbot.addWidget(window)
    window.view.refresh(meeting, reload_cases=True)
    names = {case_id: family for family, case_id in case_ids(demo_store).items()}
    agenda = window.view.agenda
    for row in range(agenda.count()):
        item = agenda.item(row)
        designed = DESIGNED[names[item.data(Qt.ItemDataRole.UserRole)]]
        assert Phase(designed["phase"]).label in item.text(), item.text()

    window.present(meeting, demo_store.load_meeting(meeting).agenda[0].case_id)
    shown = window.presentation
    qtbot.addWidget(shown)
    for index, slide in enumerate(shown.slides):
        shown.go(index)
        designed = DESIGNED[names[slide.case_id]]
        header = shown.phase_line.text()
        assert Phase(designed["phase"]).label in header, header
        assert without_dates(designed["verdict"]) in without_dates(header)
    shown.close()


def test_offered_agenda_reasons_come_from_the_phase_most_pressing_first(qtbot, demo_store):
    """'Add cases due' on the demo: CARROW (day 15, stop criterion met) is offered for it,
    ahead of new referrals, and its agenda row says so with the phase and verdict."""
    from hlhdesk.core.meetings.meeting import AgendaReason
    from hlhdesk.gui.meetings.meeting_view import MeetingView

    meeting_id = demo_store.create_meeting(NOW.date(), "Dr A Chair")
    offers = demo_store.offered_cases(meeting_id)
    ids = case_ids(demo_store)
    carrow = next(o for o in offers if o.case_id == ids["Carrow"])
    assert carrow.reason is AgendaReason.STOP_RECOMMENDED
    reasons = [o.reason for o in offers]
    assert reasons.index(AgendaReason.STOP_RECOMMENDED) < reasons.index(AgendaReason.NEW_REFERRAL)
    demo_store.add_offered(meeting_id, offers)

    view = MeetingView(demo_store, now=lambda: NOW)
    qtbot.addWidget(view)
    view.refresh(meeting_id, reload_cases=True)
    row = next(view.agenda.item(r) for r in range(view.agenda.count())
               if view.agenda.item(r).data(Qt.ItemDataRole.UserRole) == ids["Carrow"])
    assert "Stop recommended" in row.text() and "no response by day 14" in row.text()
