"""hlhdesk evaluate: apply policy 210701P to one case, as of a time, and print the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hlhdesk.cli.support import open_store, parse_as_of
from hlhdesk.errors import InputError

def register(sub) -> None:
    p = sub.add_parser(
        "evaluate",
        help="apply policy 210701P to one case and print every rule with its evidence",
        description=(
            "Evaluate one case against NHS England policy 210701P (anakinra for HLH) as of a "
            "date-time: eligibility, HScore, HLH-2004, response, stopping, dosing and the "
            "policy's other obligations, each with the values, dates and units it used. "
            "Data dated after the as-of time is ignored. The result supports the MDT's "
            "decision; it does not make it."
        ),
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--case", type=Path, metavar="FILE", help="a case file (JSON, format v1)")
    source.add_argument("--id", type=int, metavar="N", help="a case in the database (see hlhdesk list)")
    p.add_argument("--as-of", metavar="WHEN",
                   help="evaluate as of this local date-time: 2026-10-10T09:00, 2026-10-10 or "
                        "10/10/2026 09:00 (default: now)")
    p.add_argument("--json", action="store_true", help="print the evaluation as JSON (for other programs)")
    p.add_argument("--brief", action="store_true", help="leave out each rule's evidence lines")
    p.set_defaults(run=run)


def load(args):
    """The case and its MDT outcome records (none for a case file)."""
    if args.case is not None:
        from hlhdesk.core.casefile.caseio import read_case_file

        if not args.case.is_file():
            raise InputError(f"there is no case file at {args.case}")
        return read_case_file(args.case), []
    from hlhdesk.app.statuses import outcomes_of

    with open_store(args, read_only=True) as store:
        return store.load_case(args.id), outcomes_of(store, args.id)


def pathway_dict(pathway) -> dict:
    """The pathway phase for scripts: rules.md's phase name, the calendar day (null
    before anakinra), the verdict, overdue, and the flags with their words."""
    return {
        "phase": pathway.phase.value,
        "day": pathway.day,
        "verdict": pathway.verdict,
        "overdue": pathway.overdue,
        "review_due": pathway.review_due.isoformat() if pathway.review_due else None,
        "flags": [{"code": f.code, "words": f.words} for f in pathway.flags],
    }


def run(args) -> int:
    from hlhdesk.core import evaluate
    from hlhdesk.core.evaluation.pathway import pathway_of

    as_of = parse_as_of(args.as_of)
    case, outcomes = load(args)
    ev = evaluate(case, as_of)
    pathway = pathway_of(ev, outcomes)
    if args.json:
        from hlhdesk.core.evaluation.json_form import evaluation_to_dict

        # ASCII escapes: safe through any console or pipe encoding, identical when parsed.
        data = {**evaluation_to_dict(ev), "pathway": pathway_dict(pathway)}
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    from hlhdesk.cli.evaluation_text import render

    text = render(ev, case, evidence=not args.brief, pathway=pathway)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    # A Windows console code page may lack ≥ or ⁹: replace them rather than fail mid-report.
    sys.stdout.write(text.encode(encoding, errors="replace").decode(encoding))
    return 0
