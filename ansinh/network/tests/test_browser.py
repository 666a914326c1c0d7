"""In a real browser, at a phone's size (390 × 844): an officer of old Lâm Đồng uploads the sheet of 184 BHXH staff on
the import page and sees 184 stored, none refused; the import page, its result and the staff list fit the screen
(nothing scrolls sideways)."""

import pytest

from ansinh.core.testing.users import TEST_PASSWORD, make_user
from ansinh.network.testing import lam_dong_staff_sheet

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
WIDTH = 390


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": WIDTH, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_an_officer_uploads_184_staff_and_sees_184_stored(live_server, phone, unit, tmp_path):
    make_user("lamdong", role="province_officer", scope_unit=unit("68", "pre2025"))
    sheet = lam_dong_staff_sheet(tmp_path / "can-bo-bhxh-lam-dong-2023.xlsx")
    page = phone
    page.goto(f"{live_server.url}/accounts/login/?next=/network/import/")
    page.fill("#id_username", "lamdong")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=import-form]")
    assert _fits(page)

    page.select_option("#id_kind", "staff")
    page.set_input_files("#id_file", str(sheet))
    page.click("[data-testid=import-submit]")
    page.wait_for_selector("[data-testid=import-counts]")
    assert page.text_content("[data-testid=rows-read]").strip() == "184"
    assert page.text_content("[data-testid=rows-stored]").strip() == "184"
    assert page.text_content("[data-testid=rows-rejected]").strip() == "0"
    assert page.locator("[data-testid=error-file]").count() == 0
    assert _fits(page)

    page.click("text=Xem danh sách")
    page.wait_for_selector("[data-testid=staff-table]")
    assert "Trang 1/4 · 184 dòng" in page.text_content(".pager")
    assert _fits(page)
