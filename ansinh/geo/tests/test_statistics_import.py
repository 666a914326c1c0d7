"""`ansinh import statistics FILE`: an officer's yearly figures (a commune's population, a corrected year) from a
CSV or Excel file; every row stored, unchanged or in the error file with its line, column and reason; importing the
same file again changes nothing."""

import csv

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from ansinh.core.models import ChangeLog
from ansinh.core.testing.users import make_user
from ansinh.geo.importers import import_statistics
from ansinh.geo.models import UnitStatistic

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Cơ cấu", "Chỉ tiêu", "Năm", "Số liệu", "Nguồn"]
ROWS = [
    ["28756", "2025", "Dân số", "2026", "31.250", "UBND phường Phú Khương, báo cáo dân số 2026"],
    ["28777", "", "population", "2026", "18400", "UBND phường An Hội, báo cáo dân số 2026"],
    ["86", "2025", "Lực lượng lao động", "2026", "1.952.000", "Thống kê tỉnh Vĩnh Long, ước 2026"],
    ["99999", "2025", "Dân số", "2026", "100", "x"],                       # no such unit
    ["28783", "2025", "Hộ nghèo", "2026", "100", "x"],                    # not an indicator
    ["28783", "2025", "Dân số", "năm nay", "100", "x"],                  # not a year
    ["28783", "2025", "Dân số", "2026", "-5", "x"],                      # negative
    ["28783", "2025", "Dân số", "2026", "12000", ""],                    # no source
    ["25747", "2025", "Dân số", "2026", "50000", "UBND phường Thủ Dầu Một"],  # Hồ Chí Minh City: not hers
]
REASONS = [
    "Dòng 5, cột “Mã đơn vị”: Không có đơn vị mã 99999.",
    "Dòng 6, cột “Chỉ tiêu”: Chỉ tiêu 'Hộ nghèo' không hợp lệ (Dân số, Lực lượng lao động).",
    "Dòng 7, cột “Năm”: 'năm nay' không phải là số nguyên.",
    "Dòng 8, cột “Số liệu”: Số liệu không được âm.",
    "Dòng 9, cột “Nguồn”: Cần ghi nguồn.",
    "Dòng 10: Đơn vị hành chính mã 25747 không thuộc địa bàn của bạn.",
]


@pytest.fixture
def officer(unit):
    return make_user("vl_stats", role="province_officer", scope_unit=unit("86", "2025"))


def _xlsx(path, rows):
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    book.save(path)
    return path


def _csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return path


def test_a_file_of_figures_is_stored_row_by_row_and_again_changes_nothing(tmp_path, officer, unit):
    path = _csv(tmp_path / "dan-so-2026.csv", ROWS)
    result = import_statistics(path, user=officer)
    assert {k: result[k] for k in ("created", "updated", "unchanged", "rejected")} == {
        "created": 3, "updated": 0, "unchanged": 0, "rejected": 6}
    phu_khuong = UnitStatistic.objects.get(unit=unit("28756", "2025"), indicator="population", year=2026)
    assert (phu_khuong.value, phu_khuong.source, phu_khuong.created_by) == (
        31_250, "UBND phường Phú Khương, báo cáo dân số 2026", officer)
    assert UnitStatistic.objects.get(unit=unit("86", "2025"), indicator="labour_force", year=2026).value == 1_952_000
    with result["errors"].open(encoding="utf-8-sig") as fh:
        refused = list(csv.reader(fh))
    assert refused[0] == [*HEADER, "Lý do lỗi"]
    assert [r[:6] for r in refused[1:]] == ROWS[3:]
    assert [r[6] for r in refused[1:]] == REASONS
    logged = ChangeLog.objects.filter(object_type="geo.unitstatistic").count()
    again = import_statistics(path, user=officer)
    assert {k: again[k] for k in ("created", "updated", "unchanged", "rejected")} == {
        "created": 0, "updated": 0, "unchanged": 3, "rejected": 6}
    assert ChangeLog.objects.filter(object_type="geo.unitstatistic").count() == logged  # nothing logged again


def test_a_corrected_figure_is_updated_and_an_officers_correction_survives_the_shipped_reload(tmp_path, officer,
                                                                                            unit):
    from ansinh.geo.importers import load_statistics

    xlsx = _xlsx(tmp_path / "sua.xlsx", [["84", "pre2025", "Dân số", 2021, 1_018_700,
                                          "Niên giám thống kê Trà Vinh 2021"]])
    result = import_statistics(xlsx, user=officer)
    assert (result["updated"], result["rejected"], result["errors"]) == (1, 0, None)
    load_statistics()
    assert UnitStatistic.objects.get(unit=unit("84", "pre2025"), indicator="population", year=2021).value == 1_018_700


def test_the_command_says_what_it_did(tmp_path, officer, capsys):
    path = _csv(tmp_path / "mot-dong.csv", ROWS[:1])
    call_command("import_data", "statistics", str(path), "--user", officer.username)
    assert "1 thêm mới, 0 sửa, 0 giữ nguyên, 0 bị từ chối" in capsys.readouterr().out


def test_an_xlsx_error_file_keeps_the_format(tmp_path, officer):
    xlsx = _xlsx(tmp_path / "loi.xlsx", [["99999", "2025", "Dân số", 2026, 1, "x"]])
    result = import_statistics(xlsx, user=officer)
    rows = list(load_workbook(result["errors"]).active.iter_rows(values_only=True))
    assert rows[-1][-1] == "Dòng 2, cột “Mã đơn vị”: Không có đơn vị mã 99999."


def test_codes_that_lost_their_zeros_duplicates_and_impossible_figures_are_refused(tmp_path, officer):
    """Excel turns commune 00004 into 4 and 01 into 1: refused, not stored on Cao Bằng (04) or Hà Nội (01); a second
    row of the same unit, indicator and year is refused naming the first; 0 and 25 digits are no denominators."""
    rows = [["4", "2025", "Dân số", "2026", "12000", "x"],
            ["1", "", "Dân số", "2026", "12000", "x"],
            ["28756", "2025", "Dân số", "2026", "31250", "UBND phường"],
            ["28756", "2025", "Dân số", "2026", "31300", "UBND phường (sửa)"],
            ["28777", "2025", "Dân số", "2026", "0", "x"],
            ["28777", "2025", "Dân số", "2026", "9" * 25, "x"]]
    result = import_statistics(_csv(tmp_path / "loi.csv", rows), user=officer)
    assert (result["created"], result["rejected"]) == (1, 5)
    with result["errors"].open(encoding="utf-8-sig") as fh:
        reasons = [r[6] for r in list(csv.reader(fh))[1:]]
    lost = "phải có 2 (tỉnh), 3 (huyện) hoặc 5 (xã) chữ số; nếu Excel đã bỏ số 0 đầu, hãy định dạng cột là văn bản."
    assert reasons == [
        f"Dòng 2, cột “Mã đơn vị”: Mã đơn vị '4' {lost}",
        f"Dòng 3, cột “Mã đơn vị”: Mã đơn vị '1' {lost}",
        "Dòng 5, cột “Mã đơn vị”: Đơn vị, chỉ tiêu và năm này đã có ở dòng 4 của tệp.",
        "Dòng 6, cột “Số liệu”: Số liệu 0 không dùng được làm mẫu số (từ 1 đến 200.000.000 người).",
        f"Dòng 7, cột “Số liệu”: Số liệu {'9' * 25} không dùng được làm mẫu số (từ 1 đến 200.000.000 người).",
    ]
    assert not UnitStatistic.objects.filter(unit__code__in=("01", "04"), year=2026).exists()
