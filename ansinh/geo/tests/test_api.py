"""The units API: filters, detail with crosswalk, JSON errors, the OpenAPI schema."""

import pytest

from ansinh.core.testing.users import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    return client


@pytest.mark.parametrize(
    ("query", "count"),
    [
        pytest.param("level=province&era=2025", 34, id="new-provinces"),
        pytest.param("level=province&era=pre2025", 63, id="old-provinces"),
        pytest.param("level=district&parent=62", 10, id="kon-tum-districts"),
        pytest.param("parent=610", 12, id="dak-glei-communes"),
        pytest.param("search=tra%20vinh&level=province", 1, id="search-province"),
    ],
)
def test_unit_list_filters(api, query, count):
    response = api.get(f"/api/v1/units/?{query}&limit=500")
    assert response.status_code == 200
    assert response.json()["count"] == count


def test_unit_detail_shows_statistics_and_crosswalk(api):
    body = api.get("/api/v1/units/84/").json()
    assert (body["code"], body["name"], body["era"], body["level"]) == ("84", "Tỉnh Trà Vinh", "pre2025", "province")
    assert body["successors"] == [{"code": "86", "name": "Tỉnh Vĩnh Long", "era": "2025",
                                   "partly": False, "is_default": True}]
    population = {s["year"]: s["value"] for s in body["statistics"] if s["indicator"] == "population"}
    assert (population[2019], population[2020], population[2025]) == (1_009_168, 1_009_940, 1_026_960)


def test_unknown_code_is_a_json_404(api):
    response = api.get("/api/v1/units/99999/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Không có đơn vị hành chính mã 99999."}}


def test_unknown_api_path_is_a_json_404(api):
    response = api.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_api_requires_sign_in(client, units):
    response = client.get("/api/v1/units/")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "not_authenticated"


def test_officer_records_a_figure_in_area_and_not_outside(api):
    ok = api.post("/api/v1/units/84/statistics/", {"indicator": "labour_force", "year": 2020,
                                                    "value": 600_000, "source": "Cục Thống kê Trà Vinh"},
                  content_type="application/json")
    assert ok.status_code == 201
    assert ok.json()["value"] == 600_000
    refused = api.post("/api/v1/units/62/statistics/", {"indicator": "labour_force", "year": 2020,
                                                         "value": 1, "source": "x"},
                       content_type="application/json")
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found"


def test_bad_figure_names_the_field(api):
    response = api.post("/api/v1/units/84/statistics/", {"indicator": "population", "year": 2020,
                                                          "value": -1, "source": "x"},
                        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert "value" in response.json()["error"]["fields"]


def test_openapi_schema_lists_the_units_api(client, units):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/units/", "/api/v1/units/{code}/", "/api/v1/units/{code}/statistics/"} <= set(paths)


def test_basic_auth_works_for_scripts(client, tra_vinh_officer):
    import base64

    token = base64.b64encode(f"tv_officer:{TEST_PASSWORD}".encode()).decode()
    response = client.get("/api/v1/units/84/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code == 200
