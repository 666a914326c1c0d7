"""Pickers of the field network: a staff member or a collection point of the user's area, active on the record's
date, found by code or name without accents; and the staff form's pickers, which follow its active-from date and
take several communes."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse

from ansinh.network.forms import StaffForm
from ansinh.network.pickers import POINTS, STAFF
from ansinh.network.testing import make_point, make_staff

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def people(city, unit):
    point = make_point(city, code="BD-TV-01", name="Bưu điện thành phố Trà Vinh")
    lan = make_staff(city, code="TV-NV-001", full_name="Thạch Thị Lan", point=point)
    left = make_staff(city, code="TV-NV-002", full_name="Kim Văn Lành")
    left.valid_until = D("2024-12-31")
    left.save(update_fields=["valid_until"])
    make_staff(unit("62", "pre2025"), code="KT-NV-001", full_name="Y Lan")
    return {"point": point, "lan": lan, "left": left}


@pytest.mark.parametrize(("typed", "options", "code"), [
    pytest.param("lan", {}, "TV-NV-001", id="name-without-accents-active-today"),
    pytest.param("tv-nv-001", {}, "TV-NV-001", id="code-in-lower-case"),
    pytest.param("Thạch Thị Lan — Thành phố Trà Vinh (TV-NV-001)", {}, "TV-NV-001", id="the-label"),
    pytest.param("lanh", {"on": D("2024-06-01")}, "TV-NV-002", id="a-2024-day-offers-who-worked-then"),
])
def test_a_staff_member_is_picked_in_the_area(tra_vinh_officer, people, typed, options, code):
    assert STAFF.resolve(tra_vinh_officer, typed, **options).code == code


@pytest.mark.parametrize(("typed", "options", "message"), [
    pytest.param("lanh", {}, "Không tìm thấy cán bộ “lanh” trong danh sách bạn được chọn.", id="stopped-before-today"),
    pytest.param("KT-NV-001", {}, "Không tìm thấy cán bộ “KT-NV-001”", id="another-province"),
    pytest.param("la", {"on": D("2024-06-01")}, "Có nhiều cán bộ khớp “la”: Thạch Thị Lan — Thành phố Trà Vinh "
                 "(TV-NV-001); Kim Văn Lành — Thành phố Trà Vinh (TV-NV-002)…", id="two-match"),
])
def test_a_staff_member_not_offered_is_refused_with_the_reason(tra_vinh_officer, people, typed, options, message):
    with pytest.raises(forms.ValidationError) as refused:
        STAFF.resolve(tra_vinh_officer, typed, **options)
    assert refused.value.messages[0].startswith(message)


def test_a_collector_s_own_record_and_point_are_pre_filled(tra_vinh_officer, people):
    people["lan"].user = tra_vinh_officer
    people["lan"].save(update_fields=["user"])
    tra_vinh_officer.refresh_from_db()
    assert STAFF.initial(tra_vinh_officer) == people["lan"]
    assert POINTS.initial(tra_vinh_officer) == people["point"]
    assert POINTS.resolve(tra_vinh_officer, "buu dien").code == "BD-TV-01"


def test_the_suggestions_list_the_area_s_staff_only(client, tra_vinh_officer, people):
    client.force_login(tra_vinh_officer)
    html = client.get(reverse("pick", args=["staff"]), {"q": "lan"}).content.decode()
    assert "Thạch Thị Lan — Thành phố Trà Vinh (TV-NV-001)" in html
    assert "Y Lan" not in html and "Kim Văn Lành" not in html
    html = client.get(reverse("pick", args=["staff"]), {"q": "lan", "any_date": "1"}).content.decode()
    assert "Kim Văn Lành" in html
    assert client.get(reverse("pick", args=["point"]), {"q": "\x00"}).status_code == 200
    assert client.get(reverse("pick", args=["nothing"])).status_code == 404


def test_the_staff_form_follows_its_active_from_date_and_takes_several_communes(tra_vinh_officer, people):
    data = {"code": "TV-NV-009", "full_name": "Sơn Thị Sa Rum", "organisation": "post", "phone": "",
            "valid_from": "01/03/2024", "unit": "thanh pho tra vinh", "collection_point": "bd-tv-01",
            "communes": "Phường 1 — Thành phố Trà Vinh, Tỉnh Trà Vinh, đến 30/6/2025 (29239); phuong 4; 29239; ",
            "valid_until": "", "username": ""}
    form = StaffForm(data, user=tra_vinh_officer)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["unit"].code == "842"
    assert [u.code for u in form.cleaned_data["communes"]] == ["29239", "29236"]  # typed twice, kept once
    assert form.cleaned_data["collection_point"] == people["point"]
    later = StaffForm({**data, "valid_from": "01/12/2026"}, user=tra_vinh_officer)
    assert not later.is_valid()
    assert later.errors["unit"][0].startswith("Thành phố Trà Vinh đã thôi tồn tại từ ngày 1/7/2025")


def test_the_form_tells_the_browser_which_date_its_pickers_follow(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    html = client.get(reverse("network:staff-new")).content.decode()
    assert 'data-picker-for="id_unit"' in html and 'data-date-input="id_valid_from"' in html
    assert 'data-picker-for="id_communes"' in html and 'data-many="1"' in html
