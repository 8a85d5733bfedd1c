"""hlhdesk export: write one case as a case file (for a referral or a second opinion)."""

from __future__ import annotations

import sys
from pathlib import Path

from hlhdesk.cli.support import open_store
from hlhdesk.core.casefile.caseio import dumps_case, write_case_file
from hlhdesk.errors import InputError


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write one case as a case file (JSON)",
        description="Write case CASE_ID as a case file (format v1), values as they were entered.",
    )
    p.add_argument("case_id", type=int, metavar="CASE_ID", help="the case id (see hlhdesk list)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.json",
                   help="where to write it ('-' for standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE.json if it already exists")
    p.set_defaults(run=run)


def run(args) -> int:
    to_stdout = str(args.output) == "-"
    if not to_stdout and args.output.exists() and not args.force:
        raise InputError(f"{args.output} already exists; add --force to replace it")
    with open_store(args, must_exist=True) as store:
        case = store.load_case(args.case_id)
    if to_stdout:
        sys.stdout.write(dumps_case(case))
        return 0
    try:
        write_case_file(case, args.output)
    except OSError as exc:
        raise InputError(f"cannot write {args.output} ({exc.strerror or exc})") from None
    print(f"Exported case {args.case_id} to {args.output}")
    return 0
