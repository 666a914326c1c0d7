"""Fixtures for campaign tests: the demo campaigns (cases A, C, D), loaded once per test module.

The demo is written inside a transaction that stays open for the module and is rolled back at its end;
each test runs in a savepoint inside it (pytest-django's `db`), so tests see the demo and never each
other's changes, and no other app's tests see the demo.
"""

import pytest


def load_demo_quickly():
    """The demo campaigns on the test database (units reloaded if a transactional test flushed them)."""
    from django.core.management import call_command

    from ansinh.accounts.models import User
    from ansinh.campaigns.demo import load_demo
    from ansinh.geo.models import Unit

    if not Unit.objects.exists():
        import os

        call_command("load_units", stdout=open(os.devnull, "w"))  # noqa: SIM115

    if not User.objects.filter(username="admin").exists():
        admin = User(username="admin", role="admin", is_staff=True, is_superuser=True)
        admin.set_unusable_password()  # no password hashing: the demo only needs the account
        admin.save()
    load_demo()


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo_quickly()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_module, db):
    """The demo campaigns of the seed articles (Trà Vinh 2020, Quảng Nam 2020, Lâm Đồng 2023, national 2022)."""
    from ansinh.campaigns.models import Campaign

    return {c.slug: c for c in Campaign.objects.select_related("area")}
