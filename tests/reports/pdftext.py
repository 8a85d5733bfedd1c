"""Read a PDF back as the tests see it: the text of each page, extracted with pypdf."""

from __future__ import annotations

import io

from pypdf import PdfReader


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def page_has_images(pdf: bytes) -> bool:
    return any(page.images for page in PdfReader(io.BytesIO(pdf)).pages)
