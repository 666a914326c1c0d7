"""Kon Tum objects for the scoping test (ansinh/web/tests/test_scoping.py): a household of two enrolled in
household HI, a person in voluntary SI, a receipt and an import run, built through the services.

Each POST body below is a dict the builder fills in (ids of the Kon Tum objects) before the test posts it.
"""

import datetime as dt

from ansinh.core.testing.users import make_user
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_point, make_staff

D = dt.date.fromisoformat
POINT_CODE = "KT-BD-01"
PAY = {"paid_on": "2026-03-10", "receipt_number": "", "collection_point": "", "action": "save"}
HOUSEHOLD_PAY = {**PAY, "months": "12", "members": []}
HOUSEHOLD_RENEW = {**PAY, "months": "12"}
VSI = {**PAY, "income": "2000000", "category": "other", "method": "monthly"}
RENEW = {**PAY, "months": "1"}
END = {"on": "2026-03-20", "reason": "lapsed"}
CONTACT = {"day": "2026-03-20", "outcome": "called"}
API_PAYMENT = {"receipt_number": "", "paid_on": "2026-03-10", "collection_point": POINT_CODE}
API_HOUSEHOLD_ENROLL = {"months": 12, "members": [], **API_PAYMENT}
API_HOUSEHOLD_RENEW = {"months": 12, **API_PAYMENT}
API_VSI = {"income": 2_000_000, "category": "other", "method": "monthly", **API_PAYMENT}
API_RENEW = {"months": 1, **API_PAYMENT}
API_END = {"on": "2026-03-20", "reason": "lapsed"}
CANCEL = {"reason": "Ghi nhầm (kiểm thử)"}
API_STATUS = {"year": 2026, "kind": "near_poor", "evidence": "QĐ 3/QĐ-UBND ngày 5/1/2026"}
PERSON_EDIT = {"full_name": "Y Blơng", "date_of_birth": "02/03/1985", "sex": "M", "citizen_id": "062085000701",
               "legacy_si_code": "6200000701", "phone": "", "ethnicity": "Ba Na", "commune": "", "address": "Thôn 1",
               "reason": "BHXH đã cấp mã số"}
_counter = {"n": 0}


def _receipt_number() -> str:
    _counter["n"] += 1
    return f"KT-{_counter['n']:05d}"


def _world() -> dict:
    """Build (once per test database) Kon Tum's point, collector, household, people, enrollments and receipt."""
    from ansinh.core.models import ImportRun
    from ansinh.enrollment.services import Payment, household_join, person_enroll_voluntary_si
    from ansinh.geo.selectors import unit_get
    from ansinh.geo.validity import successor
    from ansinh.network.models import CollectionPoint
    from ansinh.registry.models import Household, Person
    from ansinh.registry.services import MemberInput, person_register

    point = CollectionPoint.objects.filter(code=POINT_CODE).first()
    if point is not None:
        household = Household.objects.get(code="H-KT-0001")
        person = Person.objects.get(citizen_id="062085000701")
        return {"point": point, "household": household, "person": person,
                "enrollment": person.enrollments.get(), "run": ImportRun.objects.get(file_name="kon-tum.csv")}
    commune = first_commune(unit_get("62", "pre2025"))
    builder = make_user("kt-builder", role="admin")
    point = make_point(commune, code=POINT_CODE, name="Bưu điện Kon Tum")
    staff = make_staff(commune, code="KT-NV-01", point=point)
    household, _ = household_join(
        user=builder, commune=successor(commune, D("2026-01-05")), code="H-KT-0001", months=12,
        members=[MemberInput("A Thanh", D("1980-01-01"), "M", "head", "062080000801"),
                 MemberInput("Y Hoa", D("1982-02-02"), "F", "spouse", "062182000802")],
        payment=Payment("KT-H-0001", D("2026-01-05"), point, staff))
    person = person_register(user=builder, full_name="Y Blơng", date_of_birth=D("1985-03-02"), sex="M",
                             commune=commune, citizen_id="062085000701", on=D("2025-06-30"))
    enrollment = person_enroll_voluntary_si(user=builder, person=person, income=2_000_000, category="other",
                                            method="monthly", months=1,
                                            payment=Payment("KT-V-0001", D("2026-02-05"), point, staff))
    run = ImportRun.objects.create(kind="people", file_name="kon-tum.csv", file_sha256="0" * 64, user=builder,
                                   scope_path=commune.path.split("/")[0] + "/62/", state="failed",
                                   error="Tệp thiếu cột: Họ và tên.")
    return {"point": point, "household": household, "person": person, "enrollment": enrollment, "run": run}


def _fill(body: dict, world: dict) -> None:
    if "commune" in body:
        body["commune"] = f"({world['person'].commune.code})"
    if "collection_point" in body and body["collection_point"] != POINT_CODE:
        body["collection_point"] = str(world["point"].pk)
    if "receipt_number" in body:
        body["receipt_number"] = _receipt_number()


def person_kwargs() -> dict:
    """A Kon Tum person."""
    return {"pk": _world()["person"].pk}


def vsi_person_kwargs() -> dict:
    """A Kon Tum household member, not yet in voluntary SI (the page and API enroll them)."""
    world = _world()
    _fill(VSI, world)
    _fill(API_VSI, world)
    return {"pk": world["household"].head_id}


def household_kwargs() -> dict:
    """A Kon Tum household; its third member (a child, added here) is not enrolled yet, so paying enrolls her."""
    from ansinh.registry.models import Person

    world = _world()
    household = world["household"]
    child, _ = Person.objects.get_or_create(
        citizen_id="062310000803", defaults={
            "full_name": "A Minh", "name_folded": "a minh", "date_of_birth": D("2010-05-05"), "sex": "F",
            "commune": household.commune, "province_code": "62", "household": household, "relation": "child"})
    _fill(HOUSEHOLD_PAY, world)
    HOUSEHOLD_PAY["members"] = [str(child.pk)]
    _fill(API_HOUSEHOLD_ENROLL, world)
    API_HOUSEHOLD_ENROLL["members"] = [child.pk]
    return {"pk": household.pk}


def household_renew_kwargs() -> dict:
    """A Kon Tum household with members enrolled."""
    world = _world()
    _fill(HOUSEHOLD_RENEW, world)
    _fill(API_HOUSEHOLD_RENEW, world)
    return {"pk": world["household"].pk}


def enrollment_kwargs() -> dict:
    """Kon Tum's open voluntary-SI enrollment."""
    world = _world()
    _fill(RENEW, world)
    _fill(API_RENEW, world)
    return {"pk": world["enrollment"].pk}


def receipt_kwargs() -> dict:
    """A Kon Tum receipt."""
    return {"pk": _world()["enrollment"].contributions.get().receipt_id}


def cancel_kwargs() -> dict:
    """A Kon Tum receipt that can be cancelled: the latest payment of a person enrolled for it (enrolled again once
    a test cancelled it)."""
    from ansinh.accounts.models import User
    from ansinh.enrollment.models import Receipt
    from ansinh.enrollment.services import Payment, person_enroll_voluntary_si
    from ansinh.registry.models import Person

    world = _world()
    person, _ = Person.objects.get_or_create(
        citizen_id="062090000901", defaults={"full_name": "Y Nhí", "name_folded": "y nhi",
                                             "date_of_birth": D("1990-04-04"), "sex": "F",
                                             "commune": world["person"].commune, "province_code": "62"})
    live = Receipt.objects.filter(contributions__enrollment__person=person, cancelled_at__isnull=True).first()
    if live is None:
        enrollment = person_enroll_voluntary_si(
            user=User.objects.get(username="kt-builder"), person=person, income=2_000_000, category="other",
            method="monthly", months=1,
            payment=Payment(_receipt_number(), D("2026-02-06"), world["point"]))
        live = enrollment.contributions.get().receipt
    return {"pk": live.pk}


def kon_tum_cancelled() -> int:
    """Cancelled receipts of Kon Tum (changes when one is cancelled)."""
    from ansinh.enrollment.models import Receipt

    return Receipt.objects.filter(province_code="62", cancelled_at__isnull=False).count()


def run_kwargs() -> dict:
    """A Kon Tum import run."""
    return {"pk": _world()["run"].pk}


def kon_tum_statuses() -> tuple:
    """Kon Tum's people's statuses (changes when one is recorded)."""
    from ansinh.registry.models import PersonStatus

    return tuple(PersonStatus.objects.filter(person__citizen_id__startswith="062").values_list(
        "person_id", "year", "kind", "evidence"))


def status_kwargs() -> dict:
    """A status of the Kon Tum person (recorded once per test database)."""
    from ansinh.registry.models import PersonStatus
    from ansinh.registry.services import person_status_set

    person = _world()["person"]
    status = PersonStatus.objects.filter(person=person, kind="student").first()
    if status is None:
        builder = person.created_by
        status = person_status_set(user=builder, person=person, year=2026, kind="student",
                                   evidence="Danh sách HSSV năm 2026 (Kon Tum)")
    return {"pk": status.pk}


def person_edit_kwargs() -> dict:
    """The Kon Tum person, with the edit form filled for the commune they live in today."""
    world = _world()
    _fill(PERSON_EDIT, world)
    return {"pk": world["person"].pk}


def kon_tum_people() -> tuple:
    """Kon Tum's people as an edit changes them."""
    from ansinh.registry.models import Person

    return tuple(Person.objects.filter(citizen_id__startswith="062").order_by("id").values_list(
        "full_name", "legacy_si_code", "ethnicity", "address", "commune_id"))


def kon_tum_receipts() -> int:
    """Receipts of Kon Tum (changes when a payment is recorded)."""
    from ansinh.enrollment.models import Receipt

    return Receipt.objects.filter(province_code="62").count()


def kon_tum_enrollments() -> tuple:
    """Kon Tum's enrollments, with their status and end (changes on enroll, renew, end)."""
    from ansinh.enrollment.models import Enrollment

    return tuple(Enrollment.objects.filter(province_code="62").order_by("id").values_list("id", "status", "end_date"))


def kon_tum_contacts() -> int:
    """Follow-ups recorded in Kon Tum (a contact changes only this)."""
    from ansinh.enrollment.models import Contact

    return Contact.objects.filter(enrollment__province_code="62").count()


def prospect_kwargs() -> dict:
    """A prospect of a Kon Tum commune's resident list (made once per test database)."""
    from ansinh.enrollment.models import Prospect, ResidentList

    person = _world()["person"]
    commune = person.commune
    resident_list, _ = ResidentList.objects.get_or_create(
        commune=commune, listed_on=D("2025-06-01"),
        defaults={"province_code": commune.province_code, "purge_on": D("2026-06-01")})
    prospect, _ = Prospect.objects.get_or_create(
        commune=commune, key="nd:a blong|1990-01-01",
        defaults={"resident_list": resident_list, "full_name": "A Blông", "date_of_birth": D("1990-01-01"),
                  "sex": "M", "household_number": "KT-HK-1", "matched_by": "none", "needs_hi": True,
                  "province_code": commune.province_code})
    return {"pk": prospect.pk}


def kon_tum_prospects() -> tuple:
    """Kon Tum's prospects as registering or assigning changes them."""
    from ansinh.enrollment.models import Prospect

    return tuple(Prospect.objects.filter(province_code="62").values_list("id", "status", "collector_id", "person_id"))
