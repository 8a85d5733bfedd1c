"""Paragraph and table styles: one place, so the summary, the pack and the letter look
like one family of documents. Black and grey only: the record is often photocopied, so
nothing depends on colour (statuses carry a word and a mark)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from hlhdesk.reports.fonts import FONT, FONT_BOLD, register_fonts

# Paragraphs resolve their font when they are made, so the font is registered first.
register_fonts()

INK = colors.black
MUTED = colors.HexColor("#444444")
RULE = colors.HexColor("#888888")
SHADE = colors.HexColor("#E6E6E6")  # table headers, group rows
COURSE = colors.HexColor("#EFEFEF")  # anakinra courses behind the charts
RANGE = colors.HexColor("#BDBDBD")  # the HScore range band
PALE = colors.HexColor("#F3F3F3")  # decision box
WARNING_SHADE = colors.HexColor("#C4C4C4")  # a warning reading: darkest, with its mark and word
CAUTION_SHADE = colors.HexColor("#E2E2E2")

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5, textColor=INK)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.2)
EVIDENCE = ParagraphStyle("evidence", parent=SMALL, textColor=MUTED, leftIndent=6)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8.3, leading=10.2)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=FONT_BOLD)
CELL_RIGHT = ParagraphStyle("cell_right", parent=CELL, alignment=TA_RIGHT)
TITLE = ParagraphStyle("title", parent=BODY, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=2)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, textColor=MUTED, spaceAfter=8)
# No keepWithNext on section headings: it would push a long table whole onto the next
# page; `section()` in tables.py asks for room before the heading instead.
H1 = ParagraphStyle("h1", parent=BODY, fontName=FONT_BOLD, fontSize=11.5, leading=14,
                    spaceBefore=10, spaceAfter=4)
H2 = ParagraphStyle("h2", parent=BODY, fontName=FONT_BOLD, fontSize=9.5, leading=12,
                    spaceBefore=6, spaceAfter=3, keepWithNext=1)
VERDICT = ParagraphStyle("verdict", parent=BODY, fontName=FONT_BOLD, fontSize=10.5, leading=13)
DAY = ParagraphStyle("day", parent=BODY, fontName=FONT_BOLD, fontSize=15, leading=18, alignment=TA_CENTER)
DECISION = ParagraphStyle("decision", parent=BODY, fontName=FONT_BOLD, fontSize=13, leading=16)
COVER_TITLE = ParagraphStyle("cover_title", parent=TITLE, fontSize=22, leading=27,
                             alignment=TA_CENTER, spaceAfter=6)
COVER_SUB = ParagraphStyle("cover_sub", parent=BODY, fontSize=12, leading=15, alignment=TA_CENTER)


def grid_style(*extra: tuple) -> TableStyle:
    """A ruled table with a shaded header row that repeats on every page."""
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8.3),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.3),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ])
