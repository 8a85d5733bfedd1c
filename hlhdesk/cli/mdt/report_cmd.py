"""hlhdesk report CASE_ID -o FILE.pdf: print a case's MDT summary (or, with --letter,
the outcome letter to the referring clinician)."""

from __future__ import annotations

from hlhdesk.cli.mdt.pdf_output import add_pdf_command


def register(sub) -> None:
    p = add_pdf_command(
        sub, "report", id_name="CASE_ID", id_help="the case's id in the database",
        help="write a case's MDT case summary as a PDF",
        description=(
            "Write the MDT case summary of one case as a PDF. A case whose latest MDT outcome is "
            "signed off reprints the signed-off record exactly; otherwise the case is evaluated "
            "as of --as-of (default: the time of its open MDT meeting, else now)."
        ),
    )
    p.add_argument("--as-of", metavar="T", help="evaluate as of this local date-time: 2026-10-17T09:00, 2026-10-17 or 17/10/2026 09:00")
    p.add_argument("--letter", action="store_true",
                   help="write the one-page outcome letter for the latest MDT outcome instead")
    p.add_argument("--referrer", metavar="NAME",
                   help="with --letter: who it is to (default: the case's referring clinician)")
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.cli.mdt.pdf_output import write_pdf
    from hlhdesk.cli.support import open_store, parse_as_of
    from hlhdesk.errors import InputError
    from hlhdesk.app.printouts import letter_for_case, summary_for_case

    as_of = parse_as_of(args.as_of)
    if args.letter and as_of is not None:
        raise InputError("--letter writes the letter for the MDT outcome as decided; it takes no --as-of")
    if args.referrer and not args.letter:
        raise InputError("--referrer goes with --letter")
    with open_store(args, read_only=True) as store:
        if args.letter:
            pdf = letter_for_case(store, args.case_id, referrer=args.referrer)
        else:
            pdf = summary_for_case(store, args.case_id, as_of=as_of)
    write_pdf(args, pdf)
    what = "outcome letter" if args.letter else "case summary"
    print(f"Wrote the {what} of case {args.case_id} to {args.output}")
    return 0
