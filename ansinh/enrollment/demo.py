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


# Phường Long Đức's resident list (made-up people; the first six are the demo's own people of old Phường 4 and
# Phường 5, matched by citizen ID or by name and birth date). docs/samples/residents.csv is this list.
RESIDENTS_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Số hộ", "Quan hệ với chủ hộ",
                    "Địa chỉ"]
RESIDENTS = [
    ("Bùi Thanh Đa", "24/02/1994", "Nam", "084094981071", "HK-LD-0051", "Chủ hộ", "Khóm 4, phường Long Đức"),
    ("Đặng Hoàng Toàn", "25/07/1956", "Nam", "084056981069", "HK-LD-0050", "Chủ hộ", "Khóm 4, phường Long Đức"),
    ("Đỗ Thị Anh", "24/08/1995", "Nữ", "084195981070", "HK-LD-0050", "Con", "Khóm 4, phường Long Đức"),
    ("Đặng Thị Kim Phương", "06/05/1985", "Nữ", "084185981068", "HK-LD-0049", "Chủ hộ", "Khóm 2, phường Long Đức"),
    ("Đỗ Thanh An", "27/01/2012", "Nam", "", "HK-LD-0049", "Con", "Khóm 2, phường Long Đức"),
    ("Dương Minh Thành", "21/05/1971", "Nam", "084071980004", "HK-LD-0060", "Chủ hộ", "Khóm 1, phường Long Đức"),
    ("Trần Văn Phúc", "12/04/1976", "Nam", "086076005101", "HK-LD-0101", "Chủ hộ", "Ấp Sa Bình, phường Long Đức"),
    ("Nguyễn Thị Hằng", "30/09/1979", "Nữ", "086179005102", "HK-LD-0101", "Vợ/chồng", "Ấp Sa Bình, phường Long Đức"),
    ("Trần Thị Thu Trang", "15/03/2004", "Nữ", "086304005103", "HK-LD-0101", "Con", "Ấp Sa Bình, phường Long Đức"),
    ("Trần Minh Khang", "01/07/2021", "Nam", "", "HK-LD-0101", "Cháu", "Ấp Sa Bình, phường Long Đức"),
    ("Lê Văn Hải", "11/11/1958", "Nam", "086058005104", "HK-LD-0102", "Chủ hộ", "Ấp Long Bình, phường Long Đức"),
    ("Phạm Thị Lựu", "20/02/1962", "Nữ", "086162005105", "HK-LD-0102", "Vợ/chồng", "Ấp Long Bình, phường Long Đức"),
    ("Sơn Thị Mỹ", "06/06/1990", "Nữ", "084190005106", "HK-LD-0103", "Chủ hộ", "Ấp Sa Bình, phường Long Đức"),
    ("Kim Văn Đức", "10/10/2015", "Nam", "084215005107", "HK-LD-0103", "Con", "Ấp Sa Bình, phường Long Đức"),
    ("Huỳnh Văn Tài", "25/12/1999", "Nam", "086099005108", "HK-LD-0104", "Chủ hộ", "Khóm 3, phường Long Đức"),
]
RESIDENTS_ON = D("2026-11-01")  # the extract's date (or the day the demo is loaded, if earlier)


def residents_csv() -> str:
    """Phường Long Đức's resident list as a CSV file (UTF-8 with BOM, as Excel writes it)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RESIDENTS_HEADER)
    writer.writerows([i, *row] for i, row in enumerate(RESIDENTS, start=1))
    return "\ufeff" + out.getvalue()


@transaction.atomic
def load_prospects(stdout=None) -> int:
    """Import Long Đức's resident list as its commune officer (after the campaigns' demo people, some of whom are on
    it); Vĩnh Long's officer gives household HK-LD-0101 to Phạm Thị Thu (a collector of the city, outside the ward's
    own area). How many prospects it made."""
    import tempfile
    from pathlib import Path

    from django.utils import timezone

    from ansinh.enrollment.models import Prospect, ResidentList
    from ansinh.enrollment.prospects import import_residents
    from ansinh.enrollment.services import prospect_assign

    officer, commune = _user("longduc"), _unit("2025", "29263")
    listed_on = min(RESIDENTS_ON, timezone.localdate())
    if officer is None or officer.username != "longduc" or ResidentList.objects.filter(commune=commune).exists():
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "danh-sach-cu-tru-long-duc.csv"
        path.write_text(residents_csv(), encoding="utf-8")
        run = import_residents(path, user=officer, commune=commune, listed_on=listed_on)
    collector = Staff.objects.filter(code="NV-TV-001").first()
    if collector is not None:
        collector.communes.add(commune)  # the city's post-office collector also serves the ward
        prospect_assign(user=_user("vinhlong"), prospects=list(Prospect.objects.filter(
            commune=commune, household_number="HK-LD-0101").select_related("commune", "collector")),
            collector=collector, on=listed_on)
    if stdout is not None:
        stdout.write(f"Người cần vận động: {run.summary.get('created', 0)} người từ danh sách cư trú của phường Long "
                     f"Đức ngày {listed_on:%d/%m/%Y} ({run.summary.get('covered', 0)} người đã có BHYT/BHXH).")
    return run.summary.get("created", 0)


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
