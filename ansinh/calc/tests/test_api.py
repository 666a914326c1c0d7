"""The calculator API: public GET and POST, exact figures, stable error codes, the OpenAPI schema."""

import pytest

pytestmark = pytest.mark.django_db

HOUSEHOLD = {"on": "2024-09-01", "members": 3, "months": 12}
VSI = {"on": "2026-03-01", "income": 1_500_000, "category": "near_poor", "months": 1}
PENSION = {"sex": "F", "years": 20, "average_income": 3_000_000, "on": "2026-01-01"}


@pytest.fixture(params=["get", "post"])
def ask(request, client):
    """Call an endpoint anonymously, as query parameters (GET) or a JSON body (POST)."""

    def call(path: str, data: dict):
        if request.param == "get":
            return client.get(f"/api/v1/calc/{path}/", data)
        return client.post(f"/api/v1/calc/{path}/", data, content_type="application/json")

    return call


def test_household_hi(ask):
    response = ask("household-hi", HOUSEHOLD)
    assert response.status_code == 200
    body = response.json()
    assert (body["monthly_total"], body["total"]) == (242_190, 2_906_280)
    assert [(m["rank"], m["monthly"]) for m in body["members"]] == [(1, 105_300), (2, 73_710), (3, 63_180)]
    assert list(body)[:4] == ["monthly_total", "total", "members", "lines"]


def test_household_hi_groups_as_repeated_query_parameters(client):
    response = client.get("/api/v1/calc/household-hi/?on=2024-09-01&months=12&groups=household&groups=near_poor"
                          "&groups=student")
    body = response.json()
    assert [(m["group"], m["monthly"]) for m in body["members"]] == [(None, 105_300), ("near_poor", 31_590),
                                                                     ("student", 73_710)]
    assert body["total"] == 2_527_200


def test_voluntary_si(ask):
    body = ask("voluntary-si", VSI).json()
    assert {k: body[k] for k in ("contribution_monthly", "state_support_monthly", "local_support_monthly",
                                 "payable_monthly", "total")} == {
        "contribution_monthly": 330_000, "state_support_monthly": 132_000, "local_support_monthly": 0,
        "payable_monthly": 198_000, "total": 198_000}


@pytest.mark.parametrize(
    ("extra", "lump_sum", "rate", "total"),
    [
        pytest.param({"method": "advance", "months": 60}, 18_098_148, 0.31, 10_178_148, id="advance-60"),
        pytest.param({"method": "missing", "months": 36}, 12_586_622, 0.31, 12_586_622, id="missing-36"),
        pytest.param({"method": "advance", "months": 12, "rate": "0.5"}, 3_853_419, 0.5, 2_269_419, id="rate-0.5"),
    ],
)
def test_voluntary_si_lump_sums_with_the_rate_used(ask, extra, lump_sum, rate, total):
    body = ask("voluntary-si", {**VSI, **extra}).json()
    assert (body["lump_sum"], body["investment_rate_pct"], body["total"]) == (lump_sum, rate, total)


def test_pension(ask):
    body = ask("pension", PENSION).json()
    assert (body["rate_percent"], body["monthly"], body["average_income"]) == (55, 1_650_000, 3_000_000)


def test_identifier(ask):
    body = ask("id", {"value": "079305001234"}).json()
    assert body["kind"] == "citizen_id"
    assert (body["citizen_id"]["birth_year"], body["citizen_id"]["sex"]) == (2005, "female")
    assert body["si_code"] == {"code": "079305001234", "kind": "personal_id"}


@pytest.mark.parametrize(
    ("path", "data", "code", "field"),
    [
        pytest.param("voluntary-si", {**VSI, "income": 1_000_000}, "income_below_minimum", "income",
                     id="income-below-minimum"),
        pytest.param("voluntary-si", {**VSI, "income": 1_520_000}, "income_off_step", "income", id="off-step"),
        pytest.param("voluntary-si", {**VSI, "method": "monthly"}, "invalid_method", "method", id="bad-method"),
        pytest.param("voluntary-si", {**VSI, "category": "rich"}, "unknown_category", "category", id="bad-category"),
        pytest.param("household-hi", {**HOUSEHOLD, "months": 7}, "invalid_period_months", "months", id="7-months"),
        pytest.param("household-hi", {**HOUSEHOLD, "members": 0}, "no_members", "members", id="no-members"),
        pytest.param("household-hi", {**HOUSEHOLD, "members": 51}, "too_many_members", "members", id="51-members"),
        pytest.param("household-hi", {**HOUSEHOLD, "province": "99"}, "unknown_province", "province",
                     id="bad-province"),
        pytest.param("household-hi", {**HOUSEHOLD, "on": "2010-01-01"}, "parameter_not_found", "base_salary",
                     id="before-the-tables"),
        pytest.param("pension", {**PENSION, "sex": "X"}, "invalid_sex", "sex", id="bad-sex"),
        pytest.param("id", {"value": "079305001234", "birth_date": "1905-03-01"}, "citizen_id_birth_year_mismatch",
                     "citizen_id", id="century-mismatch"),
        pytest.param("id", {"value": "12345"}, "citizen_id_malformed", "value", id="unreadable-id"),
    ],
)
def test_refused_calculations_answer_400_with_a_stable_code(ask, path, data, code, field):
    response = ask(path, data)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]


def test_income_below_minimum_error_body(client):
    response = client.get("/api/v1/calc/voluntary-si/", {**VSI, "income": 1_000_000})
    assert response.json() == {"error": {
        "code": "income_below_minimum",
        "message": "Mức thu nhập 1.000.000 đ thấp hơn mức tối thiểu 1.500.000 đ (chuẩn hộ nghèo khu vực nông thôn) "
                   "áp dụng ngày 1/3/2026.",
        "field": "income", "details": {"minimum": 1_500_000}}}


def test_missing_required_field_is_a_validation_error(client):
    response = client.get("/api/v1/calc/voluntary-si/", {"on": "2026-03-01"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert "income" in response.json()["error"]["fields"]


def test_post_needs_no_csrf_token_even_when_signed_in(client, tra_vinh_officer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(tra_vinh_officer)
    response = strict.post("/api/v1/calc/household-hi/", HOUSEHOLD, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["total"] == 2_906_280


def test_every_calculator_endpoint_is_in_the_schema(client, admin_user):
    client.force_login(admin_user)
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in ("household-hi", "voluntary-si", "pension", "id"):
        operations = paths[f"/api/v1/calc/{path}/"]
        assert set(operations) >= {"get", "post"}
        assert "400" in operations["get"]["responses"]
        assert operations["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    components = schema["components"]["schemas"]
    assert set(components["HouseholdHIQuote"]["properties"]) >= {"monthly_total", "total", "members", "lines"}
    assert set(components["Pension"]["properties"]) >= {"rate_percent", "monthly"}
    get_params = {p["name"] for p in paths["/api/v1/calc/voluntary-si/"]["get"]["parameters"]}
    assert get_params >= {"on", "income", "category", "method", "months", "rate"}
    assert "/api/v1/calc/parameters/" in paths


def test_parameter_rows_are_public_reading(client):
    rows = client.get("/api/v1/calc/parameters/", {"name": "base_salary", "on": "2026-12-31"}).json()
    in_force = [r for r in rows if r["in_force"]]
    assert [(r["value"], r["valid_from"], r["legal_ref"]) for r in in_force] == [
        ("2530000", "2026-07-01", "Nghị định 161/2026/NĐ-CP")]
    assert len(rows) == 8


def test_only_admins_add_parameter_rows_through_the_api(client, tra_vinh_officer, admin_user):
    row = {"name": "base_salary", "value": "2700000", "valid_from": "2027-01-01",
           "legal_ref": "Nghị định 999/2026/NĐ-CP", "status": "CONFIRMED"}
    assert client.post("/api/v1/calc/parameters/", row, content_type="application/json").status_code in (401, 403)
    client.force_login(tra_vinh_officer)
    denied = client.post("/api/v1/calc/parameters/", row, content_type="application/json")
    assert denied.status_code == 403
    client.force_login(admin_user)
    created = client.post("/api/v1/calc/parameters/", row, content_type="application/json")
    assert created.status_code == 201
    quote = client.get("/api/v1/calc/household-hi/", {"on": "2027-02-01", "members": 1, "months": 12}).json()
    assert quote["base_salary"] == 2_700_000
    assert quote["total"] == 1_458_000


def test_admin_adds_a_local_top_up_through_the_api(client, admin_user):
    client.force_login(admin_user)
    row = {"province": "84", "scheme": "vsi", "group": "*", "percent": "10", "base": "min_contribution",
           "valid_from": "2026-01-01", "legal_ref": "Nghị quyết 00/2025/NQ-HĐND tỉnh Trà Vinh (thử)"}
    assert client.post("/api/v1/calc/local-support/", row, content_type="application/json").status_code == 201
    body = client.get("/api/v1/calc/voluntary-si/", {**VSI, "province": "84"}).json()
    assert (body["local_support_monthly"], body["payable_monthly"]) == (33_000, 165_000)
    bad = client.post("/api/v1/calc/local-support/", {**row, "group": "rich"}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "unknown_group"
