"""A collector's morning on a phone, on 1/12/2026: the worklist shows the household whose three cards end on
31/12/2026 and the card that lapsed on 30/9/2026 (renew by 31/12/2026 to keep continuity); she calls the lapsed
one — the page carries the VietQR code of the renewal, to her post office's account — who promises to pay on
15/12, and the entry leaves her list until then."""

import datetime as dt
from pathlib import Path

import pytest

from ansinh.core.testing.browser import fits, sign_in
from ansinh.network.testing import make_point, make_staff
from ansinh.rules.vietqr import read_vietqr

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
D = dt.date.fromisoformat


def test_a_collector_follows_up_her_worklist_on_a_phone(live_server, phone, unit, monkeypatch, settings, tmp_path):
    from django.utils import timezone

    from ansinh.core.testing.users import make_user
    from ansinh.enrollment import services
    from ansinh.enrollment.models import Contact
    from ansinh.geo.models import Unit
    from ansinh.registry.services import MemberInput, household_register_with_members

    long_duc = Unit.objects.get(era="2025", code="29263")
    collector = make_user("thuvien", role="collector", scope_unit=unit("84", "pre2025"))
    point = make_point(long_duc, code="BD-LD-01", name="Bưu điện phường Long Đức")
    point.bank_bin, point.bank_account, point.bank_account_name = "970436", "0881000458086", "BUU DIEN LONG DUC"
    point.save(update_fields=["bank_bin", "bank_account", "bank_account_name"])
    staff = make_staff(long_duc, code="NV-TV-001", full_name="Phạm Thị Thu", point=point)
    staff.user = collector
    staff.save(update_fields=["user"])
    three = household_register_with_members(
        user=collector, commune=long_duc, code="HGD-LD-1", on=D("2025-11-01"), members=[
        MemberInput("Thạch Văn Sơn", D("1970-05-01"), "M", "head", "084070000101", phone="0912000101"),
        MemberInput("Kim Thị Hoa", D("1972-08-09"), "F", "spouse", "084172000102"),
        MemberInput("Thạch Minh Tú", D("2001-01-20"), "M", "child", "084201000103")])
    one = household_register_with_members(
        user=collector, commune=long_duc, code="HGD-LD-2", on=D("2025-08-01"), members=[
        MemberInput("Lâm Thị Ngọc", D("1985-03-03"), "F", "head", "084185000104", phone="0912000104")])
    services.household_enroll(user=collector, household=three, members=list(three.members.all()), months=12,
                              payment=services.Payment("BL-LD-1", D("2025-12-02"), point))  # 1/1–31/12/2026
    services.household_enroll(user=collector, household=one, members=list(one.members.all()), months=12,
                              payment=services.Payment("BL-LD-2", D("2025-09-01"), point))  # 1/10/2025–30/9/2026
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-12-01"))  # the live server's too

    sign_in(phone, live_server.url, "thuvien", "/registry/worklist/", wait_for="[data-testid=expiring-cards]")
    assert phone.locator("[data-testid=expiring-cards] tbody tr").count() == 3
    dues = phone.locator("[data-testid=expiring-cards] [data-testid=household-due]").all_text_contents()
    assert [d.strip() for d in dues] == ["3.142.260 đ"] * 3  # 1,366,200 + 956,340 + 819,720 (1/12/2026, 12 months)
    lapsed = phone.locator("[data-testid=lapsed-cards] tbody tr")
    assert lapsed.count() == 1 and "Lâm Thị Ngọc" in lapsed.text_content() and "31/12/2026" in lapsed.text_content()
    assert fits(phone)
    phone.screenshot(path=str(SCREENSHOTS / "registry-worklist.png"), full_page=True)

    lapsed.locator("text=Ghi kết quả").click()
    phone.wait_for_selector("[data-testid=contact-form]")
    code = read_vietqr(phone.get_attribute("[data-testid=vietqr]", "data-payload"))  # 12 months alone: 1,366,200
    assert (code.account, code.amount, code.reference) == ("0881000458086", 1_366_200, f"ASH{one.pk}T1226")
    phone.select_option("#id_outcome", "promised")
    phone.fill("#id_promised_on", "15/12/2026")
    phone.fill("#id_note", "Hẹn nhận lương rồi đóng")
    assert fits(phone)
    phone.screenshot(path=str(SCREENSHOTS / "registry-contact.png"), full_page=True)
    phone.click("[data-testid=contact-form] button[type=submit]")
    phone.wait_for_selector("text=Đã ghi: Lâm Thị Ngọc — Hẹn ngày đóng 15/12/2026.")
    assert phone.locator("[data-testid=lapsed-cards]").count() == 0  # off the list until 15/12
    contact = Contact.objects.get()
    assert (contact.day, contact.outcome, contact.promised_on, contact.staff_id) == (
        D("2026-12-01"), "promised", D("2026-12-15"), staff.pk)

    settings.ANSINH_SMS_URL = "http://127.0.0.1:9/send"  # the gateway is set up (nothing is sent here)
    # Sơn agreed on the phone to SMS reminders: she records it, and the day's reminders list him (masked), not
    # Ngọc, whose promise holds hers until 15/12.
    phone.goto(f"{live_server.url}/registry/people/{three.head_id}/reminders/")
    phone.wait_for_selector("[data-testid=consent-form]")
    phone.fill("#id_source", "Gọi điện ngày 1/12/2026")
    phone.click("[data-testid=consent-form] button[type=submit]")
    phone.wait_for_selector("text=Đã ghi: Thạch Văn Sơn đồng ý nhận nhắc qua SMS.")
    phone.goto(f"{live_server.url}/registry/reminders/")
    rows = phone.locator("[data-testid=reminder-preview] tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1
    text = rows.first.text_content()
    assert "Thạch Văn Sơn" in text and "******0101" in text and "3.142.260 đ" in text and "0912000101" not in text
    assert fits(phone)
    phone.screenshot(path=str(SCREENSHOTS / "registry-reminders.png"), full_page=True)

    # Long Đức's resident list of 1/12/2026 names a household not in ansinh, given to her: the worklist says so, the
    # prospects page prices it (three adults: 3,142,260; the grandson under 6 gets the state's card) and she
    # registers it in one step.
    import csv

    from ansinh.enrollment.models import Prospect
    from ansinh.enrollment.prospects import import_residents

    officer = make_user("longduc", role="commune_officer", scope_unit=long_duc)
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Số hộ", "Quan hệ với chủ hộ", "Địa chỉ"],
            ["Trần Văn Phúc", "12/04/1976", "Nam", "086076005101", "HK-LD-0101", "Chủ hộ", "Ấp Sa Bình"],
            ["Nguyễn Thị Hằng", "30/09/1979", "Nữ", "086179005102", "HK-LD-0101", "Vợ/chồng", "Ấp Sa Bình"],
            ["Trần Thị Thu Trang", "15/03/2004", "Nữ", "086304005103", "HK-LD-0101", "Con", "Ấp Sa Bình"],
            ["Trần Minh Khang", "01/07/2021", "Nam", "", "HK-LD-0101", "Cháu", "Ấp Sa Bình"]]
    residents = tmp_path / "cu-tru.csv"
    with open(residents, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    import_residents(residents, user=officer, commune=long_duc, listed_on=D("2026-12-01"))
    services.prospect_assign(user=officer, prospects=list(Prospect.objects.select_related("commune", "collector")),
                             collector=staff)
    phone.goto(f"{live_server.url}/registry/worklist/")
    phone.wait_for_selector("text=Người chưa tham gia giao cho bạn (4)")
    phone.click("text=Xem theo hộ, kèm số tiền cả hộ đóng")
    phone.wait_for_selector("[data-testid=prospect-household]")
    assert phone.locator("[data-testid=household-quote]").text_content() == "3.142.260 đ"
    assert "********5101" in phone.locator("[data-testid=prospect-household]").text_content()
    assert fits(phone)
    phone.screenshot(path=str(SCREENSHOTS / "registry-prospects.png"), full_page=True)
    phone.click("[data-testid=register-household]")
    phone.wait_for_selector("text=Đã đăng ký hộ HK-LD-0101: 4 người từ danh sách cư trú.")
    assert sorted(Prospect.objects.values_list("status", flat=True)) == ["converted"] * 4

    # The A4 list of her round, as the printer sees it: one line for Sơn's household, its VietQR code at the end.
    phone.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi
    phone.goto(f"{live_server.url}/registry/worklist/?format=print")
    phone.emulate_media(media="print")
    lines = phone.locator("[data-testid=print-line]")
    assert lines.count() == 1 and "3.142.260 đ" in lines.first.text_content()
    assert phone.locator("[data-testid=print-line] td.qr svg").count() == 1
    phone.screenshot(path=str(SCREENSHOTS / "registry-worklist-print.png"), full_page=True)
