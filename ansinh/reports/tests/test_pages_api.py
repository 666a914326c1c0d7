"""Pages and API: the dashboard, targets, figures, report jobs; the JSON of `ansinh report coverage`."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from ansinh.plans.demo import load_demo
from ansinh.plans.models import Plan, ReportedFigure
from ansinh.reports.builders import COVERAGE_REPORT

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(admin_user):
    load_demo()
    return admin_user


def test_dashboard_of_tra_vinh(client, demo, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    response = client.get("/reports/coverage/", {"unit": "84", "era": "pre2025", "on": "2020-06-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "95,61%" in html and "98,92%" in html and "+6,23 điểm" in html and "67,25%" in html
    assert "Dân số năm 2019: 1.009.168" in html


def test_dashboard_defaults_to_the_officers_area_and_hides_others(client, demo, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    response = client.get("/reports/coverage/", {"on": "2020-06-30"})
    assert response.context["unit"].code == "84"
    assert client.get("/reports/coverage/", {"unit": "62", "era": "pre2025", "on": "2020-06-30"}).status_code == 404


def test_dashboard_switches_to_todays_units(client, demo):
    client.force_login(demo)
    response = client.get("/reports/coverage/",
                          {"unit": "84", "era": "pre2025", "on": "2020-06-30", "structure": "current"})
    assert response.context["unit"].name == "Tỉnh Vĩnh Long"
    assert response.context["report"].era == "2025"


def test_officer_enters_and_deletes_a_target(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    body = {"unit": "84", "year": 2021, "period": "year", "indicator": "hi_coverage",
            "value": "97.5", "authority": "province", "document": "QĐ 1/QĐ-UBND"}
    assert client.post("/plans/targets/", body).status_code == 302
    plan = Plan.objects.get(unit__code="84", year=2021)
    assert str(plan.value) == "97.50"
    bad = client.post("/plans/targets/", {**body, "value": "120"})
    assert "vượt quá 100%" in bad.content.decode()
    assert client.post(f"/plans/targets/{plan.pk}/delete/").status_code == 302
    assert not Plan.objects.filter(unit__code="84", year=2021).exists()


def test_api_coverage_matches_the_cli_json(client, demo):
    client.force_login(demo)
    api = client.get("/api/v1/coverage/", {"unit": "62", "era": "pre2025", "on": "2020-06-30"}).json()
    cli = COVERAGE_REPORT.build(unit="62", era="pre2025", on="2020-06-30")
    assert api == json.loads(json.dumps(cli))
    hi = api["indicators"]["hi_coverage"]
    assert (hi["value"], hi["printed"], hi["implied_denominator"]) == (89.91, 91.0, 533_956)
    assert hi["denominator"] == {"kind": "population", "value": 540_438, "year": 2019,
                                 "source": hi["denominator"]["source"], "summed_units": 0}
    assert api["indicators"]["voluntary_si"]["targets"][0]["pct_of_plan"] == 106.29


def test_api_errors_have_codes(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    assert client.get("/api/v1/coverage/").json()["error"]["code"] == "unit_required"
    response = client.get("/api/v1/coverage/", {"unit": "62", "era": "pre2025"})
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    figure = client.post("/api/v1/figures/", {"unit_code": "84", "unit_era": "pre2025", "on": "2020-06-30",
                                              "indicator": "hi_coverage", "value": "101", "source": "thử"})
    assert (figure.status_code, figure.json()["error"]["code"]) == (400, "rate_over_100")


def test_api_figures_are_idempotent(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    body = {"unit_code": "84", "unit_era": "pre2025", "on": "2020-06-30", "indicator": "voluntary_si",
            "value": "8463", "source": "Bài báo"}
    assert client.post("/api/v1/figures/", body).status_code == 201
    assert client.post("/api/v1/figures/", body).status_code == 200
    assert ReportedFigure.objects.filter(unit__code="84").count() == 1


def test_report_job_pages(client, demo, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(demo)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/", {"unit": "610", "on": "2023-08-31",
                                             "structure": "as_of"})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.context["job"].state == "done"
    pdf = client.get(f"{response['Location']}pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_report_command_prints_json(demo):
    from ansinh.reports.management.commands.report import REPORT_BUILDERS

    assert REPORT_BUILDERS["coverage"] is COVERAGE_REPORT
    out = io.StringIO()
    call_command("report", "coverage", "84", "--era", "pre2025", "--on", "2020-06-30", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["indicators"]["hi_coverage"]["value"] == 95.61
    assert dt.date.fromisoformat(data["on"]) == dt.date(2020, 6, 30)


@pytest.mark.parametrize(("who", "query"), [
    pytest.param("admin", {"unit": "VN", "era": "", "on": "2020-06-30"}, id="nation-2020"),
    pytest.param("admin", {"unit": "84", "era": "pre2025", "on": "2020-06-30"}, id="old-tra-vinh-2020"),
    pytest.param("admin", {"unit": "842", "era": "pre2025", "on": "2020-06-30"}, id="old-district-2020"),
    pytest.param("admin", {"unit": "86", "era": "2025", "on": "2026-12-01"}, id="vinh-long-today"),
    pytest.param("tra_vinh", {"unit": "29236", "era": "pre2025", "on": "2023-03-31"}, id="officer-old-phuong-4"),
])
def test_the_structure_switch_works_both_ways_from_every_dashboard(client, demo, tra_vinh_officer, who, query):
    """"Quy đổi sang 34 tỉnh hiện nay" and back: each link opens a page that offers the way back."""
    client.force_login(demo if who == "admin" else tra_vinh_officer)
    first = client.get("/reports/coverage/", query)
    assert first.status_code == 200
    there = client.get("/reports/coverage/" + first.context["switch_structure_url"])
    assert there.status_code == 200
    assert there.context["structure"] != first.context["structure"]
    back = client.get("/reports/coverage/" + there.context["switch_structure_url"])
    assert (back.status_code, back.context["structure"]) == (200, first.context["structure"])


def test_the_switch_is_not_offered_when_todays_unit_lies_outside_the_area(client, demo, tra_vinh_officer):
    """Old Trà Vinh's officer does not answer for today's Vĩnh Long (with Bến Tre and old Vĩnh Long in it)."""
    client.force_login(tra_vinh_officer)
    response = client.get("/reports/coverage/", {"unit": "84", "era": "pre2025", "on": "2026-12-01"})
    assert (response.status_code, response.context["switch_structure_url"]) == (200, "")
    html = response.content.decode()
    assert 'data-testid="switch-structure"' not in html
    assert "Quy đổi sang Tỉnh Vĩnh Long (34 tỉnh) gồm cả địa bàn ngoài phạm vi của bạn." in html
    assert client.get("/reports/coverage/", {"unit": "84", "era": "pre2025", "on": "2026-12-01",
                                             "structure": "current"}).status_code == 404
