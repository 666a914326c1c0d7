"""The seed articles replayed: the demo's reported figures and plans give the articles' results exactly."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.plans.demo import load_demo
from ansinh.reports.indicators import coverage_report

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def demo(admin_user):
    load_demo()
    return admin_user


def _targets(row):
    return {t.plan.authority: t for t in row.targets}


def test_tra_vinh_30_6_2020(demo, unit):
    report = coverage_report(user=demo, unit=unit("84", "pre2025"), on=D("2020-06-30"))
    vsi = report.own.row("voluntary_si")
    assert vsi.value == 8463
    assert vsi.origin == "reported"
    assert _targets(vsi)["bhxh"].pct_of_plan == Decimal("67.25")
    assert _targets(vsi)["bhxh"].needed == 12_584 - 8_463
    assert vsi.year_end == 5885
    assert vsi.change_since_year_end == 2578
    # "964.867 người, đạt 100,16% kế hoạch được giao": the plan behind it, derived as 964.867 ÷ 100,16% ≈ 963.326.
    hi_people = _targets(report.own.row("hi_participants"))["bhxh"]
    assert (hi_people.plan.value, hi_people.pct_of_plan) == (963_326, Decimal("100.16"))
    hi = report.own.row("hi_coverage")
    assert hi.value == Decimal("95.61")
    assert hi.denominator.value == 1_009_168
    assert hi.denominator.year == 2019
    assert "Tổng điều tra dân số và nhà ở năm 2019" in hi.denominator.source
    targets = _targets(hi)
    assert targets["province"].pct_of_plan == Decimal("98.92")
    assert targets["government"].gap_points == Decimal("6.23")
    assert targets["province"].gap_points == Decimal("-1.04")
    assert targets["province"].needed == 10_494
    assert targets["government"].needed == 0


def test_kon_tum_june_2020_shows_the_denominator(demo, unit):
    report = coverage_report(user=demo, unit=unit("62", "pre2025"), on=D("2020-06-30"))
    hi = report.own.row("hi_coverage")
    assert hi.value == Decimal("89.91")
    assert hi.denominator.value == 540_438
    assert hi.printed.value == 91
    assert hi.implied_denominator == 533_956
    vsi = report.own.row("voluntary_si")
    assert _targets(vsi)["bhxh"].pct_of_plan == Decimal("106.29")
    assert vsi.change_since_year_end == 1657
    assert report.own.row("household_hi").value == 67_286


def test_national_q1_2022(demo, unit):
    """16,400,000 SI participants ÷ the 2021 labour force aged 15+ (the 63 provinces' sum, 50,560,600) = 32.436 %
    → 32.44 %; the article's 32.47 % is shown beside it, with the denominator it implies (16,400,000 ÷ 0.3247)."""
    report = coverage_report(user=demo, unit=unit("VN"), on=D("2022-03-31"))
    si = report.own.row("si_coverage")
    assert (si.value, si.denominator.value, si.denominator.year) == (Decimal("32.44"), 50_560_600, 2021)
    assert (si.printed.value, si.implied_denominator) == (Decimal("32.47"), 50_508_161)
    assert si.origin == "reported"
    assert report.own.row("si_participants").change_yoy == Decimal("2.77")
    assert report.own.row("voluntary_si").change_yoy == Decimal("16.09")


def test_dak_glei_august_2023(demo, unit):
    report = coverage_report(user=demo, unit=unit("610", "pre2025"), on=D("2023-08-31"))
    si = report.own.row("si_coverage")
    assert si.value == Decimal("15.79")
    assert _targets(si)["province"].pct_of_plan == Decimal("99.94")
    hi = report.own.row("hi_coverage")
    assert hi.value == Decimal("94.13")
    assert _targets(hi)["district"].pct_of_plan == Decimal("99.05")
    assert hi.printed_needed == 2218
    assert report.own.row("ui_coverage").value == Decimal("6.75")


def test_demo_loader_is_idempotent(demo):
    assert load_demo() == {"created": 0, "updated": 0, "unchanged": 26 + 9 * 2}  # + Trà Vinh's 9 districts × 2


def test_tra_vinh_s_districts_have_an_illustrative_baseline_that_adds_up(demo, unit):
    report = coverage_report(user=demo, unit=unit("84", "pre2025"), on=D("2020-07-31"))
    vsi = {c.unit.code: c.row("voluntary_si") for c in report.children}
    assert len(vsi) == 9 and sum(r.value for r in vsi.values()) == 8463
    assert sum(c.row("hi_participants").value for c in report.children) == 964_867
    # Thành phố Trà Vinh has 10 of the province's 106 communes on 30/6/2020: 8.463 × 10 / 106 = 798.4 → 798.
    city = vsi["842"]
    assert (city.value, city.origin) == (798, "baseline")
    assert city.count.reported.source.startswith("Minh hoạ của bản demo")
