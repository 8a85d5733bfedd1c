"""pathway_of: every phase of rules.md's table, both sides of days 7/8 and 14/15, and a
review that stays due until an outcome dated on or after it is recorded."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.evaluation.pathway import Phase, Tone, pathway_of
from hlhdesk.core.meetings.meeting import Action, Decision, Outcome, OutcomeRecord
from tests.support.cases import DAY, T0, anakinra, case, event, obs

WEIGHT = obs("weight", 70, T0 - DAY)
BASELINE = obs("ferritin", 38052, T0 - DAY)


def on_anakinra(*extra, treatments=None, events=()):
    """Criteria met, anakinra 100 mg every 8 h sc from T0 (about 4.3 mg/kg/day)."""
    return case(BASELINE, WEIGHT, *extra, treatments=treatments or (anakinra(T0),), events=events)


def on_day(day: int, hour: int = 9) -> datetime:
    """A time on calendar day `day` (T0 is 10:00, so 09:00 is before a whole day has passed)."""
    return datetime.combine(T0.date() + timedelta(days=day), datetime.min.time()).replace(hour=hour)


def outcome(held_on: date, decision=Decision.CONTINUE, next_review=None, actions=()) -> OutcomeRecord:
    original = Outcome(case_id=1, meeting_id=1, decision=decision, next_review=next_review, actions=actions)
    return OutcomeRecord(original, datetime.combine(held_on, datetime.min.time()), None, None, (), held_on=held_on)


def phase_at(c, day: int, outcomes=(), hour: int = 9):
    return pathway_of(evaluate(c, on_day(day, hour)), outcomes)


# --- days and the checks -------------------------------------------------------------------

def test_day_is_the_calendar_day_of_the_episode():
    # 09:00 on day 7 is less than 7 x 24 hours after a 10:00 start: still day 7.
    assert phase_at(on_anakinra(), 7).day == 7
    assert phase_at(on_anakinra(), 0, hour=23).day == 0


def test_days_0_to_6_are_early_with_the_day_7_check_date():
    p = phase_at(on_anakinra(), 6)
    assert p.phase is Phase.EARLY and not p.overdue
    assert p.verdict.startswith("Day 6: ") and "day-7 check on 10/10/2026" in p.verdict
    assert p.review_due == date(2026, 10, 10) and not p.is_due(on_day(6).date())


def test_day_7_check_is_due_on_day_7_and_overdue_from_day_8():
    day7, day8 = phase_at(on_anakinra(), 7), phase_at(on_anakinra(), 8)
    assert (day7.phase, day7.overdue) == (Phase.DAY7_CHECK, False)
    assert "day-7 check due today" in day7.verdict
    assert (day8.phase, day8.overdue) == (Phase.DAY7_CHECK, True)
    assert "day-7 check overdue since 10/10/2026" in day8.verdict
    assert day8.urgency < day7.urgency
    assert day7.review_due == day8.review_due == date(2026, 10, 10)


def test_an_outcome_on_or_after_day_7_ends_the_day_7_check_until_day_14():
    before = phase_at(on_anakinra(), 9, [outcome(date(2026, 10, 9))])  # day 6: does not count
    assert before.phase is Phase.DAY7_CHECK and before.overdue
    after = phase_at(on_anakinra(), 9, [outcome(date(2026, 10, 10))])
    assert after.phase is Phase.EARLY and not after.overdue
    assert "day-14 check on 17/10/2026" in after.verdict and after.review_due == date(2026, 10, 17)
    assert phase_at(on_anakinra(), 13, [outcome(date(2026, 10, 10))]).phase is Phase.EARLY


def test_day_13_is_still_the_day_7_check_and_day_14_the_day_14_check():
    assert phase_at(on_anakinra(), 13).phase is Phase.DAY7_CHECK
    p = phase_at(on_anakinra(), 14)
    assert (p.phase, p.overdue) == (Phase.DAY14_CHECK, False) and "day-14 check due today" in p.verdict


@pytest.mark.parametrize("day, overdue", [(14, False), (15, True), (30, True)])
def test_a_missed_day_14_check_stays_due_until_an_outcome_on_or_after_day_14(day, overdue):
    day14 = date(2026, 10, 17)
    late = phase_at(on_anakinra(), day, [outcome(date(2026, 10, 16))])  # day 13: does not count
    assert (late.phase, late.overdue, late.review_due) == (Phase.DAY14_CHECK, overdue, day14)
    assert late.is_due(on_day(day).date())
    assert late.urgency <= phase_at(on_anakinra(), 8).urgency  # above any day-7 check
    done = phase_at(on_anakinra(), day, [outcome(day14)])
    assert done.phase is Phase.CONTINUING and not done.overdue and done.review_due is None


def test_continuing_shows_the_mdt_decision_and_keeps_its_review_date_until_reviewed():
    review = date(2026, 10, 24)
    p = phase_at(on_anakinra(), 22, [outcome(date(2026, 10, 17), next_review=review)])
    assert p.phase is Phase.CONTINUING and p.overdue and p.review_due == review
    assert "Continue anakinra, 17/10/2026" in p.verdict and "review overdue since 24/10/2026" in p.verdict
    p = phase_at(on_anakinra(), 22, [outcome(date(2026, 10, 17), next_review=review), outcome(review)])
    assert p.review_due is None and not p.overdue


# --- stop, stopped, died ------------------------------------------------------------------

def test_a_serious_adverse_event_recommends_stopping_on_any_day():
    c = on_anakinra(events=(event("serious_adverse_event", T0 + DAY, "anaphylaxis"),))
    assert phase_at(c, 1, hour=9).phase is Phase.EARLY  # before the event's time
    p = phase_at(c, 1, hour=12)
    assert p.phase is Phase.STOP_RECOMMENDED and p.tone is Tone.WARNING and p.urgency == 0
    assert p.verdict == "Day 1: serious adverse event (anaphylaxis): stop criterion met, for the MDT to confirm"
    assert p.decisive_rules == ("ST-SAE",)


def test_a_stopped_course_is_stopped_with_its_reason_not_reviewed():
    c = on_anakinra(treatments=(anakinra(T0, stop=T0 + 5 * DAY),),
                    events=(event("hlh_resolved", T0 + 4 * DAY),))
    p = phase_at(c, 20)
    assert p.phase is Phase.STOPPED and p.review_due is None and not p.overdue
    assert p.verdict == "Stopped: anakinra stopped on 08/10/2026 (HLH resolution recorded)"
    assert phase_at(c, 4, hour=12).phase is Phase.STOP_RECOMMENDED  # resolved, course still running


def test_death_is_last_in_urgency_and_never_due():
    c = on_anakinra(events=(event("death", T0 + 15 * DAY),))
    p = phase_at(c, 15, hour=12)
    assert p.phase is Phase.DIED and p.review_due is None and not p.overdue
    assert p.verdict == "Died: death recorded on 18/10/2026" and p.decisive_rules == ("ST-DEATH",)
    stopped = on_anakinra(treatments=(anakinra(T0, stop=T0 + 5 * DAY),))
    assert p.urgency > phase_at(stopped, 20).urgency > phase_at(c, 15, hour=9).urgency


# --- before anakinra ------------------------------------------------------------------------

def test_criteria_met_before_anakinra_is_for_the_mdt_to_decide():
    p = pathway_of(evaluate(case(BASELINE, WEIGHT), T0))
    assert p.phase is Phase.DECIDE_START and p.day is None
    assert p.verdict == "Criteria met: MDT to decide on starting anakinra"
    started = pathway_of(evaluate(case(BASELINE, WEIGHT), T0), [outcome(T0.date(), Decision.START)])
    assert "MDT decided to start anakinra on 03/10/2026" in started.verdict


def test_an_exclusion_names_its_rule():
    baby = case(BASELINE, WEIGHT, dob=(T0 - 150 * DAY).date())
    p = pathway_of(evaluate(baby, T0))
    assert p.phase is Phase.NOT_ELIGIBLE and p.verdict == "Not eligible: age under 8 months"
    assert p.decisive_rules == ("EX-AGE",)


def test_missing_data_asks_for_it():
    p = pathway_of(evaluate(case(BASELINE), T0))  # no weight
    assert p.phase is Phase.INSUFFICIENT_DATA and p.tone is Tone.UNKNOWN
    assert p.verdict.startswith("Insufficient data: record ") and "eight" in p.verdict.lower()
    assert "EX-WEIGHT" in p.decisive_rules


# --- flags ------------------------------------------------------------------------------------

def test_flags_dose_above_the_maximum_iv_and_an_overdue_action():
    c = on_anakinra(treatments=(anakinra(T0, dose=250, every=6, route="iv"),))  # 1,000 mg/day, 70 kg
    late = Action("Repeat ferritin", "Dr Reg", date(2026, 10, 5))
    p = phase_at(c, 3, [outcome(date(2026, 10, 3), actions=(late, Action("Later", "Ward", date(2026, 10, 30))))])
    codes = [f.code for f in p.flags]
    assert codes == ["dose_above_max", "iv_running", "action_overdue"]
    assert "14.29 mg/kg/day" in p.flags[0].words and "8 mg/kg/day" in p.flags[0].words
    assert p.flags[2].words == "Action overdue since 05/10/2026: Repeat ferritin (Dr Reg)"
    assert p.overdue_actions == 1
    assert phase_at(on_anakinra(), 3).flags == ()


def test_a_weight_older_than_allowed_is_flagged():
    c = case(BASELINE, obs("weight", 70, T0 - 40 * DAY), treatments=(anakinra(T0),))
    assert "weight_stale" in [f.code for f in phase_at(c, 3).flags]


def test_a_response_is_named_with_its_value():
    c = on_anakinra(obs("ferritin", 28920, T0 + 3 * DAY))  # 24% below 38,052
    p = phase_at(c, 7)
    assert p.verdict == "Day 7: responding (ferritin 24% below baseline); day-7 check due today"
    assert p.decisive_rules[0] == "RE-FERRITIN-7D" and p.tone is Tone.CAUTION
    assert phase_at(c, 5).tone is Tone.GOOD  # early and responding


def test_a_stop_criterion_after_the_course_ended_waits_for_the_mdt_to_confirm():
    # Anaphylaxis at night on day 1; the ward stopped anakinra; no meeting yet.
    sae = event("serious_adverse_event", T0 + DAY, "anaphylaxis; adrenaline given")
    c = on_anakinra(treatments=(anakinra(T0, stop=T0 + DAY + timedelta(hours=1)),), events=(sae,))
    p = phase_at(c, 2)
    assert p.phase is Phase.STOP_RECOMMENDED and p.review_due == date(2026, 10, 4) and p.overdue
    assert p.verdict == ("Day 2: serious adverse event (anaphylaxis): stop criterion met, for the MDT to confirm; "
                         "anakinra stopped on 04/10/2026")
    confirmed = phase_at(c, 6, [outcome(date(2026, 10, 5), Decision.STOP)])
    assert confirmed.phase is Phase.STOPPED and confirmed.review_due is None
    assert confirmed.verdict == "Stopped: anakinra stopped on 04/10/2026 (serious adverse event (anaphylaxis))"


def test_a_stop_recommendation_is_due_until_an_outcome_on_or_after_the_criterion():
    c = on_anakinra(events=(event("serious_adverse_event", T0 + DAY, "rash"),))
    assert phase_at(c, 1, hour=12).review_due == date(2026, 10, 4)
    after = phase_at(c, 3, [outcome(date(2026, 10, 4))])  # the MDT met on it, decided to continue
    assert after.phase is Phase.STOP_RECOMMENDED and after.review_due is None and not after.overdue
    assert after.verdict == ("Day 3: serious adverse event (rash): stop criterion met; "
                             "MDT decided 'Continue anakinra' on 04/10/2026")
    before = phase_at(c, 3, [outcome(date(2026, 10, 3))])  # a meeting before the event: still to confirm
    assert before.verdict.endswith("stop criterion met, for the MDT to confirm") and before.overdue


def test_a_stop_decided_with_the_course_still_running_asks_for_the_stop_to_be_recorded():
    c = on_anakinra(events=(event("serious_adverse_event", T0 + DAY, "anaphylaxis"),))
    p = phase_at(c, 2, [outcome(date(2026, 10, 4), Decision.STOP)])
    assert p.phase is Phase.STOP_RECOMMENDED and p.review_due is None
    assert p.verdict == ("Day 2: serious adverse event (anaphylaxis): MDT decided to stop on 04/10/2026; "
                         "anakinra still recorded as running: record when it stopped")


def test_a_dose_above_the_maximum_ranks_above_a_day_7_check():
    over = phase_at(on_anakinra(treatments=(anakinra(T0, dose=250, every=6),)), 3)
    assert phase_at(on_anakinra(), 14).urgency < over.urgency < phase_at(on_anakinra(), 8).urgency

