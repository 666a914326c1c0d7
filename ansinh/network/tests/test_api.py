"""The network API: the lists keep their fields; staff and points are added, changed (only what is sent) and stopped;
every refusal is the project's JSON error body; 403 for a collector, 404 outside the area."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from ansinh.network import services
from ansinh.network.models import CollectionPoint, Staff
from ansinh.network.testing import make_point, make_staff

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
NEW = {"code": "NV-TV-801", "full_name": "Sơn Thị Sa Rum", "organisation": "post", "phone": "0907888999",
       "unit": "842", "era": "pre2025", "collection_point": "BD-TV-01", "communes": ["29239", "29236"],
       "valid_from": "2024-03-01"}


@pytest.fixture
def point(city):
    return make_point(city, code="BD-TV-01", name="Bưu điện thành phố Trà Vinh")


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def api(tra_vinh_officer):
    return _api(tra_vinh_officer)


def test_the_lists_keep_their_fields_and_add_the_new_ones(api, city, point, unit):
    make_staff(city, code="NV-TV-001", full_name="Phạm Thị Thu", point=point)
    make_staff(unit("62", "pre2025"), code="NV-KT-001")
    staff = api.get("/api/v1/staff/").json()
    assert staff["count"] == 1
    assert staff["results"][0] == {
        "code": "NV-TV-001", "full_name": "Phạm Thị Thu", "organisation": "post", "collection_point": "BD-TV-01",
        "province_code": "84", "phone": "", "unit": "842", "era": "pre2025", "communes": [],
        "valid_from": "2020-01-01", "valid_until": None, "username": None}
    points = api.get("/api/v1/collection-points/").json()["results"]
    assert points == [{"code": "BD-TV-01", "name": "Bưu điện thành phố Trà Vinh", "kind": "post_office", "unit": "842",
                       "era": "pre2025", "province_code": "84", "address": "", "phone": "", "tax_code": "",
                       "email": "", "communes": [], "valid_from": "2020-01-01", "valid_until": None}]


def test_add_change_and_stop_a_staff_member(api, point, tra_vinh_officer):
    created = api.post("/api/v1/staff/", NEW, format="json")
    assert created.status_code == 201
    assert (created.json()["communes"], created.json()["collection_point"]) == (["29236", "29239"], "BD-TV-01")
    changed = api.patch("/api/v1/staff/NV-TV-801/", {"phone": "0912 000 801"}, format="json")
    assert changed.status_code == 200
    assert (changed.json()["phone"], changed.json()["communes"], changed.json()["unit"]) == ("0912000801",
                                                                                             ["29236", "29239"], "842")
    stopped = api.post("/api/v1/staff/NV-TV-801/deactivate/", {"valid_until": "2026-11-30"}, format="json")
    assert (stopped.status_code, stopped.json()["valid_until"]) == (201, "2026-11-30")
    staff = Staff.objects.get(code="NV-TV-801")
    assert (staff.created_by, staff.changed_by, staff.valid_until) == (tra_vinh_officer, tra_vinh_officer,
                                                                       D("2026-11-30"))
    assert api.get("/api/v1/staff/", {"commune": "29236", "organisation": "post"}).json()["count"] == 1


@pytest.mark.parametrize(("body", "status", "error"), [
    pytest.param({**NEW, "valid_from": "2025-07-01"}, 400, {
        "code": "unit_not_valid_on_date", "field": "unit",
        "message": "Thành phố Trà Vinh đã thôi tồn tại từ ngày 1/7/2025, không nhận hồ sơ ngày 1/7/2025."},
        id="old-unit-after-the-reform"),
    pytest.param({**NEW, "communes": ["23281"]}, 400, {
        "code": "commune_outside_province", "field": "communes",
        "message": "Phường Quang Trung (mã 23281) không thuộc tỉnh của đơn vị Thành phố Trà Vinh."},
        id="commune-of-another-province"),
    pytest.param({**NEW, "phone": "12345"}, 400, {
        "code": "phone_invalid", "field": "phone", "message": "Số điện thoại '12345' không phải số Việt Nam hợp lệ."},
        id="bad-phone"),
    pytest.param({**NEW, "era": None, "unit": "842"}, 400, None, id="era-null-is-invalid"),
    pytest.param({**NEW, "unit": "62"}, 404, {"code": "not_found", "message": "Đơn vị không thuộc địa bàn của bạn."},
                 id="outside-the-area"),
    pytest.param({**NEW, "collection_point": "BD-XX"}, 400, {
        "code": "point_not_found", "field": "collection_point",
        "message": "Không có điểm thu mã 'BD-XX' trong địa bàn của bạn."}, id="unknown-point"),
])
def test_refusals_come_back_as_the_error_body(api, point, body, status, error):
    response = api.post("/api/v1/staff/", body, format="json")
    assert response.status_code == status
    if error is not None:
        assert response.json() == {"error": error}
    else:
        assert response.json()["error"]["code"] == "validation_error"
    assert not Staff.objects.exists()


def test_a_body_missing_fields_is_a_validation_error(api):
    response = api.post("/api/v1/staff/", {"code": "NV-1"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], sorted(error["fields"])) == ("validation_error",
                                                        ["full_name", "organisation", "unit", "valid_from"])


def test_the_code_is_kept_for_good(api, city):
    make_staff(city, code="NV-TV-802")
    response = api.patch("/api/v1/staff/NV-TV-802/", {"code": "NV-TV-899"}, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "code_unchangeable")


def test_a_collector_is_refused_with_the_reason(collector, city):
    make_staff(city, code="NV-TV-803")
    api = _api(collector)
    assert api.get("/api/v1/staff/NV-TV-803/").status_code == 200
    for method, url, body in (("post", "/api/v1/staff/", NEW), ("patch", "/api/v1/staff/NV-TV-803/", {"phone": ""}),
                              ("post", "/api/v1/staff/NV-TV-803/deactivate/", {"valid_until": "2026-11-30"})):
        response = getattr(api, method)(url, body, format="json")
        assert (response.status_code, response.json()) == (403, {"error": {
            "code": "permission_denied", "message": "Vai trò của bạn không được quản lý nhân viên, điểm thu."}})
    assert Staff.objects.get().valid_until is None


def test_another_province_s_records_are_not_found(kon_tum_officer, city, point):
    make_staff(city, code="NV-TV-804")
    api = _api(kon_tum_officer)
    for method, url, body in (("get", "/api/v1/staff/NV-TV-804/", None),
                              ("patch", "/api/v1/staff/NV-TV-804/", {"phone": ""}),
                              ("post", "/api/v1/staff/NV-TV-804/deactivate/", {"valid_until": "2026-11-30"}),
                              ("patch", "/api/v1/collection-points/BD-TV-01/", {"name": "X"}),
                              ("post", "/api/v1/collection-points/BD-TV-01/deactivate/",
                               {"valid_until": "2026-11-30"})):
        response = getattr(api, method)(url, body, format="json")
        assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    assert (Staff.objects.get().valid_until, CollectionPoint.objects.get().name) == (None,
                                                                                     "Bưu điện thành phố Trà Vinh")


def test_add_change_and_close_a_point(api, tra_vinh_officer):
    created = api.post("/api/v1/collection-points/", {
        "code": "DL-TV-09", "name": "Đại lý thu Phường 1", "kind": "agent", "unit": "29239", "era": "pre2025",
        "phone": "0294 3862 222", "communes": ["29236"], "valid_from": "2022-05-01"}, format="json")
    assert created.status_code == 201
    assert (created.json()["phone"], created.json()["communes"]) == ("02943862222", ["29236"])
    changed = api.patch("/api/v1/collection-points/DL-TV-09/", {"address": "Khóm 3"}, format="json")
    assert (changed.status_code, changed.json()["address"], changed.json()["communes"]) == (200, "Khóm 3", ["29236"])
    closed = api.post("/api/v1/collection-points/DL-TV-09/deactivate/", {"valid_until": "2021-01-01"}, format="json")
    assert (closed.status_code, closed.json()["error"]["code"]) == (400, "dates_out_of_order")
    closed = api.post("/api/v1/collection-points/DL-TV-09/deactivate/", {"valid_until": "2026-12-31"}, format="json")
    assert (closed.status_code, closed.json()["valid_until"]) == (201, "2026-12-31")
    assert CollectionPoint.objects.get().changed_by == tra_vinh_officer


def test_moving_to_today_s_unit_with_its_era(vinh_long_officer, city, long_chau):
    staff = services.staff_create(user=vinh_long_officer, code="NV-VL-901", full_name="Võ Thị Hạnh",
                                  organisation="post", unit=city, valid_from=D("2024-03-01"))
    api = _api(vinh_long_officer)
    refused = api.patch(f"/api/v1/staff/{staff.code}/", {"unit": "29551", "era": "2025"}, format="json")
    assert refused.json()["error"]["code"] == "unit_not_valid_on_date"
    moved = api.patch(f"/api/v1/staff/{staff.code}/", {"unit": "29551", "era": "2025", "valid_from": "2025-07-01"},
                      format="json")
    assert (moved.status_code, moved.json()["unit"], moved.json()["era"]) == (200, "29551", "2025")


def test_the_schema_lists_the_write_endpoints(api):
    schema = api.get("/api/schema/").content.decode()
    for path in ("/api/v1/staff/{code}/deactivate/", "/api/v1/collection-points/{code}/deactivate/",
                 "StaffInput", "PatchedStaffPatch", "PointInput"):
        assert path in schema
