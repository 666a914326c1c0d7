"""Lâm Đồng 2023 (the demo's case C, docs/campaigns.md) from a staff sheet: an officer of old Lâm Đồng (68) imports
184 BHXH staff through the network's importer, creates the 22–31/7/2023 drive and sets a quota of 1 voluntary SI and
2 household HI per staff member: targets 184 × 1 = 184 and 184 × 2 = 368."""

import datetime as dt

import pytest

from ansinh.campaigns import services
from ansinh.campaigns.models import Target
from ansinh.core.testing.users import make_user
from ansinh.network.importers import import_file
from ansinh.network.models import Staff
from ansinh.network.testing import lam_dong_staff_sheet

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
VSI, HH = "voluntary_si", "household_hi"


@pytest.fixture
def lam_dong(unit):
    return unit("68", "pre2025")


@pytest.fixture
def lamdong(lam_dong):
    """The demo's pattern: a province officer of old Lâm Đồng."""
    return make_user("lamdong", role="province_officer", scope_unit=lam_dong)


def test_184_imported_staff_with_a_quota_of_1_and_2_give_targets_184_and_368(tmp_path, settings, lamdong, lam_dong):
    settings.MEDIA_ROOT = tmp_path / "media"
    run = import_file(lam_dong_staff_sheet(tmp_path / "can-bo-bhxh-lam-dong-2023.xlsx"), user=lamdong, kind="staff")
    assert (run.rows_read, run.rows_stored, run.rows_unchanged, run.rows_rejected) == (184, 184, 0, 0)
    staff = list(Staff.objects.restrict(lamdong).filter(code__startswith="LD-NV-").select_related("unit"))
    on_launch = [s for s in staff if s.in_force(D("2023-07-22"))]
    assert (len(staff), len(on_launch)) == (184, 184)
    assert sum(1 for s in staff if s.unit == lam_dong) == 40  # the office; 144 in 12 districts

    campaign = services.campaign_create(
        user=lamdong, name="Đợt ra quân vận động BHXH tự nguyện, BHYT hộ gia đình 2023 — Lâm Đồng",
        start_date=D("2023-07-22"), end_date=D("2023-07-31"), area=lam_dong, retention_date=D("2023-12-31"))
    made = services.targets_from_quota(user=lamdong, campaign=campaign, per_staff={VSI: 1, HH: 2}, staff=on_launch,
                                       label="viên chức BHXH")

    assert (made[VSI].count, made[HH].count) == (184, 368)
    assert made[VSI].basis == "Định mức 1 người/viên chức BHXH × 184 viên chức BHXH"
    assert made[HH].basis == "Định mức 2 người/viên chức BHXH × 184 viên chức BHXH"
    per_staff = Target.objects.filter(campaign=campaign, holder="staff")
    assert (per_staff.filter(scheme=VSI).count(), per_staff.filter(scheme=HH).count()) == (184, 184)
    assert sorted(set(per_staff.values_list("scheme", "count"))) == [(HH, 2), (VSI, 1)]


def test_importing_the_sheet_again_leaves_the_quota_as_it_was(tmp_path, settings, lamdong, lam_dong):
    settings.MEDIA_ROOT = tmp_path / "media"
    sheet = lam_dong_staff_sheet(tmp_path / "can-bo.xlsx")
    import_file(sheet, user=lamdong, kind="staff")
    again = import_file(sheet, user=lamdong, kind="staff")
    assert (again.rows_stored, again.rows_unchanged) == (0, 184)
    campaign = services.campaign_create(user=lamdong, name="Ra quân Lâm Đồng 2023", start_date=D("2023-07-22"),
                                        end_date=D("2023-07-31"), area=lam_dong)
    made = services.targets_from_quota(user=lamdong, campaign=campaign, per_staff={VSI: 1, HH: 2},
                                       staff=Staff.objects.filter(code__startswith="LD-NV-").select_related("unit"))
    assert (made[VSI].count, made[HH].count) == (184, 368)


def test_a_staff_member_who_left_before_the_drive_gets_no_quota(tmp_path, settings, lamdong, lam_dong):
    from ansinh.campaigns.selectors import quota_staff
    from ansinh.network.services import staff_deactivate

    settings.MEDIA_ROOT = tmp_path / "media"
    import_file(lam_dong_staff_sheet(tmp_path / "can-bo.xlsx"), user=lamdong, kind="staff")
    staff_deactivate(user=lamdong, staff=Staff.objects.get(code="LD-NV-001"), until=D("2023-06-30"))
    campaign = services.campaign_create(
        user=lamdong, name="Ra quân 2023", start_date=D("2023-07-22"), end_date=D("2023-07-31"), area=lam_dong,
        retention_date=D("2023-12-31"))
    made = services.targets_from_quota(user=lamdong, campaign=campaign, per_staff={VSI: 1, HH: 2},
                                       staff=quota_staff(lamdong, campaign, "bhxh"), label="viên chức BHXH")
    assert (made[VSI].count, made[HH].count) == (183, 366)
