"""hlhdesk episodes --id N: a case's episodes of anakinra as the rules read them, and the
episode starts the MDT set by hand (--add, --remove)."""

from __future__ import annotations

import json
from datetime import datetime

from hlhdesk.cli.support import open_store, parse_as_of
from hlhdesk.errors import InputError


def register(sub) -> None:
    p = sub.add_parser(
        "episodes",
        help="a case's episodes of anakinra, and the episode starts the MDT sets",
        description=(
            "List a case's episodes of anakinra as the rules read them (every rule reads only "
            "the current episode): each with its day 0, why it is a new episode, and when its "
            "anakinra ended. hlhdesk starts a new episode at the first dose, at the first course "
            "after HLH was recorded as resolved, and after a long break without anakinra. Where "
            "the MDT judges that a new episode began otherwise (for example maintenance anakinra "
            "for systemic JIA, escalated for MAS), --add records that start: day 0 is then that "
            "time if anakinra is running, otherwise the next dose. --remove takes one back. "
            "Each change is one transaction with its audit record."
        ),
    )
    p.add_argument("--id", type=int, required=True, metavar="N", help="the case (see hlhdesk list)")
    p.add_argument("--add", action="append", default=[], metavar="WHEN",
                   help="an episode start the MDT set: 12/10/2026 09:00 or 2026-10-12T09:00 (repeatable)")
    p.add_argument("--remove", action="append", default=[], metavar="WHEN",
                   help="take back an episode start the MDT set, as listed (repeatable)")
    p.add_argument("--json", action="store_true",
                   help='print {"case_id", "episodes": [{"number", "day0", "started_by", "ended", '
                        '"current"}], "mdt_starts": [...]} (ISO 8601, local time)')
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.app.case_edits import set_episode_starts
    from hlhdesk.app.statuses import evaluate_case

    now = datetime.now().replace(second=0, microsecond=0)
    added = [parse_as_of(text, "--add") for text in args.add]
    removed = [parse_as_of(text, "--remove") for text in args.remove]
    future = [m for m in added if m > now]
    if future:
        raise InputError(f"--add {future[0]:%d/%m/%Y %H:%M} is in the future: an episode start is "
                         "recorded once it has happened")
    with open_store(args, must_exist=True, read_only=not (added or removed)) as store:
        case = store.load_case(args.id)
        starts = set(case.details.episode_starts or ())
        missing = [m for m in removed if m not in starts]
        if missing:
            listed = ", ".join(f"{s:%d/%m/%Y %H:%M}" for s in sorted(starts)) or "none"
            raise InputError(f"--remove {missing[0]:%d/%m/%Y %H:%M} is not an episode start the MDT "
                             f"set for case {args.id} (set: {listed})")
        if added or removed:
            set_episode_starts(store, args.id, (starts | set(added)) - set(removed), now)
            case = store.load_case(args.id)
    evaluation = evaluate_case(case, now)
    mdt_starts = sorted(case.details.episode_starts or ())
    if args.json:
        print(json.dumps(json_of(args.id, evaluation.episodes, mdt_starts), indent=2))
        return 0
    print(text_of(case, evaluation.episodes, mdt_starts, now))
    return 0


def json_of(case_id: int, episodes, mdt_starts) -> dict:
    return {
        "case_id": case_id,
        "episodes": [{"number": e.number, "day0": e.day0.isoformat(timespec="minutes"),
                      "started_by": e.started_by,
                      "ended": e.ended.isoformat(timespec="minutes") if e.ended else None,
                      "current": e is episodes[-1]} for e in episodes],
        "mdt_starts": [m.isoformat(timespec="minutes") for m in mdt_starts],
    }


def text_of(case, episodes, mdt_starts, now: datetime) -> str:
    from hlhdesk.core.wording import uk_datetime

    lines = [f"{case.patient.display_name}: episodes of anakinra as of {uk_datetime(now)}"]
    if not episodes:
        lines.append("  none: no anakinra recorded yet (the first dose will be day 0)")
    for e in episodes:
        ended = f"ended {uk_datetime(e.ended)}" if e.ended else "running"
        current = "  (current: the rules read this one)" if e is episodes[-1] else ""
        lines.append(f"  {e.number}. day 0 {uk_datetime(e.day0)}: {e.started_by}; {ended}{current}")
    lines.append("Episode starts set by the MDT: "
                 + (", ".join(uk_datetime(m) for m in mdt_starts) if mdt_starts else "none"))
    return "\n".join(lines)
