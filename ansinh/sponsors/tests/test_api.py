"""The sponsors' API as a Quảng Ngãi officer's program uses it on 5/9/2025: a sponsor, a pledge of a fixed
3,000,000, cards for six pupils (the sixth refused: the pledge is spent), the money, the fifth card paid — each
answer checked against the OpenAPI schema the site serves. Figures by hand in test_services."""

import json

import pytest
import schemathesis

from ansinh.sponsors.tests.conftest import SCHOOL

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.renderers import JSONRenderer

    return schemathesis.openapi.from_dict(json.loads(JSONRenderer().render(
        SchemaGenerator().get_schema(request=None, public=True))))


def checked(schema, response, path: str, method: str):
    """The response, its shape validated against the documented one for (path, method, status)."""
    import requests
    from schemathesis.core.transport import Response

    request = requests.Request(method=method.upper(), url=f"http://testserver{path}").prepare()
    schema[path][method.upper()].validate_response(Response(
        status_code=response.status_code, headers={k: [v] for k, v in response.headers.items()},
        content=response.content, request=request, elapsed=0.0, verify=False))
    return response.json()


def test_a_pledge_through_the_api(client, officer, pupils, counter, today, schema):
    client.force_login(officer)
    sponsor = checked(schema, client.post("/api/v1/sponsors/", {
        "kind": "organisation", "name": "Huyện Đoàn Đăk Glei (cũ)", "unit": "51"}, content_type="application/json"),
        "/api/v1/sponsors/", "post")
    pledge = checked(schema, client.post("/api/v1/pledges/", {
        "sponsor": sponsor["id"], "unit": "23341", "pledged_on": "2025-09-01", "beneficiaries": "school",
        "school": SCHOOL, "amount": 3_000_000, "period_start": "2025-09-01", "period_end": "2026-08-31"},
        content_type="application/json"), "/api/v1/pledges/", "post")
    assert (pledge["code"], pledge["balance"]["left"]) == (f"CK-2025-{pledge['id']:04d}", 3_000_000)
    given = checked(schema, client.post(f"/api/v1/pledges/{pledge['id']}/give/",
                                        {"people": [p.pk for p in pupils[:6]]}, content_type="application/json"),
                    "/api/v1/pledges/{id}/give/", "post")
    assert [c["amount"] for c in given["cards"]] == [631_800] * 4 + [472_800]
    assert given["cards"][0]["citizen_id"] == "********0101"  # masked
    assert [(r["person"], r["code"]) for r in given["refused"]] == [(pupils[5].pk, "pledge_spent")]
    checked(schema, client.post(f"/api/v1/pledges/{pledge['id']}/receive/",
                                {"received_on": "2025-09-05", "amount": 3_000_000, "reference": "UNC 0915"},
                                content_type="application/json"), "/api/v1/pledges/{id}/receive/", "post")
    again = client.post(f"/api/v1/pledges/{pledge['id']}/receive/",
                        {"received_on": "2025-09-05", "amount": 3_000_000, "reference": "UNC 0915"},
                        content_type="application/json")
    assert (again.status_code, again.json()["error"]["code"]) == (400, "pledge_receipt_duplicate")
    fifth = given["cards"][4]
    paid = checked(schema, client.post(f"/api/v1/sponsored-cards/{fifth['id']}/pay/", {
        "receipt_number": "DP-0005", "paid_on": "2025-09-05", "collection_point": "BD-DP-01"},
        content_type="application/json"), "/api/v1/sponsored-cards/{id}/pay/", "post")
    assert (paid["state"], paid["sponsor_paid"], paid["receipt"]) == ("paid", 472_800, "DP-0005")
    detail = checked(schema, client.get(f"/api/v1/pledges/{pledge['id']}/"), "/api/v1/pledges/{id}/", "get")
    assert {k: detail["balance"][k] for k in ("received", "paid", "set_aside", "unspent", "left", "cards_paid")} == {
        "received": 3_000_000, "paid": 472_800, "set_aside": 2_527_200, "unspent": 2_527_200, "left": 0,
        "cards_paid": 1}
    listed = checked(schema, client.get(f"/api/v1/sponsored-cards/?pledge={pledge['id']}"),
                     "/api/v1/sponsored-cards/", "get")
    assert [c["state"] for c in listed["results"]] == ["waiting"] * 4 + ["paid"]


def test_an_outsider_gets_404_and_a_viewer_403(client, officer, sponsor, tra_vinh_officer, unit, today):
    from ansinh.core.testing.users import make_user

    client.force_login(tra_vinh_officer)
    response = client.get(f"/api/v1/sponsors/{sponsor.pk}/")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    client.force_login(make_user("qn_viewer", role="viewer", scope_unit=unit("51", "2025")))
    assert client.get(f"/api/v1/sponsors/{sponsor.pk}/").status_code == 200
    response = client.post("/api/v1/pledges/", {}, content_type="application/json")
    assert (response.status_code, response.json()["error"]["code"]) == (403, "permission_denied")
