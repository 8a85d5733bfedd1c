"""hlhdesk import: read case files into the database, all of them or none."""

from __future__ import annotations

from pathlib import Path

from hlhdesk.cli.support import note, open_store


def register(sub) -> None:
    p = sub.add_parser(
        "import",
        help="import case files (JSON) into the database: all of them or none",
        description=(
            "Read every CASE.json, check it completely, and store them all in one "
            "transaction, each with its policy status as of now (shown by 'hlhdesk list'). "
            "If any file has a problem, every problem in every file is listed and nothing "
            "is stored. Prints the new case ids."
        ),
    )
    p.add_argument("files", nargs="+", type=Path, metavar="CASE.json", help="case files (format v1)")
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.app.case_import import import_case_files, read_case_files

    files = read_case_files(args.files)
    with open_store(args) as store:
        imported = import_case_files(store, files)
        where = store.path
    noun = "case" if len(files.cases) == 1 else "cases"
    print(f"Imported {len(files.cases)} {noun} into {where}:")
    for path, case_id in zip(files.paths, imported.case_ids):
        print(f"  case {case_id}  {path}")
    for message in imported.notes:
        note(message)
    return 0
