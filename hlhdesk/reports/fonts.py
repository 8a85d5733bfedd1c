"""The bundled font (DejaVu Sans), registered once and used by every report.

reportlab's built-in Helvetica lacks glyphs the reports need (≥, ≤, ✓, ✗, superscript
nine in x10⁹/L) and prints them as black boxes, so every page uses DejaVu Sans, shipped
in resources/fonts with its licence.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hlhdesk.paths import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> None:
    """Register DejaVu Sans and its bold with reportlab (idempotent)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    # <b> in a Paragraph picks the bold face; there is no bundled italic, so italic
    # falls back to the upright faces rather than to a font without the glyphs.
    for bold, italic, face in ((0, 0, FONT), (1, 0, FONT_BOLD), (0, 1, FONT), (1, 1, FONT_BOLD)):
        addMapping(FONT, bold, italic, face)


def has_glyphs(text: str, font: str = FONT) -> bool:
    """True when the font can draw every character of `text` (spaces aside)."""
    register_fonts()
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    return all(ord(ch) in glyphs for ch in text if not ch.isspace())
