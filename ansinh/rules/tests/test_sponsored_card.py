"""A sponsor's fixed amount for a card (`HouseholdMember.sponsor_support_amount`), stacked after the state's and the
province's support: the issue's figures for a pupil's card of the 2025-26 school year.

By hand, 12 months paid on 1/9/2025: base salary 2,340,000 × HI 4.5 % = 105,300 a month, 1,263,600 a year; the
state pays a student 50 % from 1/7/2025 (52,650 a month, 631,800 a year), leaving 631,800.
- the sponsor covering the whole rest pays 631,800;
- with the province adding 20 % of the contribution (21,060 a month, 252,720 a year) the sponsor pays
  1,263,600 − 631,800 − 252,720 = 379,080;
- the fifth card of a 3,000,000 pledge gets 3,000,000 − 4 × 631,800 = 472,800; the family pays 159,000.
"""

from datetime import date
from decimal import Decimal

import pytest

from ansinh.rules import HouseholdHIInput, HouseholdMember, InputError, household_hi_quote

ON = date(2025, 9, 1)


def pupil(**support) -> HouseholdHIInput:
    return HouseholdHIInput(on=ON, months=12, members=(HouseholdMember(name="Y Thu", group="student", **support),))


def test_a_sponsor_covering_the_rest_of_a_pupils_card_pays_631_800():
    quote = household_hi_quote(pupil(sponsor_support_amount=10_000_000, sponsor_name="Huyện Đoàn Đăk Glei"))
    m = quote.members[0]
    assert (m.contribution_total, m.state_support_monthly * 12, m.sponsor_support_total, m.total) == (
        1_263_600, 631_800, 631_800, 0)
    assert quote.sponsor_support_total == 631_800
    sponsor = [line for line in quote.lines if line.code == "sponsor_support"]
    assert [line.amount for line in sponsor] == [-631_800]
    assert "nhà tài trợ Huyện Đoàn Đăk Glei đóng 631.800" in sponsor[0].reason


def test_with_the_province_adding_20_percent_the_sponsor_pays_379_080():
    quote = household_hi_quote(pupil(local_support_pct=Decimal(20), sponsor_support_amount=631_800))
    m = quote.members[0]
    assert (m.local_support_monthly * 12, m.sponsor_support_total, m.total) == (252_720, 379_080, 0)


def test_the_fifth_card_of_a_3_000_000_pledge_is_paid_in_part_and_the_family_pays_the_rest():
    quote = household_hi_quote(pupil(sponsor_support_amount=3_000_000 - 4 * 631_800))
    m = quote.members[0]
    assert (m.sponsor_support_total, m.total, m.monthly) == (472_800, 159_000, 13_250)
    assert quote.total == 159_000
    assert "gia đình đóng phần còn lại 159.000" in [x for x in quote.lines if x.code == "sponsor_support"][0].reason


def test_a_fixed_amount_not_divisible_by_the_months_is_kept_to_the_dong():
    quote = household_hi_quote(pupil(sponsor_support_amount=100_001))
    m = quote.members[0]
    assert (m.sponsor_support_total, m.total, m.monthly) == (100_001, 531_799, 44_317)


@pytest.mark.parametrize("amount", [pytest.param(-1, id="negative"), pytest.param(1.5, id="not_whole"),
                                    pytest.param(True, id="boolean")])
def test_a_sponsor_amount_that_is_not_whole_dong_is_refused(amount):
    with pytest.raises(InputError) as exc:
        HouseholdMember(sponsor_support_amount=amount)
    assert (exc.value.code, exc.value.field) == ("invalid_amount", "sponsor_support_amount")
