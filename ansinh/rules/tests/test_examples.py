"""Every worked example of rules.md §9 as a named case with exact values."""

from datetime import date
from decimal import Decimal

import pytest

from ansinh.rules import (
    HouseholdHIInput,
    HouseholdMember,
    LumpSumInput,
    PensionInput,
    VoluntarySIInput,
    decode_citizen_id,
    decode_hi_card,
    funeral_allowance,
    hi_copay_threshold,
    household_hi_quote,
    implied_whole,
    lump_sum_withdrawal_estimate,
    maternity_allowance,
    monthly_allowance_estimate,
    pension_estimate,
    retirement_age,
    voluntary_si_quote,
)


def _household(on: date, count: int = 3, months: int = 12, province: str | None = None):
    return household_hi_quote(HouseholdHIInput.of_size(on=on, count=count, months=months, province=province))


# ---------------------------------------------------------------- 1, 2: household HI ladder
@pytest.mark.parametrize(
    ("on", "monthly", "total", "per_member_year"),
    [
        pytest.param(date(2024, 9, 1), 242_190, 2_906_280, [1_263_600, 884_520, 758_160],
                     id="ex01_household_3_members_base_2340000"),
        pytest.param(date(2026, 7, 1), 261_855, 3_142_260, [1_366_200, 956_340, 819_720],
                     id="ex02_household_3_members_from_2026_07_01_base_2530000"),
        pytest.param(date(2026, 6, 30), 242_190, 2_906_280, [1_263_600, 884_520, 758_160],
                     id="ex02_paid_june_2026_old_rate_not_topped_up"),
    ],
)
def test_household_examples(on, monthly, total, per_member_year):
    quote = _household(on)
    assert quote.monthly_total == monthly
    assert quote.total == total
    assert [m.total for m in quote.members] == per_member_year
    assert sum(line.amount for line in quote.lines) == total


@pytest.mark.parametrize(
    ("on", "row"),
    [
        pytest.param(date(2020, 1, 1), [67_050, 46_935, 40_230, 33_525, 26_820], id="ladder_base_1490000"),
        pytest.param(date(2023, 7, 1), [81_000, 56_700, 48_600, 40_500, 32_400], id="ladder_base_1800000"),
        pytest.param(date(2024, 7, 1), [105_300, 73_710, 63_180, 52_650, 42_120], id="ladder_base_2340000"),
        pytest.param(date(2026, 7, 1), [113_850, 79_695, 68_310, 56_925, 45_540], id="ladder_base_2530000"),
    ],
)
def test_household_ladder_table(on, row):
    quote = _household(on, count=5)
    assert [m.contribution_monthly for m in quote.members] == row


def test_household_vss_annual_figures_2024():
    quote = _household(date(2024, 9, 1), count=5)
    assert [m.total for m in quote.members] == [1_263_600, 884_520, 758_160, 631_800, 505_440]


# ---------------------------------------------------------------- 3, 4, 5: voluntary SI regular
@pytest.mark.parametrize(
    ("kwargs", "contribution", "support", "payable", "total"),
    [
        pytest.param(dict(on=date(2024, 3, 1), income=1_500_000, category="near_poor"),
                     330_000, 82_500, 247_500, 247_500, id="ex03_near_poor_2024_decree_134"),
        pytest.param(dict(on=date(2026, 3, 1), income=1_500_000, category="near_poor"),
                     330_000, 132_000, 198_000, 198_000, id="ex04_near_poor_2026_decree_159"),
        pytest.param(dict(on=date(2027, 3, 1), income=2_200_000, category="near_poor"),
                     484_000, 193_600, 290_400, 290_400, id="ex04_near_poor_2027_poverty_line_2200000"),
        pytest.param(dict(on=date(2026, 3, 1), income=5_000_000, category="other"),
                     1_100_000, 66_000, 1_034_000, 1_034_000, id="ex05_other_5000000_monthly"),
        pytest.param(dict(on=date(2026, 3, 1), income=5_000_000, category="other", months=12),
                     1_100_000, 66_000, 1_034_000, 12_408_000, id="ex05_other_5000000_12_months"),
    ],
)
def test_voluntary_si_regular_examples(kwargs, contribution, support, payable, total):
    quote = voluntary_si_quote(VoluntarySIInput(**kwargs))
    assert quote.contribution_monthly == contribution
    assert quote.state_support_monthly == support
    assert quote.local_support_monthly == 0
    assert quote.payable_monthly == payable
    assert quote.total == total


# ---------------------------------------------------------------- 6, 7: lump sums
def test_ex06_advance_60_months_r_031():
    quote = voluntary_si_quote(VoluntarySIInput(on=date(2026, 3, 1), income=1_500_000, method="advance", months=60))
    assert quote.contribution_total == 19_800_000
    assert quote.lump_sum == 18_098_148
    assert quote.state_support_total == 3_960_000
    assert quote.total == 14_138_148
    assert quote.investment_rate_pct == Decimal("0.31")
    assert quote.status.value == "UNCONFIRMED"
    assert sum(line.amount for line in quote.lines) == quote.total


def test_ex07_missing_36_months_woman_2026():
    quote = voluntary_si_quote(VoluntarySIInput(on=date(2026, 6, 1), income=2_000_000, method="missing", months=36))
    assert quote.contribution_total == 15_840_000
    assert quote.lump_sum == 16_782_162
    assert quote.total == 16_782_162
    assert quote.state_support_total == 0


def test_ex07_woman_reaching_57y0m_in_2026_lacks_36_months():
    age = retirement_age(date(1969, 5, 1), "female")
    assert (age.age_years, age.age_extra_months, age.reached_on) == (57, 0, date(2026, 5, 1))
    estimate = pension_estimate(PensionInput(on=date(2026, 6, 1), sex="female", months_paid=144, mbq=2_000_000))
    assert not estimate.eligible
    assert estimate.missing_months == 36


# ---------------------------------------------------------------- 8: pensions under the 2024 law
@pytest.mark.parametrize(
    ("sex", "years", "mbq", "rate", "amount"),
    [
        pytest.param("female", 20, 3_000_000, 55, 1_650_000, id="ex08_woman_20_years"),
        pytest.param("male", 17, 4_000_000, 42, 1_680_000, id="ex08_man_17_years"),
        pytest.param("male", 20, 4_000_000, 45, 1_800_000, id="ex08_man_20_years"),
    ],
)
def test_pension_examples(sex, years, mbq, rate, amount):
    estimate = pension_estimate(PensionInput(on=date(2026, 1, 1), sex=sex, months_paid=12 * years, mbq=mbq))
    assert estimate.eligible
    assert estimate.rate_pct == rate
    assert estimate.monthly_amount == amount


# ---------------------------------------------------------------- 9, 10: lump sum and monthly allowance
def test_ex09_lump_sum_withdrawal_36_months_other():
    monthly_support = voluntary_si_quote(VoluntarySIInput(on=date(2023, 1, 1), income=1_500_000)).state_support_monthly
    assert monthly_support == 33_000
    quote = lump_sum_withdrawal_estimate(
        LumpSumInput(on=date(2025, 9, 1), mbq=1_500_000, months_from_2014=36,
                     state_support_received=36 * monthly_support)
    )
    assert quote.gross == 9_000_000
    assert quote.state_support_received == 1_188_000
    assert quote.total == 7_812_000


def test_ex10_monthly_allowance_instead_of_lump_sum():
    estimate = monthly_allowance_estimate(date(2025, 9, 1), months_paid=120, mbq=2_000_000)
    assert estimate.full_months == 80
    assert estimate.monthly_amount == 500_000
    assert estimate.last_month_amount == 0


# ---------------------------------------------------------------- 11, 12: HI with state and local support
def _group_quote(on: date, group: str, province: str | None = None):
    return household_hi_quote(
        HouseholdHIInput(on=on, members=(HouseholdMember(group=group),), months=12, province=province)
    )


def test_ex11_student_2025_26_pays_50_percent():
    quote = _group_quote(date(2025, 9, 1), "student")
    assert quote.contribution_total == 1_263_600
    assert quote.total == 631_800
    old = _group_quote(date(2025, 6, 30), "student")
    assert old.total == 884_520
    assert old.total - quote.total == 252_720


def test_ex11_student_from_july_2026():
    assert _group_quote(date(2026, 7, 1), "student").total == 683_100


def test_ex12_near_poor_hi_decree_188():
    quote = _group_quote(date(2025, 9, 1), "near_poor")
    assert quote.monthly_total == 31_590
    assert quote.total == 379_080


def test_ex12_near_poor_hi_lam_dong_top_up_brings_it_to_zero():
    quote = _group_quote(date(2025, 9, 1), "near_poor", province="68")
    assert quote.members[0].local_support_monthly == 31_590
    assert quote.total == 0
    assert [line.code for line in quote.lines] == ["contribution", "state_support", "local_support"]


# ---------------------------------------------------------------- 13, 14: other benefits
def test_ex13_twins_maternity_allowance():
    assert maternity_allowance(date(2025, 10, 1), children=2, months_paid_last_12=6).total == 4_000_000


@pytest.mark.parametrize(
    ("on", "amount"),
    [
        pytest.param(date(2025, 9, 1), 23_400_000, id="ex14_funeral_base_2340000"),
        pytest.param(date(2026, 7, 1), 25_300_000, id="ex14_funeral_from_2026_07_01"),
    ],
)
def test_funeral_examples(on, amount):
    assert funeral_allowance(on, months_paid=60).total == amount


def test_ex14_five_year_copay_threshold():
    assert hi_copay_threshold(date(2025, 9, 1)).total == 14_040_000


# ---------------------------------------------------------------- 15: identifiers
@pytest.mark.parametrize(
    ("number", "province", "sex", "year"),
    [
        pytest.param("001085123456", "Thành phố Hà Nội", "male", 1985, id="ex15_cccd_hanoi_male_1985"),
        pytest.param("079305001234", "Thành phố Hồ Chí Minh", "female", 2005, id="ex15_cccd_hcmc_female_2005"),
    ],
)
def test_citizen_id_examples(number, province, sex, year):
    decoded = decode_citizen_id(number)
    assert (decoded.province_name, decoded.sex.value, decoded.birth_year) == (province, sex, year)


def test_ex15_hi_card_level_4_is_80_percent():
    card = decode_hi_card("GD4011234567890")
    assert card.benefit_level == 4
    assert card.benefit_pct == 80
    assert card.si_code == "1234567890"


# ---------------------------------------------------------------- 16: coverage arithmetic
def test_ex16_coverage_labour_force_and_target():
    assert implied_whole(20_040_000, "42.4", quantum=100_000) == 47_300_000
    assert implied_whole(20_040_000, "93.1", quantum=100_000) == 21_500_000
