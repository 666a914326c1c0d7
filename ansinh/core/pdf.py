"""PDF rendering for reports: a Django template rendered to HTML, then to PDF by WeasyPrint."""

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict) -> bytes:
    """Render a template to a PDF document (A4; the template's own CSS decides the layout)."""
    from weasyprint import HTML  # imported here: needs Pango, only for PDF builds

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()
