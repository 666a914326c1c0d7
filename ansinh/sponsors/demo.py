"""Demo data of sponsors (illustrative, not real donors): in Xã Đăk Pék (Quảng Ngãi; the old Thị trấn Đăk Glei of Kon
Tum, where the steering committee called on sponsors to pay HI cards for ethnic-minority pupils in hardship —
seed 004), a firm pledges 10 cards for the pupils of the commune's boarding school for the 2026-27 school year and
the commune's Youth Union a fixed 3,000,000 for ethnic-minority pupils in hardship. The Kon Tum officer gives the
cards, records the money and pays some of them.

By hand (12 months paid in September 2026: base salary 2,530,000 × 4.5 % = 113,850 a month, 1,366,200 a year; the
state pays students 50 %): 683,100 a card for the sponsor; 10 cards = 6,831,000; the Youth Union's 3,000,000 pays
four cards (2,732,400) and 267,600 of a fifth.
"""

import datetime as dt

from ansinh.enrollment.services import Payment
from ansinh.geo.models import Unit
from ansinh.network.models import CollectionPoint, Staff
from ansinh.registry.models import Person
from ansinh.registry.services import household_register, person_register, person_status_set

D = dt.date.fromisoformat
SCHOOL = "Trường PTDTBT THCS Đăk Pék"
EVIDENCE = f"Danh sách học sinh năm học 2026-2027 của {SCHOOL} (dữ liệu mẫu)"
PUPILS = [  # name, born, sex, citizen ID
    ("Y Thu", "2013-02-11", "F", "062313000101"), ("A Nhong", "2013-05-03", "M", "062213000102"),
    ("Y Mai", "2012-04-13", "F", "062312000103"), ("A Dưm", "2013-09-21", "M", "062213000104"),
    ("Y Hơn", "2012-06-15", "F", "062312000105"), ("A Rin", "2014-01-07", "M", "062214000106"),
    ("Y Lan", "2012-08-17", "F", "062312000107"), ("A Khoa", "2013-11-29", "M", "062213000108"),
    ("Y Ngân", "2012-01-19", "F", "062312000109"), ("A Tú", "2014-03-30", "M", "062214000110"),
    ("Y Bia", "2013-07-02", "F", "062313000111"), ("A Đen", "2012-10-10", "M", "062212000112"),
    ("Y Sương", "2014-12-12", "F", "062314000113"), ("A Vân", "2013-03-03", "M", "062213000114"),
    ("A Hiếu", "2013-08-08", "M", "062213000115"),
]


def load_demo(stdout=None) -> int:
    """Create the demo sponsors, pledges, pupils and cards if missing; how many cards were given."""
    from django.contrib.auth import get_user_model

    from ansinh.sponsors.models import Sponsor
    from ansinh.sponsors.services import card_pay, cards_give, pledge_create, pledge_receive, sponsor_create

    officer = get_user_model().objects.filter(username="kontum", is_active=True).first()
    commune = Unit.objects.filter(era="2025", code="23341").first()
    if officer is None or commune is None or Sponsor.objects.filter(unit=commune).exists():
        return 0
    point, _ = CollectionPoint.objects.get_or_create(code="BD-DP-01", defaults={
        "name": "Bưu điện xã Đăk Pék", "kind": "post_office", "unit": commune, "province_code": commune.province_code,
        "address": "Thôn 14, xã Đăk Pék"})
    staff, _ = Staff.objects.get_or_create(code="NV-DP-001", defaults={
        "full_name": "A Lâm", "organisation": "post", "unit": commune, "province_code": commune.province_code,
        "collection_point": point})
    pupils = []
    for i, (name, born, sex, cid) in enumerate(PUPILS, start=1):
        person = Person.objects.filter(citizen_id=cid).first()
        if person is None:
            household = household_register(user=officer, code=f"H23341-{i:04d}", commune=commune,
                                           address="Thôn Đăk Ung, xã Đăk Pék", on=D("2026-08-20"), source="demo")
            person = person_register(user=officer, full_name=name, date_of_birth=D(born), sex=sex, commune=commune,
                                     citizen_id=cid, household=household, relation="head", ethnicity="Xơ Đăng",
                                     on=D("2026-08-20"), source="demo")
            person_status_set(user=officer, person=person, year=2026, kind="student", evidence=EVIDENCE)
        pupils.append(person)

    firm = sponsor_create(user=officer, kind="business", name="Công ty TNHH Cà phê Đăk Pék (dữ liệu mẫu)",
                          unit=commune, tax_code="6101234567", contact_name="Nguyễn Văn Hùng", phone="0905123456",
                          address="Thôn 14, xã Đăk Pék")
    union = sponsor_create(user=officer, kind="organisation", name="Đoàn Thanh niên xã Đăk Pék (dữ liệu mẫu)",
                           unit=commune, contact_name="Y Nhung")
    school_year = {"period_start": D("2026-09-01"), "period_end": D("2027-08-31")}
    cards = pledge_create(user=officer, sponsor=firm, unit=commune, pledged_on=D("2026-08-20"), beneficiaries="school",
                          school=SCHOOL, cards=10, **school_year)
    money = pledge_create(user=officer, sponsor=union, unit=commune, pledged_on=D("2026-08-25"),
                          beneficiaries="minority_pupils", amount=3_000_000, **school_year)
    pledge_receive(user=officer, pledge=cards, received_on=D("2026-09-04"), amount=6_831_000,
                   reference="UNC 26090401")
    pledge_receive(user=officer, pledge=money, received_on=D("2026-09-08"), amount=1_500_000)
    given = cards_give(user=officer, pledge=cards, people=pupils[:10], on=D("2026-09-05")).cards
    given += cards_give(user=officer, pledge=money, people=pupils[10:], on=D("2026-09-08")).cards
    receipts = iter(range(1, 100))
    for card in given[:6] + given[10:12]:
        card_pay(user=officer, card=card, payment=Payment(receipt_number=f"DP-{next(receipts):04d}",
                                                          paid_on=D("2026-09-10"), collection_point=point,
                                                          collector=staff))
    if stdout is not None:
        stdout.write(f"Nhà tài trợ: 2 cam kết ở xã Đăk Pék, {len(given)} thẻ được hỗ trợ, 8 thẻ đã đóng tiền.")
    return len(given)
