"""Every answer carries the Content-Security-Policy: scripts from the site or with the answer's nonce, nothing from
elsewhere, no framing; the pages' two inline scripts carry the nonce. (The browser tests fail on any refusal.)"""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_policy_and_the_nonce(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    response = client.get("/registry/households/new/")
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    nonce = re.search(r"'nonce-([^']+)'", policy["script-src"]).group(1)
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert policy["script-src"] == f"'self' 'nonce-{nonce}'"
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html
    assert not re.search(r"\son(click|change|submit|load)=", html)
    assert client.get("/registry/households/new/")["Content-Security-Policy"] != response["Content-Security-Policy"]
