"""Renders of the printed reports, from the 13 demo cases on one agenda, each seen at its
manifest time: the pack's cover (the agenda as an index) and actions page, a proforma
with ruled space for the outcome, one with its signed-off outcome, the first page of an
evidence appendix, and an outcome letter. Needs pdftoppm (poppler-utils).

    python docs/screenshots/make_report_screenshots.py

Writes report-*.png here (60 dpi for the README, 90 for the proforma pages).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from hlhdesk.core import evaluate  # noqa: E402
from hlhdesk.core.casefile.caseio import read_case_file  # noqa: E402
from hlhdesk.core.meetings.meeting import (  # noqa: E402
    Action, AgendaItem, AgendaReason, Attendee, Decision, Meeting, Outcome,
)
from hlhdesk.core.meetings.signoff import make_signoff  # noqa: E402
from hlhdesk.paths import resource  # noqa: E402
from hlhdesk.reports import CaseSheet, EarlierDecision, case_summary, meeting_pack, outcome_letter  # noqa: E402

MEETING = Meeting(
    date(2026, 10, 20), "Dr A Chair",
    (Attendee("Dr A Chair", "Haematologist"), Attendee("Dr B Rheum", "Rheumatologist"),
     Attendee("Dr C Icu", "Intensivist"), Attendee("Ms D Pharm", "Pharmacist")),
    agenda=tuple(AgendaItem(n, n, AgendaReason.NEW_REFERRAL) for n in range(1, 14)),
    meeting_id=1,
)
SIGNED = 1  # agenda index of the case shown with its signed-off outcome
STOPPING = 2  # the case at day 15 with no response


def demo_sheets() -> list[CaseSheet]:
    manifest = json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8"))
    sheets = []
    for number, entry in enumerate(manifest, start=1):
        case = read_case_file(resource("demo", entry["file"]))
        evaluation = evaluate(case, datetime.fromisoformat(entry["as_of"]))
        previous = None
        if evaluation.day0 is not None:
            started = evaluation.day0.date()
            previous = EarlierDecision(started, Outcome(
                number, 0, Decision.START, rationale="Criteria met: start anakinra subcutaneously",
                actions=(Action("Repeat ferritin and LFTs on day 3", "Ward registrar", started + timedelta(days=3)),),
                next_review=started + timedelta(days=7)))
        sheets.append(CaseSheet(case, evaluation, None, None, None, (), MEETING, previous))
    return sheets


def with_signed_outcome(sheet: CaseSheet) -> CaseSheet:
    outcome = Outcome(SIGNED + 1, 1, Decision.CONTINUE,
                      rationale="Responding: organ support lower than at day 0; ferritin falling.",
                      actions=(Action("Repeat ferritin, LFTs and neutrophils", "Ward registrar", date(2026, 10, 23)),),
                      next_review=date(2026, 10, 27))
    signoff = make_signoff(outcome, sheet.case, sheet.evaluation, MEETING, signed_by="Dr A Chair",
                           signed_at=datetime(2026, 10, 20, 13, 40))
    return CaseSheet(sheet.case, sheet.evaluation, sheet.pathway, outcome, signoff, (), MEETING, sheet.previous)


def render(pdf: bytes, page: int, name: str, dpi: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                        str(source), str(HERE / name)], check=True)
    print(f"wrote {name}.png")


def main() -> None:
    sheets = demo_sheets()
    sheets[SIGNED] = with_signed_outcome(sheets[SIGNED])
    pack = meeting_pack(MEETING, sheets)
    render(pack, 1, "report-pack-cover", 60)
    render(pack, 2, "report-pack-actions", 60)
    render(pack, 3 + STOPPING, "report-proforma", 90)
    render(pack, 3 + SIGNED, "report-proforma-signed", 90)
    stopping = sheets[STOPPING]
    render(case_summary(stopping.case, stopping.evaluation, meeting=MEETING, previous=stopping.previous),
           2, "report-evidence-appendix", 60)
    stop = Outcome(STOPPING + 1, 1, Decision.STOP,
                   rationale="No response by day 14 on ferritin or HScore; lymphoma treatment to start.",
                   actions=(Action("Stop anakinra today", "Ward team", date(2026, 10, 20)),
                            Action("Refer to the lymphoma MDT", "Dr A Demo", date(2026, 10, 22))),
                   next_review=date(2026, 10, 27))
    render(outcome_letter(stopping.case, stopping.evaluation, stop, MEETING,
                          referrer="Dr A Demo\nDepartment of Haematology"), 1, "report-outcome-letter", 60)


if __name__ == "__main__":
    main()
