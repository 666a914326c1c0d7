"""Test helpers: collection points and staff without relying on seeded ids."""

import datetime as dt

from ansinh.network.choices import ACTIVE_SINCE_DEFAULT
from ansinh.network.models import CollectionPoint, Staff


def make_point(unit, code: str = "TV-BD-01", name: str = "Bưu điện huyện Càng Long",
               valid_from: dt.date = ACTIVE_SINCE_DEFAULT) -> CollectionPoint:
    """A collection point (post office) in a unit."""
    return CollectionPoint.objects.create(code=code, name=name, kind="post_office", unit=unit,
                                          province_code=unit.province_code, valid_from=valid_from)


def make_staff(unit, code: str = "NV001", full_name: str = "Trần Văn Thu", point=None, organisation: str = "post",
               valid_from: dt.date = ACTIVE_SINCE_DEFAULT) -> Staff:
    """A collector working in a unit."""
    return Staff.objects.create(code=code, full_name=full_name, organisation=organisation, unit=unit,
                                province_code=unit.province_code, collection_point=point, valid_from=valid_from)


def write_sheet(path, header: list[str], rows: list[list]):
    """An .xlsx file with a header row and rows (dates stay dates, text stays text), as officers send them."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "K'", "Ka"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Đức", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hạnh", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn",
         "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Brếp", "Điểu"]
LAM_DONG_HEADER = ["Mã nhân viên", "Họ và tên", "Loại", "Điện thoại", "Mã đơn vị", "Cơ cấu", "Mã điểm thu",
                   "Xã phục vụ", "Từ ngày", "Đến ngày", "Tên đăng nhập"]


def lam_dong_staff_rows(count: int = 184) -> list[list]:
    """The rows of Lâm Đồng's BHXH staff of 2023 (old province 68, the demo's case C): 40 at the provincial office,
    the others spread over the 12 districts it had on 1/1/2023 (12 each, in code order), each district officer
    serving the district's first commune of that day; generated names, mobile numbers 0912 680 001…, active from
    1/1/2023."""
    from ansinh.geo.models import Unit
    from ansinh.geo.validity import valid_on

    day = dt.date(2023, 1, 1)
    province = Unit.objects.get(era="pre2025", code="68")
    districts = list(valid_on(Unit.objects.filter(parent=province), day).order_by("code"))
    rest = count - 40
    sizes = [40] + [rest // len(districts) + (1 if i < rest % len(districts) else 0) for i in range(len(districts))]
    rows, n = [], 0
    for office, size in zip([province, *districts], sizes, strict=True):
        commune = valid_on(Unit.objects.filter(parent=office, level="commune"), day).order_by("code").first() \
            if office != province else None
        for _ in range(size):
            n += 1
            name = f"{SURNAMES[n % len(SURNAMES)]} {MIDDLE[n % len(MIDDLE)]} {GIVEN[n % len(GIVEN)]}"
            rows.append([f"LD-NV-{n:03d}", name, "BHXH", f"0912680{n:03d}", office.code, "cũ", "",
                         commune.code if commune else "", day, None, ""])
    return rows


def lam_dong_staff_sheet(path, count: int = 184):
    """The .xlsx sheet of `lam_dong_staff_rows`, written to `path`."""
    return write_sheet(path, LAM_DONG_HEADER, lam_dong_staff_rows(count))
