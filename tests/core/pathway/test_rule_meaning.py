"""rule_meaning: marks and tones follow clinical meaning, never rule truth, always with words."""

from __future__ import annotations

import pytest

from hlhdesk.core.evaluation import RuleGroup, RuleResult, Status
from hlhdesk.core.evaluation.pathway import Tone, rule_meaning


def rule(rule_id: str, group: RuleGroup, status: Status) -> RuleResult:
    return RuleResult(rule_id, group, rule_id, status, "detail")


@pytest.mark.parametrize("rule_id, group, status, expected", [
    ("ST-NO-RESPONSE", RuleGroup.STOPPING, Status.MET, (Tone.WARNING, "⚠", "Stop criterion met")),
    ("ST-SAE", RuleGroup.STOPPING, Status.NOT_MET, (Tone.GOOD, "✓", "No stop criterion")),
    ("EX-AGE", RuleGroup.EXCLUSION, Status.NOT_MET, (Tone.GOOD, "✓", "No exclusion")),
    ("EX-AGE", RuleGroup.EXCLUSION, Status.MET, (Tone.WARNING, "✗", "Exclusion applies")),
    ("RE-FERRITIN-7D", RuleGroup.RESPONSE, Status.MET, (Tone.GOOD, "✓", "Responding")),
    ("DO-MAX", RuleGroup.DOSING, Status.NOT_MET, (Tone.WARNING, "⚠", "Above the maximum dose")),
    ("DO-MAX", RuleGroup.DOSING, Status.MET, (Tone.GOOD, "✓", "Within the maximum dose")),
    ("DO-IV-SWITCH", RuleGroup.DOSING, Status.MET, (Tone.CAUTION, "!", "Switch to subcutaneous when stable")),
    ("CONSENT-OFFLABEL", RuleGroup.OBLIGATIONS, Status.NOT_MET, (Tone.CAUTION, "!", "Not done")),
    ("ST-NO-RESPONSE", RuleGroup.STOPPING, Status.UNKNOWN, (Tone.UNKNOWN, "?", "Not yet assessable")),
    ("RE-STEROID-14D", RuleGroup.RESPONSE, Status.NOT_APPLICABLE, (Tone.NEUTRAL, "–", "Not applicable")),
])
def test_clinical_meaning_of_each_status(rule_id, group, status, expected):
    assert rule_meaning(rule(rule_id, group, status)) == expected


@pytest.mark.parametrize("day, tone", [(6, Tone.NEUTRAL), (7, Tone.CAUTION), (None, Tone.CAUTION)])
def test_an_unmet_response_rule_is_a_caution_from_day_7(day, tone):
    assert rule_meaning(rule("RE-FERRITIN-7D", RuleGroup.RESPONSE, Status.NOT_MET), day)[0] is tone


def test_an_unknown_rule_with_data_to_record_says_data_is_missing():
    weight = RuleResult("EX-WEIGHT", RuleGroup.EXCLUSION, "Weight under 10 kg", Status.UNKNOWN, "No weight recorded",
                        missing=("Weight",))
    assert rule_meaning(weight) == (Tone.UNKNOWN, "?", "Unknown: data missing")
