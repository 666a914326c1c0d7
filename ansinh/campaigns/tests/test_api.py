"""The campaigns API: create, targets, results with stable error codes, figures, report, import."""

import io

import pytest

from ansinh.campaigns.demo import NATIONAL, TRA_VINH

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    return client


def test_create_a_launch_day_and_report_its_results(api, units):
    created = api.post("/api/v1/campaigns/", {"name": "Lễ ra quân ngày BHYT Việt Nam", "start_date": "2020-07-11",
                                              "end_date": "2020-07-12", "area": "84",
                                              "joint_plan": "2043/KHLT-BHXH-BĐVN"}, content_type="application/json")
    assert created.status_code == 201
    slug = created.json()["slug"]
    assert created.json()["era"] == "pre2025"
    for body in ({"holder": "unit", "code": "84", "scheme": "voluntary_si", "count": 700},
                 {"holder": "unit", "code": "84", "scheme": "household_hi", "count": 1300}):
        assert api.post(f"/api/v1/campaigns/{slug}/targets/", body, content_type="application/json").status_code == 201
    for day, scheme, count in (("2020-07-11", "voluntary_si", 925), ("2020-07-11", "household_hi", 1186),
                               ("2020-07-12", "voluntary_si", 40)):
        response = api.post(f"/api/v1/campaigns/{slug}/results/", {"unit": "84", "day": day, "scheme": scheme,
                                                                   "count": count}, content_type="application/json")
        assert response.status_code == 201
    progress = api.get(f"/api/v1/campaigns/{slug}/progress/?on=2020-07-11").json()
    assert progress["summary"]["voluntary_si"] == {"target": 700, "achieved": 925, "percent": 132.14, "remaining": 0,
                                                   "label": "BHXH tự nguyện"}
    assert progress["summary"]["household_hi"]["percent"] == 91.23
    final = api.get(f"/api/v1/campaigns/{slug}/progress/").json()
    assert final["summary"]["voluntary_si"]["percent"] == 137.86
    assert [d["voluntary_si"]["percent"] for d in final["daily"]] == [132.14, 137.86]


@pytest.fixture
def tv_campaign(tra_vinh_officer, unit):
    import datetime as dt

    from ansinh.campaigns import services

    return services.campaign_create(user=tra_vinh_officer, name="Thử API", slug="thu-api",
                                    start_date=dt.date(2020, 7, 11), end_date=dt.date(2020, 7, 12),
                                    area=unit("84", "pre2025"))


@pytest.mark.parametrize(
    ("who", "body", "status", "code"),
    [
        pytest.param("officer", {"unit": "62"}, 404, "not_found", id="outside-the-officers-area"),
        pytest.param("admin", {"unit": "62"}, 400, "unit_outside_area", id="outside-the-campaign-area"),
        pytest.param("officer", {"day": "2020-07-13"}, 400, "date_outside_campaign", id="after-end"),
        pytest.param("officer", {"count": -5}, 400, "negative_count", id="negative"),
        pytest.param("officer", {"unit": "99999"}, 400, "unknown_unit", id="unknown-unit"),
        pytest.param("officer", {"day": "11/7/2020"}, 400, "validation_error", id="bad-date"),
    ],
)
def test_bad_results_get_stable_codes(client, tra_vinh_officer, admin_user, tv_campaign, who, body, status, code):
    client.force_login(tra_vinh_officer if who == "officer" else admin_user)
    data = {"unit": "84", "day": "2020-07-11", "scheme": "voluntary_si", "count": 5, **body}
    response = client.post(f"/api/v1/campaigns/{tv_campaign.slug}/results/", data, content_type="application/json")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert not tv_campaign.reported_results.exists()


def test_duplicate_result_is_refused(api, demo):
    url = f"/api/v1/campaigns/{NATIONAL}/results/"
    body = {"unit": "84", "day": "2022-05-08", "scheme": "voluntary_si", "count": 12}
    assert api.post(url, body, content_type="application/json").status_code == 201
    again = api.post(url, body, content_type="application/json")
    assert (again.status_code, again.json()["error"]["code"]) == (400, "already_reported")


def test_campaign_outside_the_area_is_a_json_404(api, demo):
    response = api.get("/api/v1/campaigns/lam-dong-ra-quan-2023/progress/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_national_campaign_is_listed_with_tra_vinh_s_part(api, demo):
    slugs = {c["slug"] for c in api.get("/api/v1/campaigns/?limit=50").json()["results"]}
    assert slugs == {TRA_VINH, NATIONAL}
    progress = api.get(f"/api/v1/campaigns/{NATIONAL}/progress/").json()
    assert progress["view"] == ["84"]
    # Trà Vinh's population share of 10,000 in May 2022, by the 2021 figures (GSO E02.01): 10,000 × 1,018,630 ÷
    # 98,506,250 (the 63 provinces) = 103.41 → 103 by largest remainder
    assert progress["summary"]["voluntary_si"]["target"] == 103


def test_report_and_retention(api, demo):
    report = api.get(f"/api/v1/campaigns/{TRA_VINH}/report/").json()
    assert report["summary"]["voluntary_si"]["percent"] == 137.86
    assert len(report["ranking"]["teams"]) == 76
    assert report["retention"]["summary"]["voluntary_si"] == {"recruited": 965, "kept": 581, "lost": 384,
                                                              "percent": 60.21}
    retention = api.get(f"/api/v1/campaigns/{TRA_VINH}/retention/?on=2020-07-31").json()
    assert retention["summary"]["voluntary_si"]["kept"] == 965


def test_ranking_by_scheme(api, demo):
    ranking = api.get(f"/api/v1/campaigns/{TRA_VINH}/ranking/?scheme=household_hi").json()
    percents = [u["percent"] for u in ranking["units"]]
    assert percents == sorted(percents, reverse=True)
    assert [u["rank"] for u in ranking["units"]][0] == 1


def test_import_endpoint_queues_the_file_and_refuses_it_twice(api, demo, django_capture_on_commit_callbacks):
    content = b"unit_code,date,scheme,count\n84,2022-05-10,voluntary_si,15\n84,2022-05-11,voluntary_si,x\n"

    def upload():
        file = io.BytesIO(content)
        file.name = "tv.csv"
        with django_capture_on_commit_callbacks(execute=True):
            return api.post(f"/api/v1/campaigns/{NATIONAL}/imports/", {"file": file})

    first = upload()
    assert (first.status_code, first.json()["state"]) == (202, "queued")  # as it was when the answer left
    batch = api.get(f"/api/v1/campaigns/{NATIONAL}/imports/{first.json()['id']}/").json()
    assert {k: batch[k] for k in ("state", "progress", "rows_total", "rows_accepted", "rows_rejected")} == {
        "state": "done", "progress": 100, "rows_total": 2, "rows_accepted": 1, "rows_rejected": 1}
    errors = api.get(batch["error_file_url"]).content.decode("utf-8-sig")
    assert "Dòng 3: Số người" in errors
    assert [b["id"] for b in api.get(f"/api/v1/campaigns/{NATIONAL}/imports/").json()] == [batch["id"]]
    second = upload()
    assert (second.status_code, second.json()["error"]["code"]) == (400, "duplicate_file")
    again = api.post(f"/api/v1/campaigns/{NATIONAL}/imports/{batch['id']}/retry/")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "not_retryable")
    assert api.get(f"/api/v1/campaigns/{NATIONAL}/imports/999999/").status_code == 404


def test_the_schema_lists_the_campaign_endpoints(api, units):
    schema = api.get("/api/schema/").content.decode()
    for path in ("/api/v1/campaigns/{slug}/progress/", "/api/v1/campaigns/{slug}/results/",
                 "/api/v1/campaigns/{slug}/targets/quota/", "/api/v1/campaigns/{slug}/retention/"):
        assert path in schema
