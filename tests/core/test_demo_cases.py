"""The bundled demo cases: each, evaluated at its as_of, gives the outcome its manifest
states, and its evaluation survives the JSON freeze exactly."""

from __future__ import annotations

import json

import nhs_number
import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.core.evaluation import Status
from hlhdesk.core.evaluation.json_form import evaluation_from_dict, evaluation_to_dict
from hlhdesk.core.evaluation.pathway import pathway_of
from hlhdesk.app.demo import demo_folder, load_manifest

ENTRIES = load_manifest()


@pytest.fixture(scope="module")
def evaluated():
    return {e.file: (e, evaluate(read_case_file(demo_folder() / e.file), e.as_of)) for e in ENTRIES}


@pytest.mark.parametrize("file", [e.file for e in ENTRIES])
def test_demo_case_gives_its_stated_outcome(evaluated, file):
    entry, ev = evaluated[file]
    assert ev.eligibility.status.value == entry.outcome["eligibility"], ev.eligibility.summary
    got = {rid: ev.rule(rid).status.value for rid in entry.outcome["rules"]}
    assert got == entry.outcome["rules"]


@pytest.mark.parametrize("file", [e.file for e in ENTRIES])
def test_demo_case_is_in_its_designed_pathway_phase(evaluated, file):
    entry, ev = evaluated[file]
    designed = entry.outcome["pathway"]
    p = pathway_of(ev)
    assert (p.phase.value, p.day, p.verdict) == (designed["phase"], designed["day"], designed["verdict"])
    assert [f.code for f in p.flags] == designed["flags"]


def test_the_demo_shows_the_phases_the_mdt_chair_asked_about(evaluated):
    by_name = {read_case_file(demo_folder() / e.file).patient.family_name: pathway_of(ev)
               for e, ev in evaluated.values()}
    carrow = by_name["Carrow"]
    assert (carrow.phase.value, carrow.day) == ("stop_recommended", 15) and "no response by day 14" in carrow.verdict
    assert by_name["Dunmore"].phase.value == "stop_recommended" and "anaphylaxis" in by_name["Dunmore"].verdict
    assert "dose_above_max" in [f.code for f in by_name["Lomax"].flags]
    assert "HLH resolution recorded" in by_name["Eastleigh"].verdict
    phases = {p.phase.value for p in by_name.values()}
    assert {"stop_recommended", "day7_check", "early", "decide_start", "insufficient_data", "not_eligible"} <= phases


@pytest.mark.parametrize("file", [e.file for e in ENTRIES])
def test_demo_evaluation_survives_the_json_freeze(evaluated, file):
    _, ev = evaluated[file]
    frozen = json.loads(json.dumps(evaluation_to_dict(ev)))
    assert evaluation_from_dict(frozen) == ev


def test_demo_cases_cover_every_branch_the_brief_names(evaluated):
    seen = {(rid, ev.rule(rid).status) for _, ev in evaluated.values() for rid in
            ("EX-AGE", "EX-WEIGHT", "EX-HYPERSENSITIVITY", "ST-SAE", "ST-NO-RESPONSE", "ST-RESOLUTION",
             "DO-MAX", "DO-RENAL", "DO-IV-SWITCH", "DO-SPECIALIST", "RE-FERRITIN-7D", "IVIG-INDICATION")}
    for needed in ("EX-AGE", "EX-WEIGHT", "EX-HYPERSENSITIVITY", "ST-SAE", "ST-NO-RESPONSE", "ST-RESOLUTION",
                   "DO-RENAL", "DO-IV-SWITCH", "DO-SPECIALIST", "RE-FERRITIN-7D", "IVIG-INDICATION"):
        assert (needed, Status.MET) in seen, needed
    assert ("DO-MAX", Status.NOT_MET) in seen
    statuses = {ev.eligibility.status.value for _, ev in evaluated.values()}
    assert statuses == {"eligible", "not_eligible", "insufficient_data"}
    only = {file for file, (_, ev) in evaluated.items()
            if [r.id for r in ev.rules if r.id.startswith("DX-") and r.status is Status.MET] == ["DX-FERRITIN"]}
    assert only, "a case diagnosed by ferritin alone"
    ages = {ev.rule("EX-AGE").evidence[0].value < 18 * 12 for _, ev in evaluated.values()}
    assert ages == {True, False}, "adult and paediatric cases"


def test_demo_patients_are_synthetic():
    for e in ENTRIES:
        doc = json.loads((demo_folder() / e.file).read_text(encoding="utf-8"))
        number = doc["patient"]["nhs_number"]
        assert number.startswith("999") and nhs_number.is_valid(number), e.file


def test_each_demo_patient_has_their_own_nhs_and_hospital_number():
    docs = [json.loads((demo_folder() / e.file).read_text(encoding="utf-8")) for e in ENTRIES]
    for field in ("nhs_number", "hospital_number"):
        numbers = [d["patient"][field] for d in docs]
        assert len(set(numbers)) == len(numbers), field
