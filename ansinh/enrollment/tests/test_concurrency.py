"""Two collectors registering the same citizen ID at the same moment: one person, one enrollment, a clear refusal.

Real PostgreSQL and two threads, each with its own connection and transaction. SQLite serialises every
writer behind one lock, so the race this test is about cannot happen there: it is skipped on SQLite.
"""

import datetime as dt
import threading

import pytest
from django.db import connection

from ansinh.core.errors import DomainError
from ansinh.enrollment import services
from ansinh.enrollment.models import Enrollment, ParticipationDelta, Receipt, RecruitmentCount
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.models import Household, Person
from ansinh.registry.services import MemberInput

D = dt.date.fromisoformat
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises all writers with one lock: two concurrent transactions cannot race"),
]


def test_two_collectors_register_the_same_citizen_at_once(unit, tra_vinh_officer):
    commune = first_commune(unit("84", "pre2025"))
    point = make_point(commune)
    collectors = [make_staff(commune, code=f"NV00{i}", point=point) for i in (1, 2)]
    barrier = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def register(index: int) -> None:
        member = MemberInput("Thạch Văn Sơn", D("1970-05-01"), "M", "head", "084070000101")
        payment = services.Payment(receipt_number=f"BL-{index}", paid_on=D("2024-09-01"), collection_point=point,
                                   collector=collectors[index])
        try:
            barrier.wait(timeout=10)
            outcomes[index] = services.household_join(user=tra_vinh_officer, commune=commune, members=[member],
                                                      months=12, payment=payment, code=f"HGD-{index}")
        except DomainError as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    refused = [o for o in outcomes.values() if isinstance(o, DomainError)]
    assert len(outcomes) == 2 and len(refused) == 1
    assert refused[0].code == "person_exists"
    assert refused[0].message == ("Thành viên 1 (Thạch Văn Sơn): Số định danh 084070000101 đã được đăng ký cho "
                                  "người khác.")
    assert Person.objects.filter(citizen_id="084070000101").count() == 1
    assert Enrollment.objects.count() == 1
    assert Household.objects.count() == 1 and Receipt.objects.count() == 1
    assert sum(RecruitmentCount.objects.values_list("count", flat=True)) == 1
    assert sorted(ParticipationDelta.objects.values_list("day", "delta")) == [(D("2024-10-01"), 1),
                                                                              (D("2025-10-01"), -1)]


def test_two_collectors_enroll_the_same_person_at_once(unit, tra_vinh_officer):
    """The second open enrollment is refused by the database (`already_enrolled`), counts stay right."""
    from ansinh.registry.testing import make_person

    commune = first_commune(unit("84", "pre2025"))
    point = make_point(commune)
    person = make_person(tra_vinh_officer, commune, citizen_id="084085000201")
    barrier = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def enroll(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = services.person_enroll_voluntary_si(
                user=tra_vinh_officer, person=person, income=1_500_000, category="other", method="monthly",
                months=1, payment=services.Payment(f"BL-V{index}", D("2026-03-10"), point))
        except DomainError as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=enroll, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    refused = [o for o in outcomes.values() if isinstance(o, DomainError)]
    assert [r.code for r in refused] == ["already_enrolled"]
    assert Enrollment.objects.filter(person=person).count() == 1
    assert Receipt.objects.count() == 1
    assert sum(RecruitmentCount.objects.values_list("count", flat=True)) == 1
