"""Support at payment: the statuses of the payment's year decide each member's group, on every path.

Amounts by hand, 12 months from 1/7/2026 (base 2,530,000, HI 4.5 % = 113,850 a month):
ordinary members 100/70/60 % → 1,366,200 / 956,340 / 819,720; a near-poor member pays 113,850 less the
state's 70 % (79,695) = 34,155 × 12 = 409,860 and is not ranked.
"""

import datetime as dt

import pytest

from ansinh.core.errors import DomainError
from ansinh.core.models import ChangeLog
from ansinh.enrollment import quotes, services
from ansinh.enrollment.models import HICard
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.models import PersonStatus
from ansinh.registry.services import household_set_head, household_status_set, person_status_set
from ansinh.registry.testing import NEAR_POOR_2026, make_household, make_person, make_status

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def long_duc(unit):
    """Phường Long Đức (Vĩnh Long, from 1/7/2025)."""
    return unit("29263", "2025")


@pytest.fixture
def counter(long_duc):
    point = make_point(long_duc, code="BD-LD-01", name="Bưu điện phường Long Đức")
    return point, make_staff(long_duc, code="NV-LD-01", point=point)


@pytest.fixture
def family(tra_vinh_officer, long_duc):
    household = make_household(tra_vinh_officer, long_duc, code="H29263-0001", address="Khóm 2")
    people = [make_person(tra_vinh_officer, long_duc, full_name=name, born=born, sex=sex, citizen_id=cid,
                          household=household, relation=relation)
              for name, born, sex, cid, relation in (
                  ("Thạch Văn Sơn", "1970-05-01", "M", "084070000101", "head"),
                  ("Kim Thị Hoa", "1972-08-09", "F", "084172000102", "spouse"),
                  ("Thạch Minh Tú", "2001-01-20", "M", "084201000103", "child"))]
    household_set_head(user=tra_vinh_officer, household=household, person=people[0])
    household.refresh_from_db()
    return household, people


def pay(counter, number, on):
    point, staff = counter
    return services.Payment(receipt_number=number, paid_on=D(on), collection_point=point, collector=staff)


def shares(enrollments):
    return [(e.person.full_name, e.member_rank, e.hi_group_code, e.contributions.get().state_support,
             e.contributions.get().amount_paid, e.cards.get().benefit_level) for e in enrollments]


def test_a_near_poor_member_pays_30_percent_and_is_not_ranked(tra_vinh_officer, family, counter):
    household, people = family
    make_status(tra_vinh_officer, people[1])
    enrollments = services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                             payment=pay(counter, "BL-1", "2026-07-01"))
    assert shares(enrollments) == [("Thạch Văn Sơn", 1, "GD", 0, 1_366_200, 4),
                                   ("Kim Thị Hoa", None, "CN", 956_340, 409_860, 3),
                                   ("Thạch Minh Tú", 2, "GD", 0, 956_340, 4)]
    assert enrollments[0].contributions.get().receipt.amount_paid == 2_732_400


def test_the_preview_applies_the_same_support_as_the_payment(tra_vinh_officer, family):
    household, people = family
    make_status(tra_vinh_officer, people[1])
    quote = quotes.household_quote(household=household, members=people, months=12, on=D("2026-07-01"))
    assert [m.total for m in quote.members] == [1_366_200, 409_860, 956_340]
    assert quote.total == 2_732_400


def test_a_status_of_another_year_does_not_apply(tra_vinh_officer, family, counter):
    household, people = family
    make_status(tra_vinh_officer, people[1], year=2025, evidence="QĐ 9/QĐ-UBND ngày 10/1/2025")
    enrollments = services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                            payment=pay(counter, "BL-1", "2026-07-01"))
    assert [s[4] for s in shares(enrollments)] == [1_366_200, 956_340, 819_720]


def test_the_households_near_poor_status_counts_for_every_member(tra_vinh_officer, family, counter):
    household, people = family
    household_status_set(user=tra_vinh_officer, household=household, year=2026, status="near_poor",
                         source="QĐ 15/QĐ-UBND ngày 15/1/2026 của UBND phường Long Đức")
    enrollments = services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                            payment=pay(counter, "BL-1", "2026-07-01"))
    assert [(s[1], s[4]) for s in shares(enrollments)] == [(None, 409_860)] * 3


def test_of_two_groups_the_one_the_state_supports_most_is_used(tra_vinh_officer, family, counter):
    household, people = family
    make_status(tra_vinh_officer, people[2], kind="student", evidence="Danh sách HSSV Trường THPT Long Đức 2026")
    make_status(tra_vinh_officer, people[2])  # also near-poor: 70 % beats a student's 50 %
    enrollments = services.household_enroll(user=tra_vinh_officer, household=household, members=people[2:],
                                            months=12, payment=pay(counter, "BL-1", "2026-07-01"))
    assert shares(enrollments) == [("Thạch Minh Tú", None, "CN", 956_340, 409_860, 3)]


@pytest.mark.parametrize("kind", ["poor", "ethnic_minority_difficult"])
def test_a_person_the_state_insures_in_full_is_refused(tra_vinh_officer, family, counter, kind):
    household, people = family
    make_status(tra_vinh_officer, people[0], kind=kind, evidence="Danh sách hộ nghèo 2026 của UBND phường")
    with pytest.raises(DomainError) as refused:
        services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                  payment=pay(counter, "BL-1", "2026-07-01"))
    assert (refused.value.code, refused.value.field) == ("member_state_insured", "members")
    assert refused.value.message.startswith("Thạch Văn Sơn: ")


@pytest.mark.parametrize(("fields", "code", "field"), [
    pytest.param({"kind": "rich"}, "invalid_person_status", "kind", id="unknown-kind"),
    pytest.param({"evidence": "  "}, "source_required", "evidence", id="no-evidence"),
    pytest.param({"kind": "local"}, "invalid_person_status", "local_group", id="local-without-group"),
    pytest.param({"local_group": "ld_nq143_listed"}, "invalid_person_status", "local_group",
                 id="group-on-another-kind"),
    pytest.param({"year": 1999}, "invalid_person_status", "year", id="year-out-of-range"),
])
def test_a_status_needs_a_kind_a_year_and_its_evidence(tra_vinh_officer, family, fields, code, field):
    person = family[1][1]
    body = {"year": 2026, "kind": "near_poor", "evidence": "QĐ 15/QĐ-UBND", **fields}
    with pytest.raises(DomainError) as refused:
        person_status_set(user=tra_vinh_officer, person=person, **body)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not PersonStatus.objects.exists()


def test_entering_a_status_again_replaces_its_evidence(tra_vinh_officer, family):
    person = family[1][1]
    make_status(tra_vinh_officer, person, evidence="QĐ 15/QĐ-UBND")
    make_status(tra_vinh_officer, person, evidence="QĐ 15/QĐ-UBND ngày 15/1/2026")
    assert list(PersonStatus.objects.values_list("year", "kind", "evidence")) == [
        (2026, "near_poor", "QĐ 15/QĐ-UBND ngày 15/1/2026")]
    logged = ChangeLog.objects.filter(object_type="registry.person", action="update").latest("pk")
    assert logged.changes == {"status_2026_near_poor": "QĐ 15/QĐ-UBND ngày 15/1/2026"}


def test_recording_the_si_code_numbers_the_cards_that_waited(tra_vinh_officer, family, counter, long_duc):
    household, people = family
    make_status(tra_vinh_officer, people[1])
    services.household_enroll(user=tra_vinh_officer, household=household, members=people[:2], months=12,
                              payment=pay(counter, "BL-1", "2026-07-01"))
    hoa = people[1]
    assert HICard.objects.get(enrollment__person=hoa).shown_number == "Chờ cấp mã"
    services.person_correct(user=tra_vinh_officer, person=hoa, full_name=hoa.full_name,
                            date_of_birth=hoa.date_of_birth, sex=hoa.sex, citizen_id=hoa.citizen_id,
                            legacy_si_code="8417200102", phone=None, ethnicity="Khmer", address="",
                            commune=long_duc, reason="BHXH đã cấp mã số")
    # CN (near-poor) + 3 (95 %) + 86 (Vĩnh Long) + her SI code
    assert HICard.objects.get(enrollment__person=hoa).number == "CN3868417200102"
    assert HICard.objects.get(enrollment__person=people[0]).number == ""  # he still has none
    logged = ChangeLog.objects.filter(object_type="registry.person", object_id=str(hoa.pk)).order_by("pk")
    assert [e.changes for e in logged][-2:] == [
        {"legacy_si_code": [None, "8417200102"], "ethnicity": ["Kinh", "Khmer"], "reason": "BHXH đã cấp mã số"},
        {"cards_numbered": 1}]


def test_a_split_commune_is_corrected_and_the_household_follows_its_head(tra_vinh_officer, family, unit):
    household, people = family
    head = people[0]
    an_truong = unit("29275", "2025")
    services.person_correct(user=tra_vinh_officer, person=head, full_name=head.full_name,
                            date_of_birth=head.date_of_birth, sex=head.sex, citizen_id=head.citizen_id,
                            legacy_si_code=None, phone=None, ethnicity="Kinh", address="Ấp An Bình",
                            commune=an_truong, reason="Khóm 2 cũ nay thuộc xã An Trường")
    household.refresh_from_db()
    assert household.commune == an_truong
    assert {p.commune.code for p in household.members.all()} == {"29275"}


def test_the_household_page_records_a_members_status_and_returns(client, tra_vinh_officer, kon_tum_officer, family):
    from django.urls import reverse

    from ansinh.core.testing.users import make_user

    household, people = family
    page = reverse("enrollment:household-detail", kwargs={"pk": household.pk})
    body = {"person": str(people[1].pk), "kind": "near_poor", "year": "2026", "decided_on": "15/01/2026",
            "evidence": "QĐ 15/QĐ-UBND ngày 15/1/2026 của UBND phường Long Đức", "local_group": "", "next": page}
    url = reverse("registry:person-status-new")
    client.force_login(kon_tum_officer)
    assert client.post(url, body).status_code == 404  # another province's person: not found, nothing written
    client.force_login(make_user("tv-viewer", role="viewer", scope_unit=tra_vinh_officer.scope_unit))
    assert client.post(url, body).status_code == 403
    assert not PersonStatus.objects.exists()
    client.force_login(tra_vinh_officer)
    assert client.get(page).context["status_form"].fields["person"].choices == [
        (p.pk, p.full_name) for p in people]
    response = client.post(url, body)
    assert (response.status_code, response["Location"]) == (302, page)
    assert list(PersonStatus.objects.values_list("person__full_name", "year", "kind", "decided_on", "created_by")) == [
        ("Kim Thị Hoa", 2026, "near_poor", D("2026-01-15"), tra_vinh_officer.pk)]
    missing = client.post(url, {**body, "evidence": ""})
    assert missing.context["form"].errors["evidence"] == ["Trường này là bắt buộc."]


def test_a_status_entered_by_mistake_is_withdrawn_and_logged(client, tra_vinh_officer, family):
    from django.urls import reverse

    hoa = family[1][1]
    status = make_status(tra_vinh_officer, hoa)
    client.force_login(tra_vinh_officer)
    url = reverse("registry:person-status-delete", kwargs={"pk": status.pk})
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response["Location"] == reverse("enrollment:person-detail", kwargs={"pk": hoa.pk})
    assert not PersonStatus.objects.exists()
    logged = ChangeLog.objects.filter(object_type="registry.person", object_id=str(hoa.pk)).latest("pk")
    assert logged.changes == {"status_2026_near_poor": [NEAR_POOR_2026, None]}


def test_a_near_poor_member_renewing_alone_pays_in_the_group_of_the_new_year(tra_vinh_officer, family, counter):
    household, people = family
    hoa = people[1]
    make_status(tra_vinh_officer, hoa)
    enrollments = services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                            payment=pay(counter, "BL-1", "2026-07-01"))
    theirs = enrollments[1]
    # 2027 without a new list: she renews as an ordinary member alone, first on the ladder (1,366,200)
    assert quotes.renewal_quote(enrollment=theirs, months=12, on=D("2027-07-15")).amount == 1_366_200
    make_status(tra_vinh_officer, hoa, year=2027, evidence="QĐ 4/QĐ-UBND ngày 12/1/2027 của UBND phường Long Đức")
    assert quotes.renewal_quote(enrollment=theirs, months=12, on=D("2027-07-15")).amount == 409_860
    renewed = services.enrollment_renew(user=tra_vinh_officer, enrollment=theirs, months=12,
                                        payment=pay(counter, "BL-2", "2027-07-15"))
    assert (renewed.amount_due, renewed.state_support, renewed.amount_paid, renewed.card.number) == (
        1_366_200, 956_340, 409_860, "")
    theirs.refresh_from_db()
    assert theirs.hi_group_code == "CN"
    # the son, second on the ladder, renews alone at his rank: 70 % = 956,340
    assert quotes.renewal_quote(enrollment=enrollments[2], months=12, on=D("2027-07-15")).amount == 956_340


def test_a_provinces_age_band_reads_each_members_age_on_the_payment_day(tra_vinh_officer, long_duc, counter,
                                                                        admin_user):
    """Vĩnh Long (in this test) pays 100 % for 70 to under 80 from 1/1/2026. Paid 1/7/2026: the grandmother born
    1/7/1956 is 70 that day and pays nothing for her 70 % (79,695 × 12 = 956,340 from the province); the grandfather
    born 2/7/1956 is still 69 and pays his 60 % (68,310 × 12 = 819,720)."""
    from ansinh.calc.services import local_top_up_add

    local_top_up_add(user=admin_user, province="86", scheme="hi", group="household", percent=100, age_from=70,
                     age_below=80, valid_from=D("2026-01-01"), legal_ref="Nghị quyết 99/2025/NQ-HĐND (thử)")
    household = make_household(tra_vinh_officer, long_duc, code="H29263-0009", address="Khóm 9")
    people = [make_person(tra_vinh_officer, long_duc, full_name=name, born=born, sex=sex, citizen_id=cid,
                          household=household, relation=relation)
              for name, born, sex, cid, relation in (
                  ("Lê Văn Nam", "1980-03-01", "M", "084080000901", "head"),
                  ("Trần Thị Bảy", "1956-07-01", "F", "084156000902", "other"),
                  ("Lê Văn Tám", "1956-07-02", "M", "084056000903", "other"))]
    enrollments = services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                             payment=pay(counter, "BL-AGE", "2026-07-01"))
    paid = [(e.person.full_name, e.member_rank, e.contributions.get().local_support,
             e.contributions.get().amount_paid) for e in enrollments]
    assert paid == [("Lê Văn Nam", 1, 0, 1_366_200), ("Trần Thị Bảy", 2, 956_340, 0), ("Lê Văn Tám", 3, 0, 819_720)]


def test_a_payment_dated_before_a_members_birth_is_refused(tra_vinh_officer, long_duc, counter):
    """A baby born 1/8/2026 cannot be in a receipt of 1/7/2026: refused with the member, the dates and a code."""
    household = make_household(tra_vinh_officer, long_duc, code="H29263-0010", address="Khóm 10")
    baby = make_person(tra_vinh_officer, long_duc, full_name="Lê Thị Mai", born="2026-08-01", sex="F",
                       citizen_id="084326000904", household=household, relation="head")
    with pytest.raises(DomainError) as refused:
        services.household_enroll(user=tra_vinh_officer, household=household, members=[baby], months=12,
                                  payment=pay(counter, "BL-UNBORN", "2026-07-01"))
    assert (refused.value.code, refused.value.field, refused.value.message) == (
        "invalid_age", "date_of_birth", "Lê Thị Mai: ngày sinh 01/08/2026 sau ngày đóng 01/07/2026.")
