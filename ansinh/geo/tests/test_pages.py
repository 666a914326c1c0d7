"""The units browser pages, in Vietnamese."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    return client


def test_province_list_of_each_era(signed_in):
    new = signed_in.get("/units/?era=2025").content.decode()
    old = signed_in.get("/units/?era=pre2025").content.decode()
    assert new.count('href="/units/2025/') == 34
    assert old.count('href="/units/pre2025/') == 63
    assert "1.026.960" in old  # Trà Vinh's latest population (GSO, 2025 preliminary), Vietnamese format


def test_search_without_diacritics(signed_in):
    body = signed_in.get("/units/?q=dak+glei").content.decode()
    assert "Huyện Đắk Glei" in body


def test_old_province_page_shows_where_it_went(signed_in):
    body = signed_in.get("/units/pre2025/84/").content.decode()
    assert "Từ 1/7/2025 thuộc" in body
    assert "Tỉnh Vĩnh Long" in body
    assert "Thành phố Trà Vinh" in body  # its districts
    assert "statistic-form" in body  # the officer may correct Trà Vinh's figures


def test_other_province_page_has_no_edit_form(signed_in):
    body = signed_in.get("/units/pre2025/62/").content.decode()
    assert "Tỉnh Quảng Ngãi" in body
    assert "statistic-form" not in body


def test_district_page_lists_new_communes(signed_in):
    body = signed_in.get("/units/pre2025/610/").content.decode()
    assert "Xã Đăk Môn" in body
    assert "Thị trấn Đăk Glei" in body


def test_officer_corrects_a_figure_from_the_page(signed_in, unit):
    response = signed_in.post("/units/pre2025/84/statistics/", {"indicator": "population", "year": "2021",
                                                                "value": "1010000", "source": "Cục Thống kê"})
    assert response.status_code == 302
    assert unit("84", "pre2025").statistics.get(indicator="population", year=2021).value == 1_010_000


def test_unknown_unit_page_is_404(signed_in):
    assert signed_in.get("/units/pre2025/99999/").status_code == 404
    assert signed_in.get("/units/1999/84/").status_code == 404
