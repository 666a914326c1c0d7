"""Shipped parameter tables: integrity, effective-date boundaries, overrides added by the caller."""

import dataclasses
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from ansinh.rules import (
    RULES_VERSION,
    HouseholdHIInput,
    IncomeError,
    LocalSupportRow,
    ParameterError,
    ParamRow,
    VoluntarySIInput,
    household_hi_quote,
    load_parameters,
    param_value,
    voluntary_si_quote,
)
from ansinh.rules.quote import Status


def test_shipped_version_matches_code():
    assert load_parameters().version == RULES_VERSION


def test_every_row_has_source_status_and_no_overlap():
    params = load_parameters()
    by_key: dict = {}
    for row in params.rows:
        assert row.legal_ref.strip()
        assert row.status in set(Status)
        by_key.setdefault((row.name, row.key), []).append(row)
    for (name, key), rows in by_key.items():
        rows.sort(key=lambda r: r.valid_from)
        for earlier, later in zip(rows, rows[1:], strict=False):
            assert earlier.valid_until is not None, (name, key)
            assert earlier.valid_until < later.valid_from, (name, key)


def test_local_support_rows_do_not_overlap():
    by_key: dict = {}
    for row in load_parameters().local_support:
        by_key.setdefault(row.slot, []).append(row)
    for rows in by_key.values():
        rows.sort(key=lambda r: r.valid_from)
        for earlier, later in zip(rows, rows[1:], strict=False):
            assert earlier.valid_until is not None and earlier.valid_until < later.valid_from


def test_every_local_support_row_names_a_group_the_rules_know_and_its_province():
    from ansinh.rules import local_group_labels
    from ansinh.rules.household_hi import GROUP_LABELS
    from ansinh.rules.provinces import province_name
    from ansinh.rules.voluntary_si import VSICategory

    known = {"hi": {"*", *GROUP_LABELS, *local_group_labels()}, "vsi": {"*", *(c.value for c in VSICategory)}}
    for row in load_parameters().local_support:
        assert row.group in known[row.scheme], row
        assert province_name(row.province, row.valid_from), row
        assert "HĐND" in row.legal_ref and row.note, row
        # a CONFIRMED row names its resolution by number (12/2025/NQ-HĐND); a row without one stays UNCONFIRMED
        assert row.status != "CONFIRMED" or re.search(r"\d+/\d{4}/NQ-HĐND", row.legal_ref), row
    used = {row.group for row in load_parameters().local_support}
    assert set(local_group_labels()) - used == set()  # no label without a row


def test_parameters_are_immutable_and_cached():
    params = load_parameters()
    assert params is load_parameters()
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.version = "x"  # type: ignore[misc]


BOUNDARIES = [
    ("base_salary", None, date(2016, 5, 1), 1_150_000, 1_210_000),
    ("base_salary", None, date(2017, 7, 1), 1_210_000, 1_300_000),
    ("base_salary", None, date(2018, 7, 1), 1_300_000, 1_390_000),
    ("base_salary", None, date(2019, 7, 1), 1_390_000, 1_490_000),
    ("base_salary", None, date(2023, 7, 1), 1_490_000, 1_800_000),
    ("base_salary", None, date(2024, 7, 1), 1_800_000, 2_340_000),
    ("base_salary", None, date(2026, 7, 1), 2_340_000, 2_530_000),
    ("poverty_line_rural", None, date(2022, 1, 1), 700_000, 1_500_000),
    ("poverty_line_rural", None, date(2027, 1, 1), 1_500_000, 2_200_000),
    ("vsi_support_pct", "poor", date(2018, 1, 1), 0, 30),
    ("vsi_support_pct", "near_poor", date(2018, 1, 1), 0, 25),
    ("vsi_support_pct", "other", date(2018, 1, 1), 0, 10),
    ("vsi_support_pct", "poor", date(2025, 7, 1), 30, 50),
    ("vsi_support_pct", "near_poor", date(2025, 7, 1), 25, 40),
    ("vsi_support_pct", "ethnic_minority", date(2025, 7, 1), 10, 30),
    ("vsi_support_pct", "island", date(2025, 7, 1), 10, 50),
    ("vsi_support_pct", "other", date(2025, 7, 1), 10, 20),
    ("vsi_missing_max_months", None, date(2025, 7, 1), 120, 60),
    ("pension_min_years", None, date(2025, 7, 1), 20, 15),
    ("hi_state_support_pct", "student", date(2025, 7, 1), 30, 50),
    ("retirement_age_months", "male", date(2021, 1, 1), 720, 723),
    ("retirement_age_months", "female", date(2035, 1, 1), 716, 720),
]


@pytest.mark.parametrize(
    ("name", "key", "first_day", "before", "after"),
    [pytest.param(*b, id=f"{b[0]}{'_' + b[1] if b[1] else ''}_{b[2].isoformat()}") for b in BOUNDARIES],
)
def test_boundary(name, key, first_day, before, after):
    assert param_value(None, name, first_day - timedelta(days=1), key) == before
    assert param_value(None, name, first_day, key) == after


@pytest.mark.parametrize(
    ("on", "first_member"),
    [
        pytest.param(date(2024, 6, 30), 81_000, id="hh_2024_06_30"),
        pytest.param(date(2024, 7, 1), 105_300, id="hh_2024_07_01"),
        pytest.param(date(2026, 6, 30), 105_300, id="hh_2026_06_30"),
        pytest.param(date(2026, 7, 1), 113_850, id="hh_2026_07_01"),
    ],
)
def test_household_uses_base_salary_of_payment_date(on, first_member):
    quote = household_hi_quote(HouseholdHIInput.of_size(on=on, count=1, months=12))
    assert quote.members[0].contribution_monthly == first_member


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(date(2017, 12, 31), [0, 0, 0, 0, 0], id="support_2017_12_31_none"),
        pytest.param(date(2018, 1, 1), [46_200, 38_500, 15_400, 15_400, 15_400], id="support_2018_01_01"),
        pytest.param(date(2025, 6, 30), [99_000, 82_500, 33_000, 33_000, 33_000], id="support_2025_06_30"),
        pytest.param(date(2025, 7, 1), [165_000, 132_000, 99_000, 165_000, 66_000], id="support_2025_07_01"),
    ],
)
def test_vsi_support_amounts_at_boundaries(on, expected):
    cn = 700_000 if on.year < 2022 else 1_500_000
    cats = ["poor", "near_poor", "ethnic_minority", "island", "other"]
    got = [voluntary_si_quote(VoluntarySIInput(on=on, income=cn, category=c)).state_support_monthly for c in cats]
    assert got == expected


def test_vsi_minimum_income_changes_on_2027_01_01():
    ok = voluntary_si_quote(VoluntarySIInput(on=date(2026, 12, 31), income=1_500_000))
    assert ok.min_income == 1_500_000
    with pytest.raises(IncomeError) as info:
        voluntary_si_quote(VoluntarySIInput(on=date(2027, 1, 1), income=1_500_000))
    assert info.value.code == "income_below_minimum"


@pytest.mark.parametrize(
    ("name", "on"),
    [
        pytest.param("base_salary", date(2013, 6, 30), id="base_salary_before_2013_07_01"),
        pytest.param("poverty_line_rural", date(2015, 12, 31), id="poverty_line_before_2016"),
        pytest.param("social_pension_allowance", date(2025, 6, 30), id="social_pension_before_2025_07"),
    ],
)
def test_date_before_first_row_raises(name, on):
    with pytest.raises(ParameterError) as info:
        param_value(None, name, on)
    assert info.value.code == "parameter_not_found"
    assert "Không có tham số" in info.value.message


def test_override_from_its_date():
    params = load_parameters()
    extra = ParamRow(name="base_salary", value=2_700_000, valid_from=date(2027, 7, 1), legal_ref="Nghị định X/2027")
    newer = params.with_rows([extra])
    assert newer is not params
    assert newer.value("base_salary", date(2027, 6, 30)) == 2_530_000
    assert newer.value("base_salary", date(2027, 7, 1)) == 2_700_000
    assert params.value("base_salary", date(2027, 7, 1)) == 2_530_000
    assert newer.version.startswith(RULES_VERSION + "+")
    quote = household_hi_quote(HouseholdHIInput.of_size(on=date(2027, 8, 1), count=1, months=12), newer)
    assert quote.members[0].contribution_monthly == 121_500
    assert quote.rules_version == newer.version
    assert "Nghị định X/2027" in quote.lines[0].legal_ref
    assert quote.lines[0].status is Status.UNCONFIRMED


def test_override_same_start_date_later_row_wins():
    row = ParamRow(name="base_salary", value=2_600_000, valid_from=date(2026, 7, 1), legal_ref="Sửa",
                   status="CONFIRMED")
    params = load_parameters().with_rows([row])
    assert params.value("base_salary", date(2026, 7, 1)) == 2_600_000
    assert params.row("base_salary", date(2026, 7, 1)).status is Status.CONFIRMED


def test_override_with_earlier_start_yields_to_later_shipped_row():
    row = ParamRow(name="base_salary", value=2_000_000, valid_from=date(2024, 1, 1), legal_ref="Thử")
    params = load_parameters().with_rows([row])
    assert params.value("base_salary", date(2024, 3, 1)) == 2_000_000
    assert params.value("base_salary", date(2024, 7, 1)) == 2_340_000


def test_override_investment_rate_and_keyed_support():
    params = load_parameters().with_rows([
        ParamRow(name="vsi_investment_rate_monthly_pct", value="0.363", valid_from=date(2026, 1, 1),
                 legal_ref="Công văn BHXH 2026"),
        ParamRow(name="vsi_support_pct", key="other", value=25, valid_from=date(2027, 1, 1), legal_ref="NĐ mới"),
    ])
    quote = voluntary_si_quote(VoluntarySIInput(on=date(2026, 3, 1), income=1_500_000, method="advance", months=12),
                               params)
    assert quote.investment_rate_pct == Decimal("0.363")
    assert voluntary_si_quote(VoluntarySIInput(on=date(2027, 1, 1), income=2_200_000), params).state_support_monthly \
        == 121_000


def test_local_support_row_added_and_disabled():
    added = LocalSupportRow(province="40", scheme="vsi", group="other", percent=10, base="min_contribution",
                            valid_from=date(2026, 1, 1), legal_ref="NQ HĐND Nghệ An (thử)")
    params = load_parameters().with_rows([added])
    quote = voluntary_si_quote(VoluntarySIInput(on=date(2026, 3, 1), income=1_500_000, province="40"), params)
    assert quote.local_support_monthly == 33_000
    stop = LocalSupportRow(province="01", scheme="vsi", group="near_poor", percent=0, base="min_contribution",
                           valid_from=date(2026, 1, 1), legal_ref="Hết hiệu lực (thử)")
    hanoi = voluntary_si_quote(
        VoluntarySIInput(on=date(2026, 3, 1), income=1_500_000, category="near_poor", province="01"),
        load_parameters().with_rows([stop]),
    )
    assert hanoi.local_support_monthly == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        pytest.param(dict(name="x", value=1, valid_from=date(2020, 1, 2), valid_until=date(2020, 1, 1),
                          legal_ref="a"), "valid_until", id="until_before_from"),
        pytest.param(dict(name="x", value=1, valid_from=date(2020, 1, 1), legal_ref=" "), "legal_ref",
                     id="no_legal_ref"),
        pytest.param(dict(name="x", value=1, valid_from=date(2020, 1, 1), legal_ref="a", status="MAYBE"), "status",
                     id="bad_status"),
        pytest.param(dict(name="x", value=1, valid_from="not a date", legal_ref="a"), "valid_from", id="bad_date"),
    ],
)
def test_invalid_param_row(kwargs, field):
    with pytest.raises(ParameterError) as info:
        ParamRow(**kwargs)
    assert info.value.code == "invalid_parameter_row"
    assert info.value.field == field


def test_invalid_local_row_and_foreign_object():
    with pytest.raises(ParameterError) as info:
        LocalSupportRow(province="1", scheme="vsi", group="x", percent=10, base="contribution",
                        valid_from=date(2020, 1, 1), legal_ref="a")
    assert info.value.code == "invalid_parameter_row"
    with pytest.raises(ParameterError):
        LocalSupportRow(province="01", scheme="vsi", group="x", percent=110, base="contribution",
                        valid_from=date(2020, 1, 1), legal_ref="a")
    with pytest.raises(ParameterError):
        load_parameters().with_rows(["base_salary=1"])  # type: ignore[list-item]


def test_param_value_accepts_explicit_params_and_iso_strings():
    row = ParamRow(name="base_salary", value="2700000", valid_from="2027-07-01", legal_ref="NĐ")
    assert row.valid_from == date(2027, 7, 1)
    assert param_value(load_parameters().with_rows([row]), "base_salary", date(2027, 7, 1)) == 2_700_000
