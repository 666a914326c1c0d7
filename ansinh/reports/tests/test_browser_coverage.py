"""In a real browser: a Trà Vinh officer opens the coverage dashboard for 30/6/2020."""

import pytest

from ansinh.core.testing.users import TEST_PASSWORD
from ansinh.plans.demo import load_demo

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_tra_vinh_dashboard_30_6_2020(live_server, page, units, admin_user, tra_vinh_officer):
    load_demo()
    page.goto(f"{live_server.url}/accounts/login/?next=/reports/coverage/%3Funit%3D84%26era%3Dpre2025%26on%3D2020-06-30")
    page.fill("#id_username", "tv_officer")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=dashboard-title]")
    assert page.text_content("[data-testid=dashboard-title]").strip() == "Bao phủ BHXH, BHYT — Tỉnh Trà Vinh"
    assert page.text_content("[data-testid=dashboard-date]") == "30/6/2020"
    assert "95,61%" in page.text_content("[data-testid=kpi-hi_coverage]")
    assert page.text_content("[data-testid=pct-hi_coverage-province]").strip() == "98,92%"
    assert page.text_content("[data-testid=pct-voluntary_si-bhxh]").strip() == "67,25%"
    assert "+6,23 điểm" in page.text_content("[data-testid=row-hi_coverage]")
    page.wait_for_function("window.ansinhCharts && window.ansinhCharts.plan && window.ansinhMap")
    bars = page.evaluate("window.ansinhCharts.plan.data.datasets[0].data")
    assert bars == [106.97, 98.92, 67.25]
    markers = page.locator("#unit-map path.leaflet-interactive").count()
    assert markers == 9  # the 9 districts of Trà Vinh, at their centroids
    page.screenshot(path="docs/screenshots/plans-dashboard-tra-vinh.png", full_page=True)
