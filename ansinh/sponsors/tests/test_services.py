"""Pledges that become named HI cards: the issue's figures, worked by hand for the 2025-26 school year.

12 months from 5/9/2025: base salary 2,340,000 × HI 4.5 % = 105,300 a month, 1,263,600 a year per pupil; the state
pays students 50 % from 1/7/2025 (631,800), leaving 631,800 for the sponsor.
- 10 cards for the pupils of one school: 10 × 631,800 = 6,318,000;
- with the province adding 20 % of the contribution (252,720 a year): 1,263,600 − 631,800 − 252,720 = 379,080;
- a fixed 3,000,000: four whole cards (2,527,200) and 472,800 of a fifth, whose family pays 159,000.
"""

import datetime as dt

import pytest

from ansinh.core.errors import DomainError, NotFound
from ansinh.core.models import ChangeLog
from ansinh.core.testing.users import make_user
from ansinh.enrollment.models import Contribution, Receipt
from ansinh.enrollment.services import receipt_cancel
from ansinh.registry.testing import make_household, make_person, make_status
from ansinh.sponsors import selectors, services
from ansinh.sponsors.tests.conftest import SCHOOL

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
OTHER_COMMUNE = "21034"  # Xã An Phú, Quảng Ngãi


def school_pledge(officer, sponsor, unit, **fields):
    values = {"beneficiaries": "school", "school": SCHOOL, "pledged_on": D("2025-09-01"),
              "period_start": D("2025-09-01"), "period_end": D("2026-08-31"), **fields}
    return services.pledge_create(user=officer, sponsor=sponsor, unit=unit("23341", "2025"), **values)


def test_ten_cards_for_the_pupils_of_a_school_set_aside_631_800_each_and_6_318_000_in_all(officer, sponsor, unit,
                                                                                          pupils, today):
    pledge = school_pledge(officer, sponsor, unit, cards=10)
    given = services.cards_give(user=officer, pledge=pledge, people=pupils, on=today)
    assert [c.amount for c in given.cards] == [631_800] * 10
    assert given.refused == []
    balance = selectors.pledge_balance(pledge)
    assert (balance.set_aside, balance.cards_waiting, balance.cards_left, balance.still_due) == (
        6_318_000, 10, 0, 6_318_000)
    assert ChangeLog.objects.filter(object_type="sponsors.pledge", object_id=str(pledge.pk)).count() == 2


def test_an_eleventh_pupil_is_refused_once_the_ten_cards_are_given(officer, sponsor, unit, pupils, dak_pek, today):
    pledge = school_pledge(officer, sponsor, unit, cards=9)
    given = services.cards_give(user=officer, pledge=pledge, people=pupils, on=today)
    assert len(given.cards) == 9
    assert [(p.full_name, e.code) for p, e in given.refused] == [("A Tú", "pledge_spent")]


def test_with_the_province_adding_20_percent_the_sponsor_pays_379_080_a_card(officer, sponsor, unit, pupils, today,
                                                                              admin_user):
    from ansinh.calc.services import local_top_up_add

    local_top_up_add(user=admin_user, province="51", scheme="hi", group="student", percent=20,
                     valid_from=D("2025-01-01"), legal_ref="Nghị quyết minh hoạ của HĐND tỉnh (kiểm thử)")
    pledge = school_pledge(officer, sponsor, unit, cards=10)
    given = services.cards_give(user=officer, pledge=pledge, people=pupils[:2], on=today)
    assert [c.amount for c in given.cards] == [379_080, 379_080]


def test_a_fixed_3_000_000_covers_four_whole_cards_and_part_of_a_fifth_the_family_paying_the_rest(
        officer, sponsor, unit, pupils, pay, today):
    pledge = school_pledge(officer, sponsor, unit, amount=3_000_000)
    given = services.cards_give(user=officer, pledge=pledge, people=pupils[:6], on=today)
    assert [c.amount for c in given.cards] == [631_800] * 4 + [472_800]
    assert [(p.full_name, e.code) for p, e in given.refused] == [("A Rin", "pledge_spent")]
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=3_000_000, reference="UNC 0915")
    for i, card in enumerate(given.cards, start=1):
        services.card_pay(user=officer, card=card, payment=pay(f"DP-{i:04d}"))
    fifth = Receipt.objects.get(number="DP-0005")
    contribution = fifth.contributions.get()
    assert (contribution.amount_due, contribution.state_support, contribution.sponsor_support,
            contribution.amount_paid, fifth.amount_paid) == (1_263_600, 631_800, 472_800, 159_000, 159_000)
    line = next(x for x in contribution.quote["lines"] if x["code"] == "sponsor_support")
    assert "Huyện Đoàn Đăk Glei (cũ) (cam kết CK-2025-" in line["reason"]
    assert "gia đình đóng phần còn lại 159.000" in line["reason"]
    assert Receipt.objects.get(number="DP-0001").amount_paid == 0
    balance = selectors.pledge_balance(pledge)
    assert (balance.received, balance.paid, balance.unspent, balance.left, balance.cards_paid) == (
        3_000_000, 3_000_000, 0, 0, 5)


def test_a_card_is_not_paid_beyond_the_money_the_sponsor_handed_over(officer, sponsor, unit, pupils, pay, today):
    pledge = school_pledge(officer, sponsor, unit, cards=2)
    first, second = services.cards_give(user=officer, pledge=pledge, people=pupils[:2], on=today).cards
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=1_000_000)
    services.card_pay(user=officer, card=first, payment=pay("DP-0001"))
    with pytest.raises(DomainError) as exc:
        services.card_pay(user=officer, card=second, payment=pay("DP-0002"))
    assert exc.value.code == "pledge_funds_short"
    assert "còn 368.200 đồng" in exc.value.message
    assert not Receipt.objects.filter(number="DP-0002").exists()  # nothing of the refused payment is kept


def test_a_fixed_part_of_200_000_a_card_leaves_431_800_to_the_family(officer, sponsor, unit, pupils, pay, today):
    pledge = school_pledge(officer, sponsor, unit, cards=5, share="fixed", fixed_amount=200_000)
    card = services.cards_give(user=officer, pledge=pledge, people=pupils[:1], on=today).cards[0]
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=1_000_000)
    services.card_pay(user=officer, card=card, payment=pay("DP-0001"))
    assert (card.amount, Receipt.objects.get(number="DP-0001").amount_paid) == (200_000, 431_800)


@pytest.mark.parametrize("case", ["adult", "outside", "twice", "kinh_for_minority_pupils"])
def test_a_person_not_of_the_pledge_is_refused_with_the_reason(case, officer, sponsor, unit, pupils, dak_pek, today):
    beneficiaries = "minority_pupils" if case == "kinh_for_minority_pupils" else "school"
    pledge = school_pledge(officer, sponsor, unit, cards=10, beneficiaries=beneficiaries)
    household = make_household(officer, dak_pek, code="H23341-0099")
    if case == "adult":
        person = make_person(officer, dak_pek, full_name="A Blưk", born="1980-02-02", citizen_id="062080000199",
                             household=household, ethnicity="Xơ Đăng")
    elif case == "outside":
        person = make_person(officer, unit(OTHER_COMMUNE, "2025"), full_name="Y Bia", born="2012-02-02", sex="F",
                             citizen_id="062312000199",
                             ethnicity="Xơ Đăng")
        make_status(officer, person, kind="student", year=2025)
    elif case == "twice":
        services.cards_give(user=officer, pledge=pledge, people=pupils[:1], on=today)
        person = pupils[0]
    else:
        person = make_person(officer, dak_pek, full_name="Nguyễn Văn Bình", born="2012-02-02",
                             citizen_id="062212000199", household=household, ethnicity="Kinh")
        make_status(officer, person, kind="student", year=2025)
    given = services.cards_give(user=officer, pledge=pledge, people=[person], on=today)
    assert given.cards == []
    expected = {"adult": "not_a_beneficiary", "outside": "outside_pledge_area", "twice": "already_sponsored",
                "kinh_for_minority_pupils": "not_a_beneficiary"}[case]
    assert [e.code for _, e in given.refused] == [expected]


def test_a_cancelled_receipt_puts_the_card_back_to_be_paid_and_its_money_back_in_the_pledge(
        officer, sponsor, unit, pupils, pay, today):
    pledge = school_pledge(officer, sponsor, unit, cards=1)
    card = services.cards_give(user=officer, pledge=pledge, people=pupils[:1], on=today).cards[0]
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=631_800)
    services.card_pay(user=officer, card=card, payment=pay("DP-0001"))
    receipt_cancel(user=officer, receipt=Receipt.objects.get(number="DP-0001"), reason="Ghi nhầm số tháng")
    card.refresh_from_db()
    assert (selectors.card_state(card), card.receipt.number) == ("waiting", "DP-0001")
    assert selectors.pledge_balance(pledge).paid == 0
    services.card_pay(user=officer, card=card, payment=pay("DP-0002"))
    assert Contribution.objects.get(receipt__number="DP-0002").sponsor_support == 631_800


def test_a_card_taken_back_returns_its_money_and_closing_takes_back_the_unpaid(officer, sponsor, unit, pupils, today):
    pledge = school_pledge(officer, sponsor, unit, amount=1_263_600)
    first, second = services.cards_give(user=officer, pledge=pledge, people=pupils[:2], on=today).cards
    services.card_release(user=officer, card=first, on=today, reason="Chuyển trường")
    assert selectors.pledge_balance(pledge).left == 631_800
    with pytest.raises(DomainError) as exc:
        services.card_release(user=officer, card=first, on=today, reason="Lần nữa")
    assert exc.value.code == "sponsored_card_released"
    services.pledge_close(user=officer, pledge=pledge, on=D("2025-09-30"))
    second.refresh_from_db()
    assert (second.released_on, second.release_reason) == (D("2025-09-30"), "Cam kết kết thúc")
    with pytest.raises(DomainError) as exc:
        services.cards_give(user=officer, pledge=pledge, people=pupils[2:3], on=D("2025-10-01"))
    assert exc.value.code == "pledge_closed"


def test_no_card_is_given_after_the_pledges_period(officer, sponsor, unit, pupils, today):
    pledge = school_pledge(officer, sponsor, unit, cards=2, period_end=D("2025-09-04"))
    with pytest.raises(DomainError) as exc:
        services.cards_give(user=officer, pledge=pledge, people=pupils[:1], on=today)
    assert (exc.value.code, exc.value.message) == (
        "pledge_closed", f"Cam kết {pledge.code} đã hết thời hạn ngày 04/09/2025: không hỗ trợ thêm thẻ.")


@pytest.mark.parametrize(("fields", "code"), [
    pytest.param({}, "pledge_empty", id="neither_money_nor_cards"),
    pytest.param({"amount": 0}, "pledge_amount_invalid", id="zero_amount"),
    pytest.param({"cards": 3, "share": "fixed"}, "pledge_fixed_amount", id="fixed_without_amount"),
    pytest.param({"cards": 3, "school": ""}, "pledge_school", id="school_unnamed"),
    pytest.param({"cards": 3, "period_end": D("2025-08-01")}, "pledge_period", id="period_reversed"),
    pytest.param({"cards": 3, "pledged_on": D("2025-09-06")}, "pledge_date", id="pledged_tomorrow"),
    pytest.param({"cards": 3, "pledged_on": D("1900-01-01")}, "pledge_date", id="pledged_in_1900"),
])
def test_a_pledge_that_says_too_little_is_refused(fields, code, officer, sponsor, unit, today):
    with pytest.raises(DomainError) as exc:
        school_pledge(officer, sponsor, unit, **fields)
    assert exc.value.code == code


def test_sponsors_and_pledges_are_seen_by_the_sponsors_unit_and_the_beneficiaries_unit(officer, sponsor, unit,
                                                                                        tra_vinh_officer, today):
    pledge = school_pledge(officer, sponsor, unit, cards=2)
    commune_officer = make_user("dp_officer", role="commune_officer", scope_unit=unit("23341", "2025"))
    old_kon_tum = make_user("kt_old", role="province_officer", scope_unit=unit("62", "pre2025"))
    assert list(selectors.pledge_list(commune_officer)) == [pledge]
    assert list(selectors.sponsor_list(commune_officer)) == [sponsor]  # kept by the province, pledged to the commune
    assert list(selectors.sponsor_list(old_kon_tum)) == [sponsor]
    assert list(selectors.pledge_list(tra_vinh_officer)) == []
    with pytest.raises(NotFound):
        selectors.sponsor_get(tra_vinh_officer, sponsor.pk)
    with pytest.raises(DomainError) as exc:
        services.sponsor_create(user=officer, kind="person", name="huyện đoàn  đăk glei (cũ)", unit=unit("51", "2025"))
    assert exc.value.code == "sponsor_exists"


def test_a_card_paid_in_the_new_calendar_year_needs_the_pupils_status_of_that_year(officer, sponsor, unit, pupils,
                                                                                   pay, today):
    """Given on 5/9/2025 against her 2025 status; paid on 10/1/2026 she must be a student in 2026 too, or the state's
    half would be missed and the family would pay 631,800. With the 2026 status: base 2,340,000 still, sponsor
    631,800, family 0."""
    pledge = school_pledge(officer, sponsor, unit, cards=1)
    card = services.cards_give(user=officer, pledge=pledge, people=pupils[:1], on=today).cards[0]
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=631_800)
    with pytest.raises(DomainError) as exc:
        services.card_pay(user=officer, card=card, payment=pay("DP-0001", "2026-01-10"))
    assert exc.value.code == "not_a_beneficiary"
    assert "chưa được ghi là học sinh, sinh viên năm 2026" in exc.value.message
    make_status(officer, pupils[0], kind="student", year=2026, evidence="Danh sách học sinh năm học 2025-2026")
    services.card_pay(user=officer, card=card, payment=pay("DP-0001", "2026-01-10"))
    c = Contribution.objects.get(receipt__number="DP-0001")
    assert (c.amount_due, c.state_support, c.sponsor_support, c.amount_paid) == (1_263_600, 631_800, 631_800, 0)


def test_no_card_is_paid_after_the_pledges_period(officer, sponsor, unit, pupils, pay, today):
    pledge = school_pledge(officer, sponsor, unit, cards=1, period_end=D("2025-12-31"))
    card = services.cards_give(user=officer, pledge=pledge, people=pupils[:1], on=today).cards[0]
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=631_800)
    with pytest.raises(DomainError) as exc:
        services.card_pay(user=officer, card=card, payment=pay("DP-0001", "2026-01-02"))
    assert (exc.value.code, exc.value.field) == ("pledge_closed", "paid_on")


def test_a_pupil_is_not_given_cards_from_two_pledges_for_the_same_time(officer, sponsor, unit, pupils, today):
    first = school_pledge(officer, sponsor, unit, cards=1)
    services.cards_give(user=officer, pledge=first, people=pupils[:1], on=today)
    second = school_pledge(officer, sponsor, unit, cards=1)
    given = services.cards_give(user=officer, pledge=second, people=pupils[:1], on=today)
    assert [(e.code, e.message) for _, e in given.refused] == [(
        "already_sponsored", f"Y Thu đã được hỗ trợ thẻ từ cam kết {first.code} của Huyện Đoàn Đăk Glei (cũ) cho "
                             "cùng thời gian.")]
    next_year = school_pledge(officer, sponsor, unit, cards=1, period_start=D("2026-09-01"),
                              period_end=D("2027-08-31"))
    make_status(officer, pupils[0], kind="student", year=2026, evidence="Danh sách học sinh năm học 2026-2027")
    assert services.cards_give(user=officer, pledge=next_year, people=pupils[:1], on=today).refused == []


def test_a_receipt_cancelled_after_the_pledge_closed_leaves_nothing_set_aside(officer, sponsor, unit, pupils, pay,
                                                                              today):
    pledge = school_pledge(officer, sponsor, unit, cards=1)
    card = services.cards_give(user=officer, pledge=pledge, people=pupils[:1], on=today).cards[0]
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=631_800)
    services.card_pay(user=officer, card=card, payment=pay("DP-0001"))
    services.pledge_close(user=officer, pledge=pledge, on=D("2025-09-06"))
    receipt_cancel(user=officer, receipt=Receipt.objects.get(number="DP-0001"), reason="Ghi nhầm người")
    card = selectors.pledge_cards(pledge).get()
    balance = selectors.pledge_balance(pledge)
    assert (selectors.card_state(card), balance.paid, balance.set_aside, balance.cards_waiting) == ("released", 0, 0, 0)


def test_the_funds_short_message_reads_as_a_sentence(officer, sponsor, unit, pupils, pay, today):
    pledge = school_pledge(officer, sponsor, unit, cards=2)
    first, second = services.cards_give(user=officer, pledge=pledge, people=pupils[:2], on=today).cards
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=1_000_000)
    services.card_pay(user=officer, card=first, payment=pay("DP-0001"))
    with pytest.raises(DomainError) as exc:
        services.card_pay(user=officer, card=second, payment=pay("DP-0002"))
    assert exc.value.message == ("Nhà tài trợ mới chuyển 1.000.000 đồng, đã chi 631.800 đồng; còn 368.200 đồng, không "
                                 "đủ cho phần tài trợ 631.800 đồng của thẻ này.")


def test_the_same_transfer_is_recorded_once_however_its_reference_is_typed(officer, sponsor, unit, today):
    pledge = school_pledge(officer, sponsor, unit, cards=3)
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=500_000, reference="UNC 001")
    for typed in ("unc 001", "UNC001", " UNC  001 "):
        with pytest.raises(DomainError) as exc:
            services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=500_000, reference=typed)
        assert exc.value.code == "pledge_receipt_duplicate"
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=200_000)  # cash, no reference
    assert selectors.pledge_balance(pledge).received == 700_000


@pytest.mark.parametrize(("typed", "kept"), [
    pytest.param("0905 123 456", "0905123456", id="mobile_spaced"),
    pytest.param("+84 260 3862 222", "02603862222", id="landline_international"),
])
def test_a_sponsors_phone_is_kept_as_dialled_in_vietnam(officer, unit, today, typed, kept):
    sponsor = services.sponsor_create(user=officer, kind="business", name="Công ty A", unit=unit("51", "2025"),
                                      phone=typed)
    assert sponsor.phone == kept


@pytest.mark.parametrize("typed", ["abc", "0905 12"])
def test_a_phone_that_is_not_one_is_refused(officer, unit, today, typed):
    with pytest.raises(DomainError) as exc:
        services.sponsor_create(user=officer, kind="business", name="Công ty A", unit=unit("51", "2025"), phone=typed)
    assert (exc.value.code, exc.value.field) == ("sponsor_invalid_phone", "phone")


def test_a_card_pledged_during_a_campaign_counts_in_it_on_the_day_it_was_pledged(officer, sponsor, unit, pupils,
                                                                                 pay, today):
    """The province's September drive runs 1–30/9/2025; Y Thu's card is given on 5/9 and paid on 3/10: she is one
    new household-HI participant of the drive, counted on 5/9. A card given after the drive counts in none."""
    from ansinh.campaigns.models import RecruitCount
    from ansinh.campaigns.services import campaign_create

    drive = campaign_create(user=officer, name="Tháng vận động BHYT học sinh", start_date=D("2025-09-01"),
                            end_date=D("2025-09-30"), area=unit("51", "2025"))
    pledge = school_pledge(officer, sponsor, unit, cards=2)
    card = services.cards_give(user=officer, pledge=pledge, people=pupils[:1], on=today).cards[0]
    late = services.cards_give(user=officer, pledge=pledge, people=pupils[1:2], on=D("2025-10-01")).cards[0]
    services.pledge_receive(user=officer, pledge=pledge, received_on=today, amount=1_263_600)
    services.card_pay(user=officer, card=card, payment=pay("DP-0001", "2025-10-03"))
    services.card_pay(user=officer, card=late, payment=pay("DP-0002", "2025-10-03"))
    assert list(RecruitCount.objects.filter(campaign=drive).values_list("scheme", "day", "count")) == [
        ("household_hi", D("2025-09-05"), 1)]
