"""Part V of the steering committee's pack: the sponsors' pledges to the unit made by the report's date, with the
money received and the cards paid by the end of that day (Quảng Ngãi, school year 2025-26; figures by hand in
ansinh/sponsors/tests/test_services.py: a fixed 3,000,000 pays 4 × 631,800 + 472,800)."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ansinh.core.testing.pdf import pdf_text
from ansinh.reports.pack import pack_build, pdf_bytes, xlsx_bytes
from ansinh.sponsors import services
from ansinh.sponsors.tests.conftest import (  # noqa: F401 - the fixtures
    SCHOOL,
    counter,
    dak_pek,
    officer,
    pay,
    pupils,
    sponsor,
    today,
)

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def test_the_pack_lists_the_pledges_as_they_stood_on_its_date(officer, sponsor, unit, pupils, pay, today):  # noqa: F811
    pledge = services.pledge_create(user=officer, sponsor=sponsor, unit=unit("23341", "2025"),
                                    pledged_on=D("2025-09-01"), beneficiaries="school", school=SCHOOL,
                                    amount=3_000_000, period_start=D("2025-09-01"), period_end=D("2026-08-31"))
    cards = services.cards_give(user=officer, pledge=pledge, people=pupils[:5], on=today).cards
    services.pledge_receive(user=officer, pledge=pledge, received_on=D("2025-09-05"), amount=3_000_000)
    services.card_pay(user=officer, card=cards[4], payment=pay("DP-0005", "2025-09-05"))
    services.card_pay(user=officer, card=cards[0], payment=pay("DP-0001", "2025-09-20"))
    province = unit("51", "2025")

    before = pack_build(user=officer, unit=province, on=D("2025-08-31"))
    assert before.sponsors == []  # pledged on 1/9
    on_10_september = pack_build(user=officer, unit=province, on=D("2025-09-10"))
    row = on_10_september.sponsors[0]
    assert (row["balance"].received, row["balance"].cards_paid, row["balance"].paid) == (3_000_000, 1, 472_800)
    now = pack_build(user=officer, unit=province, on=D("2025-09-30"))
    assert (now.sponsors[0]["balance"].cards_paid, now.sponsors[0]["balance"].paid) == (2, 1_104_600)

    text = " ".join(pdf_text(pdf_bytes(on_10_september)).split())
    assert "V. Huy động nhà tài trợ đóng BHYT" in text
    assert (f"Huyện Đoàn Đăk Glei (cũ) Xã Đăk Pék: học sinh, sinh viên {SCHOOL} {pledge.code}: 3.000.000 đồng "
            "3.000.000 1 472.800") in text
    sheet = load_workbook(io.BytesIO(xlsx_bytes(on_10_september)))["Nhà tài trợ"]
    assert [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)] == [
        ["Xã Đăk Pék", "Huyện Đoàn Đăk Glei (cũ)", pledge.code, f"học sinh, sinh viên {SCHOOL}", 3_000_000, None,
         3_000_000, 1, 472_800]]
