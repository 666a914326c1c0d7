"""Vietnamese by default; English through Django's i18n."""

import pytest

pytestmark = pytest.mark.django_db


def test_vietnamese_is_the_default(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    body = client.get("/").content.decode()
    assert "Đăng xuất" in body
    assert 'lang="vi"' in body


def test_english_on_request(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Sign out" in body
    assert ">Participants</a>" in body
    assert ">Người tham gia</a>" not in body
    assert 'lang="en"' in body


def test_browser_language_does_not_switch_to_english(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng xuất" in body
