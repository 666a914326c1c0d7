"""Campaign pages as an officer sees them: figures in Vietnamese format, forms, refusals, reports."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.campaigns.demo import LAM_DONG, NATIONAL, TRA_VINH
from ansinh.campaigns.models import ReportedResult, ResultImport
from ansinh.core.testing.pdf import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def officer(client, demo, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    client.user = tra_vinh_officer
    return client


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_shows_the_launch_day_figures(officer):
    html = _text(officer.get(reverse("campaigns:detail", kwargs={"slug": TRA_VINH})))
    assert "132,14%" in html  # 11/7 row of the daily table
    assert "137,86%" in html and "91,23%" in html  # the campaign: 965/700 and 1.186/1.300
    assert "1.186" in html
    assert "Huyện Trà Cú" in html


def test_dashboard_on_the_launch_day(officer):
    html = _text(officer.get(reverse("campaigns:detail", kwargs={"slug": TRA_VINH}) + "?on=2020-07-11"))
    assert 'data-testid="pct-voluntary_si">132,14%' in html
    assert 'data-testid="pct-household_hi">91,23%' in html


@pytest.mark.parametrize("name", ["targets", "teams", "activities", "results", "ranking", "retention", "report",
                                  "edit", "live"])
def test_every_tab_opens(officer, name):
    assert officer.get(reverse(f"campaigns:{name}", kwargs={"slug": TRA_VINH})).status_code == 200


def test_unit_team_and_staff_pages(officer):
    unit = _text(officer.get(reverse("campaigns:unit", kwargs={"slug": TRA_VINH, "code": "849"})))
    assert "Huyện Trà Cú" in unit
    team = _text(officer.get(reverse("campaigns:team", kwargs={"slug": TRA_VINH, "code": "Đ01"})))
    assert "Đội 01" in team
    staff = _text(officer.get(reverse("campaigns:staff", kwargs={"slug": TRA_VINH, "code": "TV20-BH-001"})))
    assert "TV20-BH-001" in staff


def test_ranking_lists_76_teams(officer):
    html = _text(officer.get(reverse("campaigns:ranking", kwargs={"slug": TRA_VINH})))
    assert html.count('href="/campaigns/tra-vinh-ra-quan-2020/teams/%C4%90') == 76


def test_retention_page(officer):
    html = _text(officer.get(reverse("campaigns:retention", kwargs={"slug": TRA_VINH}) + "?on=2020-12-31"))
    assert "581" in html and "60,21%" in html


def test_the_retention_page_lists_the_recruits_who_would_lapse_before_the_retention_date(officer, demo):
    """Trà Vinh's drive asks recruits to stay to 31/12/2020. Of its 965 voluntary-SI recruits, those paying 3 or 1
    months from 1/7/2020 (k % 10 in 6–9: 96 × 4 = 384) are paid only to 30/9 or 31/7/2020; every HI card runs
    into 2021. So 384 recruits are at risk, the 1-month payers (paid to 31/7/2020) first."""
    from ansinh.campaigns.selectors import recruits_at_risk

    at_risk = recruits_at_risk(demo[TRA_VINH], user=officer.user, until=D("2020-12-31"))
    assert at_risk.count() == 384
    assert at_risk.filter(scheme="household_hi").count() == 0
    assert at_risk.first().end_date == D("2020-07-31")
    assert at_risk.filter(end_date=D("2020-07-31")).count() == 192
    html = _text(officer.get(reverse("campaigns:retention", kwargs={"slug": TRA_VINH})))
    assert "Cần gia hạn để duy trì đến 31/12/2020 (384)" in html
    assert html.count('data-testid="recruits-at-risk"') == 1  # once, in the page's body
    assert "<title>Duy trì · " in html and "<h2>" not in html.split("<title>")[1].split("</title>")[0]
    assert html.split('data-testid="recruits-at-risk"')[1].count("(đã hết hạn)") == 50  # a page, all past now


def test_lam_dong_is_not_visible_to_tra_vinh(officer):
    assert officer.get(reverse("campaigns:detail", kwargs={"slug": LAM_DONG})).status_code == 404


def test_national_campaign_shows_tra_vinh_its_own_part(officer):
    html = _text(officer.get(reverse("campaigns:detail", kwargs={"slug": NATIONAL})))
    assert "Phần của Tỉnh Trà Vinh" in html
    assert officer.get(reverse("campaigns:edit", kwargs={"slug": NATIONAL})).status_code == 404
    assert officer.get(reverse("campaigns:unit", kwargs={"slug": NATIONAL, "code": "62"})).status_code == 404


def test_officer_reports_a_figure_for_the_national_month(officer):
    url = reverse("campaigns:results", kwargs={"slug": NATIONAL})
    ok = officer.post(url, {"action": "report", "unit": "84", "day": "2022-05-08", "scheme": "voluntary_si",
                            "count": "120"}, follow=True)
    assert "Đã ghi 120 người" in ok.content.decode()
    refused = officer.post(url, {"action": "report", "unit": "84", "day": "2022-06-02",
                                 "scheme": "voluntary_si", "count": "5"}, follow=True)
    assert "nằm ngoài thời gian chiến dịch (8/5/2022–31/5/2022)" in refused.content.decode()
    negative = officer.post(url, {"action": "report", "unit": "842", "day": "2022-05-09",
                                  "scheme": "voluntary_si", "count": "-3"}, follow=True)
    assert "không được âm" in negative.content.decode()
    outside = officer.post(url, {"action": "report", "unit": "62", "day": "2022-05-09",
                                 "scheme": "voluntary_si", "count": "3"}, follow=True)
    assert "Đơn vị: Không tìm thấy đơn vị “62” trong danh sách bạn được chọn." in outside.content.decode()
    assert list(ReportedResult.objects.filter(campaign__slug=NATIONAL).values_list("unit__code", "count")) == [
        ("84", 120)]


def test_upload_a_results_file_twice(officer, django_capture_on_commit_callbacks):
    """The upload is queued for the worker and the officer lands on its page, which shows the counts and the
    reason of the refused row once it is done; the same file again is refused before anything is queued."""
    url = reverse("campaigns:results", kwargs={"slug": NATIONAL})
    content = "Mã đơn vị,Ngày,Loại hình,Số người\n842,08/05/2022,BHXH tự nguyện,7\n842,09/05/2022,BHXH TN,-1\n"

    def upload():
        file = io.BytesIO(content.encode())
        file.name = "ket-qua.csv"
        with django_capture_on_commit_callbacks(execute=True):  # the worker runs the job once the upload commits
            response = officer.post(url, {"action": "import", "file": file})
        return officer.get(response["Location"], follow=True)

    first = upload()
    batch = ResultImport.objects.get(campaign__slug=NATIONAL)
    assert first.redirect_chain == [] and first.request["PATH_INFO"] == reverse(
        "campaigns:import", kwargs={"slug": NATIONAL, "pk": batch.pk})
    page = first.content.decode()
    assert 'data-state="done"' in page and 'hx-trigger' not in page  # finished: the page stops polling
    counts = {k: getattr(batch, k) for k in ("state", "rows_total", "rows_accepted", "rows_rejected", "attempts")}
    assert counts == {"state": "done", "rows_total": 2, "rows_accepted": 1, "rows_rejected": 1, "attempts": 1}
    assert "Dòng 3: Số người -1 không hợp lệ" in page
    second = upload().content.decode()
    assert "Tệp này đã được nhập" in second
    assert ResultImport.objects.filter(campaign__slug=NATIONAL).count() == 1
    assert ReportedResult.objects.filter(campaign__slug=NATIONAL).count() == 1


def test_a_results_file_without_its_columns_fails_its_run_with_the_reason(officer,
                                                                           django_capture_on_commit_callbacks):
    url = reverse("campaigns:results", kwargs={"slug": NATIONAL})
    file = io.BytesIO("Mã đơn vị,Số người\n842,7\n".encode())
    file.name = "thieu-cot.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(url, {"action": "import", "file": file})
    page = officer.get(response["Location"]).content.decode()
    batch = ResultImport.objects.get(campaign__slug=NATIONAL)
    assert (batch.state, batch.rows_accepted, batch.retryable) == ("failed", 0, True)
    assert "Tệp thiếu cột: ngày, loại hình" in page and 'data-testid="retry"' in page


def test_a_damaged_workbook_is_refused_on_the_form(officer):
    url = reverse("campaigns:results", kwargs={"slug": NATIONAL})
    file = io.BytesIO(b"PK\x03\x04 not a workbook")
    file.name = "hong.xlsx"
    page = officer.post(url, {"action": "import", "file": file}, follow=True).content.decode()
    assert "Tệp không phải tệp Excel .xlsx đọc được" in page
    assert not ResultImport.objects.exists()


def test_report_pdf_is_one_page_with_the_figures(officer):
    response = officer.get(reverse("campaigns:report-pdf", kwargs={"slug": TRA_VINH}) + "?on=2020-07-11")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert pdf_pages(response.content) == 1
    assert "132,14%" in text and "91,23%" in text
    assert "925" in text and "1.186" in text
    whole = pdf_text(officer.get(reverse("campaigns:report-pdf", kwargs={"slug": TRA_VINH})).content)
    assert "137,86%" in whole and "965" in whole


def test_report_workbook_carries_the_same_numbers(officer):
    response = officer.get(reverse("campaigns:report-xlsx", kwargs={"slug": TRA_VINH}))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tổng hợp", "Chỉ tiêu", "Theo ngày", "Theo đơn vị", "Theo đội", "Theo cán bộ",
                               "Xếp hạng thi đua", "Duy trì", "Hoạt động"]
    summary = {row[0]: row[1:5] for row in book["Tổng hợp"].iter_rows(values_only=True) if row[0]}
    assert summary["BHXH tự nguyện"] == (700, 965, 137.86, 0)
    assert summary["BHYT hộ gia đình"] == (1300, 1186, 91.23, 114)
    days = list(book["Theo ngày"].iter_rows(min_row=2, values_only=True))
    assert days[0][:4] == ("11/7/2020", 925, 925, 132.14)
    assert len(list(book["Theo đội"].iter_rows(min_row=2))) == 76
    retention = list(book["Duy trì"].iter_rows(min_row=4, max_row=4, values_only=True))[0]
    assert retention[:5] == ("Toàn bộ", None, 965, 581, 60.21)
    assert book["Chỉ tiêu"]["A2"].value == "84"


def test_report_json_matches_the_cli_shape(officer):
    body = officer.get(reverse("campaigns:report-json", kwargs={"slug": TRA_VINH}) + "?on=2020-07-11").json()
    first, second = body["targets"][:2]
    assert first == {"unit": "84", "unit_name": "Tỉnh Trà Vinh", "scheme": "voluntary_si", "target": 700,
                     "achieved": 925, "percent": 132.14, "remaining": 0, "revenue_target": None,
                     "basis": "Kế hoạch ngày ra quân (bài báo)"}
    assert (second["scheme"], second["target"], second["achieved"], second["percent"], second["remaining"]) == (
        "household_hi", 1300, 1186, 91.23, 114)
    assert len(body["targets"]) == 2 + 18  # the province and its 9 districts, two schemes


def test_create_a_campaign_from_the_page(client, demo, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    response = client.post(reverse("campaigns:create"), {
        "name": "Ra quân tháng 10", "start_date": "2024-10-01", "area": "84", "groups": ["Nông dân"],
        "other_groups": "Tiểu thương"})
    assert response.status_code == 302
    from ansinh.campaigns.models import Campaign

    campaign = Campaign.objects.get(name="Ra quân tháng 10")
    assert (campaign.start_date, campaign.end_date) == (campaign.start_date, campaign.start_date)
    assert campaign.target_groups == "Nông dân; Tiểu thương"


def test_lam_dong_targets_page_totals_by_unit_and_pages_the_370_targets(client, demo):
    import re

    from ansinh.accounts.models import User

    client.force_login(User.objects.get(username="admin"))
    url = reverse("campaigns:targets", kwargs={"slug": LAM_DONG})
    page = _text(client.get(url))
    vsi = re.sub(r"\s+", " ", re.search(r'data-testid="targets-total-voluntary_si">([^<]*)<', page).group(1)).strip()
    hh = re.sub(r"\s+", " ", re.search(r'data-testid="targets-total-household_hi">([^<]*)<', page).group(1)).strip()
    assert (vsi.split(" / ")[1], hh.split(" / ")[1]) == ("184", "368")
    assert "370 chỉ tiêu, xếp theo đơn vị." in page  # 2 for the province + 184 staff × 2 schemes
    assert page.count('data-testid="target-row"') == 60
    last = _text(client.get(url + "?page=7"))  # 60 a page: 370 = 6 × 60 + 10
    assert last.count('data-testid="target-row"') == 10


def test_ranking_lowest_first_lists_the_units_to_help_first(officer):
    top = _text(officer.get(reverse("campaigns:ranking", kwargs={"slug": TRA_VINH}) + "?scheme=household_hi"))
    low = _text(officer.get(reverse("campaigns:ranking", kwargs={"slug": TRA_VINH})
                            + "?scheme=household_hi&order=lowest"))
    import re

    def units(page):
        table = page[page.index('data-testid="rank-units"'):]
        table = table[:table.index("</table>")]
        return re.findall(r"<a [^>]*/units/(\d+)/", table)

    assert len(units(top)) == 9  # the 9 districts of 2020, each with its share of the target
    assert units(low) == units(top)[::-1]
    assert officer.get(reverse("campaigns:ranking", kwargs={"slug": TRA_VINH}) + "?limit=abc").status_code == 200
