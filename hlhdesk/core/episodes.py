"""Episodes of anakinra and the calendar days of an episode (rules.md revision 2, "Time").

A case can hold more than one episode (a relapse; sJIA maintenance escalated for MAS).
An episode starts at the first anakinra dose of the case, at the first course started
after an `hlh_resolved` event, after more than 28 days with no anakinra, or where the
MDT set an episode start by hand. Every rule reads only the current episode, so an old
resolution or an old baseline never decides a new course.

Day 0 is the calendar date of the episode's first dose; day N the date N days later.
"Within 7 days" runs to the end of day 7; the day-14 check is due on day 14 itself.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hlhdesk.core.courses import DAY, Period, is_date_only, midnight
from hlhdesk.core.evaluation import Episode
from hlhdesk.core.wording import uk_date, when

NO_ANAKINRA_GAP = timedelta(days=28)  # more than this without anakinra: a new episode
MDT_SET = "set by the MDT"  # how an episode start the MDT set by hand is named
EDGE = timedelta(hours=3)
INSTANT = timedelta(microseconds=1)  # "within a few hours of a window edge": shown as such


def calendar_day(day0: datetime, at: datetime) -> int:
    """The episode day of a moment: 0 on the date of the first dose."""
    return (at.date() - day0.date()).days


def day_start(day0: datetime, n: int) -> datetime:
    """00:00 on day n."""
    return midnight(day0.date()) + n * DAY


def end_of_day(day0: datetime, n: int) -> datetime:
    """The first moment after day n (its windows close at 23:59 and include it)."""
    return day_start(day0, n + 1)


def last_moment_of(day0: datetime, n: int) -> datetime:
    """The last moment of day n (23:59:59.999999): what "by the end of day n" reads, so a
    sample recorded with a date alone on day n+1 (00:00) is never counted in day n."""
    return end_of_day(day0, n) - INSTANT


def response_from(day0: datetime) -> datetime:
    """The first moment a sample can show a response: after the first dose, or from
    day 1 when the start was recorded as a date only (that day's samples are baseline)."""
    return day_start(day0, 1) if is_date_only(day0) else day0


def day_of(day0: datetime, n: int) -> date:
    return day0.date() + timedelta(days=n)


def find_episodes(anakinra: tuple[Period, ...], resolutions, mdt_starts, as_of: datetime) -> tuple[Episode, ...]:
    """The episodes of anakinra up to `as_of`, oldest first.

    `anakinra`: the anakinra courses read as schedules; `resolutions`: the times of
    `hlh_resolved` events; `mdt_starts`: episode starts the MDT set by hand.
    """
    periods = sorted((p for p in anakinra if p.start <= as_of), key=lambda p: p.start)
    starts: list[tuple[datetime, str]] = []
    for p in periods:
        before = [q.end for q in periods if q.start < p.start]
        if not starts:
            starts.append((p.start, "first anakinra dose"))
            continue
        if not before or any(end is None or end >= p.start for end in before):
            continue  # started together with, or while, earlier anakinra: not a new start
        gap = p.start - max(before)
        resolved = [r for r in resolutions if starts[-1][0] < r <= p.start]
        if gap > NO_ANAKINRA_GAP:
            starts.append((p.start, f"after {gap // DAY} days without anakinra"))
        elif resolved:
            starts.append((p.start, f"after HLH was recorded as resolved on {when(resolved[-1])}"))
    for moment in sorted(m for m in mdt_starts or () if m <= as_of):
        first_dose = _first_dose_from(periods, moment)
        if first_dose is not None and first_dose <= as_of and all(first_dose != s for s, _ in starts):
            starts.append((first_dose, mdt_start_words(moment)))
    starts.sort()
    episodes: list[Episode] = []
    for i, (start, reason) in enumerate(starts):
        following = starts[i + 1][0] if i + 1 < len(starts) else None
        ended = _ended(periods, start, following)
        opens = min(episodes[-1].ended or start, start) if episodes else None
        episodes.append(Episode(number=i + 1, day0=start, started_by=reason, opens=opens, ended=ended))
    return tuple(episodes)


def _first_dose_from(periods, moment: datetime) -> datetime | None:
    """The first dose at or after `moment`: the moment itself while a course is running."""
    if any(p.running_at(moment) for p in periods):
        return moment
    later = [p.start for p in periods if p.start >= moment]
    return min(later) if later else None


def _ended(periods, start: datetime, following: datetime | None) -> datetime | None:
    """When the episode's anakinra ended (None while it runs), at the latest the next start."""
    inside = [p for p in periods
              if p.running_at(start) or (p.start >= start and (following is None or p.start < following))]
    ends = [p.end for p in inside]
    last = None if not ends or None in ends else max(ends)
    if following is not None and (last is None or last > following):
        return following
    return last


def mdt_start_words(moment: datetime) -> str:
    """Why an episode began where the MDT set its start: "set by the MDT from 12/10/2026 09:00"."""
    return f"{MDT_SET} from {when(moment)}"


def unused_mdt_starts(episodes: tuple[Episode, ...], mdt_starts) -> list[datetime]:
    """The MDT's starts that began no episode (no anakinra after them, or an episode
    already begins at that dose): said beside the list, so none is kept unnoticed."""
    reasons = {e.started_by for e in episodes}
    return [m for m in mdt_starts if mdt_start_words(m) not in reasons]


def episode_line(episodes: tuple[Episode, ...]) -> str | None:
    """The current episode in words, and the earlier ones as history (rules.md: "earlier
    episodes stay visible as history"), for the desk, the CLI and the printouts alike:
    "Episode 2 of 2: day 0 19/11/2026 (after 108 days without anakinra); episode 1
    23/07/2026 to 02/08/2026". None before anakinra."""
    if not episodes:
        return None
    current = episodes[-1]
    if len(episodes) == 1 and not current.started_by.startswith(MDT_SET):
        return f"Day 0 {uk_date(current.day0)} (first anakinra dose)"
    history = "; ".join(f"episode {e.number} {uk_date(e.day0)} to {uk_date(e.ended) or 'the next'}"
                        for e in episodes[:-1])
    return (f"Episode {current.number} of {len(episodes)}: day 0 {uk_date(current.day0)}"
            f" ({current.started_by})" + (f"; {history}" if history else ""))
