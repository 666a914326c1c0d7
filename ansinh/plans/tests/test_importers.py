"""`ansinh import figures FILE`: rows in, rejected rows out with their reason, re-import changes nothing."""

import csv
import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook

from ansinh.plans.importers import import_figures
from ansinh.plans.models import ReportedFigure

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Cơ cấu", "Tính đến ngày", "Chỉ tiêu", "Giá trị", "Nguồn", "Suy ra", "Ghi chú"]
ROWS = [
    ["84", "pre2025", "30/6/2020", "voluntary_si", "8.463", "Bài báo NĐ&ĐS", "", ""],
    ["84", "pre2025", "30/6/2020", "Tỷ lệ bao phủ BHYT (% dân số)", "95,61", "Bài báo NĐ&ĐS", "", ""],
    ["84", "pre2025", "31/12/2019", "voluntary_si", "5885", "Bài báo NĐ&ĐS", "có", "8.463 − 2.578"],
    ["99999", "pre2025", "30/6/2020", "voluntary_si", "1", "x", "", ""],
    ["84", "pre2025", "31/6/2020", "voluntary_si", "1", "x", "", ""],
    ["84", "pre2025", "30/6/2020", "hi_coverage", "101", "x", "", ""],
    ["62", "pre2025", "30/6/2020", "voluntary_si", "4294", "Bài báo Kon Tum", "", ""],
]


def _csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_csv_import_with_rejects_and_reimport(tmp_path, tra_vinh_officer):
    path = _csv(tmp_path / "so-lieu.csv", ROWS)
    result = import_figures(path, user=tra_vinh_officer)
    assert {k: result[k] for k in ("created", "updated", "unchanged", "rejected")} == {
        "created": 3, "updated": 0, "unchanged": 0, "rejected": 4}
    assert ReportedFigure.objects.get(unit__code="84", on=dt.date(2020, 6, 30), indicator="hi_coverage").value == \
        Decimal("95.61")
    derived = ReportedFigure.objects.get(unit__code="84", on=dt.date(2019, 12, 31))
    assert (derived.value, derived.derived) == (5885, True)
    with open(result["errors"], encoding="utf-8-sig") as fh:
        errors = list(csv.reader(fh))
    assert errors[0] == [*HEADER, "Lý do lỗi"]
    reasons = [row[-1] for row in errors[1:]]
    assert reasons == ["không có đơn vị mã 99999",
                       "Tính đến ngày: '31/6/2020' không phải là ngày (dạng ngày/tháng/năm, ví dụ 22/7/2023).",
                       "Tỷ lệ bao phủ 101.00% vượt quá 100%.", "Đơn vị Tỉnh Kon Tum không thuộc địa bàn của bạn."]
    again = import_figures(path, user=tra_vinh_officer)
    assert (again["created"], again["unchanged"], again["rejected"]) == (0, 3, 4)


def test_xlsx_import(tmp_path, admin_user):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    excel_date = dt.datetime(2020, 6, 30)  # noqa: DTZ001 - an Excel date cell has no time zone
    sheet.append(["62", "pre2025", excel_date, "household_hi", 67286, "Bài báo Kon Tum", "", ""])
    book.save(tmp_path / "kt.xlsx")
    result = import_figures(tmp_path / "kt.xlsx", user=admin_user)
    assert (result["created"], result["rejected"], result["errors"]) == (1, 0, None)
    assert ReportedFigure.objects.get(unit__code="62").value == 67286

