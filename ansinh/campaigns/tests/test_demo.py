"""The demo replays the seed articles: cases A (Trà Vinh 2020), C (Lâm Đồng 2023), D (national 2022)."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.campaigns.demo import LAM_DONG, NATIONAL, QUANG_NAM, TRA_VINH, load_demo
from ansinh.campaigns.progress import campaign_progress
from ansinh.campaigns.selectors import retention

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("on", "vsi", "vsi_pct", "hh", "hh_pct"),
    [
        pytest.param("2020-07-11", 925, Decimal("132.14"), 1186, Decimal("91.23"), id="launch-day-11-7"),
        pytest.param("2020-07-12", 965, Decimal("137.86"), 1186, Decimal("91.23"), id="after-12-7-not-137.85"),
    ],
)
def test_case_a_tra_vinh_launch_day(demo, on, vsi, vsi_pct, hh, hh_pct):
    progress = campaign_progress(demo[TRA_VINH], until=D(on))
    summary = progress.summary
    assert (summary["voluntary_si"]["target"], summary["voluntary_si"]["achieved"]) == (700, vsi)
    assert summary["voluntary_si"]["percent"] == vsi_pct
    assert (summary["household_hi"]["target"], summary["household_hi"]["achieved"]) == (1300, hh)
    assert summary["household_hi"]["percent"] == hh_pct
    assert summary["household_hi"]["remaining"] == 114
    assert progress.sources["recorded"] == {"voluntary_si": vsi, "household_hi": hh}


def test_case_a_has_76_teams_and_district_targets_that_add_up(demo):
    progress = campaign_progress(demo[TRA_VINH])
    assert len(progress.teams) == 76
    assert len(progress.staff) == 152
    assert sum(t["voluntary_si"]["achieved"] for t in progress.teams) == 965
    assert sum(u["voluntary_si"]["target"] for u in progress.units) == 700
    assert sum(u["household_hi"]["target"] for u in progress.units) == 1300
    assert sum(u["household_hi"]["achieved"] for u in progress.units) == 1186
    assert [u["code"] for u in progress.units] == ["842", "844", "845", "846", "847", "848", "849", "850", "851"]


def test_case_a_retention_on_31_12_2020(demo):
    # The demo's recruits pay by fixed cycles (campaigns/demo_people.py). Voluntary SI, from 1/7/2020: the k-th
    # recruit pays 12, 12, 12, 6, 6, 6, 3, 3, 1, 1 months (k % 10), so those with k % 10 < 6 are paid up to
    # 30/6/2021 or 31/12/2020 and still enrolled on 31/12/2020: 965 = 96 × 10 + 5 → 96 × 6 + 5 = 581 kept,
    # 581 / 965 = 60.207…% → 60.21%. Household HI: first cards start 30 days after 11/7/2020 (10/8/2020) and run
    # 12 or 6 months (to 9/8/2021 or 9/2/2021): all 1,186 still covered on 31/12/2020.
    result = retention(demo[TRA_VINH], on=D("2020-12-31"))
    summary = result["summary"]
    assert (summary["voluntary_si"]["recruited"], summary["household_hi"]["recruited"]) == (965, 1186)
    assert (summary["voluntary_si"]["kept"], summary["household_hi"]["kept"]) == (581, 1186)
    assert summary["voluntary_si"]["percent"] == Decimal("60.21")
    assert sum(r["voluntary_si"]["recruited"] for r in result["collectors"]) == 965
    assert sum(r["household_hi"]["kept"] for r in result["units"]) == 1186


def test_case_a_voluntary_si_paid_for_six_months_or_less_has_lapsed_by_10_2_2021(demo):
    # Only the 12-month payers (k % 10 < 3, paid to 30/6/2021) are still enrolled: 96 × 3 + 3 = 291.
    result = retention(demo[TRA_VINH], on=D("2021-02-10"))
    assert (result["summary"]["voluntary_si"]["recruited"], result["summary"]["voluntary_si"]["kept"]) == (965, 291)


def test_quang_nam_drive_is_reported_as_aggregates(demo):
    progress = campaign_progress(demo[QUANG_NAM])
    assert progress.sources["reported"] == {"voluntary_si": 403, "household_hi": 1391}
    assert progress.sources["recorded"] == {"voluntary_si": 0, "household_hi": 0}
    assert progress.summary["voluntary_si"]["target"] is None


def test_case_c_lam_dong_targets_come_from_the_quota_of_184_staff(demo):
    campaign = demo[LAM_DONG]
    progress = campaign_progress(campaign)
    assert (progress.summary["voluntary_si"]["target"], progress.summary["household_hi"]["target"]) == (184, 368)
    assert len(progress.staff) == 184
    assert {(r["voluntary_si"]["target"], r["household_hi"]["target"]) for r in progress.staff} == {(1, 2)}
    assert campaign.retention_date == D("2023-12-31")
    assert (campaign.start_date, campaign.end_date) == (D("2023-07-22"), D("2023-07-31"))


def test_case_d_national_month_targets_10000_split_by_population(demo):
    progress = campaign_progress(demo[NATIONAL])
    assert progress.summary["voluntary_si"]["target"] == 10_000
    assert len(progress.units) == 63
    assert sum(u["voluntary_si"]["target"] for u in progress.units) == 10_000
    assert demo[NATIONAL].theme == "Bảo hiểm xã hội – điểm tựa của bạn và gia đình"


def test_demo_is_idempotent(demo):
    from ansinh.campaigns.models import Activity, Campaign, RecruitCount, Target, Team
    from ansinh.enrollment.models import Enrollment

    before = (Campaign.objects.count(), Target.objects.count(), Team.objects.count(), Activity.objects.count(),
              Enrollment.objects.count(), sum(RecruitCount.objects.values_list("count", flat=True)))
    load_demo()
    after = (Campaign.objects.count(), Target.objects.count(), Team.objects.count(), Activity.objects.count(),
             Enrollment.objects.count(), sum(RecruitCount.objects.values_list("count", flat=True)))
    assert after == before
