"""The pathway phase: where a patient is on the policy's pathway, and what the MDT must
decide today (rules.md, "Pathway phase").

One pure function of the Evaluation and the MDT's recorded outcomes. The case list, the
decision banner, presentation mode, the agenda, the CLI and the PDFs all show what it
returns; this is the one definition of "review due" and "overdue".

Days are calendar days of the current episode: day N is the date N days after day 0's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Iterable

from hlhdesk.core.evaluation.types import EligibilityStatus, Evaluation, RuleGroup, RuleResult, Status

# The policy's two response checks: day 7 (ferritin) and day 14 (the stopping rule).
DAY7_CHECK_DAY = 7
DAY14_CHECK_DAY = 14

STOP_RULES = ("ST-SAE", "ST-NO-RESPONSE", "ST-RESOLUTION")
DEATH_RULE = "ST-DEATH"


class Phase(StrEnum):
    """rules.md's phases, most pressing first (died is shown last in urgency)."""

    DIED = "died"
    STOP_RECOMMENDED = "stop_recommended"
    DAY14_CHECK = "day14_check"
    DAY7_CHECK = "day7_check"
    DECIDE_START = "decide_start"
    INSUFFICIENT_DATA = "insufficient_data"
    EARLY = "early"
    CONTINUING = "continuing"
    NOT_ELIGIBLE = "not_eligible"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]

    @property
    def on_anakinra(self) -> bool:
        """A course is running now (what the case list's "On anakinra" means)."""
        return self in _ON_ANAKINRA


_PHASE_LABELS = {
    Phase.DIED: "Died",
    Phase.STOP_RECOMMENDED: "Stop recommended",
    Phase.DAY14_CHECK: "Day-14 check",
    Phase.DAY7_CHECK: "Day-7 check",
    Phase.DECIDE_START: "Decide on starting",
    Phase.INSUFFICIENT_DATA: "Insufficient data",
    Phase.EARLY: "Early treatment",
    Phase.CONTINUING: "Continuing",
    Phase.NOT_ELIGIBLE: "Not eligible",
    Phase.STOPPED: "Stopped",
}


_ON_ANAKINRA = frozenset({Phase.STOP_RECOMMENDED, Phase.DAY14_CHECK, Phase.DAY7_CHECK, Phase.EARLY, Phase.CONTINUING})


def review_is_due(review_due: date | datetime | None, on: date) -> bool:
    """The one definition of "review due": a review dated on or before `on` that no outcome
    dated on or after it has covered yet (the pathway clears `review_due` once one has).
    Used by the case list's filter, the agenda and the CLI."""
    if review_due is None:
        return False
    due = review_due.date() if isinstance(review_due, datetime) else review_due
    return due <= on


class Tone(StrEnum):
    """Clinical meaning, for colour and mark; always shown with words."""

    GOOD = "good"
    WARNING = "warning"
    CAUTION = "caution"
    NEUTRAL = "neutral"
    UNKNOWN = "unknown"

    @property
    def mark(self) -> str:
        """A symbol that survives black-and-white printing and colour blindness."""
        return {"good": "✓", "warning": "⚠", "caution": "!", "neutral": "–", "unknown": "?"}[self.value]


@dataclass(frozen=True)
class Flag:
    code: str  # "dose_above_max", "weight_stale", "iv_running", "action_overdue"
    words: str  # e.g. "9.2 mg/kg/day: above the 8 mg/kg/day maximum"


@dataclass(frozen=True)
class Pathway:
    phase: Phase
    day: int | None  # calendar day of the current episode (None before anakinra)
    verdict: str  # one line naming its reason
    tone: Tone
    urgency: int  # 0 = most pressing; sort ascending
    overdue: bool
    # The review the pathway waits for: due when on or before today, overdue when before.
    # It stays until an outcome dated on or after it is recorded; a future date is the
    # next review (day 7, day 14, or the date the MDT set); None when none is expected.
    review_due: date | None
    flags: tuple[Flag, ...]
    decisive_rules: tuple[str, ...]  # rule IDs that decided the verdict, most decisive first
    phase_label: str  # short words for the phase, e.g. "Stop recommended"
    overdue_actions: int = 0  # actions of the latest outcome past their due date

    @property
    def mark(self) -> str:
        return self.tone.mark

    def is_due(self, on: date) -> bool:
        """The review filter: a review is due (or overdue) on this date."""
        return review_is_due(self.review_due, on)


# Urgency ranks (ascending = more pressing), in the agenda's order: stop recommended, a
# day-14 check overdue then due, a dose above the maximum, a day-7 check overdue then due...
_URGENCY = {
    Phase.STOP_RECOMMENDED: 0,
    Phase.DAY14_CHECK: 2,  # 1 when overdue
    Phase.DAY7_CHECK: 5,  # 4 when overdue
    Phase.DECIDE_START: 6,
    Phase.INSUFFICIENT_DATA: 7,
    Phase.EARLY: 8,
    Phase.CONTINUING: 9,
    Phase.NOT_ELIGIBLE: 10,
    Phase.STOPPED: 11,
    Phase.DIED: 12,
}
DOSE_ABOVE_MAX_URGENCY = 3

_TONE = {
    Phase.DIED: Tone.NEUTRAL,
    Phase.STOP_RECOMMENDED: Tone.WARNING,
    Phase.DAY14_CHECK: Tone.CAUTION,
    Phase.DAY7_CHECK: Tone.CAUTION,
    Phase.DECIDE_START: Tone.GOOD,
    Phase.INSUFFICIENT_DATA: Tone.UNKNOWN,
    Phase.EARLY: Tone.NEUTRAL,
    Phase.CONTINUING: Tone.NEUTRAL,
    Phase.NOT_ELIGIBLE: Tone.NEUTRAL,
    Phase.STOPPED: Tone.NEUTRAL,
}


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _rule(evaluation: Evaluation, rule_id: str) -> RuleResult | None:
    return next((r for r in evaluation.rules if r.id == rule_id), None)


def _running_courses(evaluation: Evaluation) -> list:
    at = evaluation.as_of
    return [c for c in evaluation.dosing if c.start <= at and (c.stop is None or at < c.stop)]


def _episode_ended(evaluation: Evaluation) -> tuple[bool, datetime | None]:
    """(anakinra running now, when the current episode's anakinra ended). The episode
    reads courses as schedules (a gap shorter than the dosing interval is no stop);
    evaluations frozen before episodes were carried fall back to the courses."""
    if evaluation.episodes:
        ended = evaluation.episodes[-1].ended
        running = ended is None or ended > evaluation.as_of
        return running, None if running else ended
    stops = [c.stop for c in evaluation.dosing if c.stop is not None and c.stop <= evaluation.as_of]
    return bool(_running_courses(evaluation)), max(stops) if stops else None


def _check_days(evaluation: Evaluation) -> tuple[int, int]:
    """The response check and stop check days, as the policy that judged set them."""
    marks = evaluation.marks
    if marks is None:
        return DAY7_CHECK_DAY, DAY14_CHECK_DAY
    return marks.response_day, marks.stop_check_day


# ---- outcomes -------------------------------------------------------------------------


def _dated(record) -> date:
    held_on = getattr(record, "held_on", None)
    return held_on if held_on is not None else record.recorded_at.date()


def _latest(outcomes: list) -> object | None:
    return outcomes[-1] if outcomes else None


def _since(outcomes: list, day: date) -> bool:
    return any(_dated(o) >= day for o in outcomes)


def action_is_overdue(action, on: date) -> bool:
    """An MDT action past its due date (whether it was done is the outcome record's to say:
    `_overdue_actions` asks it)."""
    return action.due is not None and action.due < on


def _overdue_actions(latest, today: date) -> list:
    """The latest outcome's outstanding actions past their due date: one recorded as done
    is not overdue, and a later outcome supersedes the actions of earlier ones (the
    meeting that made it reviewed them)."""
    if latest is None:
        return []
    return [a for a in latest.outstanding_actions if action_is_overdue(a, today)]


def _mdt_review(outcomes: list) -> date | None:
    """The review date the latest outcome set, kept until an outcome dated on or after it."""
    latest = _latest(outcomes)
    if latest is None or latest.current.next_review is None:
        return None
    due = latest.current.next_review
    return None if _since(outcomes, due) else due


# ---- wording ----------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _headline(text: str) -> str:
    """The part of a "what to record" or a note before its detail ("Weight", not the
    list of ways to enter it), so a verdict stays one line."""
    return text.split(":")[0].split(";")[0].strip()


def _record_list(items: tuple[str, ...], shown: int = 3) -> str:
    heads = list(dict.fromkeys(_lower_first(_headline(i)) for i in items))
    more = len(heads) - shown
    return ", ".join(heads[:shown]) + (f" and {more} more" if more > 0 else "")


# ---- response wording ------------------------------------------------------------------


def _response_words(evaluation: Evaluation, rule: RuleResult) -> str:
    if rule.id == "RE-FERRITIN-7D":
        fall = evaluation.ferritin.max_fall_day7_pct if evaluation.ferritin else None
        return f"ferritin {round(fall):g}% below baseline" if fall is not None else "ferritin fall"
    return {
        "RE-ORGAN-SUPPORT": "organ support lower than at day 0",
        "RE-HSCORE-SERIAL": "HScore falling",
        "RE-STEROID-14D": "corticosteroid dose reduced",
    }.get(rule.id, rule.title.lower())


def _response_so_far(evaluation: Evaluation) -> tuple[str, tuple[str, ...], bool | None]:
    """(words, the response rules behind them, responding: True / False / None unknown)."""
    responses = evaluation.rules_in(RuleGroup.RESPONSE)
    # The ferritin fall first when it is met: it names a number the MDT can check.
    met = sorted((r for r in responses if r.status is Status.MET), key=lambda r: r.id != "RE-FERRITIN-7D")
    if met:
        return f"responding ({_response_words(evaluation, met[0])})", tuple(r.id for r in met), True
    unknown = [r for r in responses if r.status is Status.UNKNOWN]
    if unknown:
        missing = [m for r in unknown for m in r.missing]
        record = f": record {_lower_first(_headline(missing[0]))}" if missing else ""
        return f"response not yet known{record}", tuple(r.id for r in unknown), None
    if any(r.status is Status.NOT_MET for r in responses):
        return "no response so far", tuple(r.id for r in responses if r.status is Status.NOT_MET), False
    return "response not yet assessed", (), None


# ---- stop and eligibility wording ------------------------------------------------------


def _stop_reason(evaluation: Evaluation, rule: RuleResult) -> str:
    if rule.id == "ST-NO-RESPONSE":
        return "no response by day 14"
    if rule.id == "ST-RESOLUTION":
        return "HLH resolution recorded"
    notes = [str(e.value) for e in rule.evidence if isinstance(e.value, str) and e.value != "no description"]
    return f"serious adverse event ({_headline(notes[0])})" if notes else "serious adverse event"


def _criterion_date(evaluation: Evaluation, rule: RuleResult) -> date:
    """The day a stop criterion was met: the event's date, or day 14 for no response."""
    if rule.id == "ST-NO-RESPONSE":
        return evaluation.day0.date() + timedelta(days=_check_days(evaluation)[1])
    dates = [e.at.date() for e in rule.evidence if e.at is not None]
    return min(dates) if dates else evaluation.as_of.date()


def _stop_review(evaluation: Evaluation, stops: list, records: list) -> date | None:
    """A stop criterion is due for the MDT from the day it was met until an outcome dated
    on or after that day (the MDT confirmed the stop, or decided otherwise)."""
    due = min(_criterion_date(evaluation, r) for r in stops)
    return None if _since(records, due) else due


def _not_eligible_reason(evaluation: Evaluation) -> tuple[str, tuple[str, ...]]:
    failing = [r for r in evaluation.rules if r.group is RuleGroup.EXCLUSION and r.status is Status.MET]
    if failing:
        return _lower_first(failing[0].title), tuple(r.id for r in failing)
    failing = [r for r in evaluation.rules if r.group is RuleGroup.INCLUSION and r.status is Status.NOT_MET]
    if failing:
        return f"{_lower_first(failing[0].title)}: not met", tuple(r.id for r in failing)
    return evaluation.eligibility.summary or "policy criteria not met", evaluation.eligibility.decided_by


# ---- flags ------------------------------------------------------------------------------


def _flags(evaluation: Evaluation, on_anakinra: bool, overdue_actions: list) -> tuple[Flag, ...]:
    flags = []
    if on_anakinra:
        dose = _rule(evaluation, "DO-MAX")
        if dose is not None and dose.status is Status.NOT_MET:
            flags.append(Flag("dose_above_max", dose.detail))
        # The courses running now (in a gap shorter than the dosing interval, the last one).
        running = _running_courses(evaluation) or list(evaluation.dosing[-1:])
        stale = next((c for c in running if c.weight_out_of_date), None)
        if stale is not None:
            flags.append(Flag("weight_stale", stale.note or "weight out of date: record a current weight"))
        iv = _rule(evaluation, "DO-IV-SWITCH")
        if iv is not None and iv.status is Status.MET:
            flags.append(Flag("iv_running", iv.detail))
    for action in overdue_actions:
        owner = f" ({action.owner})" if action.owner else ""
        flags.append(Flag("action_overdue", f"Action overdue since {_d(action.due)}: {action.text}{owner}"))
    return tuple(flags)


# ---- the phase --------------------------------------------------------------------------


def pathway_of(evaluation: Evaluation, outcomes: Iterable = (), as_of: datetime | None = None) -> Pathway:
    """The phase of the case as of `as_of` (default: the evaluation's as-of time), from the
    evaluation and the case's MDT outcome records (`hlhdesk.core.meetings.OutcomeRecord`)."""
    as_of = as_of or evaluation.as_of
    today = as_of.date()
    records = sorted(outcomes, key=lambda o: (_dated(o), o.recorded_at))
    latest = _latest(records)
    late_actions = _overdue_actions(latest, today)
    on_anakinra, ended = _episode_ended(evaluation)
    flags = _flags(evaluation, on_anakinra and evaluation.day0 is not None, late_actions)
    day = (today - evaluation.day0.date()).days if evaluation.day0 is not None else None

    def make(phase: Phase, verdict: str, decisive=(), review_due=None, overdue=False, tone=None) -> Pathway:
        urgency = _URGENCY[phase] - (1 if overdue and phase in (Phase.DAY14_CHECK, Phase.DAY7_CHECK) else 0)
        if any(f.code == "dose_above_max" for f in flags):
            urgency = min(urgency, DOSE_ABOVE_MAX_URGENCY)
        return Pathway(
            phase=phase, day=day, verdict=verdict, tone=tone or _TONE[phase], urgency=urgency,
            overdue=overdue, review_due=review_due, flags=flags, decisive_rules=tuple(decisive),
            phase_label=phase.label, overdue_actions=len(late_actions),
        )

    death = _rule(evaluation, DEATH_RULE)
    if death is not None and death.status is Status.MET:
        dated = next((e.at for e in death.evidence if e.at is not None), None)
        return make(Phase.DIED, "Died" + (f": death recorded on {_d(dated.date())}" if dated else ""), (DEATH_RULE,))

    if day is not None and on_anakinra:
        return _on_anakinra(evaluation, records, day, today, make)
    if day is not None:
        return _after_anakinra(evaluation, records, day, today, ended, make)
    return _before_anakinra(evaluation, records, today, make)


def _on_anakinra(evaluation, records, day, today, make) -> Pathway:
    day0 = evaluation.day0.date()
    stops = [r for r in evaluation.rules if r.id in STOP_RULES and r.status is Status.MET]
    if stops:
        review = _stop_review(evaluation, stops, records)
        verdict = f"Day {day}: {_stop_reason(evaluation, stops[0])}: " + _stop_status(records, review)
        return make(Phase.STOP_RECOMMENDED, verdict, [r.id for r in stops], review, review is not None and review < today)
    response, response_rules, responding = _response_so_far(evaluation)
    day7_n, day14_n = _check_days(evaluation)
    day7, day14 = day0 + timedelta(days=day7_n), day0 + timedelta(days=day14_n)
    if day >= day14_n and not _since(records, day14):
        overdue = today > day14
        when = f"overdue since {_d(day14)}" if overdue else "due today"
        decisive = ("ST-NO-RESPONSE", *response_rules)
        return make(Phase.DAY14_CHECK, f"Day {day}: {response}; day-14 check {when}", decisive, day14, overdue)
    if day >= day14_n:
        latest = records[-1]
        review = _mdt_review(records)
        verdict = (f"Day {day}: {response}; continuing (MDT: {latest.current.decision.label}, "
                   f"{_d(_dated(latest))})")
        if review is not None:
            verdict += f"; review {'overdue since' if review < today else 'on'} {_d(review)}"
        tone = Tone.GOOD if responding else Tone.NEUTRAL
        return make(Phase.CONTINUING, verdict, response_rules, review, review is not None and review < today, tone)
    if day >= day7_n and not _since(records, day7):
        overdue = today > day7
        when = f"overdue since {_d(day7)}" if overdue else "due today"
        return make(Phase.DAY7_CHECK, f"Day {day}: {response}; day-7 check {when}", response_rules, day7, overdue)
    # Days 0 to 6, or days 7 to 13 once the day-7 check has been recorded.
    check, due = ("day-7", day7) if day < day7_n else ("day-14", day14)
    tone = Tone.GOOD if responding else Tone.NEUTRAL
    return make(Phase.EARLY, f"Day {day}: {response}; {check} check on {_d(due)}", response_rules, due, tone=tone)


def _stop_status(records: list, review: date | None) -> str:
    """What is left to do about a stop criterion met while anakinra runs: the MDT to
    confirm it, or, once the MDT has met on it, what it decided (a decision to stop with
    the course still recorded as running asks for the stop to be recorded)."""
    if review is not None or not records:
        return "stop criterion met, for the MDT to confirm"
    latest = records[-1]
    decision, dated = latest.current.decision, _d(_dated(latest))
    if decision.value == "stop":
        return f"MDT decided to stop on {dated}; anakinra still recorded as running: record when it stopped"
    return f"stop criterion met; MDT decided '{decision.label}' on {dated}"


def _after_anakinra(evaluation, records, day, today, stopped_at, make) -> Pathway:
    """The course has ended. A stop criterion the MDT has not met about since the course
    ended (anaphylaxis, the ward stopped the drug at night) stays a stop recommendation
    for the MDT to confirm, so it is not lost from the agenda; after that, stopped."""
    stopped_words = "anakinra stopped" + (f" on {_d(stopped_at.date())}" if stopped_at else "")
    stops = [r for r in evaluation.rules if r.id in STOP_RULES and r.status is Status.MET]
    # HLH resolution is recorded by the MDT itself: nothing left for it to confirm.
    to_confirm = [r for r in stops if r.id != "ST-RESOLUTION"]
    review = _stop_review(evaluation, to_confirm, records) if to_confirm else None
    if review is not None and not (stopped_at is not None and _since(records, stopped_at.date())):
        verdict = (f"Day {day}: {_stop_reason(evaluation, to_confirm[0])}: stop criterion met, for the MDT to "
                   f"confirm; {stopped_words}")
        return make(Phase.STOP_RECOMMENDED, verdict, [r.id for r in to_confirm], review, review < today)
    verdict = f"Stopped: {stopped_words}"
    stop_decisions = [o for o in records if o.current.decision.value == "stop"]
    if stops:
        verdict += f" ({_stop_reason(evaluation, stops[0])})"
    elif stop_decisions:
        verdict += f" (MDT decision {_d(_dated(stop_decisions[-1]))})"
    return make(Phase.STOPPED, verdict, [r.id for r in stops])


def _before_anakinra(evaluation, records, today, make) -> Pathway:
    eligibility = evaluation.eligibility
    review = _mdt_review(records)
    overdue = review is not None and review < today
    latest = _latest(records)
    if eligibility.status is EligibilityStatus.ELIGIBLE:
        if latest is not None and latest.current.decision.value == "start":
            verdict = (f"Criteria met: MDT decided to start anakinra on {_d(_dated(latest))}; "
                       "no anakinra course recorded yet")
        else:
            verdict = "Criteria met: MDT to decide on starting anakinra"
        return make(Phase.DECIDE_START, verdict, eligibility.decided_by, review, overdue)
    if eligibility.status is EligibilityStatus.INSUFFICIENT_DATA:
        record = _record_list(eligibility.to_record) or "the data the unknown rules name"
        undecided = [r for r in eligibility.decided_by if (rule := _rule(evaluation, r)) and rule.status is Status.UNKNOWN]
        return make(Phase.INSUFFICIENT_DATA, f"Insufficient data: record {record}",
                    undecided or eligibility.decided_by, review, overdue)
    reason, decisive = _not_eligible_reason(evaluation)
    return make(Phase.NOT_ELIGIBLE, f"Not eligible: {reason}", decisive, review, overdue)


# ---- what each rule status means clinically ------------------------------------------------

_MEANINGS = {
    # group: {status: (tone, words)}
    RuleGroup.DIAGNOSIS: {Status.MET: (Tone.GOOD, "Diagnosis criterion met"),
                          Status.NOT_MET: (Tone.NEUTRAL, "Diagnosis criterion not met")},
    RuleGroup.INCLUSION: {Status.MET: (Tone.GOOD, "Inclusion criterion met"),
                          Status.NOT_MET: (Tone.CAUTION, "Inclusion criterion not met")},
    RuleGroup.EXCLUSION: {Status.MET: (Tone.WARNING, "Exclusion applies"),
                          Status.NOT_MET: (Tone.GOOD, "No exclusion")},
    RuleGroup.RESPONSE: {Status.MET: (Tone.GOOD, "Responding"),
                         Status.NOT_MET: (Tone.CAUTION, "No response on this measure")},
    RuleGroup.STOPPING: {Status.MET: (Tone.WARNING, "Stop criterion met"),
                         Status.NOT_MET: (Tone.GOOD, "No stop criterion")},
    RuleGroup.OBLIGATIONS: {Status.MET: (Tone.GOOD, "Done"),
                            Status.NOT_MET: (Tone.CAUTION, "Not done")},
}

# Dosing rules and a few obligations say different things by rule, not by group.
_RULE_MEANINGS = {
    "DO-START": {Status.MET: (Tone.GOOD, "Starting dose adequate"),
                 Status.NOT_MET: (Tone.CAUTION, "Starting dose below the minimum")},
    "DO-MAX": {Status.MET: (Tone.GOOD, "Within the maximum dose"),
               Status.NOT_MET: (Tone.WARNING, "Above the maximum dose")},
    "DO-RENAL": {Status.MET: (Tone.CAUTION, "Consider alternate-day dosing"),
                 Status.NOT_MET: (Tone.GOOD, "No renal adjustment needed")},
    "DO-IV-SWITCH": {Status.MET: (Tone.CAUTION, "Switch to subcutaneous when stable"),
                     Status.NOT_MET: (Tone.GOOD, "Subcutaneous")},
    "DO-SPECIALIST": {Status.MET: (Tone.CAUTION, "Seek specialist-centre advice"),
                      Status.NOT_MET: (Tone.GOOD, "No specialist advice needed")},
    "IVIG-INDICATION": {Status.MET: (Tone.GOOD, "IVIg indication recorded"),
                        Status.NOT_MET: (Tone.CAUTION, "IVIg without a recorded indication")},
    "PREGNANCY": {Status.MET: (Tone.CAUTION, "Pregnancy or breast feeding: MDT to judge"),
                  Status.NOT_MET: (Tone.NEUTRAL, "Not pregnant or breast feeding")},
    "ST-DEATH": {Status.MET: (Tone.WARNING, "Death recorded"),
                 Status.NOT_MET: (Tone.NEUTRAL, "No death recorded")},
}


def rule_meaning(rule: RuleResult, day: int | None = None) -> tuple[Tone, str, str]:
    """(tone, mark, words) saying what a rule's status means clinically, shown beside the
    policy's own met / not met. `day` (the episode day) softens an unmet response rule
    before day 7, when a response is not yet expected."""
    if rule.status is Status.UNKNOWN:
        # Missing data names what to record; otherwise it is too early to say (day 14).
        words = "Unknown: data missing" if rule.missing else "Not yet assessable"
        return Tone.UNKNOWN, Tone.UNKNOWN.mark, words
    if rule.status is Status.NOT_APPLICABLE:
        return Tone.NEUTRAL, Tone.NEUTRAL.mark, "Not applicable"
    meanings = _RULE_MEANINGS.get(rule.id) or _MEANINGS.get(rule.group, {})
    tone, words = meanings.get(rule.status, (Tone.NEUTRAL, rule.status.label))
    if rule.group is RuleGroup.RESPONSE and rule.status is Status.NOT_MET and day is not None and day < DAY7_CHECK_DAY:
        tone, words = Tone.NEUTRAL, "No response yet"
    mark = "✗" if rule.group is RuleGroup.EXCLUSION and rule.status is Status.MET else tone.mark
    return tone, mark, words
