"""Properties that must hold for any input: monotone households, bounded support, discount below, interest above."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ansinh.rules import (
    HouseholdHIInput,
    HouseholdMember,
    LocalSupportRow,
    VoluntarySIInput,
    VSICategory,
    household_hi_quote,
    load_parameters,
    round_vnd,
    voluntary_si_quote,
)

FAST = settings(max_examples=150, deadline=None)

days = st.dates(min_value=date(2018, 12, 1), max_value=date(2028, 12, 31))
percents = st.integers(min_value=0, max_value=100).map(Decimal)
hi_groups = st.sampled_from([None, None, None, "near_poor", "student", "agri_average"])


@st.composite
def members(draw):
    return HouseholdMember(
        group=draw(hi_groups),
        state_support_pct=draw(st.none() | percents),
        local_support_pct=draw(st.none() | percents),
        sponsor_support_pct=draw(percents),
    )


def _hi(on, member_list, months=12, province=None):
    return household_hi_quote(HouseholdHIInput(on=on, members=tuple(member_list), months=months, province=province))


@FAST
@given(on=days, existing=st.lists(members(), min_size=1, max_size=7), extra=members(),
       months=st.sampled_from([3, 6, 12]), province=st.sampled_from([None, "68", "01"]))
def test_household_total_never_decreases_when_a_member_is_appended(on, existing, extra, months, province):
    before = _hi(on, existing, months, province)
    after = _hi(on, [*existing, extra], months, province)
    assert after.total >= before.total
    assert after.contribution_total > before.contribution_total


@FAST
@given(on=days, count=st.integers(min_value=1, max_value=8), position=st.integers(min_value=0, max_value=8))
def test_household_contribution_grows_wherever_a_plain_member_is_inserted(on, count, position):
    plain = [HouseholdMember() for _ in range(count)]
    before = _hi(on, plain)
    after = _hi(on, plain[:position] + [HouseholdMember(name="new")] + plain[position:])
    assert after.total > before.total


@FAST
@given(on=days, member_list=st.lists(members(), min_size=1, max_size=6), province=st.sampled_from([None, "68"]))
def test_household_support_never_exceeds_contribution(on, member_list, province):
    quote = _hi(on, member_list, province=province)
    for m in quote.members:
        supports = m.state_support_monthly + m.local_support_monthly + m.sponsor_support_monthly
        assert 0 <= supports <= m.contribution_monthly
        assert m.monthly >= 0
    assert sum(line.amount for line in quote.lines) == quote.total >= 0


vsi_days = st.dates(min_value=date(2016, 1, 1), max_value=date(2028, 12, 31))
categories = st.lists(st.sampled_from(list(VSICategory)), min_size=1, max_size=3).map(tuple)


@st.composite
def vsi_inputs(draw, methods=("regular", "advance")):
    on = draw(vsi_days)
    params = load_parameters()
    cn = int(params.value("poverty_line_rural", on))
    top = int(params.value("base_salary", on)) * 20
    steps = draw(st.integers(min_value=0, max_value=(top - cn) // 50_000))
    method = draw(st.sampled_from(methods))
    if method == "regular":
        months = draw(st.sampled_from([1, 3, 6, 12]))
    else:
        months = draw(st.integers(min_value=1, max_value=60))
    return VoluntarySIInput(
        on=on, income=cn + steps * 50_000, category=draw(categories), method=method, months=months,
        support_months_used=draw(st.integers(min_value=0, max_value=130)),
        province=draw(st.sampled_from([None, "01", "40"])),
    )


@FAST
@given(data=vsi_inputs(), local_pct=percents, base=st.sampled_from(["contribution", "min_contribution"]))
def test_vsi_support_never_exceeds_contribution(data, local_pct, base):
    row = LocalSupportRow(province="40", scheme="vsi", group="*", percent=local_pct, base=base,
                          valid_from=date(2016, 1, 1), legal_ref="Thử nghiệm")
    quote = voluntary_si_quote(data, load_parameters().with_rows([row]))
    due = quote.lump_sum if quote.lump_sum is not None else quote.contribution_total
    assert 0 <= quote.state_support_total + quote.local_support_total <= due
    assert quote.state_support_monthly + quote.local_support_monthly <= quote.contribution_monthly
    assert quote.total >= 0
    assert sum(line.amount for line in quote.lines) == quote.total


@FAST
@given(data=vsi_inputs(methods=("advance",)), rate=st.decimals(min_value="0.01", max_value="2", places=3))
def test_advance_lump_sum_is_below_the_undiscounted_sum(data, rate):
    quote = voluntary_si_quote(VoluntarySIInput(on=data.on, income=data.income, method="advance", months=data.months,
                                                investment_rate_pct=rate))
    if data.months == 1:
        assert quote.lump_sum == quote.contribution_total
    else:
        assert quote.lump_sum < quote.contribution_total


@FAST
@given(data=vsi_inputs(methods=("advance",)), rate=st.decimals(min_value="0.01", max_value="2", places=3))
def test_missing_lump_sum_is_above_the_undiscounted_sum(data, rate):
    months = min(data.months, 60)
    quote = voluntary_si_quote(VoluntarySIInput(on=data.on, income=data.income, method="missing", months=months,
                                                investment_rate_pct=rate))
    assert quote.lump_sum > quote.contribution_total


@FAST
@given(on=st.dates(min_value=date(2016, 1, 1), max_value=date(2040, 12, 31)))
def test_core_parameters_have_no_holes(on):
    params = load_parameters()
    for name in ("base_salary", "poverty_line_rural", "vsi_rate_pct", "vsi_max_income_factor", "vsi_income_step",
                 "vsi_advance_max_months", "vsi_missing_max_months", "vsi_investment_rate_monthly_pct",
                 "hi_rate_pct", "pension_min_years", "pension_cap_pct"):
        assert params.value(name, on) > 0
    for key in ("poor", "near_poor", "ethnic_minority", "island", "other"):
        assert params.value("vsi_support_pct", on, key) >= 0
    for key in ("1", "2", "3", "4", "5"):
        assert params.value("hi_household_ladder_pct", on, key) > 0


@FAST
@given(st.fractions(min_value=-10**9, max_value=10**9))
def test_round_vnd_is_half_up_away_from_zero(value: Fraction):
    dec = Decimal(value.numerator) / Decimal(value.denominator)
    expected = int(abs(dec).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * (1 if value >= 0 else -1)
    assert round_vnd(value) == expected
    assert round_vnd(Fraction(5, 2)) == 3
    assert round_vnd(Fraction(-5, 2)) == -3
