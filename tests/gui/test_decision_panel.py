"""The decision banner and rule rows: once anakinra has started the phase verdict leads and
eligibility comes second; a rule shows its clinical meaning beside the policy's own
status (never colour alone); the decisive view puts the deciding rules first."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from hlhdesk.core.evaluation import RuleGroup, RuleResult, Status
from hlhdesk.core.evaluation.pathway import Pathway, Phase, Tone, rule_meaning
from hlhdesk.gui.render.decision_panel import DECISIVE_TITLE, RULE_ID_ROLE, DecisionPanel
from hlhdesk.gui.render.pathway_marks import TONE_COLOURS
from tests.support.desk_cases import DAY0, demo_case
from tests.support.fake_engine import fake_evaluate

STOP_VERDICT = "Day 15: no response by day 14: stop criterion met, for the MDT to confirm"


def stop_evaluation():
    """Day 15 on anakinra, no response: ST-NO-RESPONSE met, EX-WEIGHT ruled out."""
    evaluation = fake_evaluate(demo_case(), datetime(2026, 10, 18, 10, 0))
    stop = RuleResult("ST-NO-RESPONSE", RuleGroup.STOPPING, "No response within 14 days", Status.MET,
                      "No response rule met by the end of day 14")
    return dataclasses.replace(evaluation, rules=evaluation.rules + (stop,))


def stop_pathway(**changes) -> Pathway:
    values = dict(phase=Phase.STOP_RECOMMENDED, day=15, verdict=STOP_VERDICT, tone=Tone.WARNING, urgency=1,
                  overdue=False, review_due=None, flags=(), decisive_rules=("ST-NO-RESPONSE", "EX-WEIGHT"),
                  phase_label="Stop recommended")
    values.update(changes)
    return Pathway(**values)


@pytest.fixture
def panel(qtbot):
    widget = DecisionPanel()
    qtbot.addWidget(widget)
    widget.resize(700, 700)
    return widget


def test_on_anakinra_the_verdict_leads_and_eligibility_comes_second(panel):
    panel.show_evaluation(stop_evaluation(), stop_pathway())
    assert panel.banners.itemAt(0).widget() is panel.pathway_label
    assert panel.banners.itemAt(1).widget() is panel.eligibility_label
    assert f"⚠ {STOP_VERDICT}" in panel.pathway_label.text()
    assert "Eligibility: " in panel.eligibility_label.text()
    assert TONE_COLOURS[Tone.WARNING] in panel.pathway_label.styleSheet()
    assert "approv" not in panel.pathway_label.text().lower()


def test_before_anakinra_eligibility_leads_and_the_phase_follows(panel):
    evaluation = fake_evaluate(demo_case(), DAY0.replace(day=1))
    pathway = stop_pathway(phase=Phase.DECIDE_START, day=None, tone=Tone.CAUTION, phase_label="Decide on starting",
                           verdict="Criteria met: MDT to decide on starting anakinra")
    panel.show_evaluation(evaluation, pathway)
    assert panel.banners.itemAt(0).widget() is panel.eligibility_label
    assert "Criteria met: MDT to decide on starting anakinra" in panel.pathway_label.text()
    assert "Eligibility: " not in panel.eligibility_label.text()


def test_flags_and_overdue_are_named_in_words(panel):
    from hlhdesk.core.evaluation.pathway import Flag

    pathway = stop_pathway(overdue=True, review_due=date(2026, 10, 17),
                           flags=(Flag("dose_above_max", "9.2 mg/kg/day: above the maximum"),))
    panel.show_evaluation(stop_evaluation(), pathway)
    text = panel.pathway_label.text()
    assert "9.2 mg/kg/day: above the maximum" in text
    assert "review overdue since 17/10/2026" in text


def test_a_flag_the_warnings_already_say_is_not_said_twice(panel):
    from hlhdesk.core.evaluation.pathway import Flag

    words = "weight 71 kg of 02/10/2026 10:00 (16.0 days old): older than 7 days, record a current weight"
    evaluation = dataclasses.replace(stop_evaluation(), warnings=(f"Anakinra course from 03/10/2026: {words}",))
    panel.show_evaluation(evaluation, stop_pathway(flags=(Flag("weight_stale", words),)))
    assert words not in panel.pathway_label.text()
    assert words in panel.warnings_label.text()


@pytest.mark.parametrize("rule_id", ["ST-NO-RESPONSE", "EX-WEIGHT", "DX-FERRITIN"])
def test_rule_rows_show_meaning_beside_the_policy_status_coloured_by_meaning(panel, rule_id):
    evaluation = stop_evaluation()
    panel.show_evaluation(evaluation, stop_pathway())
    rule = evaluation.rule(rule_id)
    tone, mark, words = rule_meaning(rule)
    item = panel.rule_item(rule_id)
    meaning, policy = item.text(0).splitlines()
    assert meaning == f"{mark} {words}"
    assert policy == f"policy: {rule.status.label}"
    assert item.foreground(0).color().name() == TONE_COLOURS[Tone(tone)]


def test_a_met_stop_criterion_is_a_warning_and_a_ruled_out_exclusion_is_good_news(panel):
    panel.show_evaluation(stop_evaluation(), stop_pathway())
    stop = panel.rule_item("ST-NO-RESPONSE")
    excluded = panel.rule_item("EX-WEIGHT")  # 71 kg: not under 10 kg
    assert stop.text(0).startswith("⚠") and "policy: Met" in stop.text(0)
    assert stop.foreground(0).color().name() == TONE_COLOURS[Tone.WARNING]
    assert excluded.text(0).startswith("✓") and "policy: Not met" in excluded.text(0)
    assert excluded.foreground(0).color().name() == TONE_COLOURS[Tone.GOOD]


def test_the_decisive_view_puts_the_deciding_rules_first(panel):
    panel.set_decisive_view(True)
    panel.show_evaluation(stop_evaluation(), stop_pathway())
    first = panel.tree.topLevelItem(0)
    assert first.text(0) == DECISIVE_TITLE
    assert [first.child(i).data(0, RULE_ID_ROLE) for i in range(first.childCount())] == ["ST-NO-RESPONSE", "EX-WEIGHT"]
    assert panel.rule_order()[:2] == ["ST-NO-RESPONSE", "EX-WEIGHT"]
    # The policy's groups stay below, folded, every rule still there.
    assert not panel.tree.topLevelItem(1).isExpanded()
    assert panel.rule_item("DX-FERRITIN") is not None

    panel.set_decisive_view(False)
    assert panel.tree.topLevelItem(0).text(0) == RuleGroup.DIAGNOSIS.title
    assert panel.rule_order()[0] == "DX-FERRITIN"


def test_without_a_pathway_the_panel_still_reads_out_the_evaluation(panel):
    panel.show_evaluation(stop_evaluation(), None)
    assert not panel.pathway_label.isVisibleTo(panel)
    assert panel.rule_item("ST-NO-RESPONSE") is not None
    panel.show_evaluation(None)
    assert panel.eligibility_label.text() == "No case selected."


def test_switching_cases_many_times_in_the_decisive_view_is_stable(panel, qtbot):
    """PySide 6.11 crashed in QTreeWidget.clear() when a group item's Python wrapper had
    been collected before the tree deleted it (about one switch in a few hundred)."""
    import gc

    before = fake_evaluate(demo_case(), DAY0.replace(day=1))
    shown = [(stop_evaluation(), stop_pathway()),
             (before, stop_pathway(phase=Phase.DECIDE_START, day=None, decisive_rules=("DX-FERRITIN",)))]
    from hlhdesk.gui.qt import QApplication

    panel.show()
    for n in range(400):
        panel.show_evaluation(*shown[n % 2])
        QApplication.processEvents()
        if n % 7 == 0:
            gc.collect()
    assert panel.rule_order()[0] == "DX-FERRITIN"


def test_a_relapse_names_its_episode_under_the_verdict(panel):
    """Which episode the rules read (day 0 and why a new one), the earlier as history."""
    from hlhdesk.core import evaluate
    from tests.support.cases import anakinra, case, obs

    first, second = datetime(2026, 6, 1, 10, 0), datetime(2026, 9, 1, 10, 0)
    relapse = case(obs("weight", 70, first), treatments=[anakinra(first, stop=datetime(2026, 6, 15, 10, 0)),
                                                        anakinra(second)])
    evaluation = evaluate(relapse, datetime(2026, 9, 3, 10, 0))
    panel.show_evaluation(evaluation, stop_pathway(phase=Phase.EARLY, day=2, tone=Tone.NEUTRAL))
    assert ("Episode 2 of 2: day 0 01/09/2026 (after 78 days without anakinra); "
            "episode 1 01/06/2026 to 15/06/2026") in panel.pathway_label.text()

    single = evaluate(case(obs("weight", 70, first), treatments=[anakinra(first)]), datetime(2026, 6, 3, 10, 0))
    panel.show_evaluation(single, stop_pathway(phase=Phase.EARLY, day=2, tone=Tone.NEUTRAL))
    assert "Episode" not in panel.pathway_label.text()
