"""In a real browser: sign in, search "tra vinh", open the province."""

import pytest

from ansinh.core.testing.users import TEST_PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_sign_in_search_and_open_tra_vinh(live_server, page, units, tra_vinh_officer):
    page.goto(f"{live_server.url}/units/")
    page.fill("#id_username", "tv_officer")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("[data-testid=login-submit]")
    page.fill("[data-testid=unit-search]", "tra vinh")
    page.wait_for_selector("#unit-rows >> text=Tỉnh Trà Vinh")
    page.click("#unit-rows >> text=Tỉnh Trà Vinh")
    assert page.text_content("[data-testid=unit-name]") == "Tỉnh Trà Vinh"
    assert "Tỉnh Vĩnh Long" in page.text_content("[data-testid=successors]")
    page.screenshot(path="docs/screenshots/unit-tra-vinh.png", full_page=False)


def test_the_api_docs_work_under_the_content_security_policy(live_server, page, admin_user):
    """Swagger UI (its script served by the site, not inline): the page fixture fails the test on any refusal of
    the policy."""
    from ansinh.core.testing.browser import sign_in

    admin_user.is_staff = True
    admin_user.save(update_fields=["is_staff"])
    sign_in(page, live_server.url, admin_user.username, "/api/docs/", wait_for=".swagger-ui .info .title")
    assert "ansinh API" in page.inner_text(".swagger-ui .info .title")
