"""hlhdesk export: write one case as a case file (for a referral or a second opinion)."""

from __future__ import annotations

import sys
from pathlib import Path

from hlhdesk.cli.support import add_force_option, open_store, write_file
from hlhdesk.core.casefile.caseio import dumps_case


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write one case as a case file (JSON)",
        description="Write case CASE_ID as a case file (format v1), values as they were entered.",
    )
    p.add_argument("case_id", type=int, metavar="CASE_ID", help="the case id (see hlhdesk list)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.json",
                   help="where to write it ('-' for standard output)")
    add_force_option(p, "FILE.json")
    p.set_defaults(run=run)


def run(args) -> int:
    to_stdout = str(args.output) == "-"
    with open_store(args, read_only=True) as store:
        case = store.load_case(args.case_id)
    if to_stdout:
        sys.stdout.write(dumps_case(case))
        return 0
    write_file(args, args.output, dumps_case(case).encode("utf-8"))
    print(f"Exported case {args.case_id} to {args.output}")
    return 0
