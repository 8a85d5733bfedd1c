"""hlhdesk pack MEETING_ID -o FILE.pdf: print a meeting's pack."""

from __future__ import annotations

from hlhdesk.cli.mdt.pdf_output import add_pdf_command


def register(sub) -> None:
    parser = add_pdf_command(
        sub, "pack", id_name="MEETING_ID", id_help="the meeting's id in the database",
        help="write an MDT meeting pack (indexed cover, actions, a one-page proforma per case) as a PDF",
        description=(
            "Write the pack for one MDT meeting: a cover with the date, chair, attendees and "
            "the agenda as an index, a page of actions from earlier meetings, then each case's "
            "one-page proforma in agenda order. Signed-off cases print their signed-off outcome."
        ),
    )
    parser.add_argument("--with-evidence", action="store_true",
                        help="add each case's evidence appendix (values used, rules) after its proforma")
    parser.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.cli.mdt.pdf_output import write_pdf
    from hlhdesk.app.printouts import pack_for_meeting
    from hlhdesk.cli.support import open_store

    with open_store(args, read_only=True) as store:
        pdf = pack_for_meeting(store, args.meeting_id, with_evidence=args.with_evidence)
    write_pdf(args, pdf)
    print(f"Wrote the pack for meeting {args.meeting_id} to {args.output}")
    return 0
