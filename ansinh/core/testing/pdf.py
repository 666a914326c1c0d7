"""Reading a PDF's text in tests (pypdf, pure Python)."""

import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined by newlines."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_pages(data: bytes) -> int:
    """Number of pages."""
    return len(PdfReader(io.BytesIO(data)).pages)
