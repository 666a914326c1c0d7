"""Xã Đăk Pék (Quảng Ngãi, from 1/7/2025; the old Thị trấn Đăk Glei of Kon Tum) at the start of the 2025-26
school year: ten Xơ Đăng pupils of one school recorded as students for 2025, each in their own household, an
officer of the province, a counter, and "today" 5/9/2025."""

import datetime as dt

import django.utils.timezone
import pytest

from ansinh.core.testing.users import make_user
from ansinh.enrollment.services import Payment
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.testing import make_household, make_person, make_status

D = dt.date.fromisoformat
TODAY = D("2025-09-05")
SCHOOL = "Trường PTDTBT THCS Đăk Pék"
LIST_2025 = f"Danh sách học sinh năm học 2025-2026 của {SCHOOL}"
PUPILS = ["Y Thu", "A Nhong", "Y Mai", "A Dưm", "Y Hơn", "A Rin", "Y Lan", "A Khoa", "Y Ngân", "A Tú"]


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(django.utils.timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.fixture
def dak_pek(unit):
    return unit("23341", "2025")


@pytest.fixture
def officer(unit, today):
    return make_user("qn_officer", role="province_officer", scope_unit=unit("51", "2025"))


@pytest.fixture
def pupils(officer, dak_pek):
    """The ten pupils, in the order of the school's list (born 2011-2012, IDs 062312000101…)."""
    people = []
    for i, name in enumerate(PUPILS, start=1):
        household = make_household(officer, dak_pek, code=f"H23341-{i:04d}", address="Thôn Đăk Ung")
        year, sex = 2011 + i % 2, "F" if name.startswith("Y") else "M"
        person = make_person(officer, dak_pek, full_name=name, born=f"{year}-0{1 + i % 9}-1{i % 10}", sex=sex,
                             citizen_id=f"062{3 if sex == 'F' else 2}{year % 100}000{100 + i}", household=household,
                             relation="head", ethnicity="Xơ Đăng")
        make_status(officer, person, kind="student", year=2025, evidence=LIST_2025)
        people.append(person)
    return people


@pytest.fixture
def counter(dak_pek):
    point = make_point(dak_pek, code="BD-DP-01", name="Bưu điện xã Đăk Pék")
    return point, make_staff(dak_pek, code="NV-DP-01", point=point)


@pytest.fixture
def pay(counter):
    point, staff = counter

    def payment(number: str, on: str = "2025-09-05") -> Payment:
        return Payment(receipt_number=number, paid_on=D(on), collection_point=point, collector=staff)

    return payment


@pytest.fixture
def sponsor(officer, unit):
    from ansinh.sponsors.services import sponsor_create

    return sponsor_create(user=officer, kind="organisation", name="Huyện Đoàn Đăk Glei (cũ)", unit=unit("51", "2025"),
                          contact_name="Nguyễn Văn Hùng", phone="0905123456")
