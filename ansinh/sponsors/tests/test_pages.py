"""The sponsors' pages as an officer of Quảng Ngãi uses them on 5/9/2025: register a sponsor, record a pledge of a
fixed 3,000,000 for the pupils of a school, find pupils by typing their name without accents, give them cards, record
the money, pay the fifth card (the family pays 159,000), then the statement and the letter of thanks.

By hand (see test_services): 4 × 631,800 + 472,800 = 3,000,000; the fifth pupil's card costs 1,263,600, the state
pays 631,800, the sponsor 472,800, the family 159,000.
"""

import datetime as dt
import html
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.core.testing.pdf import pdf_pages, pdf_text
from ansinh.enrollment.models import Receipt
from ansinh.sponsors.models import Pledge, Sponsor, SponsoredCard
from ansinh.sponsors.tests.conftest import SCHOOL

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def test_an_officer_registers_a_sponsor_and_a_pledge_on_the_pages(signed_in, today):
    response = signed_in.post(reverse("sponsors:sponsor-list"), {
        "kind": "business", "name": "Công ty TNHH Cà phê Đăk Glei", "unit": "Tỉnh Quảng Ngãi (51)",
        "tax_code": "6100123456", "contact_name": "Trần Văn Nam", "phone": "0905111222"})
    sponsor = Sponsor.objects.get(tax_code="6100123456")
    assert response.status_code == 302
    assert response["Location"] == reverse("sponsors:sponsor-detail", args=[sponsor.pk])
    response = signed_in.post(reverse("sponsors:sponsor-detail", args=[sponsor.pk]), {
        "unit": "Xã Đăk Pék (23341)", "beneficiaries": "school", "school": SCHOOL, "pledged_on": "01/09/2025",
        "amount": "3.000.000", "share": "rest", "months": "12", "period_start": "01/09/2025",
        "period_end": "31/08/2026"})
    pledge = Pledge.objects.get(sponsor=sponsor)
    assert response.status_code == 302
    assert (pledge.amount, pledge.unit.code, pledge.school) == (3_000_000, "23341", SCHOOL)
    body = signed_in.get(reverse("sponsors:sponsor-list") + "?q=ca phe").content.decode()
    assert "Công ty TNHH Cà phê Đăk Glei" in body
    assert "******1222" in body and "0905111222" not in body  # the phone masked on the list


@pytest.mark.parametrize(("field", "value", "message"), [
    pytest.param("tax_code", "61001234", "Mã số thuế '61001234' không đúng", id="tax_code"),
    pytest.param("name", "", "This field is required", id="name_missing"),
])
def test_a_wrong_sponsor_is_refused_on_the_page_with_the_reason(signed_in, today, field, value, message):
    data = {"kind": "business", "name": "Công ty A", "unit": "Tỉnh Quảng Ngãi (51)", field: value}
    response = signed_in.post(reverse("sponsors:sponsor-list"), data)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert message in body or "Trường này là bắt buộc" in body
    assert not Sponsor.objects.exists()


def test_a_pledge_with_a_bad_amount_names_the_field(signed_in, sponsor, today):
    response = signed_in.post(reverse("sponsors:sponsor-detail", args=[sponsor.pk]), {
        "unit": "Xã Đăk Pék (23341)", "beneficiaries": "school", "school": SCHOOL, "pledged_on": "01/09/2025",
        "amount": "3,5 triệu", "share": "rest", "months": "12", "period_start": "01/09/2025",
        "period_end": "31/08/2026"})
    assert response.status_code == 200
    assert "Số tiền không hợp lệ: ghi số đồng, ví dụ 3.000.000." in response.content.decode()
    assert not Pledge.objects.exists()


@pytest.fixture
def pledge(officer, sponsor, unit):
    from ansinh.sponsors.services import pledge_create

    return pledge_create(user=officer, sponsor=sponsor, unit=unit("23341", "2025"), pledged_on=D("2025-09-01"),
                         beneficiaries="school", school=SCHOOL, amount=3_000_000, period_start=D("2025-09-01"),
                         period_end=D("2026-08-31"))


def test_giving_cards_paying_the_fifth_and_the_statement(signed_in, pledge, pupils, counter, today, tmp_path):
    page = signed_in.get(reverse("sponsors:pledge-detail", args=[pledge.pk]) + "?q=y").content.decode()
    assert page.count('name="person"') == 5  # the five girls' names start with "Y"
    people = [p.pk for p in pupils[:5]]
    response = signed_in.post(reverse("sponsors:pledge-give", args=[pledge.pk]), {"person": [str(i) for i in people]})
    assert response.status_code == 302
    cards = list(SponsoredCard.objects.filter(pledge=pledge).order_by("id"))
    assert [c.amount for c in cards] == [631_800] * 4 + [472_800]
    signed_in.post(reverse("sponsors:pledge-receive", args=[pledge.pk]),
                   {"received_on": "05/09/2025", "amount": "3.000.000", "reference": "UNC 0915"})
    point, staff = counter
    preview = signed_in.post(reverse("sponsors:card-pay", args=[cards[4].pk]), {
        "paid_on": "05/09/2025", "receipt_number": "DP-0005", "collection_point": point.pk, "action": "preview"})
    text = flat(preview.content.decode())
    assert 'data-testid="family-pays">159.000<' in text
    assert "nhà tài trợ Huyện Đoàn Đăk Glei (cũ) đóng 472.800 đ cho 12 tháng" in text
    response = signed_in.post(reverse("sponsors:card-pay", args=[cards[4].pk]), {
        "paid_on": "05/09/2025", "receipt_number": "DP-0005", "collection_point": point.pk, "collector": staff.pk,
        "action": "save"})
    receipt = Receipt.objects.get(number="DP-0005")
    assert response["Location"] == reverse("enrollment:receipt-detail", args=[receipt.pk])
    assert receipt.amount_paid == 159_000
    receipt_page = flat(signed_in.get(response["Location"]).content.decode())
    assert "472.800" in receipt_page and "Huyện Đoàn Đăk Glei (cũ)" in receipt_page

    pdf = signed_in.get(reverse("sponsors:pledge-statement", args=[pledge.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf_pages(pdf.content) == 1
    text = flat(pdf_text(pdf.content))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
                     "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI", "Quảng Ngãi, ngày 5 tháng 9 năm 2025",
                     "SAO KÊ SỬ DỤNG TIỀN TÀI TRỢ THẺ BHYT",
                     "UNC 0915 3.000.000", "Y H. 2012", "1.263.600 631.800 472.800 159.000", "Cộng: 1 thẻ 472.800",
                     "Tiền đã nhận chưa chi 2.527.200 đồng", "Đã dành cho 4 thẻ chờ đóng 2.527.200 đồng",
                     "Tiền cam kết chưa phân bổ 0 đồng", "GIÁM ĐỐC"):
        assert expected in text, expected
    assert "Y Hơn" not in text  # the beneficiary's name is masked for the sponsor
    thanks = flat(pdf_text(signed_in.get(reverse("sponsors:pledge-thanks", args=[pledge.pk])).content))
    assert "Kính gửi: Huyện Đoàn Đăk Glei (cũ)" in thanks
    assert "1 thẻ BHYT đã được đóng với số tiền tài trợ 472.800 đồng; 4 thẻ đang chờ đóng" in thanks
    assert f"cho học sinh, sinh viên {SCHOOL} trên địa bàn Xã Đăk Pék" in thanks

    book = load_workbook(io.BytesIO(signed_in.get(reverse("sponsors:pledge-list") + "?format=xlsx").content))
    ws = book.active
    row = [c.value for c in ws[5]]
    assert row[3].date() == D("2025-09-01")
    assert row[1:3] + row[4:] == ["Huyện Đoàn Đăk Glei (cũ)", pledge.code,
                                            f"Học sinh, sinh viên của một trường — {SCHOOL}", 3_000_000, None,
                                            3_000_000, 472_800, 1, 2_527_200, 0]
    assert (ws.print_title_rows, ws.freeze_panes, ws.page_setup.orientation) == ("$4:$4", "C5", "landscape")


def test_a_collector_sees_the_pledge_and_pays_but_does_not_give_cards(client, pledge, pupils, dak_pek, today):
    from ansinh.core.testing.users import make_user

    collector = make_user("dp_collector", role="collector", scope_unit=dak_pek)
    client.force_login(collector)
    page = client.get(reverse("sponsors:pledge-detail", args=[pledge.pk]) + "?q=y").content.decode()
    assert 'data-testid="give"' not in page and 'data-testid="receive"' not in page
    response = client.post(reverse("sponsors:pledge-give", args=[pledge.pk]), {"person": [str(pupils[0].pk)]})
    assert response.status_code == 403
    assert "Vai trò của bạn không được quản lý nhà tài trợ và cam kết tài trợ." in response.content.decode()
    assert not SponsoredCard.objects.exists()
