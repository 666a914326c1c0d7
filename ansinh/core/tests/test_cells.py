"""The cell readers every importer uses: what people type in Excel and CSV, read the same way everywhere."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.core.cells import CellError, digits, parse_date, parse_decimal, parse_int, parse_percent, parse_phone, text


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("1.186", 1186, id="vietnamese-thousands"),
    pytest.param("1,500,000", 1_500_000, id="english-thousands"),
    pytest.param("1.500.000 đ", 1_500_000, id="with-currency"),
    pytest.param("925", 925, id="plain"),
    pytest.param(925.0, 925, id="excel-float"),
    pytest.param("-5", -5, id="negative"),
    pytest.param("", None, id="blank"),
    pytest.param(None, None, id="empty-cell"),
])
def test_whole_numbers(value, expected):
    assert parse_int(value, "Số người") == expected


@pytest.mark.parametrize("value", [pytest.param("12,5", id="decimal"), pytest.param(2.5, id="float"),
                                   pytest.param("mười", id="words"), pytest.param(True, id="boolean")])
def test_not_a_whole_number_names_the_column(value):
    with pytest.raises(CellError) as refused:
        parse_int(value, "Số người")
    assert refused.value.message.startswith("Số người: ")
    assert refused.value.code == "invalid_number"


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("22/7/2023", dt.date(2023, 7, 22), id="d/m/yyyy"),
    pytest.param("22-07-2023", dt.date(2023, 7, 22), id="d-m-yyyy"),
    pytest.param("22.7.2023", dt.date(2023, 7, 22), id="d.m.yyyy"),
    pytest.param("2023-07-22", dt.date(2023, 7, 22), id="iso"),
    pytest.param(dt.datetime(2023, 7, 22, 8, 30), dt.date(2023, 7, 22), id="excel-datetime"),  # noqa: DTZ001
    pytest.param(45129, dt.date(2023, 7, 22), id="excel-serial"),  # 30/12/1899 + 45,129 days
    pytest.param("", None, id="blank"),
])
def test_dates(value, expected):
    assert parse_date(value, "Ngày") == expected


def test_a_month_where_a_month_is_asked():
    assert parse_date("7/2023", "Từ tháng", month_only=True) == dt.date(2023, 7, 1)


@pytest.mark.parametrize("value", [pytest.param("31/6/2020", id="no-31-june"), pytest.param("7/2023", id="month"),
                                   pytest.param("hôm nay", id="words")])
def test_not_a_date(value):
    with pytest.raises(CellError) as refused:
        parse_date(value, "Tính đến ngày")
    assert refused.value.message == (f"Tính đến ngày: '{value}' không phải là ngày (dạng ngày/tháng/năm, "
                                     "ví dụ 22/7/2023).")
    assert refused.value.code == "invalid_date"


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("95,61", Decimal("95.61"), id="comma-decimals"),
    pytest.param("964.867", Decimal("964867"), id="dot-thousands"),
    pytest.param("1.234,5", Decimal("1234.5"), id="both"),
    pytest.param(95.61, Decimal("95.61"), id="number"),
])
def test_decimals(value, expected):
    assert parse_decimal(value, "Giá trị") == expected


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("30", Decimal("30"), id="plain"), pytest.param("30%", Decimal("30"), id="with-sign"),
    pytest.param("0,3", Decimal("30.0"), id="share"),
])
def test_percents(value, expected):
    assert parse_percent(value, "NSNN hỗ trợ (%)") == expected


def test_phones_and_identifiers():
    assert parse_phone("0912 345 678") == "0912345678"
    assert parse_phone(912345678) == "0912345678"  # Excel dropped the leading 0
    assert parse_phone("+84 912 345 678") == "0912345678"
    with pytest.raises(CellError):
        parse_phone("0243 826 1234")  # a Hà Nội landline
    assert digits(84075012345, 12) == "084075012345"
    assert text(12.0) == "12" and text(None) == "" and text("  Xã  ") == "Xã"
