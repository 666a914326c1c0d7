"""Household HI: ranking, groups, state/local/sponsor support, clipping, errors and the CLI dict shape."""

import json
from datetime import date

import pytest

from ansinh.rules import (
    HouseholdHIInput,
    HouseholdMember,
    InputError,
    ParameterError,
    PeriodError,
    household_hi_quote,
)

ON = date(2024, 9, 1)


def test_cli_dict_shape_for_three_members():
    data = household_hi_quote(HouseholdHIInput.of_size(on=ON, count=3, months=12)).to_dict()
    assert data["monthly_total"] == 242_190
    assert data["total"] == 2_906_280
    assert [(m["rank"], m["monthly"]) for m in data["members"]] == [(1, 105_300), (2, 73_710), (3, 63_180)]
    assert [line["code"] for line in data["lines"]] == ["contribution"] * 3
    assert data["rules_version"]
    json.dumps(data)


def test_fifth_member_and_after_pay_40_percent():
    quote = household_hi_quote(HouseholdHIInput.of_size(on=ON, count=7, months=3))
    assert [m.contribution_monthly for m in quote.members] == [105_300, 73_710, 63_180, 52_650] + [42_120] * 3
    assert quote.total == sum(m.contribution_monthly for m in quote.members) * 3


@pytest.mark.parametrize("months", [3, 6, 12])
def test_allowed_periods(months):
    assert household_hi_quote(HouseholdHIInput.of_size(on=ON, count=1, months=months)).total == 105_300 * months


@pytest.mark.parametrize("months", [0, 1, 7, 9, 24])
def test_period_not_allowed(months):
    with pytest.raises(PeriodError) as info:
        household_hi_quote(HouseholdHIInput.of_size(on=ON, count=1, months=months))
    assert info.value.code == "invalid_period_months"
    assert "3, 6, 12" in info.value.message


def test_no_members():
    with pytest.raises(InputError) as info:
        household_hi_quote(HouseholdHIInput(on=ON, members=(), months=12))
    assert info.value.code == "no_members"


def test_group_members_are_not_ranked():
    quote = household_hi_quote(HouseholdHIInput(
        on=date(2025, 9, 1),
        members=(HouseholdMember(name="A", group="near_poor"), HouseholdMember(name="B"), HouseholdMember(name="C")),
        months=12,
    ))
    assert [(m.rank, m.contribution_monthly, m.monthly) for m in quote.members] == [
        (None, 105_300, 31_590), (1, 105_300, 105_300), (2, 73_710, 73_710)]
    assert quote.monthly_total == 31_590 + 105_300 + 73_710


def test_lam_dong_top_up_before_merger_is_confirmed():
    quote = household_hi_quote(HouseholdHIInput(
        on=date(2023, 1, 1), members=(HouseholdMember(group="near_poor"),), months=12, province="68"))
    member = quote.members[0]
    assert (member.contribution_monthly, member.state_support_monthly, member.local_support_monthly) == (
        67_050, 46_935, 20_115)
    assert quote.total == 0
    assert quote.lines[-1].code == "local_support"
    assert quote.lines[-1].status.value == "CONFIRMED"
    later = household_hi_quote(HouseholdHIInput(
        on=date(2025, 9, 1), members=(HouseholdMember(group="near_poor"),), months=12, province="68"))
    assert later.lines[-1].status.value == "UNCONFIRMED"


def test_lam_dong_resolution_143_group_on_household_member():
    quote = household_hi_quote(HouseholdHIInput(
        on=date(2023, 3, 1), members=(HouseholdMember(local_group="ld_nq143_listed"),), months=12, province="68"))
    assert quote.members[0].local_support_monthly == 40_230
    assert quote.monthly_total == 26_820
    assert "143/2022" in quote.lines[-1].legal_ref


def test_no_top_up_in_other_province_or_without_province():
    for province in (None, "01"):
        quote = household_hi_quote(HouseholdHIInput(
            on=date(2025, 9, 1), members=(HouseholdMember(group="near_poor"),), months=12, province=province))
        assert quote.local_support_total == 0


def test_overrides_and_sponsor_are_clipped_to_the_contribution():
    member = HouseholdMember(state_support_pct=70, local_support_pct=20, sponsor_support_pct=50)
    quote = household_hi_quote(HouseholdHIInput(on=ON, members=(member,), months=12))
    m = quote.members[0]
    assert (m.state_support_monthly, m.local_support_monthly, m.sponsor_support_monthly, m.monthly) == (
        73_710, 21_060, 10_530, 0)
    assert "giới hạn" in quote.lines[-1].reason
    assert sum(line.amount for line in quote.lines) == quote.total == 0


def test_sponsor_pays_half_of_a_household_card():
    quote = household_hi_quote(HouseholdHIInput(
        on=ON, members=(HouseholdMember(), HouseholdMember(sponsor_support_pct=50)), months=12))
    assert quote.members[1].monthly == 36_855
    assert quote.sponsor_support_total == 36_855 * 12


@pytest.mark.parametrize(
    ("member_kwargs", "code"),
    [
        pytest.param(dict(group="astronaut"), "unknown_group", id="unknown_group"),
        pytest.param(dict(sponsor_support_pct=120), "invalid_percent", id="percent_over_100"),
        pytest.param(dict(state_support_pct=-1), "invalid_percent", id="negative_percent"),
    ],
)
def test_member_errors(member_kwargs, code):
    with pytest.raises(InputError) as info:
        household_hi_quote(HouseholdHIInput(on=ON, members=(HouseholdMember(**member_kwargs),), months=12))
    assert info.value.code == code


def test_unknown_province():
    with pytest.raises(InputError) as info:
        household_hi_quote(HouseholdHIInput.of_size(on=ON, count=1, months=12, province="99"))
    assert info.value.code == "unknown_province"


def test_group_without_support_row_on_that_date():
    with pytest.raises(ParameterError) as info:
        household_hi_quote(HouseholdHIInput(
            on=date(2025, 1, 1), members=(HouseholdMember(group="trafficking_victim"),), months=12))
    assert info.value.code == "parameter_not_found"


def test_before_household_hi_rate_exists():
    with pytest.raises(ParameterError) as info:
        household_hi_quote(HouseholdHIInput.of_size(on=date(2014, 12, 31), count=1, months=12))
    assert info.value.code == "parameter_not_found"


def test_datetime_instead_of_date_is_refused():
    from datetime import datetime

    with pytest.raises(InputError) as info:
        HouseholdHIInput.of_size(on=datetime(2024, 9, 1, 8, 0), count=1)  # noqa: DTZ001
    assert info.value.code == "invalid_date"


def test_member_with_group_and_local_group_gets_the_higher_top_up():
    quote = household_hi_quote(HouseholdHIInput(
        on=date(2023, 3, 1), members=(HouseholdMember(group="near_poor", local_group="ld_nq143_listed"),),
        months=12, province="68"))
    assert quote.members[0].local_support_pct == 60
    assert quote.members[0].monthly == 0
