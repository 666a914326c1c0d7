"""The API answers a user's requests up to ANSINH_API_RATE_USER a minute, then 429 with the JSON error `throttled`;
another user is not held back."""

import pytest

from ansinh.core.testing.users import make_user

pytestmark = pytest.mark.django_db


def test_a_user_over_the_rate_is_throttled_and_another_is_not(client, units, settings):
    settings.ANSINH_API_RATE_USER = "5/minute"
    client.force_login(make_user("nhieu-yeu-cau", role="province_officer", scope_unit=units.objects.get(
        code="84", era="pre2025")))
    statuses = [client.get("/api/v1/units/?limit=1").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    body = client.get("/api/v1/units/?limit=1").json()
    assert body["error"]["code"] == "throttled"
    client.force_login(make_user("it-yeu-cau", role="province_officer", scope_unit=units.objects.get(
        code="84", era="pre2025")))
    assert client.get("/api/v1/units/?limit=1").status_code == 200
