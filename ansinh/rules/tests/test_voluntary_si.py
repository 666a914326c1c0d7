"""Voluntary SI: income checks, methods and periods, the 120-month cap, local top-ups, lump sums."""

import json
from datetime import date
from decimal import Decimal

import pytest

from ansinh.rules import (
    IncomeError,
    InputError,
    LocalSupportRow,
    ParameterError,
    PeriodError,
    VoluntarySIInput,
    VSICategory,
    load_parameters,
    voluntary_si_quote,
)

ON = date(2026, 3, 1)


def _q(**kwargs):
    kwargs.setdefault("on", ON)
    kwargs.setdefault("income", 1_500_000)
    return voluntary_si_quote(VoluntarySIInput(**kwargs))


def test_cli_fields_near_poor_monthly():
    data = _q(category="near_poor").to_dict()
    assert {k: data[k] for k in ("contribution_monthly", "state_support_monthly", "local_support_monthly",
                                 "payable_monthly", "total")} == {
        "contribution_monthly": 330_000, "state_support_monthly": 132_000, "local_support_monthly": 0,
        "payable_monthly": 198_000, "total": 198_000}
    assert data["category"] == "near_poor"
    assert data["method"] == "regular"
    json.dumps(data)


@pytest.mark.parametrize(
    ("income", "code"),
    [
        pytest.param(1_450_000, "income_below_minimum", id="below_minimum"),
        pytest.param(0, "income_below_minimum", id="zero"),
        pytest.param(46_850_000, "income_above_maximum", id="above_20x_base"),
        pytest.param(1_520_000, "income_off_step", id="off_step_20000"),
        pytest.param(5_000_001, "income_off_step", id="off_step_one_dong"),
    ],
)
def test_income_errors(income, code):
    with pytest.raises(IncomeError) as info:
        _q(income=income)
    assert info.value.code == code
    assert info.value.message


def test_off_step_suggests_neighbours():
    with pytest.raises(IncomeError) as info:
        _q(income=1_520_000)
    assert (info.value.details["lower"], info.value.details["upper"]) == (1_500_000, 1_550_000)


def test_maximum_income_follows_base_salary():
    assert _q(income=46_800_000).contribution_monthly == 10_296_000
    assert _q(on=date(2026, 7, 1), income=50_600_000).max_income == 50_600_000


@pytest.mark.parametrize("months", [1, 3, 6, 12])
def test_regular_periods(months):
    assert _q(months=months).total == 264_000 * months


@pytest.mark.parametrize(
    ("method", "months", "on"),
    [
        pytest.param("regular", 2, ON, id="regular_2"),
        pytest.param("regular", 24, ON, id="regular_24"),
        pytest.param("advance", 61, ON, id="advance_61"),
        pytest.param("advance", 0, ON, id="advance_0"),
        pytest.param("missing", 61, date(2025, 7, 1), id="missing_61_new_law"),
        pytest.param("missing", 121, date(2025, 6, 30), id="missing_121_old_law"),
    ],
)
def test_period_errors(method, months, on):
    with pytest.raises(PeriodError) as info:
        _q(on=on, method=method, months=months)
    assert info.value.code == "invalid_period_months"


def test_missing_period_limit_changes_on_2025_07_01():
    assert _q(on=date(2025, 6, 30), method="missing", months=120).months == 120
    assert _q(on=date(2025, 7, 1), method="missing", months=60).months == 60


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        pytest.param(dict(method="weekly"), "invalid_method", id="invalid_method"),
        pytest.param(dict(category="rich"), "unknown_category", id="unknown_category"),
        pytest.param(dict(support_months_used=-1), "invalid_support_months", id="negative_support_months"),
        pytest.param(dict(income=1.5e6), "invalid_amount", id="float_income"),
        pytest.param(dict(investment_rate_pct=-1), "invalid_rate", id="negative_rate"),
    ],
)
def test_input_errors(kwargs, code):
    with pytest.raises(InputError) as info:
        _q(**kwargs)
    assert info.value.code == code


def test_support_cap_120_months():
    quote = _q(category="near_poor", months=12, support_months_used=115)
    assert quote.support_months == 5
    assert quote.state_support_total == 5 * 132_000
    assert quote.total == 12 * 330_000 - 5 * 132_000
    assert "5 tháng trong giới hạn 120" in quote.lines[-1].reason
    exhausted = _q(category="near_poor", support_months_used=120)
    assert (exhausted.state_support_monthly, exhausted.total) == (0, 330_000)
    assert [line.code for line in exhausted.lines] == ["contribution"]


def test_highest_category_wins():
    quote = _q(category=(VSICategory.OTHER, VSICategory.ISLAND, VSICategory.NEAR_POOR))
    assert quote.category is VSICategory.ISLAND
    assert quote.state_support_monthly == 165_000


def test_no_support_before_2018():
    quote = _q(on=date(2017, 6, 1), income=700_000, category="poor")
    assert (quote.contribution_monthly, quote.state_support_monthly, quote.total) == (154_000, 0, 154_000)


def test_missing_period_gets_no_state_or_local_support():
    quote = _q(category="poor", method="missing", months=12, province="01")
    assert quote.state_support_total == quote.local_support_total == 0
    assert quote.total == quote.lump_sum


@pytest.mark.parametrize(
    ("category", "income", "local", "payable"),
    [
        pytest.param("near_poor", 1_500_000, 198_000, 0, id="hanoi_near_poor_pays_nothing"),
        pytest.param("poor", 1_500_000, 165_000, 0, id="hanoi_poor_pays_nothing"),
        pytest.param("other", 5_000_000, 33_000, 1_001_000, id="hanoi_other_plus_10"),
    ],
)
def test_hanoi_top_up(category, income, local, payable):
    quote = _q(category=category, income=income, province="01")
    assert quote.local_support_monthly == local
    assert quote.payable_monthly == payable
    assert quote.lines[-1].code == "local_support"
    assert "Hà Nội" in quote.lines[-1].reason


def test_hanoi_top_up_starts_on_the_day_nq_19_2025_came_into_force_not_the_day_it_was_adopted():
    """NQ 19/2025/NQ-HĐND was adopted on 9/7/2025 and applies from 1/1/2026: a poor participant paying in October
    2025 pays 330,000 less the state's 50 % = 165,000; from 1/1/2026 the city adds the other 50 %."""
    october = _q(on=date(2025, 10, 15), category="poor", province="01")
    assert (october.state_support_monthly, october.local_support_monthly, october.payable_monthly) == (
        165_000, 0, 165_000)
    assert _q(on=date(2025, 12, 31), category="near_poor", province="01").local_support_monthly == 0
    first_day = _q(on=date(2026, 1, 1), category="near_poor", province="01")
    assert (first_day.local_support_monthly, first_day.payable_monthly) == (198_000, 0)
    assert "Nghị quyết 19/2025/NQ-HĐND" in first_day.lines[-1].legal_ref


def test_local_support_is_clipped_to_the_contribution():
    row = LocalSupportRow(province="40", scheme="vsi", group="near_poor", percent=90, base="min_contribution",
                          valid_from=date(2026, 1, 1), legal_ref="Thử")
    quote = voluntary_si_quote(
        VoluntarySIInput(on=ON, income=1_500_000, category="near_poor", province="40"),
        load_parameters().with_rows([row]),
    )
    assert (quote.state_support_monthly, quote.local_support_monthly, quote.total) == (132_000, 198_000, 0)


def test_local_support_on_own_contribution_and_max_months():
    row = LocalSupportRow(province="40", scheme="vsi", group="*", percent=5, base="contribution",
                          valid_from=date(2026, 1, 1), legal_ref="Thử", max_months=2)
    quote = voluntary_si_quote(
        VoluntarySIInput(on=ON, income=2_000_000, months=3, province="40"), load_parameters().with_rows([row]))
    assert quote.local_support_monthly == 22_000
    assert quote.local_support_total == 44_000


def test_advance_one_month_equals_regular_and_zero_rate_equals_nominal():
    assert _q(method="advance", months=1).lump_sum == 330_000
    zero = _q(method="advance", months=60, investment_rate_pct=0)
    assert zero.lump_sum == zero.contribution_total == 19_800_000
    assert zero.investment_rate_pct == Decimal(0)


def test_advance_rate_input_overrides_table():
    quote = _q(method="advance", months=12, investment_rate_pct="0.363")
    assert quote.investment_rate_pct == Decimal("0.363")
    assert quote.lump_sum < 12 * 330_000
    assert "CHƯA XÁC NHẬN" not in quote.lines[1].reason


def test_advance_support_line_is_marked_unconfirmed():
    quote = _q(method="advance", months=24, category="near_poor")
    support = [line for line in quote.lines if line.code == "state_support"][0]
    assert support.status.value == "UNCONFIRMED"
    assert "CHƯA XÁC NHẬN" in support.reason
    assert support.amount == -24 * 132_000


def test_before_first_parameter_row():
    with pytest.raises(ParameterError) as info:
        _q(on=date(2015, 12, 31), income=700_000)
    assert info.value.code == "parameter_not_found"
