"""The transfers read from a statement, as the officer sees them on a desktop and on a phone (screenshots)."""

from pathlib import Path

import pytest

from ansinh.core.testing.browser import fits, sign_in
from ansinh.enrollment.bank import import_statement
from ansinh.enrollment.tests.test_bank import vietcombank_statement, world  # noqa: F401 - the fixture

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def test_the_officer_sees_what_to_settle_first(live_server, page, phone, tmp_path, world, tra_vinh_officer):  # noqa: F811
    import_statement(vietcombank_statement(tmp_path / "sao-ke.xlsx", world["household"].pk, world["vsi"].pk),
                     user=tra_vinh_officer, point=world["point"])
    sign_in(page, live_server.url, "tv_officer", "/registry/bank/", wait_for="[data-testid=transfers]")
    rows = page.locator("[data-testid=transfers] tbody tr")
    assert rows.count() == 4
    assert "Cần xem lại" in rows.nth(0).text_content() and "Cần xem lại" in rows.nth(1).text_content()
    assert "Biên lai CK-" in rows.nth(2).text_content()
    page.screenshot(path=str(SCREENSHOTS / "registry-bank.png"), full_page=True)
    sign_in(phone, live_server.url, "tv_officer", "/registry/bank/?status=refused", wait_for="[data-testid=transfers]")
    assert phone.locator("[data-testid=transfers] tbody tr").count() == 2
    assert fits(phone)
