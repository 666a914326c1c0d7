"""Denominators of the right year: a rate on a date of year Y divides by the latest figure of a year before Y (the
year's own is published at its end and in the next yearbook), or by Y's own when it is the only one; never by
the 2016 labour force once GSO's yearly table has a later year. The figures are GSO's (tables E02.01, E02.37)."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.geo.choices import Indicator
from ansinh.geo.services import statistic_record
from ansinh.plans.demo import load_demo
from ansinh.reports.indicators import LABOUR_FORCE_NOTE, coverage_report

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def _denominator(user, unit, on, indicator):
    den = coverage_report(user=user, unit=unit, on=on).own.row(indicator).denominator
    return (den.value, den.year) if den is not None else None


@pytest.mark.parametrize(("era", "code", "on", "indicator", "expected"), [
    # Trà Vinh on 30/6/2020: the 2019 census (the article's 95,61 % divides by it) and the 2019 labour force 15+
    pytest.param("pre2025", "84", "2020-06-30", "hi_coverage", (1_009_168, 2019), id="tra_vinh_2020_census_2019"),
    pytest.param("pre2025", "84", "2020-06-30", "si_coverage", (578_700, 2019), id="tra_vinh_2020_labour_force_2019"),
    # on the first day of 2021 the 2020 figures: average population 1,009.94 thousand, labour force 561.3 thousand
    pytest.param("pre2025", "84", "2021-01-01", "hi_coverage", (1_009_940, 2020), id="tra_vinh_2021_population_2020"),
    pytest.param("pre2025", "84", "2021-01-01", "si_coverage", (561_300, 2020), id="tra_vinh_2021_labour_force_2020"),
    pytest.param("pre2025", "84", "2020-12-31", "si_coverage", (578_700, 2019), id="tra_vinh_last_day_of_2020"),
    # today's Vĩnh Long (old Bến Tre 83 + Trà Vinh 84 + Vĩnh Long 86) in 2026: the 2025 preliminary sums
    pytest.param("2025", "86", "2026-06-30", "hi_coverage", (3_379_610, 2025), id="vinh_long_2026_population_2025"),
    pytest.param("2025", "86", "2026-06-30", "si_coverage", (1_940_400, 2025), id="vinh_long_2026_labour_force_2025"),
    # the nation on 31/3/2022: its provinces' 2021 labour force, 50,560.6 thousand
    pytest.param("", "VN", "2022-03-31", "si_coverage", (50_560_600, 2021), id="nation_2022_labour_force_2021"),
])
def test_a_rate_divides_by_last_years_figure(admin_user, unit, era, code, on, indicator, expected):
    target = unit(code) if code == "VN" else unit(code, era)
    assert _denominator(admin_user, target, D(on), indicator) == expected


def test_a_years_own_figure_serves_when_it_is_the_only_one(admin_user, unit):
    """A commune with only its 2026 population (entered by the officer) is measured by it in 2026, and by nothing
    in 2025; once a 2025 figure is entered too, 2026 divides by 2025's."""
    commune = unit("86", "2025").children.order_by("code").first()
    statistic_record(user=admin_user, unit=commune, indicator=Indicator.POPULATION, year=2026, value=25_000,
                     source="UBND xã, số liệu dân số năm 2026")
    assert _denominator(admin_user, commune, D("2026-06-30"), "hi_coverage") == (25_000, 2026)
    assert _denominator(admin_user, commune, D("2025-12-31"), "hi_coverage") is None
    statistic_record(user=admin_user, unit=commune, indicator=Indicator.POPULATION, year=2025, value=24_800,
                     source="UBND xã, số liệu dân số năm 2025")
    assert _denominator(admin_user, commune, D("2026-06-30"), "hi_coverage") == (24_800, 2025)



def test_a_labour_force_rate_says_what_it_divides_by(admin_user, unit):
    """The targets count the working-age labour force; GSO's provinces give the labour force aged 15 and over: the
    nation's 32,44 % on 31/3/2022 (16,400,000 reported, in the demo) says so."""
    load_demo()
    row = coverage_report(user=admin_user, unit=unit("VN"), on=D("2022-03-31")).own.row("si_coverage")
    assert (row.value, LABOUR_FORCE_NOTE in row.notes) == (Decimal("32.44"), True)
    hi = coverage_report(user=admin_user, unit=unit("84", "pre2025"), on=D("2020-06-30")).own.row("hi_coverage")
    assert LABOUR_FORCE_NOTE not in hi.notes


def test_the_nation_sums_one_year_for_every_province(admin_user, unit):
    """With a 2026 labour force for Vĩnh Long alone, the nation on 31/3/2027 still divides by its 34 provinces' 2025
    figures (53,559,600, GSO's preliminary 2025 total), not by 2026 for one and 2025 for 33."""
    statistic_record(user=admin_user, unit=unit("86", "2025"), indicator=Indicator.LABOUR_FORCE, year=2026,
                     value=1_952_000, source="Thống kê tỉnh Vĩnh Long, ước 2026")
    assert _denominator(admin_user, unit("VN"), D("2027-03-31"), "si_coverage") == (53_559_600, 2025)
