"""hlhdesk meetings: MDT meetings from the command line.

    hlhdesk meetings                      list the meetings
    hlhdesk meetings show ID [--json]     agenda and outcomes of one meeting
    hlhdesk meetings new --date D --chair NAME [--attendee "Name:Role" ...]
    hlhdesk meetings add ID [CASE_ID ...] [--due]
    hlhdesk meetings outcome ID CASE_ID --decision DECISION [--rationale ...]
                                          [--action "WHAT;OWNER;dd/mm/yyyy" ...]
    hlhdesk meetings sign ID CASE_ID      sign off as the meeting's chair
    hlhdesk meetings amend ID CASE_ID --by NAME --reason TEXT [--decision ...] [--action ...]
    hlhdesk meetings done ID CASE_ID --action N --by NAME [--on D] [--undo]
    hlhdesk meetings flag CASE_ID [--note TEXT]
    hlhdesk meetings close ID [--next D]

A signed-off outcome is refused by `outcome` (exit 2), exactly as the GUI refuses it;
`amend` records a change to it with the name of whoever amends and a reason (both
required, never filled in for you), keeping the original and its sign-off.
"""

from __future__ import annotations

import json
from datetime import date

from hlhdesk.app import meetings
from hlhdesk.cli.support import open_store
from hlhdesk.errors import InputError

DECISIONS = ("start", "continue", "increase_dose", "stop", "not_eligible", "defer_for_data", "refer_specialist")


def _uk_date(text: str | None) -> date | None:
    """dd/mm/yyyy or ISO, read as `hlhdesk evaluate --as-of` reads it (InputError if not)."""
    from hlhdesk.cli.support import parse_as_of

    moment = parse_as_of(text)
    return moment.date() if moment else None


def register(sub) -> None:
    p = sub.add_parser(
        "meetings",
        help="MDT meetings: list, show, create, agenda, outcomes, sign-off, close",
        description="MDT meetings. With no action, lists the meetings (newest first).",
    )
    p.set_defaults(run=run_list)
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    a = actions.add_parser("list", help="list the meetings (the default)")
    a.set_defaults(run=run_list)

    a = actions.add_parser("show", help="one meeting: attendees, agenda and outcomes")
    a.add_argument("meeting_id", type=int, metavar="ID")
    a.add_argument("--json", action="store_true", help="print JSON instead of text")
    a.set_defaults(run=run_show)

    a = actions.add_parser("new", help="create a meeting")
    a.add_argument("--date", required=True, help="dd/mm/yyyy")
    a.add_argument("--chair", required=True)
    a.add_argument("--attendee", action="append", default=[], metavar="NAME:ROLE", help="repeat for each")
    a.set_defaults(run=run_new)

    a = actions.add_parser("add", help="put cases on a meeting's agenda")
    a.add_argument("meeting_id", type=int, metavar="ID")
    a.add_argument("case_ids", type=int, nargs="*", metavar="CASE_ID")
    a.add_argument("--due", action="store_true", help="add every case due (day 7/14, flagged, carried over, new)")
    a.set_defaults(run=run_add)

    a = actions.add_parser("outcome", help="record (or replace, until signed off) an outcome")
    a.add_argument("meeting_id", type=int, metavar="ID")
    a.add_argument("case_id", type=int, metavar="CASE_ID")
    a.add_argument("--decision", required=True, choices=DECISIONS)
    a.add_argument("--rationale", default="")
    a.add_argument("--dissent", default="")
    a.add_argument("--next-review", default=None, metavar="DATE")
    a.add_argument("--prior-approval", default=None, metavar="REF")
    _action_argument(a)
    a.set_defaults(run=run_outcome)

    a = actions.add_parser("amend", help="change a signed-off outcome: who amends and why are required")
    a.add_argument("meeting_id", type=int, metavar="ID")
    a.add_argument("case_id", type=int, metavar="CASE_ID")
    a.add_argument("--by", required=True, metavar="NAME", help="the person amending")
    a.add_argument("--reason", required=True, help="why the signed-off outcome is changed")
    a.add_argument("--decision", default=None, choices=DECISIONS, help="the new decision (default: unchanged)")
    a.add_argument("--rationale", default=None, help="(default: unchanged)")
    a.add_argument("--dissent", default=None, help="(default: unchanged)")
    a.add_argument("--next-review", default=None, metavar="DATE", help="(default: unchanged)")
    _action_argument(a, "replaces the actions; default: unchanged")
    a.set_defaults(run=run_amend)

    a = actions.add_parser("sign", help="sign off an outcome as the meeting's chair (freezes it)")
    a.add_argument("meeting_id", type=int, metavar="ID")
    a.add_argument("case_id", type=int, metavar="CASE_ID")
    a.set_defaults(run=run_sign)

    a = actions.add_parser("done", help="record an outcome's action as done (who, which day), or --undo it")
    a.add_argument("meeting_id", type=int, metavar="ID")
    a.add_argument("case_id", type=int, metavar="CASE_ID")
    a.add_argument("--action", type=int, required=True, metavar="N",
                   help="the action's number, as `meetings show ID` lists it")
    a.add_argument("--by", default="", metavar="NAME", help="who did it (required, never filled in for you)")
    a.add_argument("--on", default=None, metavar="DATE", help="the day it was done, dd/mm/yyyy (default: today)")
    a.add_argument("--undo", action="store_true", help="take back an action recorded as done in error")
    a.set_defaults(run=run_done)

    a = actions.add_parser("flag", help="ask for a case to be offered to the next meeting")
    a.add_argument("case_id", type=int, metavar="CASE_ID")
    a.add_argument("--note", default="", help="why the MDT should discuss it")
    a.set_defaults(run=run_flag)

    a = actions.add_parser("close", help="close a meeting; undiscussed cases roll over")
    a.add_argument("meeting_id", type=int, metavar="ID")
    a.add_argument("--next", default=None, metavar="DATE", help="create the next meeting on DATE if none")
    a.set_defaults(run=run_close)


ACTION_FORM = "WHAT;OWNER;dd/mm/yyyy"


def _action_argument(parser, more: str = "") -> None:
    parser.add_argument("--action", action="append", default=[], metavar=ACTION_FORM,
                        help="an action: what, who owns it, and optionally by when; repeat for each"
                             + (f" ({more})" if more else ""))


def parse_action(text: str):
    """ "Repeat ferritin;Ward team;12/10/2026" -> Action; InputError in words if not."""
    from hlhdesk.core.meetings.meeting import Action

    parts = [part.strip() for part in text.split(";")]
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise InputError(f"--action '{text}': write it as {ACTION_FORM} (the date may be left off)")
    try:
        due = _uk_date(parts[2]) if len(parts) == 3 and parts[2] else None
    except InputError as exc:
        raise InputError(f"--action '{text}': {exc}; write it as {ACTION_FORM}") from None
    return Action(text=parts[0], owner=parts[1], due=due)

def run_list(args) -> int:
    with open_store(args, read_only=True) as store:
        held = store.list_meetings()
    if not held:
        print("No meetings yet. Create one with: hlhdesk meetings new --date dd/mm/yyyy --chair NAME")
        return 0
    for m in held:
        state = f"closed {m.closed_at:%d/%m/%Y %H:%M}" if m.closed_at else "open"
        print(
            f"{m.meeting_id:>4}  {m.held_on:%d/%m/%Y}  {m.chair:<24} {m.agenda_count:>3} cases  "
            f"{m.outcome_count:>3} outcomes  {m.signed_count:>3} signed  {state}"
        )
    return 0


def run_show(args) -> int:
    from hlhdesk.core.meetings.meeting_json import meeting_to_dict, outcome_to_dict

    with open_store(args, read_only=True) as store:
        meeting = store.load_meeting(args.meeting_id)
        records = store.outcomes_of_meeting(args.meeting_id)
        names = {s.case_id: s for s in store.list_cases()}
    if args.json:
        data = meeting_to_dict(meeting)
        data["outcomes"] = [
            {
                **outcome_to_dict(r.current),
                "signed_by": r.signoff.signed_by if r.signoff else None,
                "signed_at": r.signoff.signed_at.isoformat() if r.signoff else None,
                "amendments": len(r.amendments),
                "actions_done": [{"action": number, "done_on": done.done_on.isoformat(), "done_by": done.done_by}
                                 for number, action in enumerate(r.current.actions, start=1)
                                 if (done := r.done_record(action)) is not None],
            }
            for r in records.values()
        ]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    state = f"closed {meeting.closed_at:%d/%m/%Y %H:%M}" if meeting.closed_at else "open"
    print(f"MDT meeting {meeting.meeting_id} on {meeting.held_on:%d/%m/%Y} ({state}), chair {meeting.chair}")
    for person in meeting.attendees:
        print(f"  attendee: {person.name} ({person.role})")
    for item in meeting.agenda:
        summary = names.get(item.case_id)
        who = f"{(summary.family_name or '').upper()}, {summary.given_name or ''}".strip(", ") if summary else ""
        record = records.get(item.case_id)
        if record is None:
            status = "no outcome"
        else:
            status = record.current.decision.label
            if record.signoff:
                status += f"; signed off by {record.signoff.signed_by} {record.signoff.signed_at:%d/%m/%Y %H:%M}"
            if record.amendments:
                status += f"; amended {len(record.amendments)}x"
        print(f"  {item.position:>2}. case {item.case_id} {who} [{item.reason.label}] {status}")
        for number, action in enumerate(record.current.actions if record else (), start=1):
            due = f", by {action.due:%d/%m/%Y}" if action.due else ""
            done = record.done_record(action)
            state = f"  [done {done.done_on:%d/%m/%Y} by {done.done_by}]" if done else ""
            print(f"        action {number}: {action.text} ({action.owner}{due}){state}")
    return 0


def run_new(args) -> int:
    from hlhdesk.core.meetings.meeting import Attendee

    attendees = []
    for text in args.attendee:
        name, _, role = text.partition(":")
        attendees.append(Attendee(name.strip(), role.strip()))
    with open_store(args) as store:
        held_on = _uk_date(args.date)
        meeting_id = meetings.create_meeting(store, held_on, args.chair, attendees)
    print(f"Created meeting {meeting_id} on {held_on:%d/%m/%Y}")
    return 0


def run_add(args) -> int:
    if not args.case_ids and not args.due:
        raise InputError("name the cases to add, or use --due to add every case due")
    with open_store(args, must_exist=True) as store:
        offers = meetings.add_to_agenda(store, args.meeting_id, args.case_ids, due=args.due)
    for offer in offers:
        print(f"Added case {offer.case_id}: {offer.explanation}")
    for case_id in args.case_ids:
        print(f"Added case {case_id}")
    return 0


def run_outcome(args) -> int:
    from hlhdesk.core.meetings.meeting import Decision, Outcome

    outcome = Outcome(
        case_id=args.case_id,
        meeting_id=args.meeting_id,
        decision=Decision(args.decision),
        rationale=args.rationale,
        dissent=args.dissent,
        next_review=_uk_date(args.next_review),
        prior_approval_ref=args.prior_approval,
        actions=tuple(parse_action(text) for text in args.action),
    )
    with open_store(args, must_exist=True) as store:
        outcome_id = meetings.record_outcome(store, outcome)
    print(f"Saved outcome {outcome_id}: {outcome.decision.label}")
    return 0


def run_sign(args) -> int:
    with open_store(args, must_exist=True) as store:
        signoff = meetings.signoff_for(store, args.meeting_id, args.case_id)
        meetings.sign_off(store, signoff)
    print(f"Signed off by {signoff.signed_by}: {signoff.outcome.decision.label} ({signoff.policy})")
    return 0


def run_amend(args) -> int:
    import dataclasses

    from hlhdesk.core.meetings.meeting import Decision

    by, reason = args.by.strip(), args.reason.strip()
    if not by or not reason:
        raise InputError("an amendment names who amends (--by) and why (--reason); neither may be blank")
    changes = {name: value for name, value in (
        ("decision", Decision(args.decision) if args.decision else None),
        ("rationale", args.rationale), ("dissent", args.dissent),
        ("next_review", _uk_date(args.next_review) if args.next_review else None),
        ("actions", tuple(parse_action(text) for text in args.action) or None),
    ) if value is not None}
    with open_store(args, must_exist=True) as store:
        outcome_id = store.outcome_id_for(args.meeting_id, args.case_id)
        if outcome_id is None:
            raise InputError(f"case {args.case_id} has no outcome at meeting {args.meeting_id} to amend")
        record = store.outcome(outcome_id)
        if record.signoff is None:
            raise InputError("this outcome is not signed off: change it with `meetings outcome` instead")
        amended = dataclasses.replace(record.current, **changes)
        if amended == record.current:
            raise InputError("the amendment changes nothing: give the new --decision, --rationale, "
                             "--dissent, --next-review or --action")
        meetings.amend(store, outcome_id, amended, amended_by=by, reason=reason)
    print(f"Amended outcome {outcome_id} by {by}: {amended.decision.label}. Reason: {reason}")
    return 0


def run_done(args) -> int:
    with open_store(args, must_exist=True) as store:
        outcome_id = store.outcome_id_for(args.meeting_id, args.case_id)
        if outcome_id is None:
            raise InputError(f"case {args.case_id} has no outcome at meeting {args.meeting_id}")
        listed = store.outcome(outcome_id).current.actions
        if not 1 <= args.action <= len(listed):
            raise InputError(f"the outcome has {len(listed)} action(s): --action is 1 to {len(listed)}"
                             if listed else "the outcome has no actions")
        action = listed[args.action - 1]
        if args.undo:
            meetings.unmark_action_done(store, outcome_id, action)
            print(f"Action {args.action} ({action.text}) is outstanding again")
            return 0
        if not args.by.strip():
            raise InputError("say who did it with --by NAME")
        done_on = _uk_date(args.on) if args.on else date.today()
        meetings.mark_action_done(store, outcome_id, action, done_on=done_on, done_by=args.by)
    print(f"Action {args.action} ({action.text}) recorded as done on {done_on:%d/%m/%Y} by {args.by.strip()}")
    return 0


def run_flag(args) -> int:
    with open_store(args, must_exist=True) as store:
        meetings.flag_case(store, args.case_id, args.note)
    print(f"Flagged case {args.case_id}: it will be offered for the next meeting's agenda")
    return 0


def run_close(args) -> int:
    with open_store(args, must_exist=True) as store:
        next_id = meetings.close_meeting(store, args.meeting_id, next_meeting_on=_uk_date(args.next))
    print(f"Closed meeting {args.meeting_id}" + (f"; undiscussed cases moved to meeting {next_id}" if next_id else ""))
    return 0
