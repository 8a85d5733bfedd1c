"""One wording for a value a rule used: the terminal, the screen and the paper print the
same evidence line, with a converted value as it was entered ("entered as 105.8 °F"),
and the same status words beside each mark."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

import pytest

from hlhdesk.app.demo import demo_folder
from hlhdesk.core import evaluate
from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.core.evaluation import Status
from hlhdesk.core.model import Observation
from hlhdesk.core.wording import evidence_line, status_words

AS_OF = datetime(2026, 10, 5, 10, 0)
ENTERED = "(entered as 105.8 °F)"


@pytest.fixture(scope="module")
def fever():
    """A demo case whose fever was typed in °F, and the rule and evidence that used it."""
    case = read_case_file(demo_folder() / "adult-ebv-responding.json")
    # the latest temperature before the first dose: the day-0 response HScore reads it
    typed = Observation(datetime(2026, 10, 5, 9, 0), "temperature", 41.0, "degC", 105.8, "degF")
    case = dataclasses.replace(case, observations=(*case.observations, typed))
    evaluation = evaluate(case, AS_OF)
    for rule in evaluation.rules:
        for item in rule.evidence:
            if item.entered:
                return case, evaluation, rule, evidence_line(item)
    pytest.fail("no rule names the temperature typed in °F")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_line_says_entered_as_with_the_display_unit(fever):
    _, _, _, line = fever
    assert line.endswith(ENTERED) and "degF" not in line


def test_the_terminal_prints_that_line_and_the_status_words(fever):
    from hlhdesk.cli.evaluation_text import render

    case, evaluation, rule, line = fever
    text = render(evaluation, case)
    assert f"- {line}" in text
    assert f"{status_words(rule.status)} " in text and re.search(rf"{re.escape(status_words(rule.status))}\s+{rule.id}", text)


def test_the_screen_shows_that_line(fever):
    from hlhdesk.gui.render.decision_panel import rule_details

    _, _, rule, line = fever
    assert ("evidence", line) in rule_details(rule)


def test_the_paper_prints_that_value_as_entered(fever):
    from hlhdesk.reports import case_summary
    from tests.reports.pdftext import page_texts

    case, evaluation, rule, line = fever
    text = flat(" ".join(page_texts(case_summary(case, evaluation))))
    # Paper lists the values used in a table: the entered value in its "As entered" column.
    assert re.search(r"Temperature 41 °C 05/10/2026 09:00 105\.8 °F", text) and "As entered" in text
    assert "degF" not in text and "sent as" not in text
    assert status_words(Status.MET) in text


def test_status_words_are_a_mark_and_words_for_every_status():
    assert [status_words(s) for s in Status] == ["✓ Met", "✗ Not met", "? Unknown", "– Not applicable"]
