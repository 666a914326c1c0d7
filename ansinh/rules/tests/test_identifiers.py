"""Citizen ID decoding and cross-checks, SI codes, HI card codes, Vietnamese mobile numbers."""

from datetime import date

import pytest

from ansinh.rules import IdentifierError, check_si_code, decode_citizen_id, decode_hi_card, normalize_phone
from ansinh.rules.identifiers import hi_card_groups
from ansinh.rules.provinces import old_provinces, province_name


def test_63_provinces_loaded():
    provinces = old_provinces()
    assert len(provinces) == 63
    assert provinces["68"] == "Tỉnh Lâm Đồng"
    assert provinces["96"] == "Tỉnh Cà Mau"


def test_decode_citizen_id_to_dict():
    assert decode_citizen_id("079 305 001 234").to_dict() == {
        "number": "079305001234", "place_code": "079", "province_code": "79",
        "province_name": "Thành phố Hồ Chí Minh", "sex": "female", "century": 21, "birth_year": 2005,
    }


@pytest.mark.parametrize(
    ("digit", "sex", "century", "year"),
    [(0, "male", 20, 1999), (1, "female", 20, 1999), (2, "male", 21, 2099), (3, "female", 21, 2099),
     (4, "male", 22, 2199), (9, "female", 24, 2399)],
)
def test_century_sex_digit(digit, sex, century, year):
    decoded = decode_citizen_id(f"001{digit}99000000")
    assert (decoded.sex.value, decoded.century, decoded.birth_year) == (sex, century, year)


def test_consistent_birth_date_and_sex_pass():
    assert decode_citizen_id("001085123456", date_of_birth=date(1985, 12, 31), sex="male").birth_year == 1985


@pytest.mark.parametrize(
    ("number", "dob", "sex", "code"),
    [
        pytest.param("079305001234", date(1905, 4, 1), None, "citizen_id_birth_year_mismatch", id="century_digit"),
        pytest.param("079305001234", date(2004, 4, 1), None, "citizen_id_birth_year_mismatch", id="year_digits"),
        pytest.param("079305001234", None, "male", "citizen_id_sex_mismatch", id="sex_digit"),
        pytest.param("07930500123", None, None, "citizen_id_malformed", id="eleven_digits"),
        pytest.param("07930500123A", None, None, "citizen_id_malformed", id="letter"),
        pytest.param("", None, None, "citizen_id_malformed", id="empty"),
        pytest.param("٠٧٩٣٠٥٠٠١٢٣٤", None, None, "citizen_id_malformed", id="non_ascii_digits"),
    ],
)
def test_citizen_id_errors(number, dob, sex, code):
    with pytest.raises(IdentifierError) as info:
        decode_citizen_id(number, date_of_birth=dob, sex=sex)
    assert info.value.code == code


def test_unknown_place_code_is_not_a_province():
    decoded = decode_citizen_id("003085123456")
    assert (decoded.place_code, decoded.province_code, decoded.province_name) == ("003", None, None)


@pytest.mark.parametrize(
    ("value", "kind"),
    [("7912345678", "si_code"), ("79 1234 5678", "si_code"), ("079305001234", "personal_id")],
)
def test_si_code(value, kind):
    assert check_si_code(value).kind == kind


@pytest.mark.parametrize("value", ["791234567", "79123456789", "79A2345678", ""])
def test_si_code_malformed(value):
    with pytest.raises(IdentifierError) as info:
        check_si_code(value)
    assert info.value.code == "si_code_malformed"


@pytest.mark.parametrize(
    ("code", "group", "level", "percent", "province"),
    [
        pytest.param("gd4 79 1234567890", "GD", 4, 80, "Thành phố Hồ Chí Minh", id="household_lowercase_spaces"),
        pytest.param("HN2011234567890", "HN", 2, 100, "Thành phố Hà Nội", id="poor_level_2"),
        pytest.param("CN3681234567890", "CN", 3, 95, "Tỉnh Lâm Đồng", id="near_poor_level_3"),
        pytest.param("TE1011234567890", "TE", 1, 100, "Thành phố Hà Nội", id="child_level_1"),
        pytest.param("QN5971234567890", "QN", 5, 100, None, id="army_province_97_unknown"),
    ],
)
def test_decode_hi_card(code, group, level, percent, province):
    card = decode_hi_card(code)
    assert (card.group_code, card.benefit_level, card.benefit_pct, card.province_name) == (
        group, level, percent, province)
    assert card.to_dict()["benefit_pct"] == percent


@pytest.mark.parametrize(
    ("code", "error"),
    [
        pytest.param("GD6791234567890", "hi_card_malformed", id="level_6"),
        pytest.param("GD479123456789", "hi_card_malformed", id="14_chars"),
        pytest.param("G14791234567890", "hi_card_malformed", id="digit_in_group"),
        pytest.param("ZZ4791234567890", "hi_card_unknown_group", id="unknown_group"),
    ],
)
def test_hi_card_errors(code, error):
    with pytest.raises(IdentifierError) as info:
        decode_hi_card(code)
    assert info.value.code == error


def test_hi_card_group_list():
    groups = hi_card_groups()
    assert len(groups) == 43
    assert groups["GD"][0] == "household"
    assert "hiến" in groups["HG"][1]


@pytest.mark.parametrize(
    ("value", "national", "e164"),
    [
        ("0912345678", "0912345678", "+84912345678"),
        ("+84 912 345 678", "0912345678", "+84912345678"),
        ("84987654321", "0987654321", "+84987654321"),
        ("0321.234.567", "0321234567", "+84321234567"),
        ("(+84) 70 123 4567", "0701234567", "+84701234567"),
    ],
)
def test_normalize_phone(value, national, e164):
    phone = normalize_phone(value)
    assert (phone.national, phone.e164) == (national, e164)


def test_phone_carrier_hint():
    assert normalize_phone("0987654321").carrier == "Viettel"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("02438123456", "phone_not_mobile", id="hanoi_landline"),
        pytest.param("12345", "phone_invalid", id="too_short"),
        pytest.param("+1 202 555 0123", "phone_invalid", id="foreign"),
        pytest.param("abc", "phone_invalid", id="garbage"),
        pytest.param("", "phone_invalid", id="empty"),
    ],
)
def test_phone_errors(value, code):
    with pytest.raises(IdentifierError) as info:
        normalize_phone(value)
    assert info.value.code == code


@pytest.mark.parametrize(("code", "on", "name"), [
    pytest.param("52", None, "Tỉnh Bình Định", id="no_day_the_old_province"),
    pytest.param("52", date(2025, 6, 30), "Tỉnh Bình Định", id="last_day_before_the_merger"),
    pytest.param("52", date(2025, 7, 1), "Tỉnh Gia Lai", id="first_day_of_todays_gia_lai"),
    pytest.param("64", date(2026, 1, 1), "Tỉnh Gia Lai", id="old_gia_lai_code_keeps_its_name"),
    pytest.param("080", date(2026, 1, 1), "Tỉnh Tây Ninh", id="three_digits_todays_tay_ninh"),
    pytest.param("80", date(2025, 1, 1), "Tỉnh Long An", id="long_an_before"),
])
def test_a_reused_code_names_the_province_of_the_day(code, on, name):
    assert province_name(code, on) == name
