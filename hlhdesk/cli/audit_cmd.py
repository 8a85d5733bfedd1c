"""hlhdesk audit: every treatment episode against the policy, for the service's returns."""

from __future__ import annotations

import json
from pathlib import Path

from hlhdesk.cli.support import add_force_option, open_store, parse_as_of, write_file
from hlhdesk.errors import InputError


def register(sub) -> None:
    p = sub.add_parser(
        "audit",
        help="the service audit: one row per anakinra episode, compliance with the policy",
        description=(
            "One row per treatment episode whose day 0 falls in the period: criteria at day 0, "
            "prior approval, doses, day-7 and day-14 reviews, response, largest ferritin fall, "
            "stop criterion and stop, adverse events, day-30 outcome; then compliance with each "
            "policy requirement. --json prints {\"episodes\": [...], \"summary\": {...}}; -o writes "
            "a PDF report or a CSV (by the file's ending). --pseudonymise replaces names and "
            "numbers with a code per patient, for sending outside the trust."
        ),
    )
    p.add_argument("--from", dest="period_from", metavar="DD/MM/YYYY", help="first day 0 to include")
    p.add_argument("--to", dest="period_to", metavar="DD/MM/YYYY", help="last day 0 to include")
    p.add_argument("--json", action="store_true", help="print the episodes and summary as JSON")
    p.add_argument("-o", "--output", type=Path, metavar="FILE.pdf|FILE.csv", help="write a PDF report or a CSV")
    p.add_argument("--pseudonymise", action="store_true",
                   help="no names, NHS or hospital numbers: a code per patient, stable within the report")
    add_force_option(p, "the output file")
    p.set_defaults(run=run)


def run(args) -> int:
    from hlhdesk.app.audit import AuditFilter, service_audit
    from hlhdesk.core.audit.table import csv_text, records

    start = parse_as_of(args.period_from, "--from")
    end = parse_as_of(args.period_to, "--to")
    if start and end and end < start:
        raise InputError("--to is before --from")
    audit_filter = AuditFilter(start.date() if start else None, end.date() if end else None)
    with open_store(args, read_only=True) as store:
        audit = service_audit(store, audit_filter)
    if args.output is not None:
        suffix = args.output.suffix.lower()
        if suffix == ".csv":
            data = ("\ufeff" + csv_text(audit.episodes, args.pseudonymise)).encode("utf-8")
        elif suffix == ".pdf":
            from hlhdesk.reports.audit_report import audit_report

            data = audit_report(audit, pseudonymise=args.pseudonymise)
        else:
            raise InputError("-o must name a .pdf or a .csv file")
        written = write_file(args, args.output, data)
        print(f"Wrote the audit of {len(audit.episodes)} episodes to {written}")
    if args.json:
        print(json.dumps({"episodes": records(audit.episodes, args.pseudonymise),
                          "summary": summary_record(audit)}, indent=2, ensure_ascii=False))
    elif args.output is None:
        print(text_summary(audit))
    return 0


def summary_record(audit) -> dict:
    o = audit.outcomes
    return {
        "period": audit.filter.period_words,
        "made_at": audit.made_at.isoformat(),
        "episodes": o.episodes,
        "patients": o.patients,
        "compliance": [{"criterion": c.key, "words": c.words, "complied": len(c.complied),
                        "not_complied": len(c.not_complied), "not_assessable": len(c.not_assessable)}
                       for c in audit.compliance],
        "died_by_day30": o.died_by_day30,
        "alive_at_day30": o.alive_at_day30,
        "day30_unknown": o.day30_unknown,
        "median_max_ferritin_fall_pct": o.ferritin_fall_median_pct,
        "responded_by_day14": o.responded_by_day14,
        "serious_adverse_events": o.serious_adverse_events,
        "median_icu_days": o.icu_days_median,
        "cases_not_audited": list(audit.failed_cases),
    }


def text_summary(audit) -> str:
    o = audit.outcomes
    lines = [f"Service audit, day 0 from {audit.filter.period_words}: {o.episodes} episodes "
             f"in {o.patients} patients."]
    for c in audit.compliance:
        lines.append(f"  {c.words}: {c.summary}")
        if c.not_complied:
            ids = ", ".join(f"case {e.identity.case_id} episode {e.episode}" for e in c.not_complied)
            lines.append(f"    did not: {ids}")
    lines.append(f"  Died by day 30: {o.died_by_day30}; alive at day 30: {o.alive_at_day30}; "
                 f"not known: {o.day30_unknown}")
    if audit.failed_cases:
        lines.append(f"  Not audited (see the log): cases {', '.join(map(str, audit.failed_cases))}")
    return "\n".join(lines)
