"""Pension rate by law and year, retirement age by birth date, lump-sum withdrawal, monthly allowance."""

from datetime import date

import pytest

from ansinh.rules import (
    InputError,
    LumpSumInput,
    ParameterError,
    PensionInput,
    Sex,
    lump_sum_withdrawal_estimate,
    monthly_allowance_estimate,
    pension_estimate,
    retirement_age,
)


def _rate(on, sex, months, mbq=1_000_000):
    return pension_estimate(PensionInput(on=on, sex=sex, months_paid=months, mbq=mbq))


@pytest.mark.parametrize(
    ("on", "sex", "rate"),
    [
        pytest.param(date(2017, 6, 1), "male", 55, id="pre2018_man_20y_15_plus_2"),
        pytest.param(date(2017, 6, 1), "female", 60, id="pre2018_woman_20y_15_plus_3"),
        pytest.param(date(2018, 6, 1), "male", 53, id="law58_man_2018_base_16"),
        pytest.param(date(2019, 6, 1), "male", 51, id="law58_man_2019_base_17"),
        pytest.param(date(2020, 6, 1), "male", 49, id="law58_man_2020_base_18"),
        pytest.param(date(2021, 6, 1), "male", 47, id="law58_man_2021_base_19"),
        pytest.param(date(2022, 6, 1), "male", 45, id="law58_man_2022_base_20"),
        pytest.param(date(2018, 6, 1), "female", 55, id="law58_woman_2018"),
        pytest.param(date(2025, 6, 30), "female", 55, id="law58_woman_last_day"),
        pytest.param(date(2025, 7, 1), "female", 55, id="law41_woman_first_day"),
    ],
)
def test_rate_20_years_by_era(on, sex, rate):
    assert _rate(on, sex, 240).rate_pct == rate


@pytest.mark.parametrize(
    ("months", "rate"),
    [
        pytest.param(180, 40, id="man_15y_40"),
        pytest.param(186, 40.5, id="man_15y6m_half_year"),
        pytest.param(187, 41, id="man_15y7m_full_year"),
        pytest.param(234, 44.5, id="man_19y6m"),
        pytest.param(420, 75, id="man_35y_cap"),
        pytest.param(444, 75, id="man_37y_capped"),
    ],
)
def test_law41_men_short_and_cap(months, rate):
    assert float(_rate(date(2026, 1, 1), "male", months).rate_pct) == rate


def test_eligibility_switches_on_2025_07_01():
    before = _rate(date(2025, 6, 30), "male", 204)
    after = _rate(date(2025, 7, 1), "male", 204)
    assert (before.eligible, before.monthly_amount, before.missing_months) == (False, 0, 36)
    assert (after.eligible, after.rate_pct, after.monthly_amount) == (True, 42, 420_000)


def test_one_off_allowance_beyond_75_percent():
    estimate = _rate(date(2026, 1, 1), "female", 35 * 12, mbq=3_000_000)
    assert estimate.rate_pct == 75
    assert estimate.one_off_allowance == 7_500_000
    assert estimate.lines[1].status.value == "UNCONFIRMED"


@pytest.mark.parametrize(
    ("birth", "sex", "age", "reached"),
    [
        pytest.param(date(1955, 3, 10), "male", (60, 0), date(2015, 3, 10), id="man_before_2021_60"),
        pytest.param(date(1961, 9, 15), "male", (60, 3), date(2021, 12, 15), id="man_born_9_1961_60y3m"),
        pytest.param(date(1961, 10, 15), "male", (60, 6), date(2022, 4, 15), id="man_born_10_1961_60y6m"),
        pytest.param(date(1964, 7, 1), "male", (61, 3), date(2025, 10, 1), id="man_2025_61y3m"),
        pytest.param(date(1964, 10, 1), "male", (61, 6), date(2026, 4, 1), id="man_2026_61y6m"),
        pytest.param(date(1966, 7, 1), "male", (62, 0), date(2028, 7, 1), id="man_62_from_2028"),
        pytest.param(date(1966, 1, 31), "female", (55, 4), date(2021, 5, 31), id="woman_2021_55y4m"),
        pytest.param(date(1969, 5, 1), "female", (57, 0), date(2026, 5, 1), id="woman_2026_57y0m"),
        pytest.param(date(1980, 1, 1), "female", (60, 0), date(2040, 1, 1), id="woman_60_from_2035"),
    ],
)
def test_retirement_age(birth, sex, age, reached):
    result = retirement_age(birth, sex)
    assert (result.age_years, result.age_extra_months, result.reached_on) == (*age, reached)
    assert result.pension_from == date(reached.year + (reached.month == 12), reached.month % 12 + 1, 1)


def test_transition_60_55_for_early_joiners():
    estimate = pension_estimate(PensionInput(on=date(2026, 1, 1), sex="female", months_paid=240, mbq=3_000_000,
                                             birth_date=date(1970, 3, 1), joined_before_2021=True))
    assert estimate.retirement.reached_on == date(2025, 3, 1)
    assert estimate.age_reached is True
    assert estimate.monthly_amount == 1_650_000
    without = pension_estimate(PensionInput(on=date(2026, 1, 1), sex="female", months_paid=240, mbq=3_000_000,
                                            birth_date=date(1970, 3, 1)))
    assert (without.eligible, without.age_reached, without.monthly_amount) == (False, False, 0)
    assert "chưa đủ tuổi" in without.lines[0].reason


def test_sex_parsing_and_errors():
    assert Sex.parse("F") is Sex.FEMALE
    assert Sex.parse("Nam") is Sex.MALE
    with pytest.raises(InputError) as info:
        PensionInput(on=date(2026, 1, 1), sex="x", months_paid=1, mbq=1)
    assert info.value.code == "invalid_sex"
    with pytest.raises(InputError) as info:
        PensionInput(on=date(2026, 1, 1), sex="m", months_paid=-1, mbq=1)
    assert info.value.code == "invalid_amount"


def test_lump_sum_odd_months_before_2014_move_forward():
    quote = lump_sum_withdrawal_estimate(LumpSumInput(on=date(2026, 1, 1), mbq=2_000_000, months_before_2014=30,
                                                      months_from_2014=24))
    assert (quote.years_before_2014, quote.years_from_2014) == (2, 2.5)
    assert quote.total == 6_000_000 + 10_000_000
    assert sum(line.amount for line in quote.lines) == quote.total


@pytest.mark.parametrize(
    ("paid", "total"),
    [pytest.param(2_640_000, 2_640_000, id="under_cap"), pytest.param(4_000_000, 3_000_000, id="capped_2x_mbq")],
)
def test_lump_sum_under_one_year(paid, total):
    quote = lump_sum_withdrawal_estimate(LumpSumInput(on=date(2026, 1, 1), mbq=1_500_000, months_from_2014=8,
                                                      amount_paid=paid))
    assert quote.total == total


def test_lump_sum_errors_and_support_clipped():
    with pytest.raises(InputError) as info:
        LumpSumInput(on=date(2026, 1, 1), mbq=1_500_000, months_from_2014=8)
    assert info.value.code == "invalid_amount"
    quote = lump_sum_withdrawal_estimate(LumpSumInput(on=date(2026, 1, 1), mbq=1_000_000, months_from_2014=12,
                                                      state_support_received=5_000_000))
    assert (quote.gross, quote.state_support_received, quote.total) == (2_000_000, 2_000_000, 0)


@pytest.mark.parametrize(
    ("months", "mbq", "full", "last"),
    [
        pytest.param(87, 1_800_000, 54, 0, id="seven_and_a_half_years"),
        pytest.param(120, 1_234_000, 49, 180_000, id="partial_last_month"),
    ],
)
def test_monthly_allowance(months, mbq, full, last):
    estimate = monthly_allowance_estimate(date(2026, 1, 1), months, mbq)
    assert (estimate.full_months, estimate.last_month_amount) == (full, last)
    assert estimate.total_amount == full * 500_000 + last


def test_monthly_allowance_did_not_exist_before_the_2024_law():
    with pytest.raises(ParameterError) as info:
        monthly_allowance_estimate(date(2025, 6, 30), 120, 2_000_000)
    assert info.value.code == "parameter_not_found"
