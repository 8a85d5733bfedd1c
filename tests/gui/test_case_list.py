"""The case list: search as you type, filters, sorting, keyboard moves between cases."""

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
            count=0, phase=None):
    return CaseSummary(case_id, nhs, hospital, family, given, date(1980, 1, case_id % 28 + 1), Sex.FEMALE,
                       HlhType.SECONDARY, "St Elsewhere", day0, count, datetime(2026, 11, 1, 9, 0),
                       eligibility, next_review, phase=phase)


@pytest.fixture
def proxy():
    model = CaseListModel()
    model.set_summaries([
        summary(1, "Example", "Alex", "9990000018", "RX1", "eligible", datetime(2026, 10, 3), date(2026, 10, 10), 5,
                "early"),
        summary(2, "Smith", "Jordan", "9990000026", "RX2", "not_eligible", count=12),
        summary(3, "Patel", "Sam", None, "RX0000003", None, datetime(2026, 9, 1), None, 1, "stopped"),
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
    proxy.set_filter(CaseFilter(on_anakinra=True))  # a course running now: not Patel's, stopped
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
    proxy.sourceModel().set_status(4, "eligible", date(2026, 10, 10))
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
