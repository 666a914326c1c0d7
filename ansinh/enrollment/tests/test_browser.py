"""In a real browser, at a phone's size: register a household of 3, see 12 months' household HI with each line
explained (3.142.260 from 1/7/2026, 2.906.280 from 1/9/2024), record the latter and print the receipt."""

from pathlib import Path

import pytest

from ansinh.core.testing.users import TEST_PASSWORD
from ansinh.network.testing import make_point, make_staff

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, url: str) -> None:
    page.goto(f"{url}/accounts/login/?next=/registry/")
    page.fill("#id_username", "tv_officer")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=registry-search]")


def test_register_a_household_of_3_and_pay_12_months(live_server, phone, unit, tra_vinh_officer):
    from ansinh.geo.models import Unit

    commune = Unit.objects.get(era="pre2025", code="29239")
    point = make_point(commune, code="BD-TV-01", name="Bưu điện thành phố Trà Vinh")
    make_staff(commune, code="NV-TV-001", full_name="Phạm Thị Thu", point=point)
    page = phone
    sign_in(page, live_server.url)
    page.click("text=Đăng ký hộ")
    page.select_option("#id_commune", "29239")
    page.fill("#id_address", "Khóm 2")
    members = [("Thạch Văn Sơn", "1970-05-01", "M", "084070000101", "head"),
               ("Kim Thị Hoa", "1972-08-09", "F", "084172000102", "spouse"),
               ("Thạch Minh Tú", "2001-01-20", "M", "084201000103", "child")]
    for i, (name, born, sex, cid, relation) in enumerate(members):
        page.fill(f"#id_m-{i}-full_name", name)
        page.fill(f"#id_m-{i}-date_of_birth", born)
        page.select_option(f"#id_m-{i}-sex", sex)
        page.fill(f"#id_m-{i}-citizen_id", cid)
        page.select_option(f"#id_m-{i}-relation", relation)
    page.screenshot(path=str(SCREENSHOTS / "registry-household-new.png"), full_page=True)
    page.click("[data-testid=household-save]")
    page.wait_for_selector("[data-testid=pay-form]")
    assert page.text_content("[data-testid=household-code]").strip() == "Hộ H29239-0001"
    page.select_option("#id_months", "12")
    for paid_on, shown in (("2026-07-01", "3.142.260"), ("2024-09-01", "2.906.280")):
        page.fill("#id_paid_on", paid_on)
        page.click("[data-testid=preview]")
        page.wait_for_selector("[data-testid=quote-total]")
        assert page.text_content("[data-testid=quote-total]") == shown
    assert "Thành viên thứ 3 (Thạch Minh Tú)" in page.text_content("[data-testid=quote]")
    page.screenshot(path=str(SCREENSHOTS / "registry-quote.png"), full_page=True)
    page.fill("#id_receipt_number", "BL-TV-000101")
    page.select_option("#id_collection_point", label="Bưu điện thành phố Trà Vinh")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=receipt-total]")
    assert page.text_content("[data-testid=receipt-total]") == "2.906.280"
    assert page.text_content("[data-testid=receipt-number]") == "BL-TV-000101"
    page.screenshot(path=str(SCREENSHOTS / "registry-receipt.png"), full_page=True)
    page.click("text=Về hồ sơ")
    page.wait_for_selector("[data-testid=person-name]")
    page.screenshot(path=str(SCREENSHOTS / "registry-person.png"), full_page=True)
