"""Importing staff and collection points: good and bad rows of one sheet give exact counts and reasons; the error
file keeps the columns and says why; importing the same file again changes nothing; an exported list imports back
unchanged; the `ansinh import staff` command."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from ansinh.core.errors import DomainError, PermissionDenied
from ansinh.core.importing import REASON_HEADER, open_rows
from ansinh.core.models import ChangeLog, ImportRun
from ansinh.network import exporters, services
from ansinh.network.importers import import_file
from ansinh.network.models import CollectionPoint, Staff
from ansinh.network.testing import make_point, write_sheet

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
HEADER = ["Mã nhân viên", "Họ và tên", "Loại", "Điện thoại", "Mã đơn vị", "Cơ cấu", "Mã điểm thu", "Xã phục vụ",
          "Từ ngày", "Đến ngày", "Tên đăng nhập"]
START = D("2024-03-01")
# Row 1 is the header; row 15 is blank (skipped, not counted).
ROWS = [
    ["NV-TV-201", "Nguyễn Thị Hồng", "Bưu điện", "0912 000 201", "842", "cũ", "BD-TV-01", "29239; 29236", START, None,
     ""],                                                                                                  # 2 new
    ["HPN-TV-01", "Kim Thị Sa Rinh", "Hội phụ nữ", "", "29239", "Cũ", "", "", START, None, ""],          # 3 new
    ["NV-TV-100", "Trần Văn Thu", "bưu điện", "0912000100", "842", "cu", "", "", START, None, ""],        # 4 same
    ["NV-TV-101", "Phạm Thị Thu", "BUU DIEN", "0987 654 321", "842", "cũ", "", "", START, None, ""],      # 5 phone
    ["NV-TV-202", "Lê Văn Phone", "BHXH", "12345", "842", "cũ", "", "", START, None, ""],                 # 6
    ["NV-TV-203", "Lê Văn Loại", "Công an", "", "842", "cũ", "", "", START, None, ""],                    # 7
    ["NV-TV-204", "Lê Văn Cơcấu", "BHXH", "", "842", "", "", "", START, None, ""],                        # 8
    ["NV-TV-205", "Lê Văn Ngày", "BHXH", "", "29551", "mới", "", "", START, None, ""],                    # 9
    ["NV-TV-206", "Lê Văn Xã", "đại lý", "", "842", "cũ", "", "23281", START, None, ""],                  # 10
    ["NV-TV-207", "Lê Văn Từ", "xã", "", "842", "cũ", "", "", None, None, ""],                            # 11
    ["NV-TV-201", "Nguyễn Thị Hồng", "Bưu điện", "", "842", "cũ", "", "", START, None, ""],               # 12
    ["NV-TV-208", "Lê Văn Điểm", "Bưu điện", "", "842", "cũ", "BD-XX-99", "", START, None, ""],           # 13
    ["NV-TV-209", "Lê Văn Tỉnh", "BHXH", "", "62", "cũ", "", "", START, None, ""],                        # 14
    [None] * 11,                                                                                           # 15
    ["NV-TV-210", "Lê Văn Đến", "BHXH", "", "842", "cũ", "", "", START, D("2024-01-01"), ""],            # 16
]
REASONS = [
    "Dòng 6, cột “Điện thoại”: Số điện thoại '12345' không phải số Việt Nam hợp lệ.",
    "Dòng 7, cột “Loại”: Loại 'Công an' không hợp lệ: ghi BHXH, Bưu điện, Đại lý, Xã hoặc Đoàn thể.",
    "Dòng 8, cột “Mã đơn vị”: Không có đơn vị hành chính mã '842' (cơ cấu mới, 34 tỉnh).",
    "Dòng 9, cột “Mã đơn vị”: Phường Long Châu chỉ có từ ngày 1/7/2025; hồ sơ ngày 1/3/2024 phải ghi vào đơn vị của "
    "cơ cấu khi đó.",
    "Dòng 10, cột “Xã phục vụ”: Phường Quang Trung (mã 23281) không thuộc tỉnh của đơn vị Thành phố Trà Vinh.",
    "Dòng 11, cột “Từ ngày”: Thiếu ngày bắt đầu hoạt động.",
    "Dòng 12, cột “Mã nhân viên”: Mã nhân viên 'NV-TV-201' đã có ở dòng 2 của tệp.",
    "Dòng 13, cột “Mã điểm thu”: Không có điểm thu mã 'BD-XX-99' trong địa bàn của bạn.",
    "Dòng 14, cột “Mã đơn vị”: Đơn vị không thuộc địa bàn của bạn.",
    "Dòng 16, cột “Đến ngày”: Ngày ngừng hoạt động 1/1/2024 trước ngày bắt đầu 1/3/2024.",
]


@pytest.fixture
def known(vinh_long_officer, city):
    """What is stored before the import: the point BD-TV-01 and two collectors of Trà Vinh city."""
    make_point(city, code="BD-TV-01", name="Bưu điện thành phố Trà Vinh")
    for code, name, phone in (("NV-TV-100", "Trần Văn Thu", "0912000100"), ("NV-TV-101", "Phạm Thị Thu", "0912000101")):
        services.staff_create(user=vinh_long_officer, code=code, full_name=name, organisation="post", unit=city,
                              valid_from=START, phone=phone)


@pytest.fixture
def sheet(tmp_path):
    return write_sheet(tmp_path / "nhan-vien-tra-vinh.xlsx", HEADER, ROWS)


def _staff_log_count() -> int:
    return ChangeLog.objects.filter(object_type="network.staff").count()


def test_a_sheet_of_good_and_bad_rows(known, sheet, vinh_long_officer, media):
    run = import_file(sheet, user=vinh_long_officer, kind="staff")
    assert (run.state, run.rows_read, run.rows_stored, run.rows_unchanged, run.rows_rejected) == ("done", 14, 3, 1, 10)
    assert (run.summary["created"], run.summary["updated"]) == (2, 1)
    assert run.summary["reasons"] == REASONS
    hong = Staff.objects.get(code="NV-TV-201")
    assert (hong.organisation, hong.phone, hong.collection_point.code, hong.unit.code, hong.created_by) == (
        "post", "0912000201", "BD-TV-01", "842", vinh_long_officer)
    assert sorted(hong.communes.values_list("code", flat=True)) == ["29236", "29239"]
    assert Staff.objects.get(code="HPN-TV-01").organisation == "union"
    assert Staff.objects.get(code="NV-TV-101").phone == "0987654321"
    assert Staff.objects.count() == 4
    # the error file: the original columns of each rejected row, and its reason
    assert run.error_file == f"imports/network/{run.pk}/nhan-vien-tra-vinh.loi.xlsx"
    source = open_rows(media / run.error_file)
    rows = [list(r) for r in source.rows]
    source.close()
    assert rows[0] == [*HEADER, REASON_HEADER]
    assert [r[0] for r in rows[1:]] == ["NV-TV-202", "NV-TV-203", "NV-TV-204", "NV-TV-205", "NV-TV-206", "NV-TV-207",
                                        "NV-TV-201", "NV-TV-208", "NV-TV-209", "NV-TV-210"]
    assert [r[-1] for r in rows[1:]] == REASONS


def test_importing_the_same_file_again_changes_nothing(known, sheet, vinh_long_officer):
    import_file(sheet, user=vinh_long_officer, kind="staff")
    before = (list(Staff.objects.order_by("code").values_list("code", "full_name", "phone", "changed_at")),
              _staff_log_count())
    again = import_file(sheet, user=vinh_long_officer, kind="staff")
    assert (again.rows_read, again.rows_stored, again.rows_unchanged, again.rows_rejected) == (14, 0, 4, 10)
    after = (list(Staff.objects.order_by("code").values_list("code", "full_name", "phone", "changed_at")),
             _staff_log_count())
    assert after == before
    assert ImportRun.objects.filter(kind="staff").count() == 2


def test_a_corrected_error_file_imports_the_rows_it_fixes(known, sheet, vinh_long_officer, media, tmp_path):
    run = import_file(sheet, user=vinh_long_officer, kind="staff")
    source = open_rows(media / run.error_file)
    rows = [list(r) for r in source.rows]
    source.close()
    rows[1][3] = "0912 000 202"  # the phone of row 6, now a mobile number
    fixed = write_sheet(tmp_path / "da-sua.xlsx", rows[0], rows[1:2])
    second = import_file(fixed, user=vinh_long_officer, kind="staff")
    assert (second.rows_read, second.rows_stored, second.rows_rejected) == (1, 1, 0)
    assert Staff.objects.get(code="NV-TV-202").phone == "0912000202"


def test_a_csv_with_semicolons_and_headers_without_accents(vinh_long_officer, tmp_path):
    path = tmp_path / "nhan-vien.csv"
    path.write_text("MA NHAN VIEN;HO VA TEN;LOAI;MA DON VI;CO CAU;TU NGAY;XA PHUC VU\n"
                    "NV-TV-301;Thạch Thị Sa Rinh;đoàn thể;842;cũ;1/3/2024;29239,29236\n", encoding="utf-8")
    run = import_file(path, user=vinh_long_officer, kind="staff")
    assert (run.rows_stored, run.rows_rejected) == (1, 0)
    staff = Staff.objects.get(code="NV-TV-301")
    assert (staff.organisation, staff.valid_from, staff.communes.count()) == ("union", START, 2)


def test_a_column_left_out_keeps_what_is_stored(known, vinh_long_officer, tmp_path):
    path = write_sheet(tmp_path / "ten.xlsx", ["Mã nhân viên", "Họ và tên", "Loại", "Mã đơn vị", "Cơ cấu", "Từ ngày"],
                       [["NV-TV-100", "Trần Văn Thu", "Bưu điện", "842", "cũ", START]])
    run = import_file(path, user=vinh_long_officer, kind="staff")
    assert (run.rows_unchanged, Staff.objects.get(code="NV-TV-100").phone) == (1, "0912000100")


def test_a_file_without_a_required_column_is_refused(vinh_long_officer, tmp_path):
    path = write_sheet(tmp_path / "thieu.xlsx", ["Mã nhân viên", "Họ và tên", "Loại", "Mã đơn vị"],
                       [["NV-TV-401", "Trần Văn Thu", "BHXH", "842"]])
    with pytest.raises(DomainError) as refused:
        import_file(path, user=vinh_long_officer, kind="staff")
    assert refused.value.code == "missing_columns"
    assert refused.value.message == ("Tệp thiếu cột: Từ ngày (dòng tiêu đề cần: Mã nhân viên, Họ và tên, Loại, Mã đơn "
                                     "vị, Từ ngày).")
    assert ImportRun.objects.get().state == "failed"


@pytest.mark.parametrize(("name", "content", "code"), [
    pytest.param("rong.csv", b"", "empty_file", id="empty"),
    pytest.param("hong.xlsx", b"PK\x03\x04 not a workbook", "unreadable_file", id="damaged-xlsx"),
    pytest.param("anh.png", b"\x89PNG", "unreadable_file", id="not-a-sheet"),
])
def test_a_file_that_cannot_be_read_is_refused(vinh_long_officer, tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DomainError) as refused:
        import_file(path, user=vinh_long_officer, kind="staff")
    assert refused.value.code == code


def test_a_collector_may_not_import_staff(collector, sheet):
    with pytest.raises(PermissionDenied):
        import_file(sheet, user=collector, kind="staff")
    assert not ImportRun.objects.exists()


def test_points_good_and_bad_rows_then_the_same_file_again(vinh_long_officer, tmp_path):
    header = ["Mã điểm thu", "Tên điểm thu", "Loại", "Điện thoại", "Mã đơn vị", "Cơ cấu", "Địa chỉ", "Mã số thuế",
              "Xã phục vụ", "Từ ngày"]
    rows = [["BD-TV-01", "Bưu điện thành phố Trà Vinh", "Bưu điện", "0294 3862 222", "842", "cũ",
             "Số 3 Lê Thánh Tông, Phường 1", "", "29239", D("2020-01-01")],
            ["DL-TV-01", "Đại lý thu Phường 4", "đại lý", "", "29236", "cũ", "", "0100109106-097", "", D("2022-05-01")],
            ["NH-TV-01", "Ngân hàng", "Ngân hàng", "", "842", "cũ", "", "", "", D("2022-05-01")],
            ["DL-TV-02", "Đại lý thu Phường 1", "đại lý", "", "29239", "cũ", "", "12345", "", D("2022-05-01")]]
    path = write_sheet(tmp_path / "diem-thu.xlsx", header, rows)
    run = import_file(path, user=vinh_long_officer, kind="points")
    assert (run.rows_read, run.rows_stored, run.rows_unchanged, run.rows_rejected) == (4, 2, 0, 2)
    assert run.summary["reasons"] == [
        "Dòng 4, cột “Loại”: Loại điểm thu 'Ngân hàng' không hợp lệ: ghi Bưu điện, Đại lý thu, Cơ quan BHXH hoặc "
        "UBND xã.",
        "Dòng 5, cột “Mã số thuế”: Mã số thuế '12345' không hợp lệ (10 chữ số, hoặc 10 chữ số - 3 chữ số)."]
    post = CollectionPoint.objects.get(code="BD-TV-01")
    assert (post.kind, post.phone, post.valid_from) == ("post_office", "02943862222", D("2020-01-01"))
    again = import_file(path, user=vinh_long_officer, kind="points")
    assert (again.rows_stored, again.rows_unchanged, again.rows_rejected) == (0, 2, 2)


def test_an_exported_list_imports_back_unchanged(known, sheet, vinh_long_officer, tmp_path):
    import_file(sheet, user=vinh_long_officer, kind="staff")
    services.staff_deactivate(user=vinh_long_officer, staff=Staff.objects.get(code="NV-TV-100"),
                              until=D("2026-11-30"))
    staff = Staff.objects.select_related("unit", "collection_point", "user").prefetch_related("communes")
    exported = tmp_path / "xuat.xlsx"
    exported.write_bytes(exporters.staff_xlsx(staff.order_by("code")))
    run = import_file(exported, user=vinh_long_officer, kind="staff")
    assert (run.rows_read, run.rows_stored, run.rows_unchanged, run.rows_rejected) == (4, 0, 4, 0)
    csv = tmp_path / "xuat.csv"
    csv.write_bytes(exporters.staff_csv(staff.order_by("code"), "xuat.csv").content)
    run = import_file(csv, user=vinh_long_officer, kind="staff")
    assert (run.rows_read, run.rows_stored, run.rows_unchanged, run.rows_rejected) == (4, 0, 4, 0)


def test_the_import_staff_command(known, sheet, vinh_long_officer, media):
    out = io.StringIO()
    call_command("import_data", "staff", str(sheet), "--user", "vl_officer", stdout=out)
    text = out.getvalue()
    assert "nhan-vien-tra-vinh.xlsx: 14 dòng — 2 nhân viên thêm mới, 1 cập nhật, 1 không đổi, 10 dòng lỗi." in text
    assert REASONS[0] in text
    assert str(media / "imports" / "network") in text
