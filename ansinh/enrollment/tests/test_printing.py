"""Printing at the counter: a household of 6 on one A5 receipt with the signatures (in WeasyPrint's PDF and in
chromium's print), the 80 mm thermal receipt, and TK1-TS pre-filled from the record with the household appendix.

The household pays 12 months from 1/12/2026, when the base salary is 2.530.000 đ (from 1/7/2026). Household HI is
4,5% × base salary a month for the first member, then 70%, 60%, 50%, 40%, 40% of that:
113.850 · 79.695 · 68.310 · 56.925 · 45.540 · 45.540 đ a month, × 12 =
1.366.200 + 956.340 + 819.720 + 683.100 + 546.480 + 546.480 = 4.918.320 đ.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ansinh.core.testing.pdf import pdf_pages, pdf_text
from ansinh.core.testing.users import TEST_PASSWORD, make_user
from ansinh.enrollment import services
from ansinh.enrollment.printing import ROLL_WIDTH_MM
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.services import MemberInput, household_register_with_members
from ansinh.rules import HouseholdMember

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
PAID_ON = D("2026-12-01")
MM = 72 / 25.4  # PDF points per millimetre
MEMBERS = [
    MemberInput("Thạch Văn Sơn", D("1970-05-01"), "M", "head", "084070000101", phone="0912000101", ethnicity="Khmer"),
    MemberInput("Kim Thị Hoa", D("1972-08-09"), "F", "spouse", "084172000102", ethnicity="Khmer"),
    MemberInput("Thạch Minh Tú", D("2001-01-20"), "M", "child", "084201000103", ethnicity="Khmer"),
    MemberInput("Thạch Thị Ngọc Bích", D("2004-03-15"), "F", "child", "084304000104", ethnicity="Khmer"),
    MemberInput("Thạch Văn Phước Lộc", D("2012-11-30"), "M", "child", ethnicity="Khmer"),
    MemberInput("Sơn Thị Sa Rươne", D("1948-02-02"), "F", "parent", "084148000106", ethnicity="Khmer"),
]
SHARES = [1_366_200, 956_340, 819_720, 683_100, 546_480, 546_480]
TOTAL = 4_918_320
IN_WORDS = "Bốn triệu chín trăm mười tám nghìn ba trăm hai mươi đồng"


@pytest.fixture
def counter(unit):
    """A commune of today's Vĩnh Long (2025 structure), its post office, a collector and the province's officer."""
    province = unit("86", "2025")
    commune = first_commune(province)
    point = make_point(commune, code="BD-VL-01", name="Bưu điện Vĩnh Long")
    return {"commune": commune, "point": point,
            "collector": make_staff(commune, code="NV-VL-001", full_name="Phạm Thị Thu", point=point),
            "officer": make_user("vl_officer", role="province_officer", scope_unit=province)}


def _payment(counter, number: str) -> services.Payment:
    return services.Payment(number, PAID_ON, counter["point"], counter["collector"])


@pytest.fixture
def household_of_6(counter):
    """Six members registered and enrolled for 12 months through the services, on one receipt."""
    household, enrollments = services.household_join(
        user=counter["officer"], commune=counter["commune"], members=MEMBERS, months=12, address="Khóm 2",
        payment=_payment(counter, "BL-VL-000601"))
    return household, enrollments[0].contributions.get().receipt


@pytest.fixture
def officer_client(client, counter):
    client.force_login(counter["officer"])
    return client


def flat(text: str) -> str:
    """A PDF's text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def media_box_mm(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width) / MM, float(box.height) / MM


def test_the_household_of_6_pays_the_ladder(household_of_6):
    _household, receipt = household_of_6
    assert [c.amount_paid for c in receipt.contributions.order_by("enrollment__member_rank")] == SHARES
    assert receipt.amount_paid == sum(SHARES) == TOTAL


def test_the_a5_receipt_of_6_members_is_one_page_with_amounts_words_and_signatures(officer_client, household_of_6):
    _household, receipt = household_of_6
    response = officer_client.get(reverse("enrollment:receipt-pdf", args=[receipt.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf_pages(pdf) == 1
    width, height = media_box_mm(pdf)
    assert (round(width), round(height)) == (210, 148)  # A5, landscape
    text = flat(pdf_text(pdf))
    for member, share in zip(MEMBERS, SHARES, strict=True):
        assert member.full_name in text
        assert f"{share:,}".replace(",", ".") in text
    assert "4,5% × 2.530.000 đ × 70% = 79.695 đ/tháng × 12 tháng" in text  # how a share was computed
    assert "1/12/2026" in text and "BL-VL-000601" in text
    assert "Tổng số tiền 4.918.320 đ" in text
    assert f"Bằng chữ: {IN_WORDS}." in text
    assert "Người nộp tiền (Ký, ghi rõ họ tên)" in text and "Người thu tiền (Ký, ghi rõ họ tên)" in text
    assert text.count("Thạch Văn Sơn") == 3  # the head: payer, first row, payer's signature
    assert "Phạm Thị Thu" in text.split("Người thu tiền")[-1]  # the collector's name under their signature


def test_the_a5_receipt_carries_the_next_payments_vietqr_and_still_fits_one_page(officer_client, counter,
                                                                                   household_of_6, monkeypatch):
    """Once the post office takes transfers, the receipt of the six ends with the code of their renewal when the
    cards end: from 31/12/2027 (first cards, after the 30 days' wait: 31/12/2026–30/12/2027), 4,918,320 at today's
    rates (1/12/2026), ASH<household>T1227, to the post office's Vietcombank account."""
    from django.utils import timezone

    from ansinh.rules.vietqr import read_vietqr

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 12, 1))
    household, receipt = household_of_6
    point = counter["point"]
    point.bank_bin, point.bank_account = "970436", "0881000458086"
    point.save(update_fields=["bank_bin", "bank_account"])
    page = officer_client.get(reverse("enrollment:receipt-detail", args=[receipt.pk])).content.decode()
    code = read_vietqr(page.split('data-testid="receipt-next-code" data-payload="')[1].split('"')[0])
    assert (code.account, code.amount, code.reference) == ("0881000458086", 4_918_320, f"ASH{household.pk}T1227")
    assert "Kỳ sau, chuyển khoản</strong> (từ 31/12/2027): 4.918.320 đ" in page
    pdf = officer_client.get(reverse("enrollment:receipt-pdf", args=[receipt.pk])).content
    assert pdf_pages(pdf) == 1
    assert f"ASH{household.pk}T1227" in flat(pdf_text(pdf))


def test_every_support_of_6_members_still_fits_one_a5_page(officer_client, counter):
    """The longest rows: each member supported by the State (30%), the province (20%) and a sponsor (10%)."""
    household = household_register_with_members(user=counter["officer"], commune=counter["commune"],
                                                 members=MEMBERS, code="HGD-HT", address="Khóm 3")
    people = list(household.members.order_by("id"))
    support = {p.pk: HouseholdMember(name=p.full_name, state_support_pct=Decimal(30), local_support_pct=Decimal(20),
                                     sponsor_support_pct=Decimal(10)) for p in people}
    enrollments = services.household_enroll(user=counter["officer"], household=household, members=people, months=12,
                                            payment=_payment(counter, "BL-VL-000602"), member_support=support)
    receipt = enrollments[0].contributions.get().receipt
    pdf = officer_client.get(reverse("enrollment:receipt-pdf", args=[receipt.pk])).content
    assert pdf_pages(pdf) == 1
    text = flat(pdf_text(pdf))
    # Member 2: 79.695 a month; the State 30% = 23.908,5 → 23.909, the province 20% = 15.939, the sponsor
    # 10% = 7.969,5 → 7.970; the household pays 31.877 a month, × 12 = 382.524.
    assert "956.340 286.908 191.268 95.640 382.524" in text
    # Totals of the columns: due, State, province, sponsor, paid (the 12 months of every member summed by hand).
    assert "Cộng 4.918.320 1.475.508 983.664 491.844 1.967.304" in text
    assert "Người thu tiền" in text and "Phạm Thị Thu" in text


def test_the_80mm_receipt_is_one_roll_80mm_wide(officer_client, household_of_6):
    _household, receipt = household_of_6
    response = officer_client.get(reverse("enrollment:receipt-80mm-pdf", args=[receipt.pk]))
    pdf = response.content
    assert response["Content-Type"] == "application/pdf"
    assert pdf_pages(pdf) == 1  # continuous paper: one page as long as the receipt
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert float(box.width) == pytest.approx(226.77, abs=0.05) == ROLL_WIDTH_MM * MM
    width, height = media_box_mm(pdf)
    assert 120 < height < 400
    text = flat(pdf_text(pdf))
    assert "Bưu điện Vĩnh Long" in text and "BL-VL-000601" in text and "Ngày 1/12/2026" in text
    assert "Người nộp: Thạch Văn Sơn" in text
    for member, share in zip(MEMBERS, SHARES, strict=True):
        assert member.full_name in text and f"{share:,}".replace(",", ".") + " đ" in text
    assert "31/12/2026 – 30/12/2027 (12 tháng)" in text  # the first card waits 30 days
    assert "TỔNG CỘNG 4.918.320 đ" in text
    assert f"Bằng chữ: {IN_WORDS}." in text
    assert "Người thu: Phạm Thị Thu (NV-VL-001)" in text


def test_the_80mm_page_prints_from_the_browser(officer_client, household_of_6):
    _household, receipt = household_of_6
    response = officer_client.get(reverse("enrollment:receipt-80mm", args=[receipt.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "enrollment/receipt-80mm.css" in body and "core/behaviours.js" in body
    assert '<button type="button" data-print data-testid="print">' in body  # behaviours.js prints on a click
    assert reverse("enrollment:receipt-80mm-pdf", args=[receipt.pk]) in body
    page = officer_client.get(reverse("enrollment:receipt-detail", args=[receipt.pk])).content.decode()
    assert reverse("enrollment:receipt-80mm", args=[receipt.pk]) in page  # the A5 receipt links to it


def test_tk1_ts_is_pre_filled_with_the_person_and_the_household(officer_client, household_of_6):
    household, _receipt = household_of_6
    head = household.head
    person_page = officer_client.get(reverse("enrollment:person-detail", args=[head.pk])).content.decode()
    assert reverse("enrollment:declaration", args=[head.pk]) in person_page
    page = officer_client.get(reverse("enrollment:declaration", args=[head.pk]))
    assert page.status_code == 200 and "THẠCH VĂN SƠN" in page.content.decode()
    response = officer_client.get(reverse("enrollment:declaration-pdf", args=[head.pk]))
    pdf = response.content
    assert response["Content-Type"] == "application/pdf"
    width, height = media_box_mm(pdf)
    assert (round(width), round(height)) == (210, 297)  # A4
    assert pdf_pages(pdf) == 2  # the declaration, then the appendix of the household's members
    text = flat(pdf_text(pdf))
    assert "TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ" in text
    assert "[01]. Họ và tên (viết chữ in hoa): THẠCH VĂN SƠN" in text
    assert "[03]. Ngày, tháng, năm sinh: 1/5/1970" in text
    assert "[06]. Số CCCD/ĐDCN/Hộ chiếu: 084070000101" in text
    assert "[07]. Điện thoại: 0912000101" in text
    assert "[16]. Phương thức đóng: 12 tháng một lần" in text
    assert "PHỤ LỤC THÀNH VIÊN HỘ GIA ĐÌNH" in text
    for member in MEMBERS:
        assert member.full_name in text
        if member.citizen_id:
            assert member.citizen_id in text
    assert "Thạch Văn Phước Lộc 30/11/2012 Nam Con" in text  # a child without a citizen ID yet
    assert "Người kê khai (Ký, ghi rõ họ tên)" in text


def test_tk1_ts_of_a_voluntary_si_participant_has_no_appendix(officer_client, counter):
    from ansinh.registry.services import person_register

    person = person_register(user=counter["officer"], full_name="Nguyễn Thị Lan", date_of_birth=D("1990-06-15"),
                             sex="F", commune=counter["commune"], citizen_id="086190000201", phone="0987000201")
    services.person_enroll_voluntary_si(user=counter["officer"], person=person, income=2_000_000, category="other",
                                        method="3_months", months=3, payment=_payment(counter, "BL-VL-000701"))
    pdf = officer_client.get(reverse("enrollment:declaration-pdf", args=[person.pk])).content
    assert pdf_pages(pdf) == 1
    text = flat(pdf_text(pdf))
    assert "NGUYỄN THỊ LAN" in text and "15/6/1990" in text and "086190000201" in text
    assert "[15]. Mức tiền đóng: thu nhập 2.000.000 đ/tháng" in text
    assert "[16]. Phương thức đóng: 3 tháng một lần" in text
    assert "PHỤ LỤC" not in text


def test_another_provinces_user_gets_404_on_every_print(client, household_of_6, kon_tum_officer):
    household, receipt = household_of_6
    client.force_login(kon_tum_officer)
    for name, pk in (("receipt-80mm", receipt.pk), ("receipt-80mm-pdf", receipt.pk),
                     ("declaration", household.head_id), ("declaration-pdf", household.head_id)):
        assert client.get(reverse(f"enrollment:{name}", args=[pk])).status_code == 404


# ------------------------------------------------------------------------------------ in the browser

def _sign_in(page, url: str) -> None:
    page.goto(f"{url}/accounts/login/?next=/registry/")
    page.fill("#id_username", "vl_officer")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=registry-search]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chromium_prints_the_receipts_and_tk1_ts_on_their_paper(live_server, page, counter, household_of_6):
    """The browser's own print (chromium's PDF of the print view, at the paper size the CSS asks for)."""
    household, receipt = household_of_6
    _sign_in(page, live_server.url)
    page.goto(live_server.url + reverse("enrollment:receipt-detail", args=[receipt.pk]))
    a5 = page.pdf(prefer_css_page_size=True)
    assert pdf_pages(a5) == 1
    assert tuple(round(x) for x in media_box_mm(a5)) == (210, 148)
    text = flat(pdf_text(a5))
    assert "Tổng số tiền 4.918.320 đ" in text and "Người thu tiền" in text and "Phạm Thị Thu" in text
    assert "In biên lai" not in text  # the buttons stay on the screen

    page.goto(live_server.url + reverse("enrollment:receipt-80mm", args=[receipt.pk]))
    roll = page.pdf(prefer_css_page_size=True)
    assert pdf_pages(roll) == 1
    width, height = media_box_mm(roll)
    assert width == pytest.approx(80, abs=0.5) and 120 < height < 400
    assert "TỔNG CỘNG 4.918.320 đ" in flat(pdf_text(roll))

    page.goto(live_server.url + reverse("enrollment:declaration", args=[household.head_id]))
    tk1 = page.pdf(prefer_css_page_size=True)
    assert pdf_pages(tk1) == 2
    assert tuple(round(x) for x in media_box_mm(tk1)) == (210, 297)
    assert "THẠCH VĂN SƠN" in pdf_text(tk1)
