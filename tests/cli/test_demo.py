"""hlhdesk demo: a fresh demo database, every case brought to the present, never
replacing the user's own database."""

import json
from datetime import datetime, timedelta

import pytest

from hlhdesk.core.casefile.caseio import read_case_file
from hlhdesk.core.casefile.timeshift import days_to_bring
from hlhdesk.app.demo import build_demo_database, demo_cases, demo_folder, load_manifest
from hlhdesk.errors import InputError
from hlhdesk.paths import default_database_path, demo_database_path
from tests.cli.conftest import ADULT, DEMO_FIXTURE

NOW = datetime(2027, 3, 10, 14, 30)


def test_each_case_is_shifted_so_its_as_of_falls_in_the_day_before_now():
    for entry, case in demo_cases(NOW, DEMO_FIXTURE):
        original = read_case_file(DEMO_FIXTURE / entry.file)
        days = (case.observations[0].at - original.observations[0].at) / timedelta(days=1)
        assert days == int(days) and days == days_to_bring(entry.as_of, NOW)
        shifted_as_of = entry.as_of + timedelta(days=days)
        assert NOW - timedelta(days=1) < shifted_as_of <= NOW
        # clock times, intervals and ages stay as written
        assert [o.at.time() for o in case.observations] == [o.at.time() for o in original.observations]
        assert case.treatments[0].start - case.observations[0].at == (
            original.treatments[0].start - original.observations[0].at)
        assert case.patient.date_of_birth - original.patient.date_of_birth == timedelta(days=days)


def test_build_replaces_the_demo_database_and_leaves_no_building_file(tmp_path):
    from hlhdesk.store import open_database

    path = tmp_path / "demo.sqlite3"
    assert build_demo_database(path, NOW, DEMO_FIXTURE) == [1, 2]
    assert build_demo_database(path, NOW, DEMO_FIXTURE) == [1, 2]  # afresh, not doubled
    with open_database(path) as store:
        summaries = store.list_cases()
    assert [s.family_name for s in summaries] == ["Example", "Testchild"]
    assert [s.eligibility for s in summaries] == ["insufficient_data", "insufficient_data"]
    assert summaries[0].first_anakinra_start.date() == (NOW - timedelta(days=2)).date()
    assert sorted(p.name for p in tmp_path.iterdir() if "building" in p.name) == []


def test_a_broken_demo_case_leaves_the_previous_demo_in_place(tmp_path):
    path = tmp_path / "demo.sqlite3"
    build_demo_database(path, NOW, DEMO_FIXTURE)
    before = path.read_bytes()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "manifest.json").write_text(json.dumps([
        {"file": "a.json", "as_of": "2026-10-05T09:00"}, {"file": "absent.json", "as_of": "2026-10-05"}]))
    document = json.loads(ADULT.read_text())
    document["observations"][0]["value"] = -5
    (broken / "a.json").write_text(json.dumps(document))
    with pytest.raises(InputError) as caught:
        build_demo_database(path, NOW, broken)
    assert caught.value.problems[0].startswith("a.json: observations[0].value: Ferritin -5")
    assert "absent.json" in caught.value.problems[1]
    assert path.read_bytes() == before


@pytest.mark.parametrize("manifest, problem", [
    ("[]", "must be a non-empty list"),
    ("{", "is not valid JSON"),
    ('[{"file": "a.json"}]', 'needs "file" and "as_of"'),
    ('[{"file": "a.json", "as_of": "05/10/2026"}]', 'needs "file" and "as_of"'),
    ('[{"file": "a.json", "as_of": "2026-10-05T09:00Z"}]', "without a zone"),
])
def test_a_bad_manifest_is_bad_input(tmp_path, manifest, problem):
    (tmp_path / "manifest.json").write_text(manifest)
    with pytest.raises(InputError) as caught:
        load_manifest(tmp_path)
    assert problem in str(caught.value)


def test_the_demo_command_builds_and_prints_the_path(cli, tmp_path):
    path = tmp_path / "mydemo.sqlite3"
    result = cli("demo", "--cases", DEMO_FIXTURE, db=path)
    assert result.code == 0 and result.out.strip() == f"Demo database with 2 synthetic cases: {path}"
    listed = cli("list", db=path)
    assert "EXAMPLE, Alex" in listed.out and "TESTCHILD, Sam" in listed.out


def test_the_demo_goes_to_the_demo_path_by_default(cli):
    result = cli("demo", "--cases", DEMO_FIXTURE)
    assert result.code == 0 and str(demo_database_path()) in result.out
    assert cli("demo", "--cases", DEMO_FIXTURE).code == 0  # and is rebuilt without asking


def test_the_demo_never_replaces_a_real_database(cli, tmp_path):
    result = cli("demo", "--cases", DEMO_FIXTURE, db=default_database_path())
    assert result.code == 2 and "is your hlhdesk database; the demo never replaces it" in result.err
    other = tmp_path / "precious.sqlite3"
    other.write_bytes(b"not to be lost")
    result = cli("demo", "--cases", DEMO_FIXTURE, db=other)
    assert result.code == 2 and "add --force" in result.err
    assert other.read_bytes() == b"not to be lost"


def test_open_starts_the_app_on_the_demo_database(cli, tmp_path, monkeypatch):
    import hlhdesk.gui.app

    started = []
    monkeypatch.setattr(hlhdesk.gui.app, "run_app", lambda **kw: started.append(kw) or 0)
    path = tmp_path / "demo.sqlite3"
    assert cli("demo", "--cases", DEMO_FIXTURE, "--open", db=path).code == 0
    assert cli("demo", "--cases", DEMO_FIXTURE, "--smoke", "--force", db=path).code == 0
    assert started == [{"db_path": path, "smoke": False}, {"db_path": path, "smoke": True}]


@pytest.mark.skipif(not (demo_folder() / "manifest.json").exists(), reason="demo cases not landed yet")
def test_the_bundled_demo_lists_every_case_with_its_designed_status(tmp_path):
    from hlhdesk.store import open_database

    now = datetime.now().replace(second=0, microsecond=0)
    manifest = load_manifest()
    build_demo_database(tmp_path / "demo.sqlite3", now)
    with open_database(tmp_path / "demo.sqlite3") as store:
        summaries = store.list_cases()
    assert [s.eligibility for s in summaries] == [e.outcome["eligibility"] for e in manifest]
    for entry in manifest:
        shifted_as_of = entry.as_of + timedelta(days=days_to_bring(entry.as_of, now))
        assert now - timedelta(days=1) < shifted_as_of <= now, entry.file
    with open_database(tmp_path / "demo.sqlite3") as store:
        for summary in summaries:
            case = store.load_case(summary.case_id)
            times = [o.at for o in case.observations] + [e.at for e in case.events] + [
                t.start for t in case.treatments] + [t.stop for t in case.treatments if t.stop]
            assert max(times) <= now, summary.case_id  # a live demo holds nothing in the future


@pytest.mark.skipif(not (demo_folder() / "manifest.json").exists(), reason="demo cases not landed yet")
@pytest.mark.parametrize("now", [datetime(2027, 3, 1, 0, 5), datetime(2028, 2, 29, 23, 55)])
def test_shifting_keeps_every_demo_outcome(now):
    """The demo is only honest if a case moved to today reads as it was designed to: the
    same eligibility and the same rule results, both at its shifted as_of and now."""
    from hlhdesk.core import evaluate

    for entry, case in demo_cases(now):
        shifted_as_of = entry.as_of + timedelta(days=days_to_bring(entry.as_of, now))
        for moment in (shifted_as_of, now):
            evaluation = evaluate(case, moment)
            statuses = {r.id: r.status.value for r in evaluation.rules}
            expected = entry.outcome.get("rules", {})
            assert evaluation.eligibility.status.value == entry.outcome["eligibility"], entry.file
            assert {rule: statuses.get(rule) for rule in expected} == expected, entry.file
