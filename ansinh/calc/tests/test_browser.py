"""In a real browser, on a phone-sized screen: fill the household form and read the total; print it."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

SCREENSHOTS = Path(settings.PROJECT_DIR) / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}


def test_household_quote_on_a_phone(live_server, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/calc/")
    page.fill("#id_on", "2024-09-01")
    page.fill("#id_members", "3")
    page.press("#id_members", "Tab")
    page.wait_for_selector("[data-testid=member-group-3]")
    page.select_option("#id_months", "12")
    page.click("[data-testid=calc-submit]")
    page.wait_for_selector("[data-testid=total] >> text=2.906.280 đ")
    assert page.text_content("[data-testid=total]") == "2.906.280 đ"
    assert page.text_content("[data-testid=monthly-total]") == "242.190 đ"
    assert "members=3" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.evaluate("document.querySelector('#calc-result').scrollIntoView()")
    page.screenshot(path=str(SCREENSHOTS / "calc-phone.png"))


def test_member_group_changes_the_total_without_reloading(live_server, page):
    page.goto(f"{live_server.url}/calc/?on=2024-09-01&members=3&months=12")
    page.select_option("[data-testid=member-group-2]", "near_poor")
    page.wait_for_selector("[data-testid=total] >> text=2.527.200 đ")
    page.select_option("#id_province", "68")
    page.wait_for_selector("[data-testid=total] >> text=2.148.120 đ")
    page.screenshot(path=str(SCREENSHOTS / "calc-household.png"), full_page=True)


def test_print_shows_the_breakdown_without_the_form(live_server, page):
    page.goto(f"{live_server.url}/calc/voluntary-si/?on=2026-03-01&income=1500000&category=near_poor"
              "&method=advance&months=60")
    page.emulate_media(media="print")
    assert not page.is_visible("[data-testid=vsi-form]")
    assert not page.is_visible("[data-testid=print]")
    assert page.is_visible("text=Bảng tính mức đóng BHXH tự nguyện")
    assert page.text_content("[data-testid=total]") == "10.178.148 đ"
    assert page.is_visible("[data-testid=unconfirmed-warning]")
    page.screenshot(path=str(SCREENSHOTS / "calc-print.png"), full_page=True)


def test_a_province_its_groups_and_an_age_on_a_phone(live_server, page):
    """Hồ Chí Minh City on 14/11/2025 (NQ 56/2025): a grandmother of 70 and a pupil pay nothing; at 75 she pays."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/calc/?on=2025-11-14&members=2&months=12")
    page.select_option("[data-testid=member-group-2]", "student")
    page.wait_for_selector("[data-testid=total] >> text=1.895.400 đ")
    page.select_option("#id_province", "79")
    page.wait_for_selector("[data-testid=member-age-1]")
    page.select_option("[data-testid=member-local-group-2]", "pupil")
    page.wait_for_selector("[data-testid=total] >> text=1.263.600 đ")
    page.fill("[data-testid=member-age-1]", "70")
    page.press("[data-testid=member-age-1]", "Tab")
    page.wait_for_selector('[data-testid=total] >> text="0 đ"')  # exact: "1.263.600 đ" holds "0 đ"
    assert page.is_visible("text=người từ đủ 65 tuổi đến dưới 75 tuổi")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SCREENSHOTS / "calc-local-support-phone.png"), full_page=True)
    page.fill("[data-testid=member-age-1]", "75")
    page.press("[data-testid=member-age-1]", "Tab")
    page.wait_for_selector("[data-testid=total] >> text=1.263.600 đ")


@pytest.mark.django_db(transaction=True)
def test_the_ha_noi_officer_ends_a_top_up_on_the_parameters_page(live_server, page, unit):
    """The officer of Hà Nội lists Hà Nội's rows on 1/1/2031, ends the 70–75 row after 31/12/2030 and sees it stop."""
    from ansinh.calc import quotes
    from ansinh.core.testing.browser import fits, sign_in
    from ansinh.core.testing.users import make_user

    make_user("hn_officer", role="province_officer", scope_unit=unit("01", "2025"))
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "hn_officer", "/calc/parameters/?on=01/01/2031&province=01",
            wait_for="[data-testid=top-up-rows]")
    row = "[data-testid=end-top-up-01-hi-household]"
    page.click(f"details:has({row}) summary")
    page.fill(f"{row} [name=last_day]", "31/12/2030")
    page.fill(f"{row} [name=legal_ref]", "Nghị quyết 01/2031/NQ-HĐND TP Hà Nội (thử)")
    page.click(f"{row} button[type=submit]")
    page.wait_for_selector("text=Đã kết thúc mức hỗ trợ")
    assert quotes.household_hi(on=dt.date(2031, 1, 1), members=1, ages=[72], province="01").total == 1_366_200
    page.goto(f"{live_server.url}/calc/parameters/?on=01/01/2031&province=01#s-local")
    assert page.is_visible("[data-testid=top-up-rows] >> text=ngừng hỗ trợ")
    assert page.is_visible("[data-testid=add-top-up]")
    assert not page.is_visible("[data-testid=add-row]")
    assert fits(page)
    page.locator("[data-testid=top-up-rows] tr", has_text="ngừng hỗ trợ").evaluate(
        "row => row.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(SCREENSHOTS / "calc-parameters.png"))
