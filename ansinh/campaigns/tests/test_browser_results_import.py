"""On a phone, in a real browser: an officer uploads a day's results file for her province's December campaign and
follows it on its own page until it is counted (one row refused, with its reason and the error file)."""

import datetime as dt

import pytest

from ansinh.core.testing.browser import fits, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SHOTS = "docs/screenshots"
CSV = ("Mã đơn vị,Ngày,Loại hình,Số người\n"
       "29263,02/12/2026,BHXH tự nguyện,4\n"
       "29263,02/12/2026,BHYT hộ gia đình,11\n"
       "29263,05/01/2027,BHYT hộ gia đình,3\n")  # after the campaign's end: refused


def test_an_officer_uploads_a_results_file_and_follows_it_on_a_phone(live_server, phone, unit, tmp_path):
    from ansinh.campaigns import services
    from ansinh.campaigns.models import ReportedResult
    from ansinh.campaigns.progress import campaign_totals
    from ansinh.core.testing.users import make_user

    vinh_long = unit("86", "2025")
    officer = make_user("vl_officer", role="province_officer", scope_unit=vinh_long)
    campaign = services.campaign_create(user=officer, name="Tháng ra quân 12/2026", slug="vl-12-2026",
                                        start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 31),
                                        area=vinh_long)
    sheet = tmp_path / "ket-qua-2-12.csv"
    sheet.write_text(CSV, encoding="utf-8")

    sign_in(phone, live_server.url, "vl_officer", "/campaigns/vl-12-2026/results/",
            wait_for="[data-testid=import-form]")
    phone.set_input_files("[data-testid=import-form] input[type=file]", str(sheet))
    phone.click("[data-testid=import-form] button[type=submit]")
    phone.wait_for_selector("[data-testid=work-status][data-state=done]")
    assert "/campaigns/vl-12-2026/imports/" in phone.url
    counts = [phone.text_content(f"[data-testid=rows-{k}]").strip() for k in ("total", "accepted", "rejected")]
    assert counts == ["3", "2", "1"]
    assert phone.text_content("[data-testid=reasons]").strip().startswith("Dòng 4:")
    assert phone.locator("[data-testid=error-file]").count() == 1 and fits(phone)
    phone.screenshot(path=f"{SHOTS}/campaigns-results-import.png", full_page=True)

    assert sorted(ReportedResult.objects.filter(campaign=campaign).values_list("scheme", "count")) == [
        ("household_hi", 11), ("voluntary_si", 4)]
    summary = campaign_totals(campaign)["summary"]
    assert (summary["voluntary_si"]["achieved"], summary["household_hi"]["achieved"]) == (4, 11)
    phone.click("text=Về trang nhập kết quả")
    row = phone.locator("[data-testid=imports] tbody tr").first
    assert "ket-qua-2-12.csv" in row.text_content() and "Xong" in row.text_content()
