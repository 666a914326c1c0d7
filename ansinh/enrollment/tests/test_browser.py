"""In a real browser, at a phone's size, as the collector of Trà Vinh on a day of today's structure: register a
household of 3 in Phường Long Đức (picked by typing "long duc"), record one member near-poor with the commune's
decision, pay 12 months with each line explained and print the receipt (A5 PDF, one page).

By hand, 12 months from 1/12/2026 (base salary 2,530,000, HI 4.5 % = 113,850 a month):
- Thạch Văn Sơn, first on the ladder, 100 %: 113,850 × 12 = 1,366,200;
- Kim Thị Hoa, near-poor in 2026, unranked: 113,850 less the state's 70 % (79,695) = 34,155 × 12 = 409,860;
- Thạch Minh Tú, second on the ladder, 70 %: 79,695 × 12 = 956,340;
total 2,732,400, of which the state pays 956,340.
"""

import datetime as dt
from pathlib import Path

import pytest

from ansinh.core.testing.browser import fits
from ansinh.core.testing.browser import sign_in as sign_in_at
from ansinh.core.testing.pdf import pdf_pages
from ansinh.network.testing import make_point, make_staff

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def sign_in(page, url: str, username: str) -> None:
    sign_in_at(page, url, username, "/registry/", wait_for="[data-testid=registry-search]")


def test_a_collector_registers_a_household_of_3_with_one_near_poor_and_prints_the_receipt(live_server, phone, unit):
    from ansinh.core.testing.users import make_user
    from ansinh.enrollment.models import Receipt
    from ansinh.geo.models import Unit

    long_duc = Unit.objects.get(era="2025", code="29263")
    collector = make_user("thuvien", role="collector", scope_unit=unit("84", "pre2025"))
    point = make_point(long_duc, code="BD-LD-01", name="Bưu điện phường Long Đức")
    staff = make_staff(long_duc, code="NV-TV-001", full_name="Phạm Thị Thu", point=point)
    staff.user = collector
    staff.save(update_fields=["user"])
    page = phone
    sign_in(page, live_server.url, "thuvien")
    assert not page.is_visible(".site-header >> text=Chiến dịch")  # the menu is folded at 390 px
    page.click("[data-testid=menu]")
    assert page.is_visible(".site-header >> text=Mạng lưới thu")
    page.screenshot(path=str(SCREENSHOTS / "menu-phone.png"))
    page.click("[data-testid=menu]")
    assert fits(page)
    page.click("text=Đăng ký hộ")
    page.fill("#id_commune", "long duc")
    page.locator(".picker-option", has_text="Phường Long Đức").first.click()
    assert page.input_value("#id_commune") == "Phường Long Đức — Tỉnh Vĩnh Long (29263)"
    page.fill("#id_address", "Khóm 2")
    members = [("Thạch Văn Sơn", "01/05/1970", "M", "084070000101", "head"),
               ("Kim Thị Hoa", "09/08/1972", "F", "084172000102", "spouse"),
               ("Thạch Minh Tú", "20/01/2001", "M", "084201000103", "child")]
    for i, (name, born, sex, cid, relation) in enumerate(members):
        page.fill(f"#id_m-{i}-full_name", name)
        page.fill(f"#id_m-{i}-date_of_birth", born)
        page.select_option(f"#id_m-{i}-sex", sex)
        page.fill(f"#id_m-{i}-citizen_id", cid)
        page.select_option(f"#id_m-{i}-relation", relation)
    assert fits(page)
    page.screenshot(path=str(SCREENSHOTS / "registry-household-new.png"), full_page=True)
    page.click("[data-testid=household-save]")
    page.wait_for_selector("[data-testid=pay-form]")
    assert page.text_content("[data-testid=household-code]").strip() == "Hộ H29263-0001"

    page.click("[data-testid=status-section] summary")
    page.select_option("[data-testid=status-form] #id_person", label="Kim Thị Hoa")
    page.select_option("[data-testid=status-form] #id_kind", "near_poor")
    page.fill("[data-testid=status-form] #id_year", "2026")
    page.fill("[data-testid=status-form] #id_evidence", "QĐ 15/QĐ-UBND ngày 15/1/2026 của UBND phường Long Đức")
    page.fill("[data-testid=status-form] #id_decided_on", "15/01/2026")
    page.click("[data-testid=status-save]")
    page.wait_for_selector("[data-testid=member-status]")
    assert page.text_content("[data-testid=member-status]").strip() == "Thuộc hộ cận nghèo 2026"

    page.select_option("#id_months", "12")
    page.fill("#id_paid_on", "01/12/2026")
    page.click("[data-testid=preview]")
    page.wait_for_selector("[data-testid=quote-total]")
    assert page.text_content("[data-testid=quote-total]") == "2.732.400"
    quote = page.text_content("[data-testid=quote]")
    assert ("Người thuộc hộ cận nghèo (Kim Thị Hoa): ngân sách Nhà nước hỗ trợ 70% mức đóng = 79.695 đ/tháng × 12 "
            "tháng") in quote
    assert [c.strip() for c in page.locator("[data-testid=member-shares] tbody td.num").all_text_contents()] == [
        "1.366.200", "409.860", "956.340"]
    assert fits(page)
    page.screenshot(path=str(SCREENSHOTS / "registry-quote.png"), full_page=True)
    page.fill("#id_receipt_number", "BL-LD-000101")
    assert page.input_value("#id_collection_point") == str(point.pk)  # the collector's own point, pre-filled
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=receipt-total]")
    assert page.text_content("[data-testid=receipt-total]") == "2.732.400"
    assert page.text_content("[data-testid=receipt-number]") == "BL-LD-000101"
    receipt = Receipt.objects.get(number="BL-LD-000101")
    assert [(c.enrollment.person.full_name, c.amount_due, c.state_support, c.amount_paid, c.card.number)
            for c in receipt.contributions.order_by("id")] == [
        ("Thạch Văn Sơn", 1_366_200, 0, 1_366_200, ""), ("Kim Thị Hoa", 1_366_200, 956_340, 409_860, ""),
        ("Thạch Minh Tú", 956_340, 0, 956_340, "")]
    assert receipt.commune == long_duc
    assert fits(page)
    page.screenshot(path=str(SCREENSHOTS / "registry-receipt.png"), full_page=True)
    pdf = page.request.get(live_server.url + page.locator("[data-testid=pdf]").get_attribute("href"))
    assert (pdf.status, pdf.body()[:5], pdf_pages(pdf.body())) == (200, b"%PDF-", 1)
    page.click("text=Về hồ sơ")
    page.wait_for_selector("[data-testid=person-name]")
    assert page.text_content("[data-testid=person-name]") == "Thạch Văn Sơn"
    assert "Chờ cấp mã" in page.text_content("[data-testid=cards]")
    assert fits(page)
    page.screenshot(path=str(SCREENSHOTS / "registry-person.png"), full_page=True)


def test_a_collector_cancels_her_own_receipt_on_the_phone(live_server, phone, unit):
    from ansinh.core.testing.users import make_user
    from ansinh.enrollment.models import Enrollment, Receipt
    from ansinh.enrollment.services import Payment, person_enroll_voluntary_si
    from ansinh.geo.models import Unit
    from ansinh.registry.testing import make_person

    long_duc = Unit.objects.get(era="2025", code="29263")
    collector = make_user("thuvien", role="collector", scope_unit=unit("84", "pre2025"))
    point = make_point(long_duc, code="BD-LD-01", name="Bưu điện phường Long Đức")
    staff = make_staff(long_duc, code="NV-TV-001", full_name="Phạm Thị Thu", point=point)
    person = make_person(collector, long_duc, full_name="Lâm Thị Mai", citizen_id="084185000941", sex="F")
    enrollment = person_enroll_voluntary_si(user=collector, person=person, income=1_500_000, category="other",
                                            method="monthly", months=1,
                                            payment=Payment("BL-LD-000102", dt.date(2026, 12, 1), point, staff))
    receipt = enrollment.contributions.get().receipt
    page = phone
    sign_in(page, live_server.url, "thuvien")
    page.goto(f"{live_server.url}/registry/receipts/{receipt.pk}/")
    page.click("[data-testid=cancel]")
    page.wait_for_selector("[data-testid=confirm-cancel]")
    assert fits(page)
    page.fill("#id_reason", "Ghi nhầm người nộp")
    page.click("[data-testid=confirm-cancel]")
    page.wait_for_selector("[data-testid=cancelled]")
    assert page.text_content("[data-testid=cancel-reason]") == "Ghi nhầm người nộp"
    assert "264.000" in page.text_content("[data-testid=cancelled-lines]")
    assert fits(page)
    page.screenshot(path=str(SCREENSHOTS / "receipt-cancelled.png"), full_page=True)
    assert Receipt.objects.get(pk=receipt.pk).cancel_reason == "Ghi nhầm người nộp"
    assert not Enrollment.objects.filter(pk=enrollment.pk).exists()
