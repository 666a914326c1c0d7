"""Coverage computed from ansinh's own records (enrollments written by the services, read from the roll-up)."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.core.errors import NotFound
from ansinh.enrollment import services as enrollment_services
from ansinh.geo.models import UnitStatistic
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_point, make_staff
from ansinh.plans.services import figure_record, plan_record, records_complete_set
from ansinh.registry.testing import make_household_of_three, make_person
from ansinh.reports.indicators import coverage_report

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def commune(unit):
    return first_commune(unit("84", "pre2025"))


@pytest.fixture
def enrolled(tra_vinh_officer, commune):
    """A household of three in household HI (covered 1/10/2024–30/9/2025) and one voluntary-SI participant."""
    point = make_point(commune)
    collector = make_staff(commune, point=point)
    household, people = make_household_of_three(tra_vinh_officer, commune, code="HGD-84-0009", address="Ấp 2",
                                                ids=('084070000901', '084172000902', '084201000903'))
    enrollment_services.household_enroll(
        user=tra_vinh_officer, household=household, members=people, months=12,
        payment=enrollment_services.Payment("BL-H1", D("2024-09-01"), point, collector))
    saver = make_person(tra_vinh_officer, commune, full_name="Lâm Thị Mai", born="1990-02-02", sex="F",
                        citizen_id="084190000904")
    enrollment_services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=saver, income=5_000_000, category="other", method="12_months", months=12,
        payment=enrollment_services.Payment("BL-V1", D("2024-01-15"), point, collector))
    UnitStatistic.objects.create(unit=commune, indicator="population", year=2024, value=4, source="Xã báo cáo (thử)")
    UnitStatistic.objects.create(unit=commune, indicator="labour_force", year=2024, value=8,
                                 source="Xã báo cáo (thử)")
    return commune


def test_coverage_of_a_commune_from_records(tra_vinh_officer, enrolled):
    plan_record(user=tra_vinh_officer, unit=enrolled, year=2024, indicator="hi_coverage", value="80",
                authority="commune")
    records_complete_set(user=tra_vinh_officer, unit=enrolled, since=D("2024-01-01"))  # all its people are here
    report = coverage_report(user=tra_vinh_officer, unit=enrolled, on=D("2024-12-31"))
    hi = report.own.row("hi_coverage")
    assert (hi.value, hi.origin, hi.count.value) == (Decimal("75.00"), "records", 3)
    assert hi.denominator.value == 4
    target = hi.targets[0]
    assert (target.pct_of_plan, target.gap_points, target.needed) == (Decimal("93.75"), Decimal("-5.00"), 1)
    assert report.own.row("si_coverage").value == Decimal("12.50")
    assert report.own.row("voluntary_si").value == 1
    assert report.own.row("household_hi").value == 3
    assert report.own.row("hi_participants").year_end is None  # 31/12/2023: not complete yet, no baseline


def test_participants_move_with_the_dates(tra_vinh_officer, enrolled):
    report = coverage_report(user=tra_vinh_officer, unit=enrolled.parent, on=D("2025-09-30"), source="records")
    hi = report.own.row("hi_participants")
    assert (hi.value, hi.year_end, hi.change_since_year_end) == (3, 3, 0)
    assert report.own.row("voluntary_si").value is None  # nobody covered any more: no data, not 0%
    assert report.trend["household_hi"] == [3, 3, 3, 3, 3, 3, 3, 3, 3]
    child = {c.unit.code: c for c in report.children}[enrolled.code]
    assert child.row("hi_participants").value == 3
    after = coverage_report(user=tra_vinh_officer, unit=enrolled.parent, on=D("2025-10-01"), source="records")
    assert after.own.row("hi_participants").value is None


def test_old_records_re_aggregated_to_todays_province(admin_user, enrolled, unit):
    old = coverage_report(user=admin_user, unit=unit("84", "pre2025"), on=D("2025-06-30"), source="records")
    assert old.own.row("household_hi").value == 3
    new = coverage_report(user=admin_user, unit=unit("84", "pre2025"), on=D("2025-06-30"), structure="current",
                          source="records")
    assert (new.unit.era, new.unit.code) == ("2025", "86")
    assert new.own.row("household_hi").value == 3
    nation = coverage_report(user=admin_user, unit=unit("VN"), on=D("2025-08-31"), source="records")
    assert nation.era == "2025"
    by_code = {c.unit.code: c.row("household_hi").value for c in nation.children}
    assert by_code["86"] == 3
    assert by_code["01"] is None


def test_reported_figure_wins_unless_records_are_asked_for(tra_vinh_officer, enrolled):
    figure_record(user=tra_vinh_officer, unit=enrolled, on=D("2024-12-31"), indicator="household_hi", value=5,
                  source="Báo cáo xã tháng 12/2024")
    auto = coverage_report(user=tra_vinh_officer, unit=enrolled, on=D("2024-12-31"))
    assert (auto.own.row("household_hi").value, auto.own.row("household_hi").origin) == (5, "reported")
    records = coverage_report(user=tra_vinh_officer, unit=enrolled, on=D("2024-12-31"), source="records")
    assert (records.own.row("household_hi").value, records.own.row("household_hi").origin) == (3, "records")


def test_other_provinces_are_out_of_reach(tra_vinh_officer, unit):
    with pytest.raises(NotFound):
        coverage_report(user=tra_vinh_officer, unit=unit("62", "pre2025"), on=D("2020-06-30"))
    with pytest.raises(NotFound):
        coverage_report(user=tra_vinh_officer, unit=unit("VN"), on=D("2020-06-30"))
