"""hlhdesk evaluate: a readable report or JSON, from a file or the store; bad input exits 2."""

from __future__ import annotations

import json
import re

from hlhdesk.app.demo import demo_folder

EBV = demo_folder() / "adult-ebv-responding.json"


def test_report_groups_rules_with_status_words_and_evidence(cli):
    result = cli("evaluate", "--case", EBV, "--as-of", "2026-10-12T12:00")
    assert result.code == 0
    out = result.out
    assert "ELIGIBILITY: POLICY CRITERIA MET" in out
    assert "RESPONSE" in out and "STOPPING" in out and "OTHER POLICY OBLIGATIONS" in out
    assert re.search(r"✓ Met +RE-FERRITIN-7D", out)  # a mark and words, as on screen and paper
    assert re.search(r"\? Unknown +ST-NO-RESPONSE", out)
    assert "- Baseline ferritin: 52,000 µg/L on 05/10/2026 08:00" in out  # evidence, with unit and date
    assert "approved" not in out.lower()


def test_json_output_parses_and_names_the_policy(cli):
    result = cli("evaluate", "--case", EBV, "--as-of", "12/10/2026 12:00", "--json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["policy"] == "210701P v2.0" and data["as_of"] == "2026-10-12T12:00:00"
    assert {r["id"]: r["status"] for r in data["rules"]}["RE-FERRITIN-7D"] == "met"


def test_json_carries_the_pathway_phase(cli):
    lomax = demo_folder() / "child-iv-renal-overdose.json"
    pathway = json.loads(cli("evaluate", "--case", lomax, "--as-of", "2026-10-20T09:00", "--json").out)["pathway"]
    assert (pathway["phase"], pathway["day"], pathway["overdue"]) == ("early", 1, False)
    assert pathway["verdict"].startswith("Day 1: ")
    assert [f["code"] for f in pathway["flags"]] == ["dose_above_max", "weight_stale", "iv_running"]
    assert "above the maximum 8 mg/kg/day" in pathway["flags"][0]["words"]
    before = json.loads(cli("evaluate", "--case", EBV, "--as-of", "2026-10-05", "--json").out)["pathway"]
    assert before["day"] is None and before["phase"] in {"decide_start", "insufficient_data", "not_eligible"}


def test_brief_leads_with_the_verdict(cli):
    carrow = demo_folder() / "adult-lymphoma-no-response.json"
    out = cli("evaluate", "--case", carrow, "--as-of", "2026-10-13T10:00", "--brief").out
    assert out.splitlines()[0] == ("STOP RECOMMENDED: Day 15: no response by day 14: stop criterion met, "
                                   "for the MDT to confirm")
    assert out.splitlines()[1] == "  decided by: ST-NO-RESPONSE"
    assert "as-of is day 15" in out  # calendar days, as the verdict counts


def test_as_of_before_day_0_ignores_later_data(cli):
    data = json.loads(cli("evaluate", "--case", EBV, "--as-of", "2026-10-05", "--json").out)
    assert data["day0"] is None
    assert any("not used" in w for w in data["warnings"])


def test_evaluate_a_stored_case(cli, db):
    assert cli("import", EBV, db=db).code == 0
    result = cli("evaluate", "--id", 1, "--as-of", "2026-10-19T12:00", "--brief", db=db)
    assert result.code == 0 and "BRIGHTWELL" in result.out
    assert "- Baseline" not in result.out  # --brief leaves evidence out


def test_bad_input_exits_2_with_a_plain_message(cli, db, tmp_path):
    missing = cli("evaluate", "--case", tmp_path / "nope.json")
    assert missing.code == 2 and "no case file" in missing.err
    bad_time = cli("evaluate", "--case", EBV, "--as-of", "next tuesday")
    assert bad_time.code == 2 and "--as-of" in bad_time.err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "hlhdesk-case", "version": 1, "patient": {}}', encoding="utf-8")
    assert cli("evaluate", "--case", broken).code == 2
    assert cli("import", EBV, db=db).code == 0
    assert cli("evaluate", "--id", 99, db=db).code == 2


def test_a_relapse_report_names_its_episode_and_a_death_is_said_once(cli):
    farndale = demo_folder() / "adult-relapse-died.json"
    lines = cli("evaluate", "--case", farndale, "--as-of", "2026-10-17T10:00").out.splitlines()
    assert lines[0] == "DIED: death recorded on 16/10/2026"  # not "DIED: Died: death recorded"
    assert any(line.startswith("Episode 2 of 2: day 0 01/10/2026 (") and "; episode 1 " in line for line in lines)
