"""The unit picker: units of the user's area that exist on the record's date (or in a plan's year, or of either
structure for a report), labelled so that one code of two structures (Lâm Đồng, 68) is told apart, typed back by
label, code or name without accents, and a unit of another date refused with the reason."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse

from ansinh.core.testing.users import make_user
from ansinh.geo.pickers import UNITS

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def admin(units):
    return make_user("picker_admin", role="admin")


def test_an_old_unit_s_label_says_when_it_ended(admin, unit):
    assert UNITS.label(unit("68", "pre2025")) == "Tỉnh Lâm Đồng — đến 30/6/2025 (68)"
    assert UNITS.label(unit("68", "2025")) == "Tỉnh Lâm Đồng (68)"
    assert UNITS.label(unit("29263", "2025")) == "Phường Long Đức — Tỉnh Vĩnh Long (29263)"


@pytest.mark.parametrize(("typed", "options", "era"), [
    pytest.param("68", {"on": D("2024-05-01")}, "pre2025", id="code-in-2024-is-the-old-province"),
    pytest.param("68", {"on": D("2026-12-01")}, "2025", id="code-today-is-today-s-province"),
    pytest.param("Tỉnh Lâm Đồng — đến 30/6/2025 (68)", {"year": 2025}, "pre2025", id="year-2025-old-label"),
    pytest.param("Tỉnh Lâm Đồng (68)", {"year": 2025}, "2025", id="year-2025-today-s-label"),
    pytest.param("tinh lam dong (68)", {"any_date": True}, "2025", id="label-without-accents"),
])
def test_one_code_of_two_structures_is_picked_by_date_or_label(admin, typed, options, era):
    picked = UNITS.resolve(admin, typed, **options)
    assert (picked.code, picked.era) == ("68", era)


def test_a_bare_code_of_both_structures_in_2025_asks_which(admin):
    with pytest.raises(forms.ValidationError) as refused:
        UNITS.resolve(admin, "68", year=2025)
    assert refused.value.messages == [
        "Có nhiều đơn vị khớp “68”: Tỉnh Lâm Đồng (68); Tỉnh Lâm Đồng — đến 30/6/2025 (68)… Hãy chọn một dòng trong "
        "danh sách gợi ý."]


def test_a_unit_that_ended_is_refused_with_today_s_unit_named(admin):
    with pytest.raises(forms.ValidationError) as refused:
        UNITS.resolve(admin, "672", on=D("2026-12-01"))
    assert refused.value.messages[0].startswith(
        "Thành phố Đà Lạt đã thôi tồn tại từ ngày 1/7/2025, không nhận hồ sơ ngày 1/12/2026.")


def test_an_old_scope_picks_today_s_commune_over_its_ground_not_the_province(client, tra_vinh_officer):
    assert UNITS.resolve(tra_vinh_officer, "long duc", level="commune", on=D("2026-12-01")).era == "2025"
    with pytest.raises(forms.ValidationError, match="Không tìm thấy đơn vị “86”"):
        UNITS.resolve(tra_vinh_officer, "86", on=D("2026-12-01"))


@pytest.mark.parametrize(("query", "shown", "not_shown"), [
    pytest.param({"q": "long duc", "level": "commune", "on": "01/12/2026"}, "Phường Long Đức — Tỉnh Vĩnh Long (29263)",
                 "Xã Long Đức", id="today-typed-dd-mm-yyyy"),
    pytest.param({"q": "long duc", "level": "commune", "on": "2024-03-01"}, "Xã Long Đức", "Phường Long Đức",
                 id="a-2024-record"),
    pytest.param({"q": "lam dong", "year": "2025"}, "Tỉnh Lâm Đồng — đến 30/6/2025 (68)", "Kon Tum",
                 id="a-2025-plan-offers-both"),
])
def test_the_suggestions_follow_the_date_typed(client, admin, query, shown, not_shown):
    client.force_login(admin)
    html = client.get(reverse("pick", args=["unit"]), query).content.decode()
    assert shown in html and not_shown not in html


@pytest.mark.parametrize("query", [
    pytest.param({"q": "\x00", "on": "31/02/2026"}, id="nul-and-an-impossible-date"),
    pytest.param({"q": "a" * 5000, "year": "99999999999999999999"}, id="long-text-huge-year"),
    pytest.param({"level": "planet", "any_date": "yes"}, id="unknown-options"),
])
def test_junk_in_the_suggestions_url_is_answered_not_a_500(client, admin, query):
    client.force_login(admin)
    assert client.get(reverse("pick", args=["unit"]), query).status_code == 200


def test_the_suggestions_cost_the_same_queries_for_old_communes_as_for_today_s(client, admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin)
    counts = {}
    for on in ("2024-03-01", "2026-12-01"):  # old communes sit three levels below the nation, today's two
        with CaptureQueriesContext(connection) as captured:
            html = client.get(reverse("pick", args=["unit"]), {"q": "phuong", "level": "commune", "on": on}).content
        counts[on] = len(captured)
        assert html.count(b"data-pick=") == 15
    assert counts["2024-03-01"] == counts["2026-12-01"]
