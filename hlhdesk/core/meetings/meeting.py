"""MDT meetings and their outcomes: what the team decided about a case, and who signed it.

Pure dataclasses shared by the store (meetings tables), the GUI (agenda, presentation,
outcome form) and the reports (case summary, meeting pack, outcome letter).

The app records the MDT's decision; it never makes it. `Decision` lists what an MDT can
decide; the evaluation beside it says only whether the policy criteria are met.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Decision(StrEnum):
    START = "start"
    CONTINUE = "continue"
    INCREASE_DOSE = "increase_dose"
    STOP = "stop"
    NOT_ELIGIBLE = "not_eligible"
    DEFER_FOR_DATA = "defer_for_data"
    REFER_SPECIALIST = "refer_specialist"

    @property
    def label(self) -> str:
        return {
            "start": "Start anakinra",
            "continue": "Continue anakinra",
            "increase_dose": "Increase anakinra dose",
            "stop": "Stop anakinra",
            "not_eligible": "Not eligible under 210701P",
            "defer_for_data": "Defer: more data needed",
            "refer_specialist": "Refer to a specialist centre",
        }[self.value]


class AgendaReason(StrEnum):
    """Why a case is on an agenda, most pressing first (from the pathway phase)."""

    STOP_RECOMMENDED = "stop_recommended"  # a stop criterion met, for the MDT to confirm
    DAY14_REVIEW = "day14_review"
    DOSE_ABOVE_MAX = "dose_above_max"  # the total daily dose is above the policy's maximum
    DAY7_REVIEW = "day7_review"
    FLAGGED = "flagged"
    ROLLED_OVER = "rolled_over"  # not discussed at the previous meeting
    REVIEW_DUE = "review_due"  # the next review date an earlier outcome set has come
    NEW_REFERRAL = "new_referral"

    @property
    def label(self) -> str:
        return {
            "stop_recommended": "Stop recommended",
            "day14_review": "Day-14 review",
            "dose_above_max": "Dose above the maximum",
            "day7_review": "Day-7 review",
            "flagged": "Flagged for discussion",
            "rolled_over": "Carried over from the last meeting",
            "review_due": "Review date set by the MDT",
            "new_referral": "New referral",
        }[self.value]


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str  # e.g. "Haematologist", "Rheumatologist", "Pharmacist"


@dataclass(frozen=True)
class AgendaItem:
    case_id: int
    position: int  # 1-based order in the meeting
    reason: AgendaReason
    discussed: bool = False
    record_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Meeting:
    held_on: date
    chair: str
    attendees: tuple[Attendee, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    closed_at: datetime | None = None  # closing rolls undiscussed cases to the next meeting
    meeting_id: int | None = field(default=None, compare=False)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class Action:
    text: str
    owner: str
    due: date | None = None


@dataclass(frozen=True)
class ActionDone:
    """An MDT action recorded as done, when and by whom. Kept beside the outcome, never in
    it: a signed-off outcome's actions stay as the MDT decided them."""

    action: Action
    done_on: date
    done_by: str
    recorded_at: datetime | None = None
    completion_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Outcome:
    """The MDT's decision on one case at one meeting."""

    case_id: int
    meeting_id: int
    decision: Decision
    rationale: str = ""
    dissent: str = ""
    actions: tuple[Action, ...] = ()
    next_review: date | None = None
    prior_approval_ref: str | None = None
    outcome_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SignOff:
    """A chair's sign-off. It freezes everything the printed summary needs, so the
    summary can be printed again, identical, years later whatever the code has become."""

    outcome: Outcome
    signed_by: str
    signed_at: datetime
    case_json: str  # the case file (hlhdesk.core.casefile.caseio) as it was at sign-off
    evaluation_json: str  # hlhdesk.core.evaluation.json_form.evaluation_to_dict, as JSON text
    policy: str  # e.g. "210701P v2.0"
    app_version: str
    meeting_json: str = ""  # the meeting (date, chair, attendees) as JSON text


@dataclass(frozen=True)
class Amendment:
    """A change after sign-off: the original stays; this says who changed what and why."""

    signoff_id: int
    amended_by: str
    amended_at: datetime
    reason: str
    outcome: Outcome  # the outcome as amended
    amendment_id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class MeetingSummary:
    """One meeting as a list of meetings shows it."""

    meeting_id: int
    held_on: date
    chair: str
    closed_at: datetime | None
    agenda_count: int
    outcome_count: int
    signed_count: int


@dataclass(frozen=True)
class OutcomeRecord:
    """An outcome as the store holds it: the original, its sign-off and amendments, and
    the date of the meeting that made it (what "an outcome dated on or after day 14" reads)."""

    original: Outcome
    recorded_at: datetime
    signoff_id: int | None
    signoff: SignOff | None
    amendments: tuple[Amendment, ...]
    held_on: date | None = None  # the meeting's date; None only for records made by hand
    done: tuple[ActionDone, ...] = ()  # the current actions recorded as done since

    def done_record(self, action: Action) -> ActionDone | None:
        """How the action was recorded as done, or None while it is outstanding. An
        amendment that changes an action makes it a new, outstanding one."""
        return next((d for d in self.done if d.action == action), None)

    @property
    def outstanding_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.current.actions if self.done_record(a) is None)

    @property
    def current(self) -> Outcome:
        """What stands now: the latest amendment, else the original."""
        return self.amendments[-1].outcome if self.amendments else self.original

    @property
    def is_signed(self) -> bool:
        return self.signoff is not None

    @property
    def dated(self) -> date:
        """The date the decision counts from: the meeting's, else when it was recorded."""
        return self.held_on if self.held_on is not None else self.recorded_at.date()
