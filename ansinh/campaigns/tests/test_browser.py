"""In a real browser: a Trà Vinh officer opens the 2020 launch and reads 132,14%; screenshots for docs/."""

import pytest

from ansinh.campaigns.tests.conftest import load_demo_quickly
from ansinh.core.testing.users import TEST_PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SHOTS = "docs/screenshots"


def test_tra_vinh_launch_dashboard_ranking_map_and_a_result_on_a_phone(live_server, browser, page, units,
                                                                       tra_vinh_officer):
    load_demo_quickly()
    page.goto(f"{live_server.url}/accounts/login/?next=/campaigns/")
    page.fill("#id_username", "tv_officer")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("[data-testid=login-submit]")
    page.click("text=Lễ ra quân ngày BHYT Việt Nam 2020 — Trà Vinh")
    assert page.text_content("[data-testid=campaign-name]").strip() == "Lễ ra quân ngày BHYT Việt Nam 2020 — Trà Vinh"
    launch_day = page.text_content("[data-testid='day-2020-07-11']")
    assert "132,14%" in launch_day and "91,23%" in launch_day
    assert page.text_content("[data-testid=pct-voluntary_si]").strip() == "137,86%"
    assert page.text_content("[data-testid=pct-household_hi]").strip() == "91,23%"
    page.wait_for_selector("#campaign-map path.leaflet-interactive")
    assert page.locator("#campaign-map path.leaflet-interactive").count() == 9
    assert page.locator("canvas#chart-voluntary_si").is_visible()
    page.wait_for_timeout(300)
    page.screenshot(path=f"{SHOTS}/campaigns-dashboard.png", full_page=False)
    page.locator("#campaign-map").scroll_into_view_if_needed()
    page.locator("h2:has-text('Theo đơn vị') + .twocol").screenshot(path=f"{SHOTS}/campaigns-map.png")

    page.click("nav.tabs >> text=Xếp hạng thi đua")
    assert page.locator("[data-testid=rank-teams] tbody tr").count() == 76
    page.screenshot(path=f"{SHOTS}/campaigns-ranking.png", full_page=False)

    page.click("nav.tabs >> text=Duy trì")
    assert "60,21%" in page.text_content("[data-testid=retention-voluntary_si]")
    page.screenshot(path=f"{SHOTS}/campaigns-retention.png", full_page=False)
    _result_on_a_phone(live_server, browser)


def _result_on_a_phone(live_server, browser):
    """The national month, as the Trà Vinh officer on a phone: a negative count is refused, then 14 counted."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/?next=/campaigns/thang-van-dong-bhxh-toan-dan-2022/results/")
        page.fill("#id_username", "tv_officer")
        page.fill("#id_password", TEST_PASSWORD)
        page.click("[data-testid=login-submit]")
        form = page.locator("[data-testid=result-form]")
        form.locator("#result-unit").fill("842")
        form.locator("input[name=day]").fill("2022-05-08")
        form.locator("input[name=count]").fill("-4")
        form.locator("button[type=submit]").click()
        assert "không được âm" in page.text_content("main")
        form = page.locator("[data-testid=result-form]")
        form.locator("#result-unit").fill("842")
        form.locator("input[name=day]").fill("2022-05-08")
        form.locator("input[name=count]").fill("14")
        form.locator("button[type=submit]").click()
        assert "Đã ghi 14 người" in page.text_content("main")
        page.screenshot(path=f"{SHOTS}/campaigns-results-phone.png", full_page=False)
    finally:
        context.close()
