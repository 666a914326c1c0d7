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
        on=date(2023, 3, 1), members=(HouseholdMember(local_groups=("ld_nq143_listed",)),), months=12, province="68"))
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
        on=date(2023, 3, 1), members=(HouseholdMember(group="near_poor", local_groups=("ld_nq143_listed",)),),
        months=12, province="68"))
    assert quote.members[0].local_support_pct == 60
    assert quote.members[0].monthly == 0


@pytest.mark.parametrize(("on", "months", "payable"), [
    # Decree 146/2018 era, base 1,490,000: 67,050 a month, the state 30 % (20,115) → 46,935 a month; the
    # published 2020 table: 3 months 140,805, 12 months 563,220.
    pytest.param(date(2020, 9, 1), 3, 140_805, id="pupil_3_months_2020_published"),
    pytest.param(date(2020, 9, 1), 12, 563_220, id="pupil_12_months_2020_published"),
    # school year 2025-26, base 2,340,000, the state 50 %: 52,650 a month; published 157,950 / 315,900 / 631,800.
    pytest.param(date(2025, 9, 1), 3, 157_950, id="student_3_months_2025_published"),
    pytest.param(date(2025, 9, 1), 6, 315_900, id="student_6_months_2025_published"),
    pytest.param(date(2025, 9, 1), 12, 631_800, id="student_12_months_2025_published"),
])
def test_pupils_and_students_pay_3_6_or_12_months(on, months, payable):
    quote = household_hi_quote(HouseholdHIInput(on=on, members=(HouseholdMember(group="student"),), months=months))
    assert quote.total == payable


@pytest.mark.parametrize(("members", "on", "message"), [
    pytest.param((HouseholdMember(group="student"),), date(2025, 9, 1),
                 "Học sinh, sinh viên đóng BHYT định kỳ 3, 6, 12 tháng (Nghị định 188/2025/NĐ-CP Điều 7 khoản 6 điểm "
                 "a); không nhận kỳ 9 tháng.", id="grade_12_pupil_2025_decree_188"),
    pytest.param((HouseholdMember(group="student"),), date(2020, 9, 1),
                 "Học sinh, sinh viên đóng BHYT định kỳ 3, 6, 12 tháng (Nghị định 146/2018/NĐ-CP Điều 9 khoản 5); "
                 "không nhận kỳ 9 tháng.", id="pupil_2020_decree_146"),
    pytest.param((HouseholdMember(group="student"), HouseholdMember()), date(2025, 9, 1),
                 "BHYT hộ gia đình chỉ đóng theo kỳ 3, 6, 12 tháng; không nhận kỳ 9 tháng.",
                 id="a_student_with_a_household_member"),
])
def test_nine_months_is_refused_with_the_article_that_sets_the_periods(members, on, message):
    with pytest.raises(PeriodError) as info:
        household_hi_quote(HouseholdHIInput(on=on, members=members, months=9))
    assert (info.value.code, info.value.message) == ("invalid_period_months", message)
