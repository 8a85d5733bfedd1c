"""Typing not yet saved on the Patient and case form is never lost without asking:
moving to another case, opening another database or closing the window asks to save it,
throw it away, or go back to it."""

from __future__ import annotations

import pytest

from hlhdesk.gui.kit import dialogs
@pytest.fixture
def answer(monkeypatch, messages):
    """answer("save" | "discard" | "cancel"): what the user clicks when asked."""
    chosen = {"answer": "cancel"}
    monkeypatch.setattr(dialogs, "ask_to_save",
                        lambda parent, title, text: messages.append((title, text)) or chosen["answer"])

    def use(value: str) -> None:
        chosen["answer"] = value
    return use


def typed(window, text: str = "Typed-not-saved") -> int:
    window.case_view.details_view.family_edit.setText(text)
    return window.session.case_id


def test_cancel_stays_on_the_case_with_the_typing(qtbot, window, answer, messages):
    answer("cancel")
    case_id = typed(window)
    window.case_list.select_relative(+1)
    qtbot.wait(1)  # the list is put back on the next turn of the event loop
    assert window.session.case_id == case_id
    assert window.case_list.selected_case() == case_id
    assert window.case_view.details_view.family_edit.text() == "Typed-not-saved"
    assert messages[-1][0] == "Unsaved changes" and "EXAMPLE, Alex" in messages[-1][1]


@pytest.mark.parametrize("choice, stored_name", [("discard", "Example"), ("save", "Typed-not-saved")])
def test_discard_or_save_then_moves_on(window, store, answer, choice, stored_name):
    answer(choice)
    case_id = typed(window)
    window.case_list.select_relative(+1)
    assert window.session.case_id != case_id
    assert store.load_case(case_id).patient.family_name == stored_name


def test_a_save_that_is_refused_stays_on_the_case(qtbot, window, store, answer):
    answer("save")
    case_id = typed(window)
    window.case_view.details_view.nhs_edit.setText("123")  # not an NHS number: refused
    window.case_list.select_relative(+1)
    qtbot.wait(1)
    assert window.session.case_id == case_id
    assert window.case_view.details_view.error_label.text().startswith("Not saved")
    assert store.load_case(case_id).patient.family_name == "Example"


def test_closing_the_window_asks_too(qtbot, window, answer):
    answer("cancel")
    typed(window)
    window.close()
    assert window.isVisible()
    assert window.case_view.tabs.currentWidget() is window.case_view.details_view
    answer("discard")
    window.close()
    assert not window.isVisible()


def test_opening_another_database_asks_too(window, answer, tmp_path):
    answer("cancel")
    case_id = typed(window)
    window.files.open_database(tmp_path / "other.sqlite3")
    assert window.session.case_id == case_id and window.files.path != tmp_path / "other.sqlite3"


def test_nothing_is_asked_without_typing(window, answer, messages):
    before = len(messages)
    window.case_list.select_relative(+1)
    window.case_list.select_relative(+1)
    assert len(messages) == before
