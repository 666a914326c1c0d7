"""The pages under /network/: lists with filters and pages, add / change / stop, import with its result and error
file, exports (Excel, CSV) that no spreadsheet runs as formulas; 403 for a collector, 404 outside the area."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ansinh.core.testing.users import make_user
from ansinh.network import services
from ansinh.network.models import CollectionPoint, Staff
from ansinh.network.testing import make_point, make_staff, write_sheet

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
NEW = {"code": "NV-TV-501", "full_name": "Sơn Thị Sa Rum", "organisation": "post", "phone": "0907 888 999",
       "unit": "842", "collection_point": "BD-TV-01", "communes": "29239; Phường 4 — Thành phố Trà Vinh (29236)",
       "valid_from": "2024-03-01", "valid_until": "", "username": ""}


@pytest.fixture
def point(city):
    return make_point(city, code="BD-TV-01", name="Bưu điện thành phố Trà Vinh")


@pytest.fixture
def officer(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    return tra_vinh_officer


def _text(response) -> str:
    return response.content.decode()


def test_the_list_shows_the_area_s_staff_a_page_at_a_time(client, officer, city, unit):
    for n in range(1, 56):
        make_staff(city, code=f"NV-TV-{n:03d}", full_name=f"Nhân viên {n}")
    make_staff(unit("62", "pre2025"), code="NV-KT-001", full_name="Y Blơng")
    first = client.get(reverse("network:staff-list"))
    assert first.status_code == 200
    assert "NV-TV-001" in _text(first) and "NV-KT-001" not in _text(first)
    assert "Trang 1/2 · 55 dòng" in _text(first)
    second = client.get(reverse("network:staff-list"), {"page": 2})
    assert len(second.context["staff"]) == 5


def test_filters_by_kind_status_and_commune_served(client, officer, city, ward_1):
    services.staff_create(user=officer, code="HPN-1", full_name="Kim Thị Hoa", organisation="union", unit=city,
                          valid_from=D("2024-01-01"), communes=[ward_1])
    left = make_staff(city, code="NV-OLD", full_name="Trần Văn Cũ")
    services.staff_deactivate(user=officer, staff=left, until=D("2025-06-30"))
    make_staff(city, code="NV-NOW", full_name="Lê Thị Mới")

    def codes(**query):
        return [s.code for s in client.get(reverse("network:staff-list"), query).context["staff"]]

    assert codes(organisation="union") == ["HPN-1"]
    assert codes(status="inactive") == ["NV-OLD"]
    assert codes(status="active") == ["HPN-1", "NV-NOW"]
    assert codes(commune="29239") == ["HPN-1"]
    assert codes(q="mới") == ["NV-NOW"]
    assert client.get(reverse("network:staff-list"), {"status": "nonsense", "page": "x"}).status_code == 200


def test_a_new_staff_member_starts_in_the_officer_s_own_unit_when_it_exists_today(client, officer,
                                                                                   vinh_long_officer):
    form = client.get(reverse("network:staff-new")).context["form"]
    assert form["valid_from"].value() == timezone.localdate()
    # Old Trà Vinh (84) ended on 30/6/2025: nothing to pre-fill today; an officer of today's Vĩnh Long has it.
    assert form["unit"].value() == ""
    client.force_login(vinh_long_officer)
    form = client.get(reverse("network:staff-new")).context["form"]
    assert form["unit"].value() == "Tỉnh Vĩnh Long (86)"


def test_adding_a_staff_member_through_the_page(client, officer, point):
    response = client.post(reverse("network:staff-new"), NEW)
    staff = Staff.objects.get(code="NV-TV-501")
    assert response.status_code == 302
    assert response["Location"] == reverse("network:staff-detail", kwargs={"pk": staff.pk})
    assert (staff.phone, staff.collection_point, staff.created_by) == ("0907888999", point, officer)
    assert sorted(staff.communes.values_list("code", flat=True)) == ["29236", "29239"]
    page = client.get(response["Location"])
    assert "Phường 1 (29239); Phường 4 (29236)" in _text(page) or "Phường 4 (29236); Phường 1 (29239)" in _text(page)


@pytest.mark.parametrize(("changes", "field", "message"), [
    pytest.param({"phone": "12345"}, "phone", "Số điện thoại '12345' không phải số Việt Nam hợp lệ.",
                 id="bad-phone"),
    pytest.param({"valid_from": "01/07/2025", "communes": ""}, "unit",
                 "Thành phố Trà Vinh đã thôi tồn tại từ ngày 1/7/2025, không nhận hồ sơ ngày 1/7/2025.",
                 id="old-unit-after-the-reform"),
    pytest.param({"valid_from": "01/07/2025"}, "communes",
                 "Phường 1 đã thôi tồn tại từ ngày 1/7/2025, không nhận hồ sơ ngày 1/7/2025.",
                 id="old-commune-after-the-reform"),
    pytest.param({"communes": "23281"}, "communes",
                 "Không tìm thấy đơn vị “23281” trong danh sách bạn được chọn.", id="commune-of-another-province"),
    pytest.param({"communes": "phuong"}, "communes", "Có nhiều đơn vị khớp “phuong”:", id="ambiguous-commune"),
    pytest.param({"collection_point": "BD-XX"}, "collection_point",
                 "Không tìm thấy điểm thu “BD-XX” trong danh sách bạn được chọn.", id="unknown-point"),
    pytest.param({"username": "nobody"}, "username", "Không có tài khoản 'nobody' trong địa bàn của bạn.",
                 id="unknown-account"),
    pytest.param({"unit": "62"}, "unit", "Không tìm thấy đơn vị “62” trong danh sách bạn được chọn.",
                 id="outside-the-area"),
    pytest.param({"unit": ""}, "unit", "Trường này là bắt buộc.", id="no-unit"),
])
def test_a_refused_form_says_why_beside_the_field(client, officer, point, changes, field, message):
    response = client.post(reverse("network:staff-new"), {**NEW, **changes})
    assert response.status_code == 200
    assert any(e.startswith(message) for e in response.context["form"].errors[field])
    assert not Staff.objects.filter(code="NV-TV-501").exists()


def test_changing_and_stopping_a_staff_member(client, officer, city, point):
    staff = make_staff(city, code="NV-TV-502", full_name="Trần Văn Thu", point=point)
    url = reverse("network:staff-detail", kwargs={"pk": staff.pk})
    assert "Sửa thông tin" in _text(client.get(url))
    edit = {**NEW, "full_name": "Trần Văn Thu", "phone": "0912000502", "communes": "", "valid_from": "2020-01-01"}
    del edit["code"]
    assert client.post(url, edit).status_code == 302
    staff.refresh_from_db()
    assert (staff.phone, staff.changed_by) == ("0912000502", officer)
    stop = client.post(reverse("network:staff-deactivate", kwargs={"pk": staff.pk}), {"until": "2026-11-30"},
                       follow=True)
    staff.refresh_from_db()
    assert staff.valid_until == D("2026-11-30")
    assert "Trần Văn Thu ngừng hoạt động sau ngày 30/11/2026." in _text(stop)
    bad = client.post(reverse("network:staff-deactivate", kwargs={"pk": staff.pk}), {"until": "2019-01-01"},
                      follow=True)
    assert "Ngày ngừng hoạt động 1/1/2019 trước ngày bắt đầu 1/1/2020." in _text(bad)
    assert "Lịch sử thay đổi" in _text(bad)


def test_a_collector_sees_staff_but_may_not_change_them(client, collector, city):
    staff = make_staff(city, code="NV-TV-503")
    client.force_login(collector)
    listed = client.get(reverse("network:staff-list"))
    assert "NV-TV-503" in _text(listed) and 'data-testid="staff-new"' not in _text(listed)
    detail = client.get(reverse("network:staff-detail", kwargs={"pk": staff.pk}))
    assert detail.status_code == 200 and 'data-testid="staff-form"' not in _text(detail)
    for url in (reverse("network:staff-new"), reverse("network:import")):
        refused = client.get(url)
        assert refused.status_code == 403
        assert "Vai trò của bạn không được quản lý nhân viên, điểm thu." in _text(refused)
    assert client.post(reverse("network:staff-deactivate", kwargs={"pk": staff.pk}),
                       {"until": "2026-11-30"}).status_code == 403
    assert Staff.objects.get().valid_until is None


def test_another_province_s_staff_member_is_not_found(client, kon_tum_officer, city):
    staff = make_staff(city, code="NV-TV-504")
    client.force_login(kon_tum_officer)
    for name in ("network:staff-detail", "network:staff-deactivate"):
        assert client.post(reverse(name, kwargs={"pk": staff.pk}), {"until": "2026-11-30"}).status_code == 404
    assert client.get(reverse("network:staff-detail", kwargs={"pk": staff.pk})).status_code == 404
    assert Staff.objects.get().valid_until is None


def test_points_are_added_changed_and_closed(client, officer):
    created = client.post(reverse("network:point-new"), {
        "code": "DL-TV-01", "name": "Đại lý thu Phường 4", "kind": "agent", "phone": "0294 3862 222",
        "unit": "Phường 4 (29236)", "address": "", "communes": "", "tax_code": "", "email": "",
        "valid_from": "2024-01-01", "valid_until": ""})
    point = CollectionPoint.objects.get(code="DL-TV-01")
    assert created.status_code == 302 and point.phone == "02943862222"
    url = reverse("network:point-detail", kwargs={"pk": point.pk})
    changed = client.post(url, {"name": "Đại lý thu Phường 4 (Hợp tác xã)", "kind": "agent", "phone": "",
                                "unit": "29236", "address": "Khóm 2", "communes": "29239",
                                "tax_code": "", "email": "", "valid_from": "2024-01-01", "valid_until": ""})
    assert changed.status_code == 302
    client.post(reverse("network:point-deactivate", kwargs={"pk": point.pk}), {"until": "2026-12-31"})
    point.refresh_from_db()
    assert (point.name, point.address, point.valid_until) == ("Đại lý thu Phường 4 (Hợp tác xã)", "Khóm 2",
                                                              D("2026-12-31"))
    assert list(point.communes.values_list("code", flat=True)) == ["29239"]
    assert "Đại lý thu Phường 4 (Hợp tác xã)" in _text(client.get(reverse("network:point-list")))


def test_the_import_page_stores_the_rows_and_hands_over_the_error_file(client, officer, point,
                                                                      django_capture_on_commit_callbacks):
    sheet = io.BytesIO()
    write_sheet(sheet, ["Mã nhân viên", "Họ và tên", "Loại", "Mã đơn vị", "Cơ cấu", "Từ ngày"],
                [["NV-TV-601", "Thạch Văn Sơn", "BHXH", "842", "cũ", D("2024-03-01")],
                 ["NV-TV-602", "", "BHXH", "842", "cũ", D("2024-03-01")]])
    sheet.name = "nhan-vien.xlsx"
    sheet.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:import"), {"kind": "staff", "file": sheet})
    assert response.status_code == 302
    result = client.get(response["Location"])
    run = result.context["run"]
    assert (run.rows_stored, run.rows_rejected) == (1, 1)
    assert "Dòng 3, cột “Họ và tên”: Cần ghi họ và tên." in _text(result)
    download = client.get(reverse("network:import-errors", kwargs={"pk": run.pk}))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="nhan-vien.loi.xlsx"'
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.values)
    assert rows[1][:2] == ("NV-TV-602", None) and rows[1][-1] == "Dòng 3, cột “Họ và tên”: Cần ghi họ và tên."
    assert "nhan-vien.xlsx" in _text(client.get(reverse("network:import")))


def test_a_file_without_the_columns_fails_its_run_with_the_reason(client, officer, django_capture_on_commit_callbacks):
    upload = io.BytesIO("Mã nhân viên,Họ và tên\nNV1,An\n".encode())
    upload.name = "thieu.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:import"), {"kind": "staff", "file": upload})
    page = client.get(response["Location"])
    assert (page.context["run"].state, page.context["run"].rows_read) == ("failed", 0)
    assert "Tệp thiếu cột: Loại, Mã đơn vị, Từ ngày" in _text(page)
    assert "Chạy lại" in _text(page)  # a failed run can be run again (it would fail the same way on this file)


@pytest.mark.parametrize(("name", "content", "message"), [
    pytest.param("anh.png", b"\x89PNG", "chỉ nhận .xlsx hoặc .csv", id="not-a-sheet"),
    pytest.param("hong.xlsx", b"PK\x03\x04 hong", "Tệp không phải tệp Excel .xlsx đọc được", id="damaged"),
])
def test_a_file_that_cannot_be_imported_is_refused_on_the_form(client, officer, name, content, message):
    upload = io.BytesIO(content)
    upload.name = name
    response = client.post(reverse("network:import"), {"kind": "staff", "file": upload})
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors["file"])


def test_exports_are_spreadsheets_that_never_run_a_formula(client, officer, city, point):
    make_staff(city, code="NV-TV-701", full_name="=HYPERLINK(\"http://x\")", point=point)
    make_staff(city, code="NV-TV-702", full_name="Lâm Thị Hằng")
    xlsx = client.get(reverse("network:staff-export"), {"q": "NV-TV-701"})
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]][:3] == ["Mã nhân viên", "Họ và tên", "Loại"]
    assert sheet.max_row == 2 and sheet["B2"].value == "=HYPERLINK(\"http://x\")" and sheet["B2"].data_type == "s"
    assert sheet["B2"].quotePrefix is True
    assert (sheet.column_dimensions["B"].width, sheet.freeze_panes, sheet.page_setup.orientation) == (28, "A2",
                                                                                                      "landscape")
    assert sheet["J2"].value.date() == dt.date(2020, 1, 1) and sheet["J2"].number_format == "d/m/yyyy"
    csv = client.get(reverse("network:staff-export"), {"format": "csv"})
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeffMã nhân viên,Họ và tên,Loại,")
    assert "NV-TV-701,\"'=HYPERLINK(\"\"http://x\"\")\",Bưu điện,,842,cũ,Thành phố Trà Vinh,BD-TV-01,,1/1/2020,,\r\n" \
        in text
    points = client.get(reverse("network:point-export"), {"format": "csv"})
    assert "BD-TV-01,Bưu điện thành phố Trà Vinh,Bưu điện," in points.content.decode("utf-8")


def test_a_commune_officer_manages_only_the_commune_s_staff(client, ward_1, city):
    officer = make_user("cm_officer", role="commune_officer", scope_unit=ward_1)
    client.force_login(officer)
    response = client.post(reverse("network:staff-new"), {**NEW, "unit": "29239", "collection_point": "",
                                                          "communes": "29239"})
    assert response.status_code == 302
    refused = client.post(reverse("network:staff-new"), {**NEW, "code": "NV-TV-502", "collection_point": "",
                                                         "communes": ""})
    assert refused.context["form"].errors["unit"] == ["Không tìm thấy đơn vị “842” trong danh sách bạn được chọn."]
