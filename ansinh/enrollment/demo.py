"""Demo data for the registry: collection points and collectors in Trà Vinh (old 84) and today's Vĩnh Long
(86), a few households with members and their enrollments, all written through the services.

Idempotent: each household, person and point is created only when its code is not there yet.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from ansinh.enrollment.services import (
    Payment,
    enrollment_renew,
    household_join,
    household_renew,
    person_enroll_voluntary_si,
)
from ansinh.geo.models import Unit
from ansinh.network.models import CollectionPoint, Staff
from ansinh.registry.models import Household, Person
from ansinh.registry.services import MemberInput, person_register, person_status_set

D = dt.date.fromisoformat

POINTS = [
    # code, name, kind, era, commune code, address, phone, officer
    ("BD-TV-01", "Bưu điện thành phố Trà Vinh", "post_office", "pre2025", "29239", "Số 3 Lê Thánh Tông, Phường 1",
     "02943862222", "travinh"),
    ("BD-CL-01", "Bưu điện huyện Càng Long", "post_office", "pre2025", "29266", "Khóm 1, thị trấn Càng Long",
     "02943882345", "travinh"),
    ("BD-VL-01", "Bưu điện phường Long Châu", "post_office", "2025", "29551", "Số 12 đường 1 Tháng 5, phường Long Châu",
     "02703822111", "vinhlong"),
]
STAFF = [
    # code, name, organisation, point, login
    ("NV-TV-001", "Phạm Thị Thu", "post", "BD-TV-01", "thuvien"),
    ("NV-CL-001", "Trần Văn Thu", "post", "BD-CL-01", None),
    ("NV-VL-001", "Võ Thị Hạnh", "post", "BD-VL-01", None),
]
HOUSEHOLDS = [
    # code, era, commune, address, members, months, paid on, receipt, point, renewals [(months, paid on, receipt)]
    # Each is registered in a commune that exists on its first payment; H29239-0001, registered in old Phường 1
    # in 2024, moves to today's Phường Trà Vinh when it renews in September 2025 (ADR 0005).
    ("H29239-0001", "pre2025", "29239", "Khóm 2, Phường 1, thành phố Trà Vinh", [
        MemberInput("Thạch Văn Sơn", D("1970-05-01"), "M", "head", "084070000101", phone="0912000101",
                    ethnicity="Khmer"),
        MemberInput("Kim Thị Hoa", D("1972-08-09"), "F", "spouse", "084172000102", ethnicity="Khmer"),
        MemberInput("Thạch Minh Tú", D("2001-01-20"), "M", "child", "084201000103", ethnicity="Khmer"),
    ], 12, D("2024-09-01"), "BL-TV-000101", "BD-TV-01", [(12, D("2025-09-20"), "BL-TV-000188")]),
    ("H29266-0001", "2025", "29266", "Ấp Phú Hưng, xã Càng Long", [
        MemberInput("Nguyễn Văn Bình", D("1980-02-14"), "M", "head", "084080001234", phone="0983123456"),
        MemberInput("Lê Thị Mai", D("1983-06-30"), "F", "spouse", "084183004321"),
        MemberInput("Nguyễn Thị Ngọc", D("2010-11-02"), "F", "child", "084310005678"),
    ], 12, D("2025-11-10"), "BL-CL-000045", "BD-CL-01", []),
    ("H29551-0001", "2025", "29551", "Khóm 3, phường Long Châu", [
        MemberInput("Võ Văn Tâm", D("1965-04-12"), "M", "head", "086065001111", phone="0939111222"),
        MemberInput("Đặng Thị Thu", D("1968-09-05"), "F", "spouse", "086168002222"),
    ], 6, D("2026-08-05"), "BL-VL-000012", "BD-VL-01", []),
]
VOLUNTARY = [
    # name, born, sex, citizen id, phone, ethnicity, era, commune, income, category, method, paid on, receipt, point
    ("Trần Thị Lan", D("1979-03-08"), "F", "084179000777", "0918777666", "Kinh", "2025", "29266", 1_500_000,
     "near_poor", "monthly", D("2025-10-10"), "BL-CL-000031", "BD-CL-01"),
    ("Sơn Thị Sa Rum", D("1990-12-01"), "F", "084190000888", "0907888999", "Khmer", "2025", "29242", 2_000_000,
     "ethnic_minority", "12_months", D("2026-09-15"), "BL-TV-000230", "BD-TV-01"),
    ("Huỳnh Minh Khoa", D("1995-07-21"), "M", "086095003333", "0345333444", "Kinh", "2025", "29551", 3_000_000,
     "other", "3_months", D("2026-10-01"), "BL-VL-000019", "BD-VL-01"),
]

# The list a supported category is proven by (made-up decision numbers: this is demo data).
STATUS_EVIDENCE = {"near_poor": "Danh sách hộ cận nghèo năm 2025, QĐ 12/QĐ-UBND ngày 10/1/2025 (dữ liệu mẫu)",
                   "poor": "Danh sách hộ nghèo năm 2025, QĐ 12/QĐ-UBND ngày 10/1/2025 (dữ liệu mẫu)"}


def _user(username: str | None):
    users = get_user_model().objects.filter(is_active=True)
    return (users.filter(username=username).first() if username else None) or \
        users.filter(is_superuser=True).order_by("pk").first()


def _unit(era: str, code: str) -> Unit:
    return Unit.objects.get(era=era, code=code)


@transaction.atomic
def load(stdout=None) -> dict:
    """Create the demo points, collectors, households and voluntary-SI participants that are missing."""
    made = {"points": 0, "staff": 0, "households": 0, "people": 0}
    officers = {}
    for code, name, kind, era, commune, address, phone, officer in POINTS:
        unit = _unit(era, commune)
        officers[code] = _user(officer)
        _, created = CollectionPoint.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "unit": unit, "province_code": unit.province_code, "address": address,
            "phone": phone})
        made["points"] += created
    points = {p.code: p for p in CollectionPoint.objects.filter(code__in=[p[0] for p in POINTS])}
    for code, name, organisation, point_code, login in STAFF:
        point = points[point_code]
        user = get_user_model().objects.filter(username=login).first() if login else None
        _, created = Staff.objects.get_or_create(code=code, defaults={
            "full_name": name, "organisation": organisation, "unit": point.unit,
            "province_code": point.province_code, "collection_point": point, "user": user})
        made["staff"] += created
    staff_of = {s.collection_point.code: s for s in Staff.objects.select_related("collection_point")
                .filter(code__in=[s[0] for s in STAFF])}
    for code, era, commune, address, members, months, paid_on, receipt, point_code, renewals in HOUSEHOLDS:
        if Household.objects.filter(code=code).exists():
            continue
        user = officers[point_code]
        payment = Payment(receipt_number=receipt, paid_on=paid_on, collection_point=points[point_code],
                          collector=staff_of.get(point_code))
        household, enrollments = household_join(user=user, commune=_unit(era, commune), members=members,
                                                months=months, payment=payment, code=code, address=address,
                                                source="demo")
        for renew_months, renew_on, renew_receipt in renewals:
            household_renew(user=user, household=household, months=renew_months,
                            payment=Payment(renew_receipt, renew_on, points[point_code], staff_of.get(point_code)))
        made["households"] += 1
    for (name, born, sex, cid, phone, ethnicity, era, commune, income, category, method, paid_on, receipt,
         point_code) in VOLUNTARY:
        if Person.objects.filter(citizen_id=cid).exists():
            continue
        user = officers[point_code]
        person = person_register(user=user, full_name=name, date_of_birth=born, sex=sex, commune=_unit(era, commune),
                                 citizen_id=cid, phone=phone, ethnicity=ethnicity, source="demo", on=paid_on)
        if category in STATUS_EVIDENCE:
            person_status_set(user=user, person=person, year=paid_on.year, kind=category,
                              evidence=STATUS_EVIDENCE[category])
        enrollment = person_enroll_voluntary_si(
            user=user, person=person, income=income, category=category, method=method, months=1,
            payment=Payment(receipt, paid_on, points[point_code], staff_of.get(point_code)), source="demo")
        if method == "monthly":
            # a second month paid, to show a history
            enrollment_renew(user=user, enrollment=enrollment, months=1,
                             payment=Payment(receipt + "-2", paid_on + dt.timedelta(days=30), points[point_code],
                                             staff_of.get(point_code)))
        made["people"] += 1
    if stdout is not None:
        stdout.write(f"Người tham gia: {made['points']} điểm thu, {made['staff']} nhân viên thu, "
                     f"{made['households']} hộ, {made['people']} người tham gia BHXH tự nguyện mới.")
    return made
