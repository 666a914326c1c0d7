"""HI card validity (30-day wait, continuous renewal) and the 5-consecutive-years date."""

from datetime import date

import pytest

from ansinh.rules import CoveredPeriod, InputError, five_year_date, hi_card_validity


@pytest.mark.parametrize(
    ("payment", "months", "previous", "valid_from", "valid_until", "continuous"),
    [
        pytest.param(date(2025, 9, 1), 12, None, date(2025, 10, 1), date(2026, 9, 30), False,
                     id="first_enrolment_waits_30_days"),
        pytest.param(date(2025, 9, 10), 12, date(2025, 8, 31), date(2025, 9, 10), date(2026, 9, 9), True,
                     id="renewal_after_short_gap_valid_from_payment"),
        pytest.param(date(2025, 9, 10), 6, date(2025, 9, 30), date(2025, 10, 1), date(2026, 3, 31), True,
                     id="early_renewal_continues_after_old_card"),
        pytest.param(date(2025, 8, 31), 3, date(2025, 5, 31), date(2025, 8, 31), date(2025, 11, 30), True,
                     id="gap_just_under_3_months_is_continuous"),
        pytest.param(date(2025, 9, 1), 3, date(2025, 5, 31), date(2025, 10, 1), date(2025, 12, 31), False,
                     id="gap_of_3_months_waits_30_days"),
        pytest.param(date(2024, 1, 31), 1, None, date(2024, 3, 1), date(2024, 3, 31), False,
                     id="month_end_first_enrolment"),
        pytest.param(date(2024, 12, 31), 12, date(2024, 12, 30), date(2024, 12, 31), date(2025, 12, 30), True,
                     id="renewal_on_the_day_after_expiry"),
    ],
)
def test_card_validity(payment, months, previous, valid_from, valid_until, continuous):
    result = hi_card_validity(payment, months, previous)
    assert (result.valid_from, result.valid_until, result.continuous) == (valid_from, valid_until, continuous)
    assert result.waiting_days == (0 if continuous else 30)
    assert result.to_dict()["valid_until"] == valid_until.isoformat()


@pytest.mark.parametrize("months", [0, -3, True])
def test_card_validity_bad_months(months):
    with pytest.raises(InputError) as info:
        hi_card_validity(date(2025, 9, 1), months)
    assert info.value.code == "invalid_months"


ON = date(2026, 1, 1)


def test_five_years_continuous():
    result = five_year_date([(date(2020, 1, 1), date(2025, 12, 31))], on=ON)
    assert (result.chain_start, result.reached_on, result.reached, result.gap_days) == (
        date(2020, 1, 1), date(2025, 1, 1), True, 0)


def test_short_gap_is_bridged_but_not_counted():
    periods = [CoveredPeriod(start=date(2020, 1, 1), end=date(2020, 12, 31)),
               CoveredPeriod(start=date(2021, 3, 1), end=date(2025, 12, 31))]
    result = five_year_date(periods, on=ON)
    assert result.chain_start == date(2020, 1, 1)
    assert result.gap_days == 59
    assert result.reached_on == date(2025, 3, 1)


def test_gap_of_exactly_3_months_does_not_break():
    result = five_year_date([(date(2020, 1, 1), date(2020, 12, 31)), (date(2021, 4, 1), date(2025, 12, 31))], on=ON)
    assert result.chain_start == date(2020, 1, 1)


def test_gap_over_3_months_restarts_the_chain():
    result = five_year_date([(date(2020, 1, 1), date(2020, 12, 31)), (date(2021, 4, 2), date(2025, 12, 31))], on=ON)
    assert result.chain_start == date(2021, 4, 2)
    assert result.reached_on == date(2026, 4, 2)
    assert result.reached is False


def test_overlapping_and_unsorted_periods_merge():
    result = five_year_date([(date(2023, 1, 1), date(2026, 12, 31)), (date(2021, 1, 1), date(2023, 6, 30))], on=ON)
    assert result.chain_start == date(2021, 1, 1)
    assert result.reached_on == date(2026, 1, 1)
    assert result.reached is True


def test_projected_and_broken_chains():
    projected = five_year_date([(date(2023, 1, 1), date(2025, 12, 31))], on=ON)
    assert (projected.reached_on, projected.reached, projected.broken_on) == (date(2028, 1, 1), False, None)
    assert "dự kiến" in projected.lines[0].reason
    broken = five_year_date([(date(2020, 1, 1), date(2022, 12, 31))], on=ON)
    assert broken.broken_on == date(2023, 4, 1)
    assert broken.reached is False


def test_five_year_errors():
    with pytest.raises(InputError) as info:
        five_year_date([], on=ON)
    assert info.value.code == "no_periods"
    with pytest.raises(InputError) as info:
        five_year_date([(date(2022, 1, 1), date(2021, 1, 1))], on=ON)
    assert info.value.code == "invalid_date_range"


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        pytest.param(date(2025, 9, 1), 3, date(2025, 11, 30), id="first_of_month"),
        pytest.param(date(2025, 8, 31), 3, date(2025, 11, 30), id="31st_to_30th"),
        pytest.param(date(2024, 3, 1), 12, date(2025, 2, 28), id="leap_year_end_of_feb"),
        pytest.param(date(2024, 1, 31), 1, date(2024, 2, 29), id="31_jan_one_month"),
        pytest.param(date(2025, 9, 10), 12, date(2026, 9, 9), id="mid_month"),
    ],
)
def test_last_day_covered(start, months, end):
    from ansinh.rules.dates import last_day_covered

    assert last_day_covered(start, months) == end


@pytest.mark.parametrize(
    ("valid_until", "deadline"),
    [
        pytest.param(date(2026, 9, 30), date(2026, 12, 31), id="card_of_30_9_2026_renew_by_31_12_2026"),
        pytest.param(date(2026, 10, 15), date(2027, 1, 15), id="mid_month_card_keeps_its_day"),
        pytest.param(date(2026, 11, 30), date(2027, 2, 28), id="february_has_28_days_in_2027"),
        pytest.param(date(2027, 11, 30), date(2028, 2, 29), id="and_29_in_2028"),
    ],
)
def test_the_last_day_to_renew_without_breaking_continuity(valid_until, deadline):
    from datetime import timedelta

    from ansinh.rules import continuity_deadline

    assert continuity_deadline(valid_until) == deadline
    # the same test as the card's own dates: paid on the deadline it is continuous, the day after it waits 30 days
    assert hi_card_validity(deadline, 12, previous_valid_until=valid_until).continuous
    assert not hi_card_validity(deadline + timedelta(days=1), 12, previous_valid_until=valid_until).continuous
