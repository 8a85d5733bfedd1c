"""Plausibility in the unit entered, on the desk: the treatment of a value typed in the
wrong unit is the same refusal as in case files and lab CSVs (one check, core/units.py)."""

from __future__ import annotations

import pytest

from hlhdesk.gui.qt import Qt
from tests.gui.test_case_view import open_case


def add_value(window, qtbot, kind: str, typed: str, unit: str):
    form = window.case_view.data_view.observations.form
    form.set_kind(kind)
    form.unit_box.setCurrentIndex(form.unit_box.findData(unit))
    form.value_edit.clear()
    qtbot.keyClicks(form.value_edit, typed)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    return form


@pytest.mark.parametrize("kind, typed, unit", [("fibrinogen", "3.0", "mg/dL"), ("wbc", "9", "/mm3")])
def test_the_desk_form_refuses_a_value_in_the_wrong_unit_and_keeps_the_typing(window, qtbot, store, kind, typed, unit):
    case_id = open_case(window, "Smith")
    before = store.load_case(case_id)
    form = add_value(window, qtbot, kind, typed, unit)
    assert form.value_edit.text() == typed
    assert "probably the wrong unit" in form.error_label.text()
    assert store.load_case(case_id) == before
    assert window.session.undo_stack().count() == 0


def test_the_desk_form_accepts_the_same_number_in_the_right_unit(window, qtbot, store):
    case_id = open_case(window, "Smith")
    add_value(window, qtbot, "fibrinogen", "3.0", "g/L")
    assert [o.value for o in store.load_case(case_id).observations_of("fibrinogen")] == [3.0]


@pytest.mark.parametrize("line", ["04/10/2026 08:00\tfibrinogen\t3.0\tmg/dL", "04/10/2026 08:00\tWBC\t9\t/mm3"])
def test_spreadsheet_paste_refuses_a_value_in_the_wrong_unit_and_stores_nothing(window, store, messages, line):
    case_id = open_case(window, "Smith")
    before = store.load_case(case_id)
    count, problems = window.case_view.data_view.paste_text(f"04/10/2026 08:00\tferritin\t12000\tug/L\n{line}\n")
    assert count == 0 and len(problems) == 1
    assert problems[0].startswith("Row 2: ") and "probably the wrong unit" in problems[0]
    assert store.load_case(case_id) == before
