"""Presentation mode (offscreen, real widgets): one case per screen, moved by the
keyboard, and a switch that leaves only initials and hospital number on screen."""

from __future__ import annotations

from datetime import datetime

import pytest

from hlhdesk.core import evaluate

pytest.importorskip("hlhdesk.gui.render.decision_panel", reason="the desk's decision panel is not on main yet")
from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.gui.meetings.presentation import PresentationWindow, Slide, case_facts
from hlhdesk.gui.qt import Qt
from tests.cli.conftest import ADULT, CHILD

AS_OF = datetime(2026, 10, 9, 14, 0)


@pytest.fixture
def cases():
    return {1: read_case_file(ADULT), 2: read_case_file(CHILD)}


@pytest.fixture
def window(qtbot, cases):
    def load(case_id):
        return cases[case_id], evaluate(cases[case_id], AS_OF, made_at=AS_OF)

    slides = [Slide(1, "Day-7 review"), Slide(2, "New referral")]
    shown = PresentationWindow(slides, load, title="MDT meeting 09/10/2026")
    qtbot.addWidget(shown)
    shown.resize(1920, 1080)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def identifiers(patient) -> list[str]:
    from hlhdesk.core.model import format_nhs_number

    return [patient.family_name.upper(), patient.given_name, format_nhs_number(patient.nhs_number), patient.nhs_number,
            f"{patient.date_of_birth:%d/%m/%Y}"]


def test_identifiers_shown_then_hidden(window, cases):
    patient = cases[1].patient
    shown = " ".join(window.visible_texts())
    assert patient.family_name.upper() in shown and f"{patient.date_of_birth:%d/%m/%Y}" in shown
    window.hide_switch.setChecked(True)
    hidden = " ".join(window.visible_texts())
    for identifier in identifiers(patient):
        assert identifier not in hidden, identifier
    assert patient.initials in window.patient.text() and patient.hospital_number in window.patient.text()
    assert "Policy criteria" in hidden or "Insufficient data" in hidden  # the case is still presented


def test_the_switch_answers_to_h_and_stays_on_for_the_next_case(qtbot, window, cases):
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert window.hide_identifiers
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.index == 1
    child = cases[2].patient
    assert child.family_name.upper() not in " ".join(window.visible_texts())
    assert window.patient.text().startswith(child.initials)


def test_keyboard_moves_between_cases_and_stops_at_the_ends(qtbot, window, cases):
    assert "Case 1 of 2 · Day-7 review" == window.counter.text()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.counter.text() == "Case 2 of 2 · New referral"
    assert cases[2].patient.family_name.upper() in window.patient.text()
    qtbot.keyClick(window, Qt.Key.Key_Right)  # already at the last case
    assert window.index == 1
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert window.index == 0
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.index == 1
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.index == 0
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_a_case_that_cannot_be_loaded_is_a_message_not_a_crash(qtbot):
    def load(case_id):
        from hlhdesk.store import CaseNotFoundError

        raise CaseNotFoundError(f"there is no case {case_id}")

    shown = PresentationWindow([Slide(9, "Flagged")], load)
    qtbot.addWidget(shown)
    assert "there is no case 9" in shown.facts.text()


def test_facts_say_where_treatment_is(cases):
    case = cases[1]
    evaluation = evaluate(case, AS_OF, made_at=AS_OF)
    facts = case_facts(case, evaluation, hide_identifiers=True)
    assert "born" not in facts
    if evaluation.day0 is not None:
        assert f"day 0 {evaluation.day0:%d/%m/%Y}" in facts


@pytest.mark.parametrize("width, height", [(1024, 768), (1280, 720), (1920, 1080)])
def test_everything_fits_on_a_projector_s_screen(qtbot, window, width, height):
    # A 1024x768 projector: the 32-point name line and desk-sized panel once made the window
    # wider than the screen, cutting the decision panel off at the right.
    from hlhdesk.gui.qt import QSize

    window.fit_type_to(QSize(width, height))
    window.resize(width, height)
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= width
    assert window.minimumSizeHint().height() <= height
    assert window.width() == width
    for part in (window.patient, window.facts, window.panel, window.plots):
        assert part.geometry().right() < width, part.accessibleName()
    assert window.type_size == (16 if height >= 1080 else pytest.approx(16 * height / 1080, abs=1))


@pytest.mark.parametrize("screen_height, size", [
    (2160, 16), (1147, 16), (1080, 16),  # capped (1147 lines would give 17 pt): no giant type on 4K
    (768, 11), (720, 11),
    (675, 10), (641, 10), (608, 10),     # 608 lines would give 9 pt: held at the smallest, 10
])
def test_presentation_type_follows_the_screen_height_between_its_limits(screen_height, size):
    from hlhdesk.gui.meetings.presentation import SMALLEST_POINT_SIZE, type_size_for

    assert type_size_for(screen_height) == size
    assert type_size_for(screen_height) >= SMALLEST_POINT_SIZE


def test_the_header_names_the_phase_and_verdict_from_the_pathway(window, cases):
    from hlhdesk.core.evaluation.pathway import pathway_of

    evaluation = evaluate(cases[1], AS_OF, made_at=AS_OF)
    pathway = pathway_of(evaluation)
    text = window.phase_line.text()
    assert pathway.phase_label in text and pathway.verdict in text
    assert text.startswith(pathway.tone.mark)  # a mark and words, never colour alone


def test_up_and_down_scroll_the_rules_and_leave_the_case_where_it_is(qtbot, window):
    window.resize(1024, 768)
    window.panel.set_decisive_view(False)  # every rule unfolded: more than a screen of them
    qtbot.wait(50)
    bar = window.panel.tree.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(window, Qt.Key.Key_Down)
    qtbot.keyClick(window, Qt.Key.Key_Down)
    assert bar.value() > 0 and window.index == 0
    moved = bar.value()
    qtbot.keyClick(window, Qt.Key.Key_Up)
    assert bar.value() < moved and window.index == 0


def test_the_decisive_view_is_on_by_default_and_d_switches_it(qtbot, window):
    from hlhdesk.gui.render.decision_panel import DECISIVE_TITLE

    panel = window.panel
    assert panel.decisive_view
    assert panel.tree.topLevelItem(0).text(0) == DECISIVE_TITLE
    assert panel.rule_order()[0] == "ST-SAE"  # anaphylaxis: the rule that decided it
    qtbot.keyClick(window, Qt.Key.Key_D)
    assert not panel.decisive_view


def test_switching_the_view_keeps_identifiers_hidden(qtbot, window, cases):
    qtbot.keyClick(window, Qt.Key.Key_H)
    qtbot.keyClick(window, Qt.Key.Key_D)
    hidden = " ".join(window.visible_texts())
    for identifier in identifiers(cases[1].patient):
        assert identifier not in hidden, identifier


def test_an_infant_s_age_is_in_months_on_the_slide():
    from hlhdesk.core.wording import age_words
    from hlhdesk.paths import resource

    case = read_case_file(resource("demo", "infant-excluded-age.json"))
    evaluation = evaluate(case, AS_OF, made_at=AS_OF)
    facts = case_facts(case, evaluation, hide_identifiers=True)
    age = age_words(case.patient.date_of_birth, AS_OF)
    assert age.endswith(("months", "month", "days")) and age in facts and "0 years" not in facts


def test_a_relapse_slide_names_the_episode_the_rules_read():
    from hlhdesk.app.demo import demo_folder

    relapse = read_case_file(demo_folder() / "adult-relapse-died.json")
    facts = case_facts(relapse, evaluate(relapse, datetime(2026, 10, 13, 10, 0)), hide_identifiers=False)
    assert "(day 0 01/10/2026, episode 2 of 2: after " in facts and "days without anakinra)" in facts
