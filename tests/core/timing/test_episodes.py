"""Episodes (rules.md revision 2, "Time"): day 0 per episode, every rule reads only the current one."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hlhdesk.core import evaluate
from hlhdesk.core.casefile.caseio import CaseFileError, case_to_dict, parse_case
from hlhdesk.core.evaluation import Status
from tests.support.cases import DAY, anakinra, case, event, hscore_panel, marrow, obs

MINUTE = timedelta(minutes=1)
JAN = datetime(2026, 1, 5, 10, 0)
JAN_END = datetime(2026, 1, 20, 10, 0)


def relapse_case(second_start, *observations, events=(), **details):
    return case(obs("weight", 70, JAN - DAY), *observations,
                treatments=[anakinra(JAN, stop=JAN_END), anakinra(second_start)], events=events, **details)


@pytest.mark.parametrize("gap, episodes", [(28 * DAY, 1), (28 * DAY + MINUTE, 2)])
def test_more_than_28_days_without_anakinra_starts_a_new_episode(gap, episodes):
    start = JAN_END + gap
    ev = evaluate(relapse_case(start), start + DAY)
    assert len(ev.episodes) == episodes
    assert ev.day0 == (start if episodes == 2 else JAN)
    if episodes == 2:
        assert ev.episodes[0].day0 == JAN and ev.episodes[0].ended == JAN_END
        assert "28 days without anakinra" in ev.episodes[1].started_by


def test_an_earlier_episodes_resolution_never_recommends_stopping_a_new_one():
    # Resolved in the first episode; a new course 10 days after the last dose (under 28 days)
    start = JAN_END + 10 * DAY
    c = relapse_case(start, events=[event("hlh_resolved", JAN_END - DAY, "MDT: resolved")])
    ev = evaluate(c, start + DAY)
    assert ev.day0 == start and len(ev.episodes) == 2
    assert "resolved" in ev.episodes[1].started_by
    assert ev.rule("ST-RESOLUTION").status is Status.NOT_MET
    # during the first episode the same record did recommend stopping
    assert evaluate(c, JAN_END - DAY + MINUTE).rule("ST-RESOLUTION").status is Status.MET


def test_without_a_resolution_a_short_break_is_the_same_episode():
    start = JAN_END + 10 * DAY
    ev = evaluate(relapse_case(start), start + DAY)
    assert ev.day0 == JAN and len(ev.episodes) == 1


def test_a_dose_change_after_the_resolution_is_not_a_new_episode():
    c = case(obs("weight", 70, JAN - DAY),
             treatments=[anakinra(JAN), anakinra(JAN + 12 * DAY, dose=50)],
             events=[event("hlh_resolved", JAN + 11 * DAY)])
    ev = evaluate(c, JAN + 13 * DAY)
    assert len(ev.episodes) == 1 and ev.day0 == JAN
    assert ev.rule("ST-RESOLUTION").status is Status.MET


def test_a_relapse_is_judged_against_its_own_baseline_not_january():
    start = JAN_END + 40 * DAY
    c = relapse_case(start, obs("ferritin", 10_000, JAN - DAY),  # January's baseline
                     obs("ferritin", 2_000, start - DAY), obs("ferritin", 6_000, start + 5 * DAY))
    r = evaluate(c, start + 9 * DAY).rule("RE-FERRITIN-7D")
    assert r.status is Status.NOT_MET  # 6,000 is a rise from 2,000, not a 40% fall from 10,000
    assert r.evidence[0].value == 2_000


def test_a_diagnosis_met_in_an_earlier_episode_does_not_stand_in_a_new_one():
    high = [*hscore_panel(JAN - DAY, temperature=39.6, haemoglobin=80, wbc=3, platelets=50, hepatomegaly=True,
                          splenomegaly=True, ferritin=8000, triglycerides=4.5, fibrinogen=2.0, ast=40),
            marrow(True, JAN - DAY)]
    start = JAN_END + 40 * DAY
    low = hscore_panel(start - DAY)
    c = relapse_case(start, *high, *low)
    assert evaluate(c, JAN + DAY).rule("DX-HSCORE").status is Status.MET
    relapse = evaluate(c, start + DAY).rule("DX-HSCORE")
    assert relapse.status is not Status.MET, relapse.detail


def test_an_mdt_set_episode_start_during_a_running_course_is_day_0():
    escalated = datetime(2026, 3, 10, 9, 0)
    c = case(obs("weight", 30, JAN - DAY), treatments=[anakinra(JAN)], episode_starts=(escalated,))
    ev = evaluate(c, escalated + 2 * DAY)
    assert ev.day0 == escalated and [e.number for e in ev.episodes] == [1, 2]
    assert "set by the MDT" in ev.episodes[1].started_by
    assert ev.episodes[0].ended == escalated
    # before the MDT's start, the first episode is the current one
    assert evaluate(c, escalated - MINUTE).day0 == JAN


def test_an_mdt_set_start_between_courses_begins_at_the_next_dose():
    mdt = JAN_END + 2 * DAY
    second = JAN_END + 5 * DAY
    c = case(obs("weight", 70, JAN - DAY), treatments=[anakinra(JAN, stop=JAN_END), anakinra(second)],
             episode_starts=(mdt,))
    ev = evaluate(c, second + DAY)
    assert ev.day0 == second and len(ev.episodes) == 2


def test_episode_starts_travel_in_the_case_file_and_older_files_still_read():
    c = case(treatments=[anakinra(JAN)], episode_starts=(datetime(2026, 3, 10, 9, 0),))
    document = case_to_dict(c)
    assert document["case"]["episode_starts"] == ["2026-03-10T09:00"]
    assert parse_case(document) == c
    del document["case"]["episode_starts"]
    assert parse_case(document).details.episode_starts is None


def test_a_bad_episode_start_is_refused_with_its_path():
    document = case_to_dict(case(treatments=[anakinra(JAN)]))
    document["case"]["episode_starts"] = ["2026-03-10T09:00", "yesterday"]
    with pytest.raises(CaseFileError, match=r"case\.episode_starts\[1\]"):
        parse_case(document)


def test_the_terminal_report_shows_earlier_episodes_as_history():
    from hlhdesk.cli.evaluation_text import render

    start = JAN_END + 40 * DAY
    text = render(evaluate(relapse_case(start), start + DAY))
    assert ("Episode 2 of 2: day 0 01/03/2026 (after 40 days without anakinra); "
            "episode 1 05/01/2026 to 20/01/2026") in text


def test_an_earlier_episodes_ferritin_never_meets_dx_ferritin_in_a_new_one():
    start = JAN_END + 40 * DAY
    c = relapse_case(start, obs("ferritin", 40_000, JAN - DAY), obs("ferritin", 6_000, start - DAY))
    assert evaluate(c, JAN + DAY).rule("DX-FERRITIN").status is Status.MET
    relapse = evaluate(c, start + DAY).rule("DX-FERRITIN")
    assert relapse.status is Status.NOT_MET and "6,000" in relapse.detail, relapse.detail


def test_the_episode_line_names_the_current_episode_and_keeps_the_earlier_as_history():
    from hlhdesk.core.episodes import episode_line

    start = JAN_END + 40 * DAY
    ev = evaluate(relapse_case(start), start + DAY)
    assert episode_line(ev.episodes) == (
        "Episode 2 of 2: day 0 01/03/2026 (after 40 days without anakinra); episode 1 05/01/2026 to 20/01/2026")
    single = evaluate(relapse_case(JAN_END + 10 * DAY), JAN_END + 11 * DAY)
    assert episode_line(single.episodes) == "Day 0 05/01/2026 (first anakinra dose)"
    assert episode_line(evaluate(case(obs("weight", 70, JAN)), JAN + DAY).episodes) is None


def test_the_episode_line_says_when_the_mdt_set_the_start():
    from hlhdesk.core.episodes import episode_line

    escalated = datetime(2026, 3, 10, 9, 0)
    c = case(obs("weight", 30, JAN - DAY), treatments=[anakinra(JAN)], episode_starts=(escalated,))
    line = episode_line(evaluate(c, escalated + 2 * DAY).episodes)
    assert line == ("Episode 2 of 2: day 0 10/03/2026 (set by the MDT from 10/03/2026 09:00); "
                    "episode 1 05/01/2026 to 10/03/2026")


def test_an_mdt_start_with_no_anakinra_after_it_begins_no_episode_and_is_named_as_unused():
    from hlhdesk.core.episodes import unused_mdt_starts

    used, unused = JAN + 3 * DAY, JAN_END + 2 * DAY  # during the course; after its stop, none later
    c = case(obs("weight", 70, JAN - DAY), treatments=[anakinra(JAN, stop=JAN_END)], episode_starts=(used, unused))
    ev = evaluate(c, JAN_END + 5 * DAY)
    assert [e.day0 for e in ev.episodes] == [JAN, used]
    assert unused_mdt_starts(ev.episodes, (used, unused)) == [unused]
