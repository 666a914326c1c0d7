"""The field demo (`ansinh demo` loads it): points, collectors, households and voluntary SI of Trà Vinh and Vĩnh
Long, written through the services with every check, and loaded twice without change."""

import pytest

from ansinh.accounts.demo import load_demo_users
from ansinh.enrollment.demo import load
from ansinh.enrollment.models import Enrollment, Receipt
from ansinh.registry.models import PersonStatus

pytestmark = pytest.mark.django_db


def test_the_field_demo_loads_through_the_services_and_twice_without_change(unit):
    load_demo_users()
    first = load()
    # the near-poor voluntary SI participant is recognised with her list before she pays
    lan = PersonStatus.objects.get(person__full_name="Trần Thị Lan")
    assert (lan.year, lan.kind) == (2025, "near_poor")
    vsi = Enrollment.objects.get(person__full_name="Trần Thị Lan")
    # 22 % × 1,500,000 = 330,000 a month, less the state's 40 % for the near-poor (132,000): 198,000
    assert vsi.vsi_category == "near_poor"
    assert [(c.amount_due, c.state_support, c.amount_paid) for c in vsi.contributions.order_by("id")] == [
        (330_000, 132_000, 198_000), (330_000, 132_000, 198_000)]
    counts = (Receipt.objects.count(), Enrollment.objects.count(), PersonStatus.objects.count())
    assert load() == {"points": 0, "staff": 0, "households": 0, "people": 0}
    assert (Receipt.objects.count(), Enrollment.objects.count(), PersonStatus.objects.count()) == counts
    assert first["people"] == 3


def test_the_shipped_d03_and_d05_samples_import_onto_the_demo_unchanged(unit):
    """The samples in docs/samples are the demo's own payments: the D03-TS of September 2024 (household
    H29239-0001, whose commune became today's Phường Trà Vinh on 1/7/2025) and the D05-TS of September 2026
    import as already there — 3 and 1 rows unchanged, none refused — and move nobody."""
    from pathlib import Path

    from ansinh.accounts.models import User
    from ansinh.enrollment.importers import import_people
    from ansinh.registry.models import Person

    load_demo_users()
    load()
    samples = Path(__file__).resolve().parents[3] / "docs" / "samples"
    communes = dict(Person.objects.values_list("pk", "commune_id"))
    admin = User.objects.get(username="admin")
    d03 = import_people(samples / "D03-TS_BD-TV-01_2024-09.xlsx", user=admin)
    d05 = import_people(samples / "D05-TS_BD-TV-01_2026-09.xlsx", user=admin)
    assert [(r.layout, r.rows_read, r.rows_stored, r.rows_unchanged, r.rows_rejected) for r in (d03, d05)] == [
        ("d03", 3, 0, 3, 0), ("d05", 1, 0, 1, 0)]
    assert dict(Person.objects.values_list("pk", "commune_id")) == communes
