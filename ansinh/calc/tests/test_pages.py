"""The calculator pages (public) and the parameter tables (officers; administrators add rows)."""

import datetime as dt

import pytest

from ansinh.calc.models import ParameterRow
from ansinh.core.models import ChangeLog

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_household_page_is_public_and_shows_the_breakdown(client):
    response = client.get("/calc/", {"on": "2024-09-01", "members": 3, "months": 12})
    assert response.status_code == 200
    page = text(response)
    assert 'data-testid="total">2.906.280 đ<' in page
    assert 'data-testid="monthly-total">242.190 đ<' in page
    assert "Thành viên thứ 2: 4,5% × 2.340.000 đ × 70% = 73.710 đ/tháng × 12 tháng" in page
    assert "Nghị định 73/2024/NĐ-CP; Nghị định 146/2018/NĐ-CP Điều 7" in page
    assert page.count('name="group"') == 3
    assert "In bảng tính" in page


def test_household_page_opens_with_a_quote_for_today(client):
    response = client.get("/calc/")
    assert response.status_code == 200
    assert 'data-testid="household-result"' in text(response)


def test_htmx_gets_only_the_result_and_the_member_rows_when_the_count_changed(client):
    response = client.get("/calc/", {"on": "2024-09-01", "members": 3, "months": 12, "rendered_members": 1,
                                     "rendered_province": ""}, HTTP_HX_REQUEST="true")
    page = text(response)
    assert "<html" not in page
    assert 'data-testid="total">2.906.280 đ<' in page
    assert 'id="member-groups" class="member-groups" hx-swap-oob="true"' in page
    same = client.get("/calc/", {"on": "2024-09-01", "members": 3, "months": 12, "rendered_members": 3,
                                 "rendered_province": ""}, HTTP_HX_REQUEST="true")
    assert "member-groups" not in text(same)


def test_the_member_rows_are_redrawn_when_a_new_date_offers_other_groups_of_the_province(client):
    """Hồ Chí Minh City's pupils and aged 65–75 (NQ 56/2025) come into force on 14/11/2025: moving the date from
    13/11 to 14/11 redraws the members with the pupil's choice; moving it within the same groups does not."""
    before = client.get("/calc/", {"on": "2025-11-13", "members": 1, "months": 12, "province": "79"})
    assert 'value="pupil"' not in text(before)
    offered = before.context["rendered_local"]
    moved = client.get("/calc/", {"on": "2025-11-14", "members": 1, "months": 12, "province": "79",
                                  "rendered_members": 1, "rendered_province": "79", "rendered_local": offered},
                       HTTP_HX_REQUEST="true")
    assert 'id="member-groups" class="member-groups" hx-swap-oob="true"' in text(moved)
    assert 'value="pupil"' in text(moved)
    again = client.get("/calc/", {"on": "2025-11-20", "members": 1, "months": 12, "province": "79",
                                  "rendered_members": 1, "rendered_province": "79",
                                  "rendered_local": moved.context["rendered_local"]}, HTTP_HX_REQUEST="true")
    assert "member-groups" not in text(again)


def test_member_groups_and_province_support(client):
    response = client.get("/calc/?on=2024-09-01&members=3&months=12&province=68&group=household&group=near_poor"
                          "&group=household")
    page = text(response)
    assert 'data-testid="total">2.148.120 đ<' in page
    assert "Tỉnh Lâm Đồng" in page
    assert "Nghị quyết 97/2022/NQ-HĐND tỉnh Lâm Đồng" in page


def test_unconfirmed_items_are_marked(client):
    response = client.get("/calc/voluntary-si/", {"on": "2026-03-01", "income": 1_500_000, "category": "near_poor",
                                                  "method": "advance", "months": 60})
    page = text(response)
    assert 'data-testid="unconfirmed-warning"' in page
    assert "⚠ CHƯA XÁC NHẬN" in page
    assert 'data-testid="lump-sum">18.098.148 đ<' in page
    assert 'data-testid="rate-used">0,31%<' in page
    assert 'data-testid="total">10.178.148 đ<' in page


def test_voluntary_si_page(client):
    page = text(client.get("/calc/voluntary-si/", {"on": "2026-03-01", "income": 1_500_000,
                                                   "category": "near_poor", "method": "regular", "months": 1}))
    assert 'data-testid="payable-monthly">198.000 đ<' in page
    assert 'data-testid="total">198.000 đ<' in page
    assert "thu nhập chọn từ 1.500.000 đ (chuẩn nghèo nông thôn) đến 46.800.000 đ" in page


def test_income_below_minimum_is_explained_on_the_field(client):
    page = text(client.get("/calc/voluntary-si/", {"on": "2026-03-01", "income": 1_000_000, "category": "other",
                                                   "method": "regular", "months": 1}))
    assert 'data-testid="calc-error"' in page
    assert ("Mức thu nhập tháng chọn đóng (đồng): Mức thu nhập 1.000.000 đ thấp hơn mức tối thiểu 1.500.000 đ"
            in page)
    assert 'data-testid="total"' not in page


def test_pension_page(client):
    page = text(client.get("/calc/pension/", {"sex": "female", "years": 20, "months": 0,
                                              "average_income": 3_000_000, "on": "2026-01-01"}))
    assert 'data-testid="pension-rate">55%<' in page
    assert 'data-testid="pension-monthly">1.650.000 đ<' in page
    assert 'data-testid="lump-sum-total">120.000.000 đ<' in page


def test_identifier_page(client):
    page = text(client.get("/calc/id/", {"value": "079305001234"}))
    assert 'data-testid="id-birth-year">2005' in page
    assert 'data-testid="id-sex">Nữ<' in page
    refused = text(client.get("/calc/id/", {"value": "079305001234", "birth_date": "1905-03-01"}))
    assert "mâu thuẫn với năm sinh 1905" in refused


def test_parameter_tables_need_a_login(client):
    response = client.get("/calc/parameters/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_officers_read_the_tables_but_cannot_add(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    page = text(client.get("/calc/parameters/", {"on": "2026-12-31"}))
    assert 'data-testid="param-base_salary"' in page
    assert "2.530.000 đ" in page
    assert "Nghị định 161/2026/NĐ-CP" in page
    assert 'data-testid="parameter-row-form"' not in page
    response = client.post("/calc/parameters/add/", {"name": "base_salary", "value": "2700000",
                                                     "valid_from": "2027-01-01", "legal_ref": "NĐ thử",
                                                     "status": "CONFIRMED"})
    assert response.status_code == 403
    assert ParameterRow.objects.count() == 0


def test_admin_adds_a_row_from_the_page(client, admin_user):
    client.force_login(admin_user)
    assert 'data-testid="parameter-row-form"' in text(client.get("/calc/parameters/"))
    response = client.post("/calc/parameters/add/", {"name": "base_salary", "key": "", "value": "2700000",
                                                     "valid_from": "2027-01-01", "valid_until": "",
                                                     "legal_ref": "Nghị định 999/2026/NĐ-CP (thử)",
                                                     "status": "CONFIRMED", "note": "lương cơ sở mới"})
    assert response.status_code == 302
    row = ParameterRow.objects.get()
    assert (row.name, row.value, row.valid_from, row.created_by) == ("base_salary", 2_700_000, dt.date(2027, 1, 1),
                                                                       admin_user)
    page = text(client.get("/calc/parameters/", {"on": "2027-02-01"}))
    assert "2.700.000 đ" in page
    assert "Thêm bởi root_admin" in page
    assert ChangeLog.objects.filter(object_type="calc.parameterrow").count() == 1
    quote = text(client.get("/calc/", {"on": "2027-02-01", "members": 3, "months": 12}))
    assert 'data-testid="total">3.353.400 đ<' in quote


def test_admin_sees_why_a_row_was_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/calc/parameters/add/", {"name": "vsi_support_pct", "key": "rich", "value": "50",
                                                     "valid_from": "2027-01-01", "legal_ref": "NĐ thử",
                                                     "status": "CONFIRMED"})
    assert response.status_code == 400
    assert "cần khóa là một trong: ethnic_minority, island, near_poor, other, poor" in text(response)
    assert ParameterRow.objects.count() == 0


def test_admin_adds_a_local_top_up_from_the_page(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/calc/parameters/local-support/add/", {
        "province": "84", "scheme": "hi", "group": "household", "percent": "20", "base": "contribution",
        "valid_from": "2026-01-01", "legal_ref": "Nghị quyết 00/2025/NQ-HĐND tỉnh Trà Vinh (thử)",
        "status": "UNCONFIRMED"})
    assert response.status_code == 302
    page = text(client.get("/calc/", {"on": "2026-03-01", "members": 1, "months": 12, "province": "84"}))
    assert 'data-testid="total">1.010.880 đ<' in page
    assert "⚠ CHƯA XÁC NHẬN" in page
