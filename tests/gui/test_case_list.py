"""The case list: search as you type, filters, sorting, keyboard moves between cases,
and where each patient is (the cached pathway phase, never evaluated on the GUI thread)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hlhdesk.core.model import HlhType, Sex
from hlhdesk.gui.desk.case_list_model import (
    COLUMNS,
    CaseFilter,
    CaseFilterProxy,
    CaseListModel,
    Column,
)
from hlhdesk.gui.qt import QModelIndex, Qt
from hlhdesk.store import CaseSummary


def summary(case_id, family, given, nhs=None, hospital=None, eligibility=None, day0=None, next_review=None,
            count=0, **pathway):
    return CaseSummary(case_id, nhs, hospital, family, given, date(1980, 1, case_id % 28 + 1), Sex.FEMALE,
                       HlhType.SECONDARY, "St Elsewhere", day0, count, datetime(2026, 11, 1, 9, 0),
                       eligibility, next_review, **pathway)


@pytest.fixture
def proxy():
    model = CaseListModel()
    model.set_summaries([
        summary(1, "Example", "Alex", "9990000018", "RX1", "eligible", datetime(2026, 10, 3), date(2026, 10, 10), 5,
                phase="day7_check", day=7, tone="caution", urgency=3,
                verdict="Day 7: responding (ferritin 24% below baseline)"),
        summary(2, "Smith", "Jordan", "9990000026", "RX2", "not_eligible", count=12,
                phase="not_eligible", tone="neutral", urgency=8,
                verdict="Not eligible: age under 8 months"),
        # Anakinra once, but stopped: not "on anakinra".
        summary(3, "Patel", "Sam", None, "RX0000003", None, datetime(2026, 9, 1), None, 1),
        summary(4, "Exley", "Chris", "9990000034", "AB77", "insufficient_data", count=3),
    ])
    p = CaseFilterProxy()
    p.setSourceModel(model)
    p._model = model  # keep the source alive as long as the proxy
    return p


def shown(proxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


@pytest.mark.parametrize("text, expected", [
    ("exa", ["EXAMPLE, Alex"]),
    ("EX", ["EXAMPLE, Alex", "EXLEY, Chris"]),
    ("alex example", ["EXAMPLE, Alex"]),
    ("999 000 0026", ["SMITH, Jordan"]),
    ("9990000026", ["SMITH, Jordan"]),
    ("00026", ["SMITH, Jordan"]),
    ("rx00000", ["PATEL, Sam"]),
    ("ab77", ["EXLEY, Chris"]),
    ("nobody", []),
    ("", ["EXAMPLE, Alex", "SMITH, Jordan", "PATEL, Sam", "EXLEY, Chris"]),
])
def test_search_matches_name_nhs_number_with_or_without_spaces_and_hospital_number(proxy, text, expected):
    proxy.set_filter(CaseFilter(text=text))
    assert shown(proxy) == expected


def test_filters_by_status_treatment_and_review_due(proxy):
    proxy.set_filter(CaseFilter(eligibility="eligible"))
    assert shown(proxy) == ["EXAMPLE, Alex"]
    proxy.set_filter(CaseFilter(eligibility=CaseFilter.NOT_EVALUATED))
    assert shown(proxy) == ["PATEL, Sam"]
    proxy.set_filter(CaseFilter(on_anakinra=True))
    assert shown(proxy) == ["EXAMPLE, Alex"]
    # The pathway's review due (10/10): due from that day, and still due after it (overdue)
    # until an outcome clears it; not before.
    for today, expected in ((date(2026, 10, 9), []), (date(2026, 10, 10), ["EXAMPLE, Alex"]),
                            (date(2026, 11, 9), ["EXAMPLE, Alex"])):
        proxy.set_filter(CaseFilter(review_due=True, today=today))
        assert shown(proxy) == expected


def test_sorts_dates_as_dates_numbers_as_numbers_blanks_last(proxy):
    proxy.sort(COLUMNS.index(Column.OBSERVATIONS), Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == ["SMITH, Jordan", "EXAMPLE, Alex", "EXLEY, Chris", "PATEL, Sam"]
    proxy.sort(COLUMNS.index(Column.DAY0), Qt.SortOrder.AscendingOrder)
    assert shown(proxy)[:2] == ["PATEL, Sam", "EXAMPLE, Alex"]
    proxy.sort(COLUMNS.index(Column.PATIENT), Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["EXAMPLE, Alex", "EXLEY, Chris", "PATEL, Sam", "SMITH, Jordan"]


def test_status_column_uses_marks_and_words_never_approved(proxy):
    column = COLUMNS.index(Column.STATUS)
    texts = {proxy.index(r, column).data() for r in range(proxy.rowCount())}
    assert texts == {"✓ Policy criteria met", "✗ Policy criteria not met", "– Not evaluated",
                     "? Insufficient data to decide"}
    assert not any("approv" in t.lower() for t in texts)


def test_uk_dates_in_the_list(proxy):
    row = proxy.row_of_case(1)
    assert proxy.index(row, COLUMNS.index(Column.DAY0)).data() == "03/10/2026"
    assert proxy.index(row, COLUMNS.index(Column.NHS_NUMBER)).data() == "999 000 0018"


def test_a_status_change_updates_the_row_and_the_filter(proxy):
    proxy.set_filter(CaseFilter(eligibility="eligible"))
    proxy.sourceModel().set_status(4, {"eligibility": "eligible", "next_review": date(2026, 10, 10),
                                       "policy": "not a list field"})
    assert shown(proxy) == ["EXAMPLE, Alex", "EXLEY, Chris"]


def test_models_pass_the_model_tester(qtmodeltester, proxy):
    qtmodeltester.check(proxy.sourceModel(), force_py=True)
    proxy.set_filter(CaseFilter(text="ex"))
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.mapToSource(proxy.index(1, 0)).row() == 3
    assert not proxy.mapFromSource(proxy.sourceModel().index(1, 0)).isValid()  # filtered out
    assert proxy.index(0, 0, proxy.index(0, 0)) == QModelIndex()


def test_typing_in_search_filters_the_window_list(window, qtbot):
    qtbot.keyClicks(window.case_list.search_edit, "smi")
    assert window.case_list.proxy.rowCount() == 1
    assert "1 of 3 cases" == window.case_list.count_label.text()
    window.case_list.search_edit.clear()
    assert window.case_list.proxy.rowCount() == 3


def test_keyboard_moves_between_cases_and_ctrl_f_focuses_search(window, qtbot):
    first = window.session.case_id
    assert first is not None  # the first case is opened when the list loads
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.case_id != first
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.session.case_id == first
    window.activateWindow()
    find = [a for a in window.menus["edit"].actions() if a.text() == "&Find case"][0]
    find.trigger()
    assert window.case_list.search_edit.hasFocus() or window.focusWidget() is window.case_list.search_edit


# -- where each patient is: the cached pathway phase ------------------------------------

def pathway_rows():
    """Four cases at different points of the pathway, in id order (not urgency order)."""
    return [
        summary(1, "Adams", "Ann", phase="continuing", day=20, tone="good",
                urgency=7, verdict="Day 20: responding; continuing", last_decision="continue",
                last_decision_on=date(2026, 10, 17)),
        summary(2, "Carrow", "Cat", phase="stop_recommended", day=15,
                tone="warning", urgency=1, overdue=True, next_review=date(2026, 10, 17),
                verdict="Day 15: no response by day 14: stop criterion met, for the MDT to confirm",
                overdue_actions=2),
        summary(3, "Baker", "Bo", phase="decide_start", tone="caution",
                urgency=4, verdict="Criteria met: MDT to decide on starting anakinra"),
        summary(4, "Dunmore", "Dee", phase="stopped", day=1, tone="neutral",
                urgency=9, verdict="Stopped on day 1: anaphylaxis"),
    ]


@pytest.fixture
def pathway_proxy():
    model = CaseListModel()
    model.set_summaries(pathway_rows())
    p = CaseFilterProxy()
    p.setSourceModel(model)
    p._model = model
    p.sort(COLUMNS.index(Column.PHASE))
    return p


def cell(proxy, family: str, column: Column, role=Qt.ItemDataRole.DisplayRole):
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data().startswith(family.upper()))
    return proxy.index(row, COLUMNS.index(column)).data(role)


def test_the_phase_column_sorts_most_pressing_first(pathway_proxy):
    assert shown(pathway_proxy) == ["CARROW, Cat", "BAKER, Bo", "ADAMS, Ann", "DUNMORE, Dee"]


def test_phase_day_verdict_decision_and_actions_are_shown_in_words(pathway_proxy):
    assert cell(pathway_proxy, "Carrow", Column.PHASE) == "⚠ Stop recommended"
    assert cell(pathway_proxy, "Carrow", Column.DAY) == "15"
    assert cell(pathway_proxy, "Carrow", Column.VERDICT).startswith("Day 15: no response by day 14")
    assert cell(pathway_proxy, "Carrow", Column.ACTIONS) == "⚠ 2 overdue"
    assert cell(pathway_proxy, "Carrow", Column.NEXT_REVIEW) == "⚠ 17/10/2026 overdue"
    assert cell(pathway_proxy, "Adams", Column.LAST_DECISION) == "Continue anakinra, 17/10/2026"
    assert cell(pathway_proxy, "Adams", Column.PHASE) == "✓ Continuing"
    assert cell(pathway_proxy, "Baker", Column.DAY) == ""  # not on anakinra: no day
    assert cell(pathway_proxy, "Baker", Column.ACTIONS) == ""


def test_phase_colour_follows_clinical_meaning_not_rule_truth(pathway_proxy):
    from hlhdesk.gui.render.pathway_marks import TONE_COLOURS
    from hlhdesk.core.evaluation.pathway import Tone

    colour = Qt.ItemDataRole.ForegroundRole
    assert cell(pathway_proxy, "Carrow", Column.PHASE, colour).name() == TONE_COLOURS[Tone.WARNING]
    assert cell(pathway_proxy, "Adams", Column.PHASE, colour).name() == TONE_COLOURS[Tone.GOOD]
    assert TONE_COLOURS[Tone.WARNING] != TONE_COLOURS[Tone.GOOD]


def test_the_phase_filter_shows_one_phase(pathway_proxy):
    pathway_proxy.set_filter(CaseFilter(phase="stop_recommended"))
    assert shown(pathway_proxy) == ["CARROW, Cat"]
    pathway_proxy.set_filter(CaseFilter(phase="day14_check"))
    assert shown(pathway_proxy) == []


def test_on_anakinra_means_a_course_running_now(pathway_proxy):
    pathway_proxy.set_filter(CaseFilter(on_anakinra=True))
    # Dunmore had anakinra (day 1) but it stopped; Baker has not started.
    assert shown(pathway_proxy) == ["CARROW, Cat", "ADAMS, Ann"]


@pytest.mark.parametrize("today", [date(2026, 10, 17), date(2026, 10, 18), date(2026, 11, 2)])
def test_an_overdue_review_stays_in_review_due_however_late(pathway_proxy, today):
    """Day 14 (17/10), day 15 and day 30: still due until an outcome clears it."""
    pathway_proxy.set_filter(CaseFilter(review_due=True, today=today))
    assert shown(pathway_proxy) == ["CARROW, Cat"]


def test_a_review_cleared_by_an_outcome_leaves_review_due(pathway_proxy):
    pathway_proxy.set_filter(CaseFilter(review_due=True, today=date(2026, 10, 18)))
    carrow = pathway_proxy.case_id_at(0)
    # An outcome on or after the review was recorded: the cache no longer holds a review.
    pathway_proxy.sourceModel().set_status(carrow, {"next_review": None, "overdue": False,
                                                    "last_decision": "Stop anakinra"})
    assert shown(pathway_proxy) == []


def test_the_desk_list_opens_sorted_by_urgency_with_a_phase_filter(qtbot):
    from hlhdesk.gui.desk.case_list_view import CaseListPane

    pane = CaseListPane()
    qtbot.addWidget(pane)
    pane.model.set_summaries(pathway_rows())
    assert [pane.proxy.index(r, 0).data() for r in range(4)][0] == "CARROW, Cat"
    pane.phase_box.setCurrentIndex(pane.phase_box.findData("continuing"))
    assert pane.proxy.rowCount() == 1 and pane.count_label.text() == "1 of 4 cases"


def test_day_0_is_the_current_episodes_the_day_column_counts_from():
    """A relapse starts a new episode: Day 0 shows its day 0 (as last evaluated), not the
    first anakinra dose ever, so "Day 0" and "Day" agree."""
    model = CaseListModel()
    first_course = datetime(2026, 6, 1, 9, 0)
    model.set_summaries([summary(1, "Relapse", "Rory", day0=first_course, phase="day7_check", day=7)])
    column = COLUMNS.index(Column.DAY0)
    assert model.index(0, column).data() == "01/06/2026"  # before an evaluation: the first dose

    model.set_status(1, {"day0": datetime(2026, 11, 28, 9, 0), "day": 7})

    assert model.index(0, column).data() == "28/11/2026"
