"""The service audit's rows and compliance (issue 16), each rule on both sides of its edge:
reviews on day N to day N+2 on time and day N+3 late, death by the end of day 30 and after,
ICU days, a relapse as a second episode, the first stop criterion, doses at the ceiling."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hlhdesk.core.audit.compliance import compliance, outcomes
from hlhdesk.core.audit.episode_audit import Identity, age_band, audit_case
from hlhdesk.core.evaluation import Status
from hlhdesk.core.meetings.meeting import Decision, Outcome, OutcomeRecord
from tests.support.cases import DAY, T0, anakinra, case, event, obs, on_day

WHO = Identity(1, "9434765919", "EXAMPLE, Alex", "RX1")
NOW = T0 + 60 * DAY


def outcome(on: date, decision: Decision = Decision.CONTINUE, rationale: str = "",
            prior_approval_ref: str | None = None) -> OutcomeRecord:
    made = Outcome(1, 1, decision, rationale=rationale, prior_approval_ref=prior_approval_ref)
    return OutcomeRecord(made, datetime.combine(on, datetime.min.time()), None, None, (), held_on=on)


def treated(*extra, stop_day: int | None = 30, dose: float = 100, every: float = 6, events=(), **details):
    stop = on_day(stop_day, 18) if stop_day is not None else None
    return case(obs("ferritin", 20_000, T0 - timedelta(hours=2)), obs("weight", 70, T0 - DAY),
                obs("ferritin", 15_000, on_day(4)), *extra,
                treatments=[anakinra(dose=dose, every=every, stop=stop)], events=events, **details)


def row(c, outcomes_=(), now=NOW):
    rows = audit_case(WHO, c, outcomes_, now)
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize("held, on_time", [(7, True), (9, True), (10, False), (6, False)])
def test_the_day7_review_is_on_time_from_day_7_to_day_9(held, on_time):
    r = row(treated(), [outcome(T0.date() + timedelta(days=held))])
    # An outcome on day 6 is before the review: it is not the day-7 review.
    assert r.day7_review.on_time is on_time


def test_a_review_not_yet_late_is_not_counted_either_way():
    r = row(treated(stop_day=None), now=on_day(8, 9))
    assert r.day7_review.on_time is None and r.day7_review.words == "not yet due"
    assert row(treated(stop_day=None), now=on_day(10, 9)).day7_review.on_time is False


def test_a_review_after_the_episode_ended_is_not_asked_for():
    r = row(treated(stop_day=3))
    assert r.day7_review.on_time is None and r.anakinra_stopped_day == 3


@pytest.mark.parametrize("death_day, expected", [(30, True), (31, False)])
def test_death_by_the_end_of_day_30(death_day, expected):
    r = row(treated(events=[event("death", on_day(death_day, 23, 0))]))
    assert r.died_by_day30 is expected and r.death_day == death_day


def test_alive_at_day_30_only_when_a_later_record_says_so():
    assert row(treated(obs("ferritin", 900, on_day(35)))).died_by_day30 is False
    # The course's own stop on day 30 is the last record: day 30 status not known.
    assert row(treated(stop_day=20)).died_by_day30 is None


def test_icu_days_from_admission_and_discharge():
    r = row(treated(events=[event("icu_admission", on_day(1, 8)), event("icu_discharge", on_day(4, 8))]))
    assert r.icu_days == pytest.approx(3.0)
    assert row(treated()).icu_days is None  # none recorded: not "0 days"


def test_a_relapse_after_28_days_without_anakinra_is_a_second_episode():
    second = on_day(50, 10)
    c = case(obs("ferritin", 20_000, T0 - timedelta(hours=2)), obs("weight", 70, T0 - DAY),
             obs("ferritin", 30_000, second - timedelta(hours=3)), obs("ferritin", 12_000, second + 3 * DAY),
             treatments=[anakinra(stop=on_day(15, 18)), anakinra(start=second, stop=second + 20 * DAY)])
    rows = audit_case(WHO, c, (), second + 40 * DAY)
    assert [r.episode for r in rows] == [1, 2]
    assert rows[1].day0 == second
    # The relapse's fall is judged against its own baseline (30,000), not January's.
    assert rows[1].max_ferritin_fall_pct == pytest.approx(60.0, abs=0.1)
    assert rows[1].ferritin_response_7d == Status.MET


def test_the_first_stop_criterion_and_whether_anakinra_stopped_within_2_days():
    sae = [event("serious_adverse_event", on_day(3, 9), "anaphylaxis")]
    stopped_in_time = row(treated(stop_day=5, events=sae))
    assert (stopped_in_time.stop_criterion, stopped_in_time.stop_criterion_day) == ("ST-SAE", 3)
    late = row(treated(stop_day=6, events=sae))
    stop = {c.key: c for c in compliance([stopped_in_time, late])}["stop"]
    assert stop.complied == (stopped_in_time,) and stop.not_complied == (late,)


@pytest.mark.parametrize("dose, complies", [(140, True), (141, False)])
def test_dose_compliance_at_the_ceiling(dose, complies):
    # 140 mg every 6 h = 560 mg/day for 70 kg = 8.0 mg/kg/day: at the ceiling, not above it.
    r = row(treated(dose=dose))
    dose_result = {c.key: c for c in compliance([r])}["dose"]
    assert (r in dose_result.complied) is complies and (r in dose_result.not_complied) is not complies


def test_starting_outside_the_criteria_counts_when_the_mdt_recorded_why():
    c = treated(anakinra_hypersensitivity=True)
    plain = row(c)
    assert plain.criteria_met_at_day0 is False and plain.departure_reason is None
    reason = "mild rash only on previous use; benefit judged to outweigh risk"
    explained = row(c, [outcome(T0.date() - DAY, Decision.START, rationale=reason)])
    assert explained.departure_reason == reason
    criteria = {c.key: c for c in compliance([plain, explained])}["criteria"]
    assert criteria.complied == (explained,) and criteria.not_complied == (plain,)


def test_prior_approval_before_or_after_day_0():
    before = row(treated(prior_approval_ref=None), [outcome(T0.date() - DAY, Decision.START, prior_approval_ref="BT-1")])
    after = row(treated(prior_approval_ref=None), [outcome(T0.date() + 7 * DAY, prior_approval_ref="BT-2")])
    undated = row(treated(prior_approval_ref="BT-3"))
    assert (before.prior_approval_ref, before.prior_approval_timing) == ("BT-1", "before day 0")
    assert (after.prior_approval_ref, after.prior_approval_timing) == ("BT-2", "after day 0")
    assert undated.prior_approval_timing == "date not known"
    assert row(treated(prior_approval_ref=None)).prior_approval_ref is None


def test_missing_data_is_never_counted_as_compliance():
    r = row(case(obs("ferritin", 20_000, T0 - DAY), treatments=[anakinra(stop=on_day(20))]))  # no weight
    assert r.max_mg_per_kg_day is None
    results = {c.key: c for c in compliance([r])}
    assert results["dose"].not_assessable == (r,) and not results["dose"].complied
    assert outcomes([r]).day30_unknown == 1


@pytest.mark.parametrize("months, band", [(23, "under 2"), (24, "2 to 15"), (191, "2 to 15"), (192, "16 to 64"),
                                          (779, "16 to 64"), (780, "65 and over"), (None, "unknown")])
def test_age_bands_at_their_edges(months, band):
    assert age_band(months) == band


def test_the_data_dictionary_documents_every_column():
    from pathlib import Path

    from hlhdesk.core.audit.table import COLUMNS

    text = (Path(__file__).resolve().parents[2] / "docs" / "service-audit.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column.name}` | {column.meaning} |" in text, column.name


def test_the_audit_reads_the_same_rules_as_a_whole_evaluation_at_each_moment():
    """The audit reads only the rules it needs; at day 0, the end of day 7 and the end of
    day 14 they must say what a whole evaluation at that moment says (every demo case)."""
    from hlhdesk.app.demo import load_manifest
    from hlhdesk.core import evaluate
    from hlhdesk.core.casefile.caseio import read_case_file
    from hlhdesk.core.episodes import end_of_day
    from hlhdesk.core.evaluation import EligibilityStatus, RuleGroup
    from hlhdesk.paths import resource

    checked = 0
    for entry in load_manifest():
        c = read_case_file(resource("demo", entry.file))
        for r in audit_case(WHO, c, (), entry.as_of + 20 * DAY):
            at_day0 = evaluate(c, r.day0).eligibility.status
            expected = {EligibilityStatus.ELIGIBLE: True, EligibilityStatus.NOT_ELIGIBLE: False}.get(at_day0)
            assert r.criteria_met_at_day0 == expected, entry.file
            for day, status in ((7, r.response_by_day7), (14, r.response_by_day14)):
                if status is None:
                    continue
                rules = evaluate(c, end_of_day(r.day0, day) - timedelta(microseconds=1)).rules_in(RuleGroup.RESPONSE)
                any_met = any(x.status == Status.MET for x in rules)
                assert (status == Status.MET) == any_met, (entry.file, day)
            checked += 1
    assert checked >= 8


def test_a_readings_remembered_answers_never_depend_on_what_was_asked_first():
    """Facts keep response HScores, their evidence and daily steroid doses between the
    audit's questions (day 7, day 14, the stop rule): asked in any order, each question
    gets what a fresh reading says (every demo case with a course)."""
    from hlhdesk.app.demo import load_manifest
    from hlhdesk.core.audit.reading import Reading
    from hlhdesk.core.casefile.caseio import read_case_file
    from hlhdesk.core.episodes import end_of_day
    from hlhdesk.paths import resource

    checked = 0
    for entry in load_manifest():
        c = read_case_file(resource("demo", entry.file))
        now = entry.as_of + 20 * DAY
        for episode in Reading(c, now).episodes:
            moments = [end_of_day(episode.day0, 14), end_of_day(episode.day0, 7), now]
            fresh = [Reading(c, now).responses_until(m) for m in moments] + [Reading(c, now).no_response()]
            reused = Reading(c, now)
            asked = [reused.responses_until(m) for m in moments] + [reused.no_response()]
            assert asked == fresh, entry.file
            checked += 1
    assert checked >= 8


@pytest.mark.parametrize("lower_on, responded", [(14, True), (15, False)])
def test_a_response_recorded_with_a_date_alone_counts_on_its_own_day_as_st_no_response_reads_it(lower_on, responded):
    """A vasopressor dose lower than day 0's, entered with a date alone, is at 00:00 of that
    day: dated day 15 it is not a response by day 14, in the audit as in ST-NO-RESPONSE."""
    from hlhdesk.core import evaluate

    lower = datetime.combine((T0 + lower_on * DAY).date(), datetime.min.time())
    c = case(obs("ferritin", 20_000, T0 - timedelta(hours=2)), obs("ferritin", 20_000, on_day(4)),
             obs("weight", 70, T0 - DAY),
             obs("vasopressor", 0.3, T0 - timedelta(hours=2)), obs("ventilation", "invasive", T0 - timedelta(hours=2)),
             obs("renal_replacement", False, T0 - timedelta(hours=2)),
             obs("vasopressor", 0.1, lower), obs("vasopressor", 0.1, lower + timedelta(hours=30)),
             treatments=[anakinra(stop=on_day(30, 18))])
    assert (row(c).response_by_day14 is Status.MET) is responded
    no_response = evaluate(c, on_day(16)).rule("ST-NO-RESPONSE").status
    assert (no_response is Status.NOT_MET) is responded
