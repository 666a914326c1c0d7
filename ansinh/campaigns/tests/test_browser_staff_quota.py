"""In a real browser, at a phone's size (390 × 844): an officer of old Lâm Đồng uploads the sheet of 184 BHXH staff on
the import page and sees 184 stored, none refused, then gives the 2023 drive its quota from them on the campaign's
targets page (1 voluntary SI and 2 household HI each: 184 and 368); the pages fit the screen (nothing scrolls
sideways)."""

import pytest

from ansinh.core.testing.browser import fits, sign_in
from ansinh.core.testing.users import make_user
from ansinh.network.testing import lam_dong_staff_sheet

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_an_officer_uploads_184_staff_and_sees_184_stored(live_server, phone, unit, tmp_path):
    make_user("lamdong", role="province_officer", scope_unit=unit("68", "pre2025"))
    sheet = lam_dong_staff_sheet(tmp_path / "can-bo-bhxh-lam-dong-2023.xlsx")
    page = phone
    sign_in(page, live_server.url, "lamdong", "/network/import/", wait_for="[data-testid=import-form]")
    assert fits(page)

    page.select_option("#id_kind", "staff")
    page.set_input_files("#id_file", str(sheet))
    page.click("[data-testid=import-submit]")
    page.wait_for_selector("[data-testid=import-counts]")
    assert page.text_content("[data-testid=rows-read]").strip() == "184"
    assert page.text_content("[data-testid=rows-stored]").strip() == "184"
    assert page.text_content("[data-testid=rows-rejected]").strip() == "0"
    assert page.locator("[data-testid=error-file]").count() == 0
    assert fits(page)

    page.click("text=Xem danh sách")
    page.wait_for_selector("[data-testid=staff-table]")
    assert "Trang 1/4 · 184 dòng" in page.text_content(".pager")
    assert fits(page)

    import datetime as dt

    from ansinh.accounts.models import User
    from ansinh.campaigns.models import Target
    from ansinh.campaigns.services import campaign_create

    campaign = campaign_create(
        user=User.objects.get(username="lamdong"), name="Đợt ra quân vận động BHXH tự nguyện, BHYT hộ gia đình 2023",
        start_date=dt.date(2023, 7, 22), end_date=dt.date(2023, 7, 31), area=unit("68", "pre2025"),
        retention_date=dt.date(2023, 12, 31))
    page.goto(f"{live_server.url}/campaigns/{campaign.slug}/targets/")
    page.wait_for_selector("[data-testid=quota-form]")
    page.fill("[data-testid=quota-form] #id_vsi", "1")
    page.fill("[data-testid=quota-form] #id_hh", "2")
    page.select_option("[data-testid=quota-form] #id_who", "bhxh")
    page.click("[data-testid=quota-form] button[type=submit]")
    page.wait_for_selector("text=Đã giao chỉ tiêu theo định mức.")
    province = Target.objects.filter(campaign=campaign, holder="unit", unit__code="68")
    assert sorted(province.values_list("scheme", "count")) == [("household_hi", 368), ("voluntary_si", 184)]
    assert Target.objects.filter(campaign=campaign, holder="staff").count() == 2 * 184
    assert fits(page)
