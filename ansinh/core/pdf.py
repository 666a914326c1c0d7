"""PDF rendering for reports: a Django template rendered to HTML, then to PDF by WeasyPrint."""

from django.template.loader import render_to_string

NATION_HEADING = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc")
"""The national heading of every official document (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""


def render_pdf(template: str, context: dict) -> bytes:
    """Render a template to a PDF document (A4; the template's own CSS decides the layout)."""
    from weasyprint import HTML  # imported here: needs Pango, only for PDF builds

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()
