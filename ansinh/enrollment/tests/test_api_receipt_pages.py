"""The receipts list of the API reads a page in a fixed number of queries however many receipts and lines it holds
(the lines of the whole page in one query), and no page is longer than 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ansinh.enrollment import services
from ansinh.enrollment.testing import pay
from ansinh.registry.testing import make_household_of_three

pytestmark = pytest.mark.django_db


def _households(user, commune, point, collector, first: int, count: int) -> None:
    for n in range(first, first + count):
        household, people = make_household_of_three(
            user, commune, code=f"HGD-84-{n:04d}", ids=(f"0840700{n:05d}", f"0841720{n:05d}", f"0842010{n:05d}"))
        services.household_enroll(user=user, household=household, members=people, months=12,
                                  payment=pay(point, collector, f"BL-{n:04d}", "2024-09-01"))


def _queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/receipts/", {"limit": 500})
    assert response.status_code == 200
    return len(captured), len(response.json()["results"])


def test_a_page_of_receipts_costs_the_same_queries_for_2_or_6_receipts(client, tra_vinh_officer, commune, point,
                                                                        collector):
    client.force_login(tra_vinh_officer)
    _households(tra_vinh_officer, commune, point, collector, 1, 2)
    few, shown = _queries(client)
    assert shown == 2
    _households(tra_vinh_officer, commune, point, collector, 3, 4)
    many, shown = _queries(client)
    assert (shown, many) == (6, few)
    lines = client.get("/api/v1/receipts/").json()["results"][0]["lines"]
    assert [line["person_name"] for line in lines] == ["Thạch Văn Sơn", "Kim Thị Hoa", "Thạch Minh Tú"]


@pytest.mark.parametrize(("limit", "used"), [
    pytest.param("100000", 500, id="too-many-is-500"), pytest.param("99999999999999999999999", 500, id="huge"),
    pytest.param("120", 120, id="as-asked"), pytest.param("-5", 50, id="negative-is-the-default"),
    pytest.param("abc", 50, id="not-a-number-is-the-default"),
])
def test_no_page_is_longer_than_500(client, tra_vinh_officer, limit, used):
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from ansinh.core.api import Pages

    assert Pages().get_limit(Request(APIRequestFactory().get("/api/v1/receipts/", {"limit": limit}))) == used
    client.force_login(tra_vinh_officer)
    assert client.get("/api/v1/receipts/", {"limit": limit}).status_code == 200
