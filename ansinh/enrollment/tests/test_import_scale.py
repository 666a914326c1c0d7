"""100,000 generated people imported in one run, then again (slow: `make test-slow`)."""

import pytest

from ansinh.enrollment.importers import import_people
from ansinh.enrollment.testing import generate
from ansinh.registry.models import Household, Person

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
ROWS = 100_000


def test_100k_people_are_imported_then_found_unchanged(tmp_path, unit, admin_user, settings):
    settings.MEDIA_ROOT = tmp_path
    path = tmp_path / "people.csv"
    communes = ["29266", "29275", "29242", "29263", "29278"]
    generate(path, ROWS, communes=communes)
    run = import_people(path, user=admin_user, era="2025")
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (ROWS, ROWS, 0)
    households = Household.objects.count()
    assert run.summary["people"] == Person.objects.count() == ROWS
    assert run.summary["households"] == households
    assert not Household.objects.filter(head__isnull=True).exists()
    again = import_people(path, user=admin_user, era="2025")
    assert (again.rows_stored, again.rows_unchanged, again.rows_rejected) == (0, ROWS, 0)
    assert Person.objects.count() == ROWS and Household.objects.count() == households
