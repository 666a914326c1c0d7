"""In a real browser at a phone's size: a team leader (a collector) enters her team's day on one screen."""

import datetime as dt

import pytest

from ansinh.core.testing.users import TEST_PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SHOTS = "docs/screenshots"


def test_a_team_leader_enters_her_teams_day_on_a_phone(live_server, browser, unit):
    from ansinh.campaigns import services
    from ansinh.campaigns.progress import campaign_progress
    from ansinh.core.testing.users import make_user
    from ansinh.geo.models import Unit
    from ansinh.network.testing import make_point, make_staff

    vinh_long = unit("86", "2025")
    long_duc = Unit.objects.get(era="2025", code="29263")
    officer = make_user("vl_officer", role="province_officer", scope_unit=vinh_long)
    leader_user = make_user("thuvien", role="collector", scope_unit=vinh_long)
    point = make_point(long_duc, code="BD-LD-01", name="Bưu điện phường Long Đức")
    thu = make_staff(long_duc, code="NV-LD-01", full_name="Phạm Thị Thu", point=point)
    thu.user = leader_user
    thu.save(update_fields=["user"])
    son = make_staff(long_duc, code="NV-LD-02", full_name="Thạch Văn Sơn", point=point)
    campaign = services.campaign_create(user=officer, name="Tháng ra quân 12/2026", slug="vl-12-2026",
                                        start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 31),
                                        area=vinh_long)
    services.target_set(user=officer, campaign=campaign, staff=thu, scheme="voluntary_si", count=1)
    services.target_set(user=officer, campaign=campaign, staff=thu, scheme="household_hi", count=2)
    services.team_create(user=officer, campaign=campaign, code="D01", name="Đội Long Đức", unit=long_duc,
                         members=[thu, son], leader=thu)

    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/?next=/campaigns/vl-12-2026/teams/D01/")
        page.fill("#id_username", "thuvien")
        page.fill("#id_password", TEST_PASSWORD)
        page.click("[data-testid=login-submit]")
        assert page.locator("[data-testid=members] tbody tr").count() == 2
        page.click("[data-testid=enter-day]")
        page.wait_for_selector("[data-testid=team-day-form]")
        assert page.locator("[data-testid=member-row]").count() == 2
        page.fill(f"#id_r-{thu.pk}-voluntary_si", "1")
        page.fill(f"#id_r-{thu.pk}-household_hi", "2")
        page.fill(f"#id_r-{son.pk}-household_hi", "3")
        assert page.text_content("[data-testid=total-voluntary_si]").strip() == "1"
        assert page.text_content("[data-testid=total-household_hi]").strip() == "5"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=f"{SHOTS}/campaigns-team-day.png", full_page=True)
        page.click("[data-testid=team-day-save]")
        page.wait_for_selector("text=Đã lưu kết quả ngày")
        assert page.input_value(f"#id_r-{son.pk}-household_hi") == "3"
    finally:
        context.close()
    progress = campaign_progress(campaign)
    staff = {r["code"]: (r["voluntary_si"]["achieved"], r["household_hi"]["achieved"]) for r in progress.staff}
    assert staff == {"NV-LD-01": (1, 2), "NV-LD-02": (0, 3)}
    team = progress.teams[0]
    assert (team["voluntary_si"]["achieved"], team["household_hi"]["achieved"]) == (1, 5)
    assert (team["all"]["percent"], team["all"]["remaining"]) == (100, 0)  # her 1 + 2 met; Sơn has no quota
