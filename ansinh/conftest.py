"""Shared fixtures: the real units of both eras loaded once, users of two provinces, a browser."""

import os
import shutil

import pytest
from django.core.management import call_command

from ansinh.core.testing.users import make_user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the administrative units once per run; every test sees them."""
    with django_db_blocker.unblock():
        call_command("load_units", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def units(db):
    """Units are there (reloaded after a transactional test flushed them)."""
    from ansinh.geo.models import Unit

    if not Unit.objects.exists():
        call_command("load_units", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Unit


@pytest.fixture
def unit(units):
    """Look up a unit: unit("84") (old Trà Vinh), unit("86", "2025")."""
    from ansinh.geo.selectors import unit_get

    def get(code: str, era: str | None = None):
        return unit_get(code, era)

    return get


@pytest.fixture
def tra_vinh_officer(unit):
    """A province officer scoped to Trà Vinh (63-province structure, code 84)."""
    return make_user("tv_officer", role="province_officer", scope_unit=unit("84", "pre2025"))


@pytest.fixture
def kon_tum_officer(unit):
    """A province officer scoped to Kon Tum (code 62)."""
    return make_user("kt_officer", role="province_officer", scope_unit=unit("62", "pre2025"))


@pytest.fixture
def admin_user(units):
    """A system administrator (whole country)."""
    return make_user("root_admin", role="admin", scope_unit=None)


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (nothing downloaded)."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: `make browser` installs it")
        pytest.skip("Debian's chromium is not installed (make browser)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser page, phone-friendly viewport off by default."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused = _watch_csp(page)
    yield page
    context.close()
    assert refused == [], "the Content-Security-Policy refused something the page needs"


@pytest.fixture
def phone(browser):
    """A fresh browser page the size of a phone (390 × 844)."""
    from ansinh.core.testing.browser import PHONE

    context = browser.new_context(locale="vi-VN", viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    refused = _watch_csp(page)
    yield page
    context.close()
    assert refused == [], "the Content-Security-Policy refused something the page needs"


def _watch_csp(page) -> list[str]:
    """What the browser refused under the Content-Security-Policy (chromium says so on the console)."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    return refused


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (failed-login and API request counts, cached parameters)."""
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_collection_modifyitems(items):
    """Schemathesis names its tests by operation ("test_x[GET /api/v1/units/]") but gives them all the function's
    node id; pytest -n schedules by node id and would run one operation of the ninety. Each gets its own id."""
    for item in items:
        if item.name != item.originalname and "[" not in item.nodeid and "[" in item.name:
            item._id = item.parent.id.child(item.name)
