"""In a real browser, at a phone's size: the officer of today's Vĩnh Long adds a staff member of old Trà Vinh's city
who started in 2024, by typing — the active-from day first, then "tra vinh" in the unit picker, which then offers the
units of 2024 (Thành phố Trà Vinh), and two communes served picked one after the other in the same input."""

from pathlib import Path

import pytest

from ansinh.core.testing.browser import fits, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def test_an_officer_adds_a_2024_staff_member_with_the_pickers_on_a_phone(live_server, phone, vinh_long_officer):
    from ansinh.network.models import Staff

    page = phone
    sign_in(page, live_server.url, "vl_officer", "/network/staff/new/", wait_for="#id_unit")
    assert page.input_value("#id_unit") == "Tỉnh Vĩnh Long (86)"  # the officer's own unit, today
    page.fill("#id_code", "TV-NV-201")
    page.fill("#id_full_name", "Sơn Thị Sa Rum")
    page.fill("#id_valid_from", "01/03/2024")
    page.fill("#id_unit", "thanh pho tra")
    page.locator("#id_unit-options .picker-option", has_text="Thành phố Trà Vinh").first.click()
    assert page.input_value("#id_unit") == "Thành phố Trà Vinh — Tỉnh Trà Vinh, đến 30/6/2025 (842)"
    page.fill("#id_communes", "phuong 1")
    page.locator("#id_communes-options .picker-option", has_text="Phường 1 — Thành phố Trà Vinh").first.click()
    page.focus("#id_communes")
    page.keyboard.press("End")
    page.keyboard.type("phuong 4")
    page.locator("#id_communes-options .picker-option", has_text="Phường 4 — Thành phố Trà Vinh").first.click()
    page.focus("#id_communes")
    page.keyboard.press("End")
    page.keyboard.type("phuong")  # the next suggestions drop down over the form
    page.wait_for_selector("#id_communes-options .picker-option >> text=Phường 5")
    assert fits(page)
    page.screenshot(path=str(SCREENSHOTS / "network-staff-pickers.png"))
    page.keyboard.press("Escape")
    page.fill("#id_communes", page.input_value("#id_communes").removesuffix("phuong"))
    assert page.input_value("#id_communes") == (
        "Phường 1 — Thành phố Trà Vinh, Tỉnh Trà Vinh, đến 30/6/2025 (29239); "
        "Phường 4 — Thành phố Trà Vinh, Tỉnh Trà Vinh, đến 30/6/2025 (29236); ")
    page.click("[data-testid=staff-save]")
    page.wait_for_selector("text=Đã thêm nhân viên Sơn Thị Sa Rum (TV-NV-201).")
    staff = Staff.objects.get(code="TV-NV-201")
    assert (staff.unit.code, staff.unit.era, str(staff.valid_from)) == ("842", "pre2025", "2024-03-01")
    assert sorted(staff.communes.values_list("code", flat=True)) == ["29236", "29239"]
