"""The API checked against its own OpenAPI schema by schemathesis (a bounded run, part of `make test` on both
databases): for every operation, generated requests — valid and not — never give a server error or a status
code the schema does not document, and every answer matches its documented shape."""

import base64
import json

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import checks as sc
from schemathesis.specs.openapi import checks as oc

from ansinh.core.testing.users import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db

EXAMPLES = 8
CHECKS = [sc.not_a_server_error, oc.status_code_conformance, oc.content_type_conformance,
          oc.response_schema_conformance]  # per operation: a fixed budget (about 100 operations)


def _schema():
    """The schema the site serves at /api/schema/, loaded in process, answered by the WSGI application."""
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.renderers import JSONRenderer

    document = json.loads(JSONRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


@pytest.fixture
def auth(settings, units):
    """An administrator signing every request in (HTTP Basic), with a fast hash: the run is about the API, not about
    PBKDF2's 600,000 rounds on each of a thousand requests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user("fuzz_admin", role="admin", scope_unit=None)
    token = base64.b64encode(f"{user.username}:{TEST_PASSWORD}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def connection_kept():
    """Requests go straight to the WSGI application (not through Django's test client, which does the same): the
    test's database connection, inside the test's transaction, must not be closed at the end of each request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(case, auth, connection_kept):
    case.call_and_validate(headers=auth, checks=CHECKS)
