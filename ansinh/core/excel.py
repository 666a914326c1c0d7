"""Excel workbooks, one way for every exporter: styles, number formats, column widths, print setup, and cells
that never run as formulas.

A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be a live formula once the
file is opened (CSV injection, OWASP): `put` stores it as text with Excel's quote prefix, so it shows as
typed and reads back as the same string; `csv_safe` does the same for CSV files with a leading apostrophe.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

INT = "#,##0"
MONEY = "#,##0"
RATE = "0.00"
TEXT = "@"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
BOLD_UNDERLINE = Font(bold=True, underline="single")
ITALIC = Font(italic=True)
HEAD = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(wrap_text=True, vertical="top")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-]\d+([.,]\d+)*")


def is_formula_like(value) -> bool:
    """Whether a value is text a spreadsheet would run as a formula (a signed number such as -2 is not)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.fullmatch(value)


def csv_safe(value):
    """A CSV cell that no spreadsheet runs as a formula: a leading apostrophe before =, +, -, @, tab, CR."""
    return "'" + value if is_formula_like(value) else value


def write_csv(handle, rows: Iterable[Sequence]) -> None:
    """Write rows to a text handle as CSV, every cell formula-safe."""
    out = csv.writer(handle)
    for row in rows:
        out.writerow([csv_safe(v) for v in row])


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """A CSV download (UTF-8 with BOM so Excel shows the accents), every cell formula-safe."""
    from django.http import HttpResponse

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    write_csv(response, [header, *rows] if not hasattr(rows, "__next__") else _chain(header, rows))
    return response


def _chain(header, rows):
    yield header
    yield from rows


def put(ws: Worksheet, row: int, column: int, value, *, number_format: str | None = None, font: Font | None = None,
        fill: PatternFill | None = None, alignment: Alignment | None = None, border: Border | None = None):
    """Write one cell (text that looks like a formula stays text) with its style; returns the cell."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
    for name, style in (("font", font), ("fill", fill), ("alignment", alignment), ("border", border)):
        if style is not None:
            setattr(cell, name, style)
    return cell


def append(ws: Worksheet, values: Iterable, formats: dict[int, str] | None = None) -> int | None:
    """Write a row under the last one (formula-safe), with number formats by column (1-based); returns its row.

    A write-only sheet (streamed, for large files) takes the row as it comes (no row number to return).
    """
    if isinstance(ws, WriteOnlyWorksheet):
        cells = []
        for column, value in enumerate(values, start=1):
            cell = WriteOnlyCell(ws, value=value)
            if is_formula_like(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            if formats and column in formats:
                cell.number_format = formats[column]
            cells.append(cell)
        ws.append(cells)
        return None
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(ws, row, column, value, number_format=(formats or {}).get(column))
    return row


def header(ws: Worksheet, row: int, labels: Sequence[str], *, filled: bool = True) -> None:
    """A header row: bold (white on blue when `filled`), wrapped."""
    for column, text in enumerate(labels, start=1):
        put(ws, row, column, text, font=HEAD if filled else BOLD, fill=HEAD_FILL if filled else None,
            alignment=CENTER if filled else WRAP)


def number_format_for(value, title: str = "") -> str | None:
    """The format a value gets in a table: rates (floats, Decimals, '%' columns) 0.00, whole numbers #,##0."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) or title.startswith("%") or "(%)" in title or hasattr(value, "as_tuple"):
        return RATE
    if isinstance(value, int):
        return INT
    return None


def table(ws: Worksheet, labels: Sequence[str], rows: Iterable[Sequence], *, start: int = 1,
          widths: dict[int, float] | None = None, default_width: float = 14, freeze: bool = True) -> int:
    """A header and its rows from `start`, number formats from the values and column titles; returns the last row."""
    header(ws, start, labels)
    row = start
    for row, values in enumerate(rows, start=start + 1):
        for column, value in enumerate(values, start=1):
            title = labels[column - 1] if column - 1 < len(labels) else ""
            put(ws, row, column, float(value) if hasattr(value, "as_tuple") else value,
                number_format=number_format_for(value, title))
    column_widths(ws, {c: (widths or {}).get(c, default_width) for c in range(1, len(labels) + 1)})
    if freeze:
        ws.freeze_panes = ws.cell(row=start + 1, column=1)
    return row


def column_widths(ws: Worksheet, widths: dict[int, float] | Sequence[float]) -> None:
    """Column widths by 1-based column number (a dict) or in order (a sequence)."""
    items = widths.items() if isinstance(widths, dict) else enumerate(widths, start=1)
    for column, width in items:
        ws.column_dimensions[get_column_letter(column)].width = width


def print_setup(ws: Worksheet, *, landscape: bool = True, repeat_rows: str | None = None) -> None:
    """A4, landscape by default, one page wide, header rows repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_rows:
        ws.print_title_rows = repeat_rows


def workbook() -> Workbook:
    """A new workbook."""
    return Workbook()


def to_bytes(book: Workbook) -> bytes:
    """The .xlsx file's bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
