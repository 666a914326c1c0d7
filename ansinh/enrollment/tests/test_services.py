"""Enrollment services: amounts from the rules, cards, renewals, ends, roll-up counts and the change log."""

import datetime as dt

import pytest

from ansinh.core.changelog import changes_for
from ansinh.core.errors import DomainError, NotFound
from ansinh.core.models import ChangeLog
from ansinh.enrollment import services
from ansinh.enrollment.models import Contribution, HICard, ParticipationDelta, RecruitmentCount
from ansinh.enrollment.selectors import participants_on
from ansinh.enrollment.testing import pay
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_point
from ansinh.registry.models import Person
from ansinh.registry.testing import make_person, make_status
from ansinh.rules import decode_hi_card

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def long_duc(today_commune):
    """Phường Long Đức, which took over old Phường 4 on 1/7/2025."""
    return today_commune


@pytest.mark.parametrize(
    ("paid_on", "total", "shares"),
    [
        pytest.param("2024-09-01", 2_906_280, [1_263_600, 884_520, 758_160], id="base-2340000"),
        pytest.param("2026-07-01", 3_142_260, [1_366_200, 956_340, 819_720], id="base-2530000"),
    ],
)
def test_household_of_three_for_12_months(tra_vinh_officer, household_of_three, point, collector,
                                          paid_on, total, shares):
    household, people = household_of_three
    enrollments = services.household_enroll(user=tra_vinh_officer, household=household, members=people,
                                            months=12, payment=pay(point, collector, "BL-0001", paid_on))
    assert [e.member_rank for e in enrollments] == [1, 2, 3]
    paid = [c.amount_paid for c in Contribution.objects.filter(enrollment__in=enrollments).order_by("enrollment_id")]
    assert paid == shares
    assert sum(paid) == total
    receipt = enrollments[0].contributions.get().receipt
    assert receipt.amount_paid == total
    assert receipt.contributions.count() == 3


def test_first_household_card_waits_30_days(tra_vinh_officer, household_of_three, point, collector):
    household, people = household_of_three
    enrollment = services.household_enroll(user=tra_vinh_officer, household=household, members=people[:1],
                                           months=12, payment=pay(point, collector, "BL-1", "2024-09-01"))[0]
    card = enrollment.cards.get()
    assert (card.valid_from, card.valid_until) == (D("2024-10-01"), D("2025-09-30"))
    assert card.five_years_on == D("2029-10-01")


def test_card_numbers_are_15_characters_or_wait_for_the_si_code(tra_vinh_officer, household_of_three, point,
                                                                collector):
    household, people = household_of_three
    services.household_enroll(user=tra_vinh_officer, household=household, members=people[:2], months=12,
                              payment=pay(point, collector, "BL-1", "2024-09-01"))
    son, hoa = (HICard.objects.get(enrollment__person=p) for p in people[:2])
    # GD (household) + 4 (80%) + 84 (old Trà Vinh) + his 10-digit SI code
    assert son.number == "GD4848407000101" and son.shown_number == "GD4848407000101"
    assert decode_hi_card(son.number).si_code == "8407000101"
    # she has no SI code yet: BHXH issues it, ansinh does not make one up
    assert (hoa.number, hoa.shown_number) == ("", "Chờ cấp mã")


def test_a_renewal_after_the_reform_moves_the_household_to_todays_commune(tra_vinh_officer, household_of_three,
                                                                           point, collector):
    household, people = household_of_three
    services.household_enroll(user=tra_vinh_officer, household=household, members=people[:1], months=12,
                              payment=pay(point, collector, "BL-1", "2024-09-01"))
    contribution = services.household_renew(user=tra_vinh_officer, household=household, months=12,
                                            payment=pay(point, collector, "BL-2", "2025-09-20"))[0]
    household.refresh_from_db()
    long_duc = household.commune
    assert (long_duc.era, long_duc.name, long_duc.province_code) == ("2025", "Phường Long Đức", "86")
    assert contribution.receipt.commune == long_duc
    assert set(Person.objects.filter(household=household).values_list("commune__name", flat=True)) == {
        "Phường Long Đức"}
    # the enrollment stays where it began (a record of 1/10/2024); the new card is numbered in Vĩnh Long (86)
    assert contribution.enrollment.commune.name == "Phường 4"
    assert contribution.card.number == "GD4868407000101"
    moved = ChangeLog.objects.filter(object_type="registry.household", action="update").latest("pk")
    assert moved.changes == {"commune": ["Phường 4 (29236)", "Phường Long Đức (29263)"],
                             "reason": "Phường 4 thôi tồn tại; hồ sơ ngày 20/09/2025 ghi vào Phường Long Đức"}


def test_renewal_before_expiry_follows_on(tra_vinh_officer, household_of_three, point, collector):
    household, people = household_of_three
    enrollment = services.household_enroll(user=tra_vinh_officer, household=household, members=people[:1],
                                           months=6, payment=pay(point, collector, "BL-1", "2024-09-01"))[0]
    services.enrollment_renew(user=tra_vinh_officer, enrollment=enrollment, months=6,
                              payment=pay(point, collector, "BL-2", "2025-03-20"))
    cards = list(HICard.objects.filter(enrollment=enrollment).order_by("valid_from"))
    assert [(c.valid_from, c.valid_until) for c in cards] == [(D("2024-10-01"), D("2025-03-31")),
                                                              (D("2025-04-01"), D("2025-09-30"))]
    enrollment.refresh_from_db()
    assert enrollment.end_date == D("2025-09-30")
    assert participants_on(scheme="household_hi", on=D("2025-09-30"), unit=enrollment.commune) == 1
    assert participants_on(scheme="household_hi", on=D("2025-10-01"), unit=enrollment.commune) == 0


def test_voluntary_si_near_poor_2026(tra_vinh_officer, commune, point, collector):
    person = make_person(tra_vinh_officer, commune, citizen_id="084085000201")
    with pytest.raises(DomainError) as refused:
        services.person_enroll_voluntary_si(
            user=tra_vinh_officer, person=person, income=1_500_000, category="near_poor", method="monthly",
            months=1, payment=pay(point, collector, "BL-VSI-1", "2026-03-10"))
    assert (refused.value.code, refused.value.field) == ("support_without_evidence", "category")
    make_status(tra_vinh_officer, person)
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=1_500_000, category="near_poor", method="monthly", months=1,
        payment=pay(point, collector, "BL-VSI-1", "2026-03-10"))
    contribution = enrollment.contributions.get()
    assert (contribution.amount_due, contribution.state_support, contribution.amount_paid) == (330_000, 132_000,
                                                                                               198_000)
    assert (enrollment.start_date, enrollment.end_date) == (D("2026-03-01"), D("2026-03-31"))
    assert contribution.quote["total"] == 198_000
    assert contribution.rules_version


def test_voluntary_si_12_months_other_5000000(tra_vinh_officer, commune, point, collector):
    person = make_person(tra_vinh_officer, commune, citizen_id="084085000202")
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=5_000_000, category="other", method="12_months", months=12,
        payment=pay(point, collector, "BL-VSI-2", "2026-01-15"))
    assert enrollment.contributions.get().amount_paid == 12_408_000
    assert enrollment.end_date == D("2026-12-31")


def test_income_below_minimum_is_refused_with_its_code(tra_vinh_officer, commune, point, collector):
    person = make_person(tra_vinh_officer, commune, citizen_id="084085000203")
    with pytest.raises(DomainError) as err:
        services.person_enroll_voluntary_si(user=tra_vinh_officer, person=person, income=1_000_000, category="other",
                                            method="monthly", months=1,
                                            payment=pay(point, collector, "BL-X", "2026-01-15"))
    assert err.value.code == "income_below_minimum"
    assert not person.enrollments.exists()


def test_second_open_enrollment_in_a_scheme_is_refused(tra_vinh_officer, commune, point, collector):
    person = make_person(tra_vinh_officer, commune, citizen_id="084085000204")
    args = {"user": tra_vinh_officer, "person": person, "income": 1_500_000, "category": "other",
            "method": "monthly", "months": 1}
    services.person_enroll_voluntary_si(**args, payment=pay(point, collector, "BL-A", "2026-02-01"))
    with pytest.raises(DomainError) as err:
        services.person_enroll_voluntary_si(**args, payment=pay(point, collector, "BL-B", "2026-02-02"))
    assert err.value.code == "already_enrolled"


def test_receipt_number_is_unique_per_collection_point(tra_vinh_officer, commune, point, collector):
    one = make_person(tra_vinh_officer, commune, full_name="A", citizen_id="084085000205")
    two = make_person(tra_vinh_officer, commune, full_name="B", citizen_id="084085000206")
    args = {"user": tra_vinh_officer, "income": 1_500_000, "category": "other", "method": "monthly", "months": 1}
    services.person_enroll_voluntary_si(person=one, **args, payment=pay(point, collector, "BL-SAME", "2026-02-01"))
    with pytest.raises(DomainError) as err:
        services.person_enroll_voluntary_si(person=two, **args, payment=pay(point, collector, "BL-SAME", "2026-02-01"))
    assert err.value.code == "duplicate_receipt"
    assert not two.enrollments.exists()


def test_counts_are_kept_as_enrollments_are_written(tra_vinh_officer, long_duc, point, collector):
    commune = long_duc
    people = [make_person(tra_vinh_officer, commune, full_name=f"Người {i}", citizen_id=f"08408500030{i}")
              for i in range(3)]
    for i, person in enumerate(people):
        services.person_enroll_voluntary_si(user=tra_vinh_officer, person=person, income=1_500_000,
                                            category="other", method="monthly", months=1,
                                            payment=pay(point, collector, f"BL-C{i}", "2026-02-10"))
    recruited = RecruitmentCount.objects.get(unit=commune, scheme="voluntary_si", day=D("2026-02-10"))
    assert (recruited.count, recruited.collector) == (3, collector)
    assert participants_on(scheme="voluntary_si", on=D("2026-02-28"), unit=commune) == 3
    services.enrollment_end(user=tra_vinh_officer, enrollment=people[0].enrollments.get(), on=D("2026-02-15"),
                            reason="compulsory")
    assert participants_on(scheme="voluntary_si", on=D("2026-02-14"), unit=commune) == 3
    assert participants_on(scheme="voluntary_si", on=D("2026-02-16"), unit=commune) == 2
    assert ParticipationDelta.objects.filter(unit=commune).count() == 3  # 1/2 start, 16/2 end, 1/3 lapse


def test_every_write_is_logged(tra_vinh_officer, long_duc, point, collector):
    person = make_person(tra_vinh_officer, long_duc, citizen_id="084085000401")
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=1_500_000, category="other", method="monthly", months=1,
        payment=pay(point, collector, "BL-L1", "2026-02-10"))
    services.contribution_record(user=tra_vinh_officer, enrollment=enrollment, months=1,
                                 payment=pay(point, collector, "BL-L2", "2026-03-05"))
    log = list(changes_for(enrollment, tra_vinh_officer))
    assert [e.action for e in log] == ["update", "create"]
    assert log[0].changes["end_date"] == ["2026-02-28", "2026-03-31"]
    assert log[0].user == tra_vinh_officer
    assert changes_for(person, tra_vinh_officer).get().action == "create"


def test_officer_cannot_enroll_outside_the_area(unit, tra_vinh_officer, kon_tum_officer):
    kon_tum_commune = first_commune(unit("62", "pre2025"))
    person = make_person(kon_tum_officer, kon_tum_commune, citizen_id="062085000501")
    point = make_point(kon_tum_commune, code="KT-01")
    with pytest.raises(NotFound):
        services.person_enroll_voluntary_si(user=tra_vinh_officer, person=person, income=1_500_000,
                                            category="other", method="monthly", months=1,
                                            payment=services.Payment("BL-KT", D("2026-02-10"), point))


def test_month_end_levels_follow_writes_and_match_a_rebuild(tra_vinh_officer, unit, long_duc, point, collector):
    from ansinh.enrollment.counters import rebuild_levels
    from ansinh.enrollment.models import ParticipationLevel

    commune = long_duc
    people = [make_person(tra_vinh_officer, commune, full_name=f"Người {i}", citizen_id=f"08408500060{i}")
              for i in range(3)]
    for i, (person, paid_on) in enumerate(zip(people, ["2026-01-20", "2026-02-10", "2026-02-11"], strict=True)):
        services.person_enroll_voluntary_si(user=tra_vinh_officer, person=person, income=1_500_000,
                                            category="other", method="3_months", months=3,
                                            payment=pay(point, collector, f"BL-M{i}", paid_on))
    province = unit("86", "2025")
    # 1/1–31/3, 1/2–30/4, 1/2–30/4
    expected = {"2026-01-15": 1, "2026-01-31": 1, "2026-02-01": 3, "2026-03-31": 3, "2026-04-01": 2,
                "2026-04-30": 2, "2026-05-01": 0}
    for on, n in expected.items():
        assert participants_on(scheme="voluntary_si", on=D(on), unit=commune) == n, on
        assert participants_on(scheme="voluntary_si", on=D(on), unit=province) == n, on
        assert participants_on(scheme="voluntary_si", on=D(on)) == n, on
    written = sorted(ParticipationLevel.objects.values_list("series__unit_id", "month_end", "level"))
    rebuild_levels()
    assert sorted(ParticipationLevel.objects.values_list("series__unit_id", "month_end", "level")) == written
    assert [level for unit_id, _, level in written if unit_id == commune.pk] == [1, 3, 2, 0]
