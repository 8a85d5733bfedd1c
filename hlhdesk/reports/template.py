"""The page furniture every report shares, and the document builder.

Every page carries the "OFFICIAL-SENSITIVE" marking top and bottom, a header naming the
patient (name, NHS number 3 3 4, hospital number, date of birth) and the meeting date,
and a footer with the policy version, the app version and when the evaluation was made,
and "Page n of N".

"Page n of N" needs N before any page is finished, so `NumberedCanvas` holds every page
back and draws the furniture when the document is saved. Which patient a page belongs to
travels in the story: a `PageContext` flowable at the start of each case sets it, and
every later page keeps it until the next one (a meeting pack changes patient per case).

Documents are built with `invariant=1`: the same input gives the same bytes, which is
how a signed-off summary is shown to reprint unchanged.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from hlhdesk.core.evaluation import Evaluation
from hlhdesk.core.meetings.meeting import Meeting
from hlhdesk.core.model import Case
from hlhdesk.reports import styles
from hlhdesk.reports.fonts import FONT, FONT_BOLD, register_fonts
from hlhdesk.reports.text import nhs_number_text, uk_date, uk_datetime

MARKING = "OFFICIAL-SENSITIVE"
PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE_MARGIN = 16 * mm
TOP_MARGIN = 33 * mm
BOTTOM_MARGIN = 22 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN


@dataclass(frozen=True)
class PageHeading:
    """What the header and footer of a page say."""

    title: str  # e.g. "HLH MDT case summary"
    name: str = ""  # patient name; empty on a pack's cover
    identifiers: str = ""  # NHS number, hospital number, date of birth
    meeting: str = ""  # "MDT meeting 25/11/2026"
    footer: str = ""  # policy version, app version, evaluation time


def heading_for_case(title: str, case: Case, evaluation: Evaluation, meeting: Meeting | None) -> PageHeading:
    patient = case.patient
    identifiers = "   ".join((
        f"NHS number {nhs_number_text(patient)}",
        f"Hospital number {patient.hospital_number or 'not recorded'}",
        f"Date of birth {uk_date(patient.date_of_birth)}",
    ))
    return PageHeading(
        title=title,
        name=patient.display_name,
        identifiers=identifiers,
        meeting=meeting_line(meeting),
        footer=evaluation_footer(evaluation),
    )


def meeting_line(meeting: Meeting | None) -> str:
    return f"MDT meeting {uk_date(meeting.held_on)}" if meeting else "No MDT meeting recorded"


def evaluation_footer(evaluation: Evaluation) -> str:
    return (
        f"Policy {evaluation.policy}  ·  hlhdesk {evaluation.app_version}  ·  "
        f"evaluation made {uk_datetime(evaluation.made_at)}, as of {uk_datetime(evaluation.as_of)}"
    )


class PageContext(Flowable):
    """Takes no space; from the page it is drawn on, pages carry `heading`."""

    def __init__(self, heading: PageHeading):
        super().__init__()
        self.heading = heading

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv.hlh_heading = self.heading


class PageAnchor(Flowable):
    """Takes no space; remembers the page it lands on under `key` (a pack's case)."""

    def __init__(self, key):
        super().__init__()
        self.key = key

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv.hlh_anchors[self.key] = self.canv.getPageNumber()


class PageRef(Flowable):
    """The page number of the anchor `key`, drawn when the document is saved (the
    anchor's page is known only once every page is laid out): a pack's index."""

    def __init__(self, key, size: float = 8.3):
        super().__init__()
        self.key, self.size = key, size

    def wrap(self, available_width, available_height):
        return available_width, self.size * 1.2

    def draw(self):
        x, y = self.canv.absolutePosition(0, 1)
        self.canv.hlh_refs.append((self.canv.getPageNumber(), x, y, self.key, self.size))


class NumberedCanvas(Canvas):
    """Holds pages back until save(), then draws the furniture with the page count."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict] = []
        self.hlh_heading = PageHeading(title="")
        # Shared by every held page (mutated, never rebound): anchors and references.
        self.hlh_anchors: dict = {}
        self.hlh_refs: list = []

    def showPage(self):
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            draw_furniture(self, self.hlh_heading, number, total)
            self._draw_page_refs(number)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_page_refs(self, number: int) -> None:
        for page, x, y, key, size in self.hlh_refs:
            if page == number and key in self.hlh_anchors:
                self.setFont(FONT_BOLD, size)
                self.setFillColor(styles.INK)
                self.drawString(x, y, str(self.hlh_anchors[key]))


def draw_furniture(canv: Canvas, heading: PageHeading, number: int, total: int) -> None:
    left, right = SIDE_MARGIN, PAGE_WIDTH - SIDE_MARGIN
    canv.saveState()
    canv.setFillColor(styles.INK)
    canv.setFont(FONT_BOLD, 8.5)
    canv.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 9 * mm, MARKING)
    canv.drawCentredString(PAGE_WIDTH / 2, 7 * mm, MARKING)

    top = PAGE_HEIGHT - 15 * mm
    canv.setFont(FONT_BOLD, 10.5)
    canv.drawString(left, top, heading.name or heading.title)
    canv.setFont(FONT, 8)
    canv.drawRightString(right, top, heading.meeting)
    canv.setFillColor(styles.MUTED)
    second = heading.identifiers if heading.name else ""
    canv.drawString(left, top - 11, second)
    canv.drawRightString(right, top - 11, heading.title if heading.name else "")
    canv.setStrokeColor(styles.INK)
    canv.setLineWidth(0.8)
    canv.line(left, top - 16, right, top - 16)

    bottom = 14 * mm
    canv.setLineWidth(0.4)
    canv.line(left, bottom + 8, right, bottom + 8)
    canv.setFont(FONT, 7)
    canv.drawString(left, bottom, heading.footer)
    canv.setFillColor(styles.INK)
    canv.setFont(FONT_BOLD, 8)
    canv.drawRightString(right, bottom, f"Page {number} of {total}")
    canv.restoreState()


def build_pdf(story: list, *, title: str) -> bytes:
    """Lay out `story` on A4 pages with the shared furniture; return the PDF bytes.

    The title in the PDF's properties is generic on purpose: file properties travel
    where the pages do not, so they carry no patient identifiers.
    """
    register_fonts()
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author="hlhdesk",
        creator="hlhdesk",
        subject="NHS England policy 210701P (anakinra for HLH)",
        invariant=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=NumberedCanvas)
    return out.getvalue()
