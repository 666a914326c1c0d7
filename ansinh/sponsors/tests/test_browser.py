"""In a real browser, as the officer of Quảng Ngãi on 5/9/2025: open a pledge of a fixed 3,000,000 for the pupils of a
school, type "y" to find the pupils, tick five of them and give them cards (4 × 631,800 and 472,800 of the fifth);
then, on a phone, pay the fifth card and see the family's 159,000 before recording it (screenshots for docs/)."""

import datetime as dt
from pathlib import Path

import pytest

from ansinh.core.testing.browser import fits, sign_in
from ansinh.sponsors.tests.conftest import SCHOOL

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
D = dt.date.fromisoformat


def test_the_officer_gives_five_pupils_cards_and_pays_the_fifth_on_a_phone(live_server, page, phone, officer,
                                                                         sponsor, unit, pupils, counter, today):
    from ansinh.enrollment.models import Receipt
    from ansinh.sponsors.models import SponsoredCard
    from ansinh.sponsors.services import pledge_create, pledge_receive

    pledge = pledge_create(user=officer, sponsor=sponsor, unit=unit("23341", "2025"), pledged_on=D("2025-09-01"),
                           beneficiaries="school", school=SCHOOL, amount=3_000_000, period_start=D("2025-09-01"),
                           period_end=D("2026-08-31"))
    pledge_receive(user=officer, pledge=pledge, received_on=D("2025-09-03"), amount=3_000_000, reference="UNC 0915")
    sign_in(page, live_server.url, "qn_officer", f"/sponsors/pledges/{pledge.pk}/", wait_for="[data-testid=balance]")
    page.fill("#q", "y")
    page.click("[data-testid=search]")
    page.wait_for_selector("[data-testid=candidates]")
    boxes = page.locator("[data-testid=candidates] input[type=checkbox]")
    assert boxes.count() == 5
    for i in range(5):
        boxes.nth(i).check()
    page.click("[data-testid=give-save]")
    page.wait_for_selector("[data-testid=card-table]")
    assert page.locator("[data-testid=card-row]").count() == 5
    assert page.text_content("[data-testid=set-aside]") == "3.000.000"
    assert page.text_content("[data-testid=left]").strip() == "0 đ"
    amounts = sorted(c.amount for c in SponsoredCard.objects.filter(pledge=pledge))
    assert amounts == [472_800] + [631_800] * 4
    page.screenshot(path=str(SCREENSHOTS / "sponsors-pledge.png"), full_page=True)

    sign_in(phone, live_server.url, "qn_officer", f"/sponsors/pledges/{pledge.pk}/", wait_for="[data-testid=balance]")
    assert fits(phone)
    fifth = SponsoredCard.objects.get(pledge=pledge, amount=472_800)
    phone.goto(f"{live_server.url}/sponsors/cards/{fifth.pk}/pay/")
    phone.fill("#id_receipt_number", "DP-0005")
    phone.select_option("#id_collection_point", label="Bưu điện xã Đăk Pék")
    phone.click("[data-testid=preview]")
    phone.wait_for_selector("[data-testid=family-pays]")
    assert phone.text_content("[data-testid=family-pays]") == "159.000"
    assert fits(phone)
    phone.screenshot(path=str(SCREENSHOTS / "sponsors-card-pay-phone.png"), full_page=True)
    phone.click("[data-testid=save]")
    phone.wait_for_url("**/registry/receipts/**")
    assert Receipt.objects.get(number="DP-0005").amount_paid == 159_000
