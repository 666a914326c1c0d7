"""The network's services: add, change and stop staff and collection points; every refusal with its code; 403 for a
role without the right, 404 outside the area; units that existed on the active-from day."""

import datetime as dt

import pytest

from ansinh.core.errors import DomainError, NotFound, PermissionDenied
from ansinh.core.models import ChangeLog
from ansinh.core.testing.users import make_user
from ansinh.network import services
from ansinh.network.models import CollectionPoint, Staff
from ansinh.network.testing import make_point

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def point(city):
    return make_point(city, code="BD-TV-01", name="Bưu điện thành phố Trà Vinh")


@pytest.fixture
def thu(tra_vinh_officer, city, point, ward_1, ward_4):
    """Phạm Thị Thu, post-office collector of Trà Vinh city since 1/3/2024, serving wards 1 and 4."""
    return services.staff_create(user=tra_vinh_officer, code="NV-TV-101", full_name="Phạm  Thị Thu ",
                                 organisation="post", unit=city, valid_from=D("2024-03-01"), phone="0912 345 678",
                                 collection_point=point, communes=[ward_4, ward_1, ward_1])


def _log(obj):
    return list(ChangeLog.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
                .order_by("id").values_list("action", "changes"))


def test_an_officer_adds_a_post_office_collector_serving_two_wards(thu, tra_vinh_officer):
    thu.refresh_from_db()
    assert (thu.full_name, thu.organisation, thu.phone, thu.province_code) == ("Phạm Thị Thu", "post", "0912345678",
                                                                               "84")
    assert (thu.valid_from, thu.valid_until, thu.collection_point.code) == (D("2024-03-01"), None, "BD-TV-01")
    assert sorted(thu.communes.values_list("code", flat=True)) == ["29236", "29239"]
    assert (thu.created_by, thu.changed_by) == (tra_vinh_officer, tra_vinh_officer)
    assert _log(thu) == [("create", {"code": "NV-TV-101", "full_name": "Phạm Thị Thu", "organisation": "post",
                                     "unit": "pre2025/84/842/", "phone": "0912345678", "collection_point": "BD-TV-01",
                                     "user": "", "communes": "29236; 29239", "valid_from": "2024-03-01",
                                     "valid_until": None})]


def test_a_union_volunteer_is_a_kind_of_staff(tra_vinh_officer, ward_1):
    volunteer = services.staff_create(user=tra_vinh_officer, code="HPN-TV-01", full_name="Kim Thị Sa Rinh",
                                      organisation="union", unit=ward_1, valid_from=D("2024-01-15"))
    assert volunteer.get_organisation_display() == "Hội, đoàn thể"


def test_a_change_logs_only_what_changed_and_who_changed_it(thu, tra_vinh_officer):
    other = make_user("tv_officer_2", role="province_officer", scope_unit=tra_vinh_officer.scope_unit)
    services.staff_update(user=other, staff=thu, full_name="Phạm Thị Thu", phone="0987 654 321",
                          organisation="post")
    thu.refresh_from_db()
    assert (thu.phone, thu.created_by, thu.changed_by) == ("0987654321", tra_vinh_officer, other)
    assert _log(thu)[-1] == ("update", {"phone": ["0912345678", "0987654321"]})


def test_a_change_that_changes_nothing_is_not_logged(thu, tra_vinh_officer, city):
    services.staff_update(user=tra_vinh_officer, staff=thu, full_name="Phạm Thị Thu", unit=city,
                          valid_from=D("2024-03-01"), phone="0912345678")
    assert len(_log(thu)) == 1


def test_communes_served_are_replaced_as_a_whole(thu, tra_vinh_officer, ward_1):
    services.staff_update(user=tra_vinh_officer, staff=thu, communes=[ward_1])
    assert list(thu.communes.values_list("code", flat=True)) == ["29239"]
    assert _log(thu)[-1] == ("update", {"communes": ["29236; 29239", "29239"]})


def test_deactivating_keeps_the_row_with_its_last_day(thu, tra_vinh_officer):
    services.staff_deactivate(user=tra_vinh_officer, staff=thu, until=D("2026-11-30"))
    thu.refresh_from_db()
    assert thu.valid_until == D("2026-11-30")
    assert (thu.in_force(D("2026-11-30")), thu.in_force(D("2026-12-01"))) == (True, False)
    assert Staff.objects.filter(code="NV-TV-101").count() == 1
    assert _log(thu)[-1] == ("update", {"valid_until": [None, "2026-11-30"]})


def test_deactivating_on_the_same_day_again_changes_nothing(thu, tra_vinh_officer):
    services.staff_deactivate(user=tra_vinh_officer, staff=thu, until=D("2026-11-30"))
    services.staff_deactivate(user=tra_vinh_officer, staff=thu, until=D("2026-11-30"))
    assert len(_log(thu)) == 2


def test_deactivating_later_than_an_earlier_stop_is_refused(thu, tra_vinh_officer):
    services.staff_deactivate(user=tra_vinh_officer, staff=thu, until=D("2026-06-30"))
    with pytest.raises(DomainError) as refused:
        services.staff_deactivate(user=tra_vinh_officer, staff=thu, until=D("2026-11-30"))
    assert (refused.value.code, refused.value.field) == ("already_inactive", "valid_until")


def test_stopping_before_the_start_is_refused(thu, tra_vinh_officer):
    with pytest.raises(DomainError) as refused:
        services.staff_deactivate(user=tra_vinh_officer, staff=thu, until=D("2024-02-29"))
    assert refused.value.code == "dates_out_of_order"
    assert refused.value.message == "Ngày ngừng hoạt động 29/2/2024 trước ngày bắt đầu 1/3/2024."


@pytest.mark.parametrize(("changes", "code", "field"), [
    pytest.param({"code": "NV-TV-101"}, "code_taken", "code", id="code-taken"),
    pytest.param({"code": " "}, "code_required", "code", id="no-code"),
    pytest.param({"code": "NV/1"}, "code_required", "code", id="slash-in-code"),
    pytest.param({"full_name": ""}, "name_required", "full_name", id="no-name"),
    pytest.param({"full_name": "A" * 101}, "text_too_long", "full_name", id="name-too-long"),
    pytest.param({"organisation": "police"}, "invalid_organisation", "organisation", id="unknown-kind"),
    pytest.param({"phone": "12345"}, "phone_invalid", "phone", id="not-a-phone-number"),
    pytest.param({"phone": "02943862222"}, "phone_not_mobile", "phone", id="a-landline-for-a-collector"),
    pytest.param({"valid_from": None}, "active_from_required", "valid_from", id="no-start"),
    pytest.param({"valid_until": D("2024-01-01")}, "dates_out_of_order", "valid_until", id="ends-before-it-starts"),
])
def test_refusals_of_a_new_staff_member(thu, tra_vinh_officer, city, changes, code, field):
    given = {"code": "NV-TV-102", "full_name": "Trần Văn Thu", "organisation": "post", "unit": city,
             "valid_from": D("2024-03-01"), **changes}
    with pytest.raises(DomainError) as refused:
        services.staff_create(user=tra_vinh_officer, **given)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert Staff.objects.count() == 1


def test_communes_served_must_lie_in_the_home_province(tra_vinh_officer, city, unit):
    kon_tum_ward = unit("23281", "pre2025")
    with pytest.raises(DomainError) as refused:
        services.staff_create(user=tra_vinh_officer, code="NV-TV-103", full_name="Trần Văn Thu", organisation="post",
                              unit=city, valid_from=D("2024-03-01"), communes=[kon_tum_ward])
    assert (refused.value.code, refused.value.field) == ("commune_outside_province", "communes")
    assert refused.value.message == "Phường Quang Trung (mã 23281) không thuộc tỉnh của đơn vị Thành phố Trà Vinh."


def test_a_district_is_not_a_commune_served(tra_vinh_officer, city):
    with pytest.raises(DomainError) as refused:
        services.staff_create(user=tra_vinh_officer, code="NV-TV-103", full_name="Trần Văn Thu", organisation="post",
                              unit=city, valid_from=D("2024-03-01"), communes=[city])
    assert refused.value.code == "served_not_a_commune"


def test_the_main_point_must_lie_in_the_home_province(tra_vinh_officer, admin_user, city, unit):
    kon_tum_point = make_point(unit("62", "pre2025"), code="BD-KT-01", name="Bưu điện tỉnh Kon Tum")
    with pytest.raises(DomainError) as refused:
        services.staff_create(user=admin_user, code="NV-TV-103", full_name="Trần Văn Thu", organisation="post",
                              unit=city, valid_from=D("2024-03-01"), collection_point=kon_tum_point)
    assert (refused.value.code, refused.value.field) == ("point_outside_province", "collection_point")


def test_a_collector_may_not_manage_staff(collector, city, thu):
    with pytest.raises(PermissionDenied) as refused:
        services.staff_create(user=collector, code="NV-TV-104", full_name="Trần Văn Thu", organisation="post",
                              unit=city, valid_from=D("2024-03-01"))
    assert refused.value.message == "Vai trò của bạn không được quản lý nhân viên, điểm thu."
    with pytest.raises(PermissionDenied):
        services.staff_deactivate(user=collector, staff=thu, until=D("2026-11-30"))
    assert Staff.objects.get().valid_until is None


def test_outside_the_area_is_not_found(kon_tum_officer, city, thu):
    with pytest.raises(NotFound) as refused:
        services.staff_create(user=kon_tum_officer, code="NV-TV-104", full_name="Trần Văn Thu", organisation="post",
                              unit=city, valid_from=D("2024-03-01"))
    assert (refused.value.status, refused.value.message) == (404, "Đơn vị không thuộc địa bàn của bạn.")
    with pytest.raises(NotFound):
        services.staff_update(user=kon_tum_officer, staff=thu, phone="0987654321")
    with pytest.raises(NotFound):
        services.staff_deactivate(user=kon_tum_officer, staff=thu, until=D("2026-11-30"))
    thu.refresh_from_db()
    assert (thu.phone, thu.valid_until) == ("0912345678", None)


def test_moving_a_staff_member_out_of_the_area_is_not_found(thu, tra_vinh_officer, unit):
    with pytest.raises(NotFound):
        services.staff_update(user=tra_vinh_officer, staff=thu, unit=unit("62", "pre2025"))
    assert Staff.objects.get().unit.code == "842"


# ------------------------------------------------------------------------------ units of the active-from day


@pytest.mark.parametrize(("unit_key", "start", "valid"), [
    pytest.param(("842", "pre2025"), "2025-06-30", True, id="old-district-on-30-6-2025"),
    pytest.param(("842", "pre2025"), "2025-07-01", False, id="old-district-on-1-7-2025"),
    pytest.param(("29551", "2025"), "2025-07-01", True, id="new-ward-on-1-7-2025"),
    pytest.param(("29551", "2025"), "2025-06-30", False, id="new-ward-on-30-6-2025"),
])
def test_a_record_uses_the_units_of_its_active_from_day(vinh_long_officer, unit, unit_key, start, valid):
    home = unit(*unit_key)
    create = dict(user=vinh_long_officer, code="NV-VL-201", full_name="Võ Thị Hạnh", organisation="post", unit=home,
                  valid_from=D(start))
    if valid:
        assert services.staff_create(**create).valid_from == D(start)
        return
    with pytest.raises(DomainError) as refused:
        services.staff_create(**create)
    assert (refused.value.code, refused.value.field) == ("unit_not_valid_on_date", "unit")
    assert not Staff.objects.exists()


def test_an_old_unit_after_the_reform_is_refused_naming_today_s_unit(vinh_long_officer, ward_1):
    with pytest.raises(DomainError) as refused:
        services.staff_create(user=vinh_long_officer, code="NV-VL-202", full_name="Võ Thị Hạnh", organisation="post",
                              unit=ward_1, valid_from=D("2025-08-01"))
    assert refused.value.code == "unit_not_valid_on_date"
    assert refused.value.message.startswith(
        "Phường 1 đã thôi tồn tại từ ngày 1/7/2025, không nhận hồ sơ ngày 1/8/2025.")


def test_today_s_province_does_not_serve_an_old_ward(vinh_long_officer, unit, ward_1):
    vinh_long = unit("86", "2025")
    with pytest.raises(DomainError) as refused:
        services.staff_create(user=vinh_long_officer, code="NV-VL-203", full_name="Võ Thị Hạnh", organisation="post",
                              unit=vinh_long, valid_from=D("2025-07-01"), communes=[ward_1])
    # the old ward lies under old Trà Vinh (pre2025/84/), not under today's Vĩnh Long (2025/86/)
    assert refused.value.code == "commune_outside_province"


def test_moving_the_start_before_the_reform_refuses_today_s_unit(vinh_long_officer, long_chau):
    staff = services.staff_create(user=vinh_long_officer, code="NV-VL-204", full_name="Võ Thị Hạnh",
                                  organisation="post", unit=long_chau, valid_from=D("2025-07-01"))
    with pytest.raises(DomainError) as refused:
        services.staff_update(user=vinh_long_officer, staff=staff, valid_from=D("2025-06-01"))
    assert refused.value.code == "unit_not_valid_on_date"
    staff.refresh_from_db()
    assert staff.valid_from == D("2025-07-01")


# ------------------------------------------------------------------------------ linked accounts


def test_an_account_of_the_area_is_linked_once(thu, tra_vinh_officer, city, tra_vinh):
    login = make_user("thu_tv", role="collector", scope_unit=tra_vinh)
    services.staff_update(user=tra_vinh_officer, staff=thu, account=login)
    assert Staff.objects.get(user=login).code == "NV-TV-101"
    with pytest.raises(DomainError) as refused:
        services.staff_create(user=tra_vinh_officer, code="NV-TV-105", full_name="Trần Văn Thu", organisation="post",
                              unit=city, valid_from=D("2024-03-01"), account=login)
    assert (refused.value.code, refused.value.field) == ("account_taken", "user")


def test_an_account_of_another_area_is_not_linked(thu, tra_vinh_officer, unit):
    kon_tum_login = make_user("kt_thu", role="collector", scope_unit=unit("62", "pre2025"))
    with pytest.raises(DomainError) as refused:
        services.staff_update(user=tra_vinh_officer, staff=thu, account=kon_tum_login)
    assert refused.value.code == "unknown_account"


# ------------------------------------------------------------------------------ collection points


def test_a_post_office_with_a_landline_serving_a_ward(tra_vinh_officer, city, ward_1):
    post = services.point_create(user=tra_vinh_officer, code="BD-TV-02", name="Bưu điện Phường 1", kind="post_office",
                                 unit=city, valid_from=D("2024-01-01"), phone="0294 3862 222", communes=[ward_1],
                                 tax_code="0100109106-097", email="bdtv@vnpost.vn")
    post.refresh_from_db()
    assert (post.phone, post.tax_code, post.created_by, post.changed_by) == (
        "02943862222", "0100109106-097", tra_vinh_officer, tra_vinh_officer)
    assert list(post.communes.values_list("code", flat=True)) == ["29239"]
    assert _log(post)[0][0] == "create"


@pytest.mark.parametrize(("changes", "code"), [
    pytest.param({"kind": "bank"}, "invalid_point_kind", id="unknown-kind"),
    pytest.param({"tax_code": "12345"}, "invalid_tax_code", id="bad-tax-code"),
    pytest.param({"email": "bdtv@"}, "invalid_email", id="bad-email"),
    pytest.param({"name": ""}, "name_required", id="no-name"),
    pytest.param({"phone": "12345"}, "phone_invalid", id="bad-phone"),
    pytest.param({"code": "BD-TV-01"}, "code_taken", id="code-taken"),
])
def test_refusals_of_a_new_point(point, tra_vinh_officer, city, changes, code):
    given = {"code": "BD-TV-03", "name": "Đại lý thu Phường 4", "kind": "agent", "unit": city,
             "valid_from": D("2024-01-01"), **changes}
    with pytest.raises(DomainError) as refused:
        services.point_create(user=tra_vinh_officer, **given)
    assert refused.value.code == code
    assert CollectionPoint.objects.count() == 1


def test_a_point_is_changed_and_closed_not_deleted(point, tra_vinh_officer, collector):
    services.point_update(user=tra_vinh_officer, point=point, address="Số 3 Lê Thánh Tông")
    services.point_deactivate(user=tra_vinh_officer, point=point, until=D("2026-12-31"))
    point.refresh_from_db()
    assert (point.address, point.valid_until, point.changed_by) == ("Số 3 Lê Thánh Tông", D("2026-12-31"),
                                                                    tra_vinh_officer)
    assert [action for action, _ in _log(point)] == ["update", "update"]
    with pytest.raises(PermissionDenied):
        services.point_update(user=collector, point=point, address="")
