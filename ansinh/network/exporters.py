"""Staff and collection points as an Excel workbook or a CSV file, in the import's own layout: an exported file,
corrected, imports back (and imported unchanged, changes nothing)."""

from ansinh.core import excel
from ansinh.geo.choices import Era

STAFF_HEADER = ["Mã nhân viên", "Họ và tên", "Loại", "Điện thoại", "Mã đơn vị", "Cơ cấu", "Tên đơn vị", "Mã điểm thu",
                "Xã phục vụ", "Từ ngày", "Đến ngày", "Tên đăng nhập"]
STAFF_WIDTHS = [14, 28, 16, 13, 10, 8, 30, 14, 24, 12, 12, 16]
POINT_HEADER = ["Mã điểm thu", "Tên điểm thu", "Loại", "Điện thoại", "Mã đơn vị", "Cơ cấu", "Tên đơn vị", "Địa chỉ",
                "Mã số thuế", "Email", "Xã phục vụ", "Từ ngày", "Đến ngày"]
POINT_WIDTHS = [14, 30, 14, 13, 10, 8, 30, 36, 14, 24, 24, 12, 12]
DATE = "d/m/yyyy"
ERA_WORD = {Era.PRE_2025: "cũ", Era.FROM_2025: "mới", "": ""}


def _communes(row) -> str:
    return "; ".join(sorted(u.code for u in row.communes.all()))


def staff_rows(staff) -> list[list]:
    """One list of cells per staff member, in STAFF_HEADER's order (dates as dates)."""
    return [[s.code, s.full_name, s.get_organisation_display(), s.phone, s.unit.code, ERA_WORD[s.unit.era], s.unit.name,
             s.collection_point.code if s.collection_point else "", _communes(s), s.valid_from, s.valid_until,
             s.user.username if s.user else ""] for s in staff]


def point_rows(points) -> list[list]:
    """One list of cells per collection point, in POINT_HEADER's order."""
    return [[p.code, p.name, p.get_kind_display(), p.phone, p.unit.code, ERA_WORD[p.unit.era], p.unit.name, p.address,
             p.tax_code, p.email, _communes(p), p.valid_from, p.valid_until] for p in points]


def _workbook(title: str, header: list[str], widths: list[int], rows: list[list], text_columns: set[int]) -> bytes:
    book = excel.workbook()
    ws = book.active
    ws.title = title
    excel.header(ws, 1, header)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if hasattr(value, "isoformat"):
                excel.put(ws, r, c, value, number_format=DATE)
            else:
                excel.put(ws, r, c, "" if value is None else value,
                          number_format=excel.TEXT if c in text_columns else None)
    excel.column_widths(ws, widths)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    excel.print_setup(ws, repeat_rows="1:1")
    return excel.to_bytes(book)


def staff_xlsx(staff) -> bytes:
    """The staff list as .xlsx: header row, widths, codes and phones as text, dates d/m/yyyy, A4 landscape."""
    return _workbook("Nhân viên", STAFF_HEADER, STAFF_WIDTHS, staff_rows(staff), {1, 4, 5, 8, 9, 12})


def points_xlsx(points) -> bytes:
    """The collection points as .xlsx."""
    return _workbook("Điểm thu", POINT_HEADER, POINT_WIDTHS, point_rows(points), {1, 4, 5, 9, 11})


def _csv_cells(rows: list[list]):
    for values in rows:
        yield [f"{v.day}/{v.month}/{v.year}" if hasattr(v, "isoformat") else ("" if v is None else v) for v in values]


def staff_csv(staff, filename: str):
    """The staff list as a CSV download (UTF-8 with BOM, formula-safe)."""
    return excel.csv_response(filename, STAFF_HEADER, _csv_cells(staff_rows(staff)))


def points_csv(points, filename: str):
    """The collection points as a CSV download."""
    return excel.csv_response(filename, POINT_HEADER, _csv_cells(point_rows(points)))
