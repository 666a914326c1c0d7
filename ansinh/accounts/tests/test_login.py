"""Login and logout pages, password validation, throttled failures."""

import pytest
from django.core.exceptions import ValidationError

from ansinh.accounts.services import user_ensure
from ansinh.core.testing.users import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_in_vietnamese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_login_then_logout(client, tra_vinh_officer):
    response = client.post("/accounts/login/", {"username": "tv_officer", "password": TEST_PASSWORD})
    assert response.status_code == 302
    home = client.get("/")
    assert "Tỉnh Trà Vinh" in home.content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_pages_require_sign_in(client, units):
    response = client.get("/units/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_failed_logins_are_throttled(client, tra_vinh_officer):
    statuses = [client.post("/accounts/login/", {"username": "tv_officer", "password": "wrong-password"}
                            ).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the 5th failure locks the account for this address
    locked = client.post("/accounts/login/", {"username": "tv_officer", "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "Tạm khoá đăng nhập" in locked.content.decode()


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        pytest.param("Ab1", "password_too_short", id="too-short"),
        pytest.param("password123", "password_too_common", id="too-common"),
        pytest.param("83749201938", "password_entirely_numeric", id="numeric"),
    ],
)
def test_weak_passwords_are_refused(units, password, reason):
    with pytest.raises(ValidationError) as err:
        user_ensure(username="newbie", password=password, role="viewer", scope_unit=None)
    assert reason in {e.code for e in err.value.error_list}


def test_one_address_trying_many_usernames_is_refused(client, tra_vinh_officer, settings):
    """Password spraying: every username fails once, none reaches axes' limit, the address reaches its own."""
    settings.ANSINH_LOGIN_ADDRESS_LIMIT = 8
    statuses = [client.post("/accounts/login/", {"username": f"nguoi-{n}", "password": "sai"}).status_code
                for n in range(9)]
    assert statuses == [200] * 8 + [429]
    refused = client.post("/accounts/login/", {"username": "tv_officer", "password": TEST_PASSWORD})
    assert (refused.status_code, "Tạm khoá đăng nhập" in refused.content.decode()) == (429, True)
    other = client.post("/accounts/login/", {"username": "tv_officer", "password": TEST_PASSWORD},
                        REMOTE_ADDR="10.1.2.3")  # another address is not refused
    assert other.status_code == 302
