"""The registry and enrollment API: the field operations, stable error codes, and every response checked against
the OpenAPI schema the project publishes at /api/schema/ (validated with jsonschema)."""

import datetime as dt

import pytest
from jsonschema import Draft202012Validator

from ansinh.geo.testing import first_commune
from ansinh.geo.validity import successor
from ansinh.network.testing import make_point, make_staff

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def _json_schema(node):
    """OpenAPI 3.0 -> JSON Schema: `nullable: true` becomes a null alternative."""
    if isinstance(node, list):
        return [_json_schema(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _json_schema(v) for k, v in node.items() if k != "nullable"}
    if node.get("nullable"):
        if "type" in out and "enum" not in out:
            out["type"] = [out["type"], "null"]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    from ansinh.core.testing.users import make_user

    with django_db_blocker.unblock():
        from ansinh.accounts.models import User

        user = User.objects.filter(username="schema-reader").first() or make_user("schema-reader", role="admin")
        client = Client()
        client.force_login(user)
        document = client.get("/api/schema/", {"format": "json"}).json()
        user.delete()
    return _json_schema(document)


class Api:
    """A signed-in client that checks every answer against the OpenAPI schema."""

    def __init__(self, client, schema):
        self.client = client
        self.schema = schema
        self.checked: list[tuple[str, str, int]] = []

    def _check(self, response, template: str, method: str):
        operation = self.schema["paths"][template][method]
        spec = operation["responses"].get(str(response.status_code))
        assert spec is not None, f"{method.upper()} {template} answered {response.status_code}, not in the schema"
        body_schema = spec["content"]["application/json"]["schema"]
        validator = Draft202012Validator({**body_schema, "components": self.schema["components"]})
        errors = sorted(validator.iter_errors(response.json()), key=str)
        assert not errors, f"{method.upper()} {template}: {errors[0].message} at {list(errors[0].absolute_path)}"
        self.checked.append((method, template, response.status_code))
        return response

    def get(self, url: str, template: str, **params):
        return self._check(self.client.get(url, params), template, "get")

    def post(self, url: str, template: str, body: dict):
        return self._check(self.client.post(url, body, content_type="application/json"), template, "post")


@pytest.fixture
def world(unit, tra_vinh_officer):
    commune = first_commune(unit("84", "pre2025"))
    point = make_point(commune, code="BD-TV-01")
    staff = make_staff(commune, code="NV-TV-001", point=point)
    return {"commune": commune, "point": point, "staff": staff}


@pytest.fixture
def api(client, tra_vinh_officer, schema):
    client.force_login(tra_vinh_officer)
    return Api(client, schema)


MEMBERS = [
    {"full_name": "Thạch Văn Sơn", "date_of_birth": "1970-05-01", "sex": "M", "relation": "head",
     "citizen_id": "084070000101", "phone": "0912000101", "ethnicity": "Khmer"},
    {"full_name": "Kim Thị Hoa", "date_of_birth": "1972-08-09", "sex": "F", "relation": "spouse",
     "citizen_id": "084172000102"},
    {"full_name": "Thạch Minh Tú", "date_of_birth": "2001-01-20", "sex": "M", "relation": "child",
     "citizen_id": "084201000103"},
]


def pay(number: str, on: str) -> dict:
    return {"receipt_number": number, "paid_on": on, "collection_point": "BD-TV-01", "collector": "NV-TV-001"}


def register(api, world, code="HGD-1", enroll=None, commune=None, registered_on="2024-08-01"):
    """A household registered in old Phường 4 on 1/8/2024 (or in `commune`, on the payment date with `enroll`)."""
    commune = commune or world["commune"]
    body = {"code": code, "address": "Khóm 2", "commune": {"code": commune.code, "era": commune.era},
            "members": MEMBERS}
    if enroll:
        body["enroll"] = enroll
    elif registered_on:
        body["registered_on"] = registered_on
    return api.post("/api/v1/households/", "/api/v1/households/", body)


@pytest.mark.parametrize(("paid_on", "era", "total", "shares"), [
    pytest.param("2024-09-01", "pre2025", 2_906_280, [1_263_600, 884_520, 758_160], id="old-phuong-4-base-2340000"),
    pytest.param("2026-07-01", "2025", 3_142_260, [1_366_200, 956_340, 819_720], id="phuong-long-duc-base-2530000"),
])
def test_register_a_household_and_enroll_it_at_once(api, world, paid_on, era, total, shares):
    commune = world["commune"] if era == "pre2025" else successor(world["commune"], D(paid_on))
    response = register(api, world, enroll={"months": 12, **pay("BL-1", paid_on)}, commune=commune)
    assert response.status_code == 201
    body = response.json()
    assert body["household"]["code"] == "HGD-1"
    assert [m["citizen_id"] for m in body["household"]["members"]] == ["********0101", "********0102",
                                                                       "********0103"]
    assert body["enrolled"]["amount_paid"] == total
    receipt = api.get(f"/api/v1/receipts/{body['enrolled']['receipt']}/", "/api/v1/receipts/{id}/").json()
    assert [line["amount_paid"] for line in receipt["lines"]] == shares
    assert [line["member_rank"] for line in receipt["lines"]] == [1, 2, 3]
    assert body["household"]["commune"] == commune.code and body["household"]["commune_era"] == era


@pytest.mark.parametrize(("era", "on", "message"), [
    pytest.param("pre2025", "2026-12-01", "Phường 4 đã thôi tồn tại từ ngày 1/7/2025, không nhận hồ sơ ngày "
                                          "1/12/2026. Hãy chọn đơn vị hiện nay: Phường Long Đức.",
                 id="old-commune-in-december-2026"),
    pytest.param("2025", "2025-06-30", "Phường Long Đức chỉ có từ ngày 1/7/2025; hồ sơ ngày 30/6/2025 phải ghi "
                                       "vào đơn vị của cơ cấu khi đó.", id="todays-commune-the-day-before"),
])
def test_a_unit_that_does_not_exist_on_the_date_is_refused(api, world, era, on, message):
    commune = world["commune"] if era == "pre2025" else successor(world["commune"], D("2026-12-01"))
    response = register(api, world, commune=commune, registered_on=on)
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "unit_not_valid_on_date", "field": "commune", "message": message}


def test_quote_explains_every_line(api, world):
    household = register(api, world).json()["household"]
    quote = api.post(f"/api/v1/households/{household['id']}/quote/", "/api/v1/households/{id}/quote/",
                     {"months": 12, "paid_on": "2024-09-01"}).json()
    assert quote["total"] == 2_906_280
    assert [(x["code"], x["amount"], x["member"]) for x in quote["lines"]] == [
        ("contribution", 1_263_600, 1), ("contribution", 884_520, 2), ("contribution", 758_160, 3)]
    assert all(x["reason"] and "Điều" in x["legal_ref"] for x in quote["lines"])


def test_household_enroll_then_renew(api, world):
    household = register(api, world).json()["household"]
    hid = household["id"]
    first = api.post(f"/api/v1/households/{hid}/enroll/", "/api/v1/households/{id}/enroll/",
                     {"months": 6, **pay("BL-1", "2024-09-01")})
    assert first.status_code == 201 and first.json()["amount_paid"] == 1_453_140
    again = api.post(f"/api/v1/households/{hid}/enroll/", "/api/v1/households/{id}/enroll/",
                     {"months": 6, **pay("BL-2", "2024-09-02")})
    assert again.status_code == 400 and again.json()["error"]["code"] == "already_enrolled"
    renewed = api.post(f"/api/v1/households/{hid}/renew/", "/api/v1/households/{id}/renew/",
                       {"months": 12, **pay("BL-3", "2025-03-20")})
    assert renewed.status_code == 201 and renewed.json()["amount_paid"] == 2_906_280
    assert [e["end_date"] for e in renewed.json()["enrollments"]] == ["2026-03-31"] * 3


@pytest.mark.parametrize(("body", "status", "code"), [
    pytest.param({"receipt_number": "BL-1"}, 400, "validation_error", id="missing-fields"),
    pytest.param({"income": 1_000_000}, 400, "income_below_minimum", id="income-below-minimum"),
    pytest.param({"income": 1_520_000}, 400, "income_off_step", id="income-off-step"),
    pytest.param({"collection_point": "NOPE"}, 400, "unknown_collection_point", id="unknown-point"),
])
def test_voluntary_si_refusals_have_stable_codes(api, world, body, status, code):
    person = register(api, world).json()["household"]["members"][0]
    full = {"income": 1_500_000, "category": "other", "method": "monthly", **pay("BL-V1", "2026-03-10")}
    if body == {"receipt_number": "BL-1"}:
        full = body
    else:
        full.update(body)
    response = api.post(f"/api/v1/people/{person['id']}/voluntary-si/", "/api/v1/people/{id}/voluntary-si/", full)
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)


def test_voluntary_si_enroll_renew_end_and_history(api, world):
    person = register(api, world).json()["household"]["members"][1]
    url = f"/api/v1/people/{person['id']}/"
    unproven = api.post(url + "voluntary-si/", "/api/v1/people/{id}/voluntary-si/",
                        {"income": 1_500_000, "category": "near_poor", "method": "monthly",
                         **pay("BL-V0", "2026-03-10")})
    assert (unproven.status_code, unproven.json()["error"]["code"]) == (400, "support_without_evidence")
    status = api.post(url + "statuses/", "/api/v1/people/{id}/statuses/",
                      {"year": 2026, "kind": "near_poor", "evidence": "QĐ 15/QĐ-UBND ngày 15/1/2026 của UBND xã",
                       "decided_on": "2026-01-15"})
    assert status.json()["statuses"] == [{"year": 2026, "kind": "near_poor", "local_group": "",
                                          "evidence": "QĐ 15/QĐ-UBND ngày 15/1/2026 của UBND xã",
                                          "decided_on": "2026-01-15"}]
    quote = api.post(url + "voluntary-si/quote/", "/api/v1/people/{id}/voluntary-si/quote/",
                     {"income": 1_500_000, "category": "near_poor", "method": "monthly", "paid_on": "2026-03-10"})
    assert [(x["code"], x["amount"]) for x in quote.json()["lines"]] == [("contribution", 330_000),
                                                                         ("state_support", -132_000)]
    enrolled = api.post(url + "voluntary-si/", "/api/v1/people/{id}/voluntary-si/",
                        {"income": 1_500_000, "category": "near_poor", "method": "monthly",
                         **pay("BL-V1", "2026-03-10")}).json()
    assert enrolled["amount_paid"] == 198_000
    eid = enrolled["enrollments"][0]["id"]
    duplicate = api.post(f"/api/v1/enrollments/{eid}/renew/", "/api/v1/enrollments/{id}/renew/",
                         {"months": 1, **pay("BL-V1", "2026-04-05")})
    assert duplicate.json()["error"]["code"] == "duplicate_receipt"
    renewed = api.post(f"/api/v1/enrollments/{eid}/renew/", "/api/v1/enrollments/{id}/renew/",
                       {"months": 1, **pay("BL-V2", "2026-04-05")})
    assert (renewed.status_code, renewed.json()["period_start"], renewed.json()["amount_paid"]) == (
        201, "2026-04-01", 198_000)
    ended = api.post(f"/api/v1/enrollments/{eid}/end/", "/api/v1/enrollments/{id}/end/",
                     {"on": "2026-04-15", "reason": "compulsory"})
    assert (ended.json()["status"], ended.json()["end_date"]) == ("ended", "2026-04-15")
    detail = api.get(url, "/api/v1/people/{id}/").json()
    assert detail["citizen_id"] == "084172000102"
    assert [c["receipt_number"] for c in detail["contributions"]] == ["BL-V2", "BL-V1"]
    changes = api.get(url + "changes/", "/api/v1/people/{id}/changes/").json()
    assert [(c["action"], c["object_type"]) for c in changes][0] == ("update", "enrollment.enrollment")
    assert changes[0]["changes"]["reason"] == "compulsory"
    api.get(f"/api/v1/enrollments/{eid}/", "/api/v1/enrollments/{id}/")
    listed = api.get("/api/v1/enrollments/", "/api/v1/enrollments/", person=person["id"]).json()
    assert listed["count"] == 1


def test_registering_a_known_citizen_is_refused(api, world):
    register(api, world)
    response = api.post("/api/v1/people/", "/api/v1/people/", {
        "full_name": "Kim Thị Hoa", "date_of_birth": "1972-08-09", "sex": "F", "citizen_id": "084172000102",
        "commune": {"code": world["commune"].code, "era": "pre2025"}, "registered_on": "2024-08-01"})
    assert response.status_code == 400
    assert response.json() == {"error": {"code": "person_exists", "field": "citizen_id",
                                         "message": "Số định danh 084172000102 đã được đăng ký cho người khác."}}
    mismatch = api.post("/api/v1/people/", "/api/v1/people/", {
        "full_name": "Lê Văn Năm", "date_of_birth": "1980-01-01", "sex": "M", "citizen_id": "084081000005",
        "commune": {"code": world["commune"].code, "era": "pre2025"}, "registered_on": "2024-08-01"})
    assert mismatch.json()["error"]["code"] == "citizen_id_birth_year_mismatch"


def test_lists_search_and_the_worklist(api, world):
    register(api, world)
    found = api.get("/api/v1/people/", "/api/v1/people/", q="thach van").json()
    assert [p["full_name"] for p in found["results"]] == ["Thạch Văn Sơn"]
    assert found["results"][0]["phone"] == "******0101"
    households = api.get("/api/v1/households/", "/api/v1/households/", q="HGD-1").json()
    assert households["count"] == 1
    assert api.get("/api/v1/collection-points/", "/api/v1/collection-points/").json()["results"][0]["code"] == \
        "BD-TV-01"
    assert api.get("/api/v1/staff/", "/api/v1/staff/").json()["results"][0]["code"] == "NV-TV-001"
    assert api.get("/api/v1/worklist/expiring-cards/", "/api/v1/worklist/expiring-cards/").json()["count"] == 0
    assert api.get("/api/v1/receipts/", "/api/v1/receipts/").json()["count"] == 0


def test_outside_the_area_is_a_json_404(api, unit, kon_tum_officer, schema, client):
    from ansinh.registry.services import person_register

    kon_tum = first_commune(unit("62", "pre2025"))
    person = person_register(user=kon_tum_officer, full_name="Y Blơng", date_of_birth=D("1985-03-02"), sex="M",
                             commune=kon_tum, citizen_id="062085000701", on=D("2025-06-30"))
    response = api.get(f"/api/v1/people/{person.pk}/", "/api/v1/people/{id}/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Không tìm thấy."}}
