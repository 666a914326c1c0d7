"""A province keeps its own top-ups: its officer adds a resolution's row from its date of entry into force, or ends
one, and the next quote uses it without a restart; nobody else's province, and nothing for other roles."""

import datetime as dt

import pytest

from ansinh.calc import quotes
from ansinh.calc.models import LocalTopUpRow
from ansinh.calc.services import LAST_OLD_DAY, local_top_up_add, local_top_up_end, top_up_provinces
from ansinh.core.errors import DomainError, PermissionDenied
from ansinh.core.models import ChangeLog
from ansinh.core.testing.users import make_user

pytestmark = pytest.mark.django_db

RESOLUTION = "Nghị quyết 12/2027/NQ-HĐND tỉnh Vĩnh Long (thử)"
ENDING = "Nghị quyết 30/2027/NQ-HĐND tỉnh Vĩnh Long bãi bỏ (thử)"


@pytest.fixture
def vinh_long_officer(unit):
    """An officer of today's Vĩnh Long (86), which took in old Trà Vinh (84) and Bến Tre (83)."""
    return make_user("vl_officer", role="province_officer", scope_unit=unit("86", "2025"))


def _aged(on: dt.date, province: str, age: int) -> int:
    return quotes.household_hi(on=on, members=1, ages=[age], province=province).total


def test_an_officer_keeps_the_top_ups_of_her_province_and_of_the_old_provinces_in_it(vinh_long_officer, unit,
                                                                                    admin_user):
    """Today's Vĩnh Long on every date; old Trà Vinh and Bến Tre up to 30/6/2025, the last day of the 63."""
    assert top_up_provinces(vinh_long_officer) == {"83": LAST_OLD_DAY, "84": LAST_OLD_DAY, "86": None}
    assert top_up_provinces(admin_user) is None
    commune = make_user("c_officer", role="commune_officer", scope_unit=unit("86", "2025"))
    assert top_up_provinces(commune) == {}


def test_a_province_officer_adds_an_age_band_from_its_date_of_entry_into_force(vinh_long_officer):
    """Vĩnh Long pays 100 % for 70 to under 80 from 1/3/2027: 28/2 the full 1,366,200, 1/3 nothing, 80 in full."""
    row = local_top_up_add(user=vinh_long_officer, province="86", scheme="hi", group="household", percent=100,
                           age_from=70, age_below=80, valid_from=dt.date(2027, 3, 1), legal_ref=RESOLUTION)
    assert _aged(dt.date(2027, 2, 28), "86", 72) == 1_366_200
    assert _aged(dt.date(2027, 3, 1), "86", 72) == 0
    assert _aged(dt.date(2027, 3, 1), "86", 80) == 1_366_200
    entry = ChangeLog.objects.get(object_type="calc.localtopuprow", object_id=str(row.pk))
    assert (entry.user, entry.action, entry.changes["age_from"], entry.changes["age_below"]) == (
        vinh_long_officer, "create", 70, 80)


def test_a_province_officer_cannot_add_a_row_for_another_province(vinh_long_officer):
    with pytest.raises(DomainError) as refused:
        local_top_up_add(user=vinh_long_officer, province="79", scheme="hi", group="household", percent=100,
                         valid_from=dt.date(2027, 3, 1), legal_ref=RESOLUTION)
    assert (refused.value.code, refused.value.field) == ("province_not_yours", "province")
    assert LocalTopUpRow.objects.count() == 0


def test_ending_a_top_up_stops_it_after_its_last_day_and_keeps_the_rows(vinh_long_officer):
    local_top_up_add(user=vinh_long_officer, province="86", scheme="hi", group="household", percent=100,
                     age_from=70, age_below=80, valid_from=dt.date(2027, 3, 1), legal_ref=RESOLUTION)
    ended = local_top_up_end(user=vinh_long_officer, province="86", scheme="hi", group="household", age_from=70,
                             age_below=80, last_day=dt.date(2027, 12, 31), legal_ref=ENDING)
    assert (ended.percent, ended.valid_from, ended.legal_ref) == (0, dt.date(2028, 1, 1), ENDING)
    assert _aged(dt.date(2027, 12, 31), "86", 72) == 0
    assert _aged(dt.date(2028, 1, 1), "86", 72) == 1_366_200
    assert LocalTopUpRow.objects.count() == 2
    entry = ChangeLog.objects.get(object_type="calc.localtopuprow", object_id=str(ended.pk))
    assert (entry.action, entry.changes["ends"], entry.changes["last_day"], entry.scope_path) == (
        "create", RESOLUTION, "2027-12-31", "2025/86/")
    assert ChangeLog.objects.restrict(vinh_long_officer).filter(pk=entry.pk).exists()  # in her own log


def test_an_end_does_not_cancel_a_resolution_entered_from_the_next_day(vinh_long_officer):
    """A new resolution pays 50 % from 1/1/2028: ending the 100 % row after 31/12/2027 would cancel it (same
    first day, added later), so it is refused; ending after 30/6/2027 leaves a gap and keeps it."""
    local_top_up_add(user=vinh_long_officer, province="86", scheme="hi", group="household", percent=100,
                     age_from=70, age_below=80, valid_from=dt.date(2027, 3, 1), legal_ref=RESOLUTION)
    local_top_up_add(user=vinh_long_officer, province="86", scheme="hi", group="household", percent=50,
                     age_from=70, age_below=80, valid_from=dt.date(2028, 1, 1), legal_ref=ENDING)
    with pytest.raises(DomainError) as refused:
        local_top_up_end(user=vinh_long_officer, province="86", scheme="hi", group="household", age_from=70,
                         age_below=80, last_day=dt.date(2027, 12, 31), legal_ref=ENDING)
    assert (refused.value.code, refused.value.field) == ("top_up_already_replaced", "last_day")
    local_top_up_end(user=vinh_long_officer, province="86", scheme="hi", group="household", age_from=70,
                     age_below=80, last_day=dt.date(2027, 6, 30), legal_ref=ENDING)
    assert _aged(dt.date(2027, 7, 1), "86", 72) == 1_366_200
    assert _aged(dt.date(2028, 1, 1), "86", 72) == 683_100  # half of 1,366,200 paid by the province


def test_an_old_provinces_code_is_kept_up_to_30_6_2025_only(vinh_long_officer, unit):
    """An officer scoped to old Lâm Đồng (pre2025/68) keeps code 68 for records to 30/6/2025; from 1/7/2025 the
    code is today's Lâm Đồng (with Đắk Nông and Bình Thuận), not hers. Today's Vĩnh Long keeps old Trà Vinh
    (84) the same way."""
    old_lam_dong = make_user("old_ld", role="province_officer", scope_unit=unit("68", "pre2025"))
    assert top_up_provinces(old_lam_dong) == {"68": LAST_OLD_DAY}
    for user, code in ((old_lam_dong, "68"), (vinh_long_officer, "84")):
        with pytest.raises(DomainError) as refused:
            local_top_up_add(user=user, province=code, scheme="hi", group="household", percent=100,
                             valid_from=dt.date(2026, 1, 1), legal_ref=RESOLUTION)
        assert (refused.value.code, refused.value.field) == ("old_province_after_reform", "valid_until")
        with pytest.raises(DomainError) as refused:
            local_top_up_add(user=user, province=code, scheme="hi", group="household", percent=100,
                             valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2025, 7, 1), legal_ref=RESOLUTION)
        assert refused.value.code == "old_province_after_reform"
    assert LocalTopUpRow.objects.count() == 0
    row = local_top_up_add(user=old_lam_dong, province="68", scheme="hi", group="household", percent=10,
                           valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2025, 6, 30), legal_ref=RESOLUTION)
    assert ChangeLog.objects.get(object_id=str(row.pk), object_type="calc.localtopuprow").scope_path == "pre2025/68/"
    with pytest.raises(DomainError) as refused:
        local_top_up_end(user=old_lam_dong, province="68", scheme="hi", group="household",
                         last_day=dt.date(2025, 6, 30), legal_ref=ENDING)
    assert (refused.value.code, refused.value.field) == ("old_province_after_reform", "last_day")
    ended = local_top_up_end(user=old_lam_dong, province="68", scheme="hi", group="household",
                             last_day=dt.date(2025, 3, 31), legal_ref=ENDING)
    assert (ended.valid_from, ended.valid_until) == (dt.date(2025, 4, 1), LAST_OLD_DAY)


def test_ending_needs_a_row_in_force_and_ends_a_shipped_one(vinh_long_officer, unit):
    """No Trà Vinh row is shipped: nothing to end. A Hà Nội officer ends Hà Nội's shipped 70–75 row after
    31/12/2030."""
    with pytest.raises(DomainError) as refused:
        local_top_up_end(user=vinh_long_officer, province="84", scheme="hi", group="household",
                         last_day=dt.date(2024, 12, 31), legal_ref=ENDING)
    assert (refused.value.code, refused.value.field) == ("no_top_up_in_force", "last_day")
    ha_noi = make_user("hn_officer", role="province_officer", scope_unit=unit("01", "2025"))
    local_top_up_end(user=ha_noi, province="01", scheme="hi", group="household", age_from=70, age_below=75,
                     last_day=dt.date(2030, 12, 31), legal_ref="Nghị quyết bãi bỏ (thử)")
    assert _aged(dt.date(2030, 12, 31), "01", 72) == 0
    assert _aged(dt.date(2031, 1, 1), "01", 72) == 1_366_200


@pytest.mark.parametrize("role", ["commune_officer", "collector", "viewer"])
def test_other_roles_cannot_end_a_top_up(unit, role):
    user = make_user(f"u-{role}", role=role, scope_unit=unit("01", "2025"))
    with pytest.raises(PermissionDenied):
        local_top_up_end(user=user, province="01", scheme="hi", group="household", age_from=70, age_below=75,
                         last_day=dt.date(2030, 12, 31), legal_ref=ENDING)


def test_the_page_lets_a_province_officer_add_and_end_her_provinces_rows(client, vinh_long_officer):
    client.force_login(vinh_long_officer)
    page = client.get("/calc/parameters/").content.decode()
    assert 'data-testid="add-top-up"' in page
    assert 'data-testid="add-row"' not in page  # the law's national rows stay the administrator's
    assert '<option value="79"' not in page.split('data-testid="top-up-form"')[1].split("</form>")[0]
    response = client.post("/calc/parameters/local-support/add/", {
        "province": "86", "scheme": "hi", "group": "household", "percent": "100", "base": "contribution",
        "age_from": "70", "age_below": "80", "valid_from": "01/03/2027", "legal_ref": RESOLUTION,
        "status": "CONFIRMED"})
    assert response.status_code == 302
    refused = client.post("/calc/parameters/local-support/add/", {
        "province": "79", "scheme": "hi", "group": "household", "percent": "100", "base": "contribution",
        "valid_from": "01/03/2027", "legal_ref": RESOLUTION, "status": "CONFIRMED"})
    assert refused.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ. 79 không phải là một trong các lựa chọn" in refused.content.decode()
    listed = client.get("/calc/parameters/?on=01/03/2027&province=86").content.decode()
    assert "người từ đủ 70 tuổi đến dưới 80 tuổi" in listed
    assert 'data-testid="end-top-up-86-hi-household"' in listed
    missing = client.post("/calc/parameters/local-support/end/", {
        "province": "86", "scheme": "hi", "group": "household", "age_from": "70", "age_below": "80",
        "last_day": "31/12/2027", "legal_ref": ""})
    assert missing.status_code == 400
    ended = client.post("/calc/parameters/local-support/end/", {
        "province": "86", "scheme": "hi", "group": "household", "age_from": "70", "age_below": "80",
        "last_day": "31/12/2027", "legal_ref": ENDING})
    assert ended.status_code == 302
    assert _aged(dt.date(2028, 1, 1), "86", 72) == 1_366_200
    after = client.get("/calc/parameters/?on=01/01/2028&province=86").content.decode()
    assert "ngừng hỗ trợ" in after


@pytest.mark.parametrize("role", ["commune_officer", "collector", "viewer"])
def test_the_page_refuses_other_roles(client, unit, role):
    client.force_login(make_user(f"p-{role}", role=role, scope_unit=unit("86", "2025")))
    assert 'data-testid="add-top-up"' not in client.get("/calc/parameters/").content.decode()
    assert client.post("/calc/parameters/local-support/end/", {
        "province": "86", "scheme": "hi", "group": "household", "last_day": "31/12/2027",
        "legal_ref": ENDING}).status_code == 403


def test_the_api_ends_a_top_up_for_the_provinces_officer(client, vinh_long_officer):
    client.force_login(vinh_long_officer)
    added = client.post("/api/v1/calc/local-support/", {
        "province": "86", "scheme": "hi", "group": "household", "percent": "100", "age_from": 70, "age_below": 80,
        "valid_from": "2027-03-01", "legal_ref": RESOLUTION}, content_type="application/json")
    assert added.status_code == 201
    other = client.post("/api/v1/calc/local-support/end/", {
        "province": "79", "scheme": "hi", "group": "pupil", "last_day": "2027-12-31", "legal_ref": ENDING},
        content_type="application/json")
    assert (other.status_code, other.json()["error"]["code"]) == (400, "province_not_yours")
    for role in ("commune_officer", "collector", "viewer"):
        client.force_login(make_user(f"api-{role}", role=role, scope_unit=vinh_long_officer.scope_unit))
        refused = client.post("/api/v1/calc/local-support/end/", {
            "province": "86", "scheme": "hi", "group": "household", "age_from": 70, "age_below": 80,
            "last_day": "2027-12-31", "legal_ref": ENDING}, content_type="application/json")
        assert refused.status_code == 403, role
    client.force_login(vinh_long_officer)
    last = client.post("/api/v1/calc/local-support/end/", {
        "province": "86", "scheme": "hi", "group": "household", "last_day": "9999-12-31", "legal_ref": ENDING},
        content_type="application/json")
    assert (last.status_code, last.json()["error"]["code"], last.json()["error"]["field"]) == (
        400, "invalid_date", "last_day")
    ended = client.post("/api/v1/calc/local-support/end/", {
        "province": "86", "scheme": "hi", "group": "household", "age_from": 70, "age_below": 80,
        "last_day": "2027-12-31", "legal_ref": ENDING}, content_type="application/json")
    assert ended.status_code == 201
    assert (ended.json()["percent"], ended.json()["valid_from"]) == ("0.000", "2028-01-01")
    rows = client.get("/api/v1/calc/local-support/?on=2028-01-01").json()
    mine = [r for r in rows if r["province"] == "86"]
    assert [(r["percent"], r["age_from"], r["in_force"]) for r in mine] == [("100", 70, False), ("0", 70, True)]


def test_the_household_api_takes_each_members_age_and_local_group(client):
    body = client.get("/api/v1/calc/household-hi/", {"on": "2025-11-14", "province": "79",
                                                     "groups": "household,student", "local_groups": ",pupil",
                                                     "ages": "70,15"}).json()
    assert [m["total"] for m in body["members"]] == [0, 0]
    assert body["local_support_total"] == 1_263_600 + 631_800
    bad = client.get("/api/v1/calc/household-hi/", {"on": "2025-11-14", "members": 1, "ages": "bảy mươi"})
    assert (bad.status_code, bad.json()["error"]["code"], bad.json()["error"]["field"]) == (400, "invalid_age", "ages")


def test_the_calculator_page_shows_the_provinces_groups_and_takes_an_age(client):
    page = client.get("/calc/", {"on": "14/11/2025", "members": "2", "months": "12", "province": "79",
                                 "rendered_members": "2", "rendered_province": "79",
                                 "group": ["household", "student"], "local_group": ["", "pupil"],
                                 "age": ["70", "15"]}).content.decode()
    assert 'data-testid="member-age-1"' in page
    choices = page.split('data-testid="member-local-group-2"')[1].split("</select>")[0]
    assert 'value="pupil" selected' in choices
    assert 'value="ld_nq143_listed"' not in choices  # Lâm Đồng's group is not offered in Hồ Chí Minh City
    assert "người từ đủ 65 tuổi đến dưới 75 tuổi" in page
    assert "Nghị quyết 56/2025/NQ-HĐND" in page


def test_the_province_filter_lists_a_reused_code_once_named_as_on_the_pages_date(client, admin_user):
    """Code 52 was Bình Định and is Gia Lai from 1/7/2025: with a Bình Định row of 2024 and Gia Lai's rows of
    NQ 35/2025, the filter on 1/1/2026 offers 52 once, as Gia Lai; on 1/1/2024, as Bình Định."""
    local_top_up_add(user=admin_user, province="52", scheme="hi", group="near_poor", percent=10,
                     valid_from=dt.date(2024, 1, 1), valid_until=dt.date(2025, 6, 30), legal_ref=RESOLUTION)
    client.force_login(admin_user)
    for on, name in (("01/01/2026", "Tỉnh Gia Lai"), ("01/01/2024", "Tỉnh Bình Định")):
        page = client.get(f"/calc/parameters/?on={on}").content.decode()
        listed = page.split('data-testid="top-up-province"')[1].split("</select>")[0]
        assert listed.count('<option value="52"') == 1, on
        assert f'<option value="52">{name} (52)</option>' in listed, on
