"""Campaign services: creating, targets (set, split, quota), teams, results counted once, corrections, closing."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.campaigns import selectors, services
from ansinh.campaigns.models import Correction, RecruitCount, ReportedResult, Target
from ansinh.campaigns.progress import campaign_progress, campaign_totals
from ansinh.core.changelog import changes_for
from ansinh.core.errors import DomainError, NotFound, PermissionDenied
from ansinh.enrollment import services as enrollment
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.testing import make_person

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
VSI, HH = "voluntary_si", "household_hi"


@pytest.fixture
def tra_vinh(unit):
    return unit("84", "pre2025")


@pytest.fixture
def launch(tra_vinh_officer, tra_vinh):
    """Case A's campaign with its targets: 700 voluntary SI, 1,300 household HI on 11–12/7/2020."""
    campaign = services.campaign_create(
        user=tra_vinh_officer, name="Lễ ra quân ngày BHYT Việt Nam 2020", start_date=D("2020-07-11"),
        end_date=D("2020-07-12"), area=tra_vinh, joint_plan="2043/KHLT-BHXH-BĐVN ngày 24/6/2020",
        organisers="BHXH tỉnh Trà Vinh\nBưu điện tỉnh Trà Vinh")
    services.target_set(user=tra_vinh_officer, campaign=campaign, unit=tra_vinh, scheme=VSI, count=700)
    services.target_set(user=tra_vinh_officer, campaign=campaign, unit=tra_vinh, scheme=HH, count=1300)
    return campaign


def test_campaign_gets_a_slug_and_a_change_log(launch, tra_vinh_officer):
    assert launch.slug == "le-ra-quan-ngay-bhyt-viet-nam-2020"
    assert changes_for(launch, tra_vinh_officer).get().action == "create"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        pytest.param({"start_date": D("2020-07-12"), "end_date": D("2020-07-11")}, "dates_reversed", id="reversed"),
        pytest.param({"start_date": D("2025-08-01"), "end_date": D("2025-08-31")}, "area_wrong_era",
                     id="2025-campaign-in-an-old-province"),
        pytest.param({"start_date": D("2025-06-20"), "end_date": D("2025-07-10")}, "spans_reform", id="spans-1-7-2025"),
        pytest.param({"name": "  "}, "name_required", id="no-name"),
    ],
)
def test_campaign_refused(tra_vinh_officer, tra_vinh, fields, code):
    base = {"name": "Ra quân", "start_date": D("2020-07-11"), "end_date": D("2020-07-12"), "area": tra_vinh}
    with pytest.raises(DomainError) as err:
        services.campaign_create(user=tra_vinh_officer, **{**base, **fields})
    assert err.value.code == code


def test_campaign_outside_the_officers_area_is_not_found(tra_vinh_officer, unit):
    with pytest.raises(NotFound):
        services.campaign_create(user=tra_vinh_officer, name="Kon Tum", start_date=D("2020-07-11"),
                                 end_date=D("2020-07-11"), area=unit("62", "pre2025"))


def test_reported_results_give_132_14_and_91_23_then_137_86(launch, tra_vinh_officer, tra_vinh):
    for day, scheme, count in (("2020-07-11", VSI, 925), ("2020-07-11", HH, 1186), ("2020-07-12", VSI, 40)):
        services.result_report(user=tra_vinh_officer, campaign=launch, unit=tra_vinh, day=D(day), scheme=scheme,
                               count=count)
    first = campaign_progress(launch, until=D("2020-07-11")).summary
    assert (first[VSI]["percent"], first[HH]["percent"]) == (Decimal("132.14"), Decimal("91.23"))
    final = campaign_totals(launch)["summary"]
    assert (final[VSI]["achieved"], final[VSI]["percent"], final[VSI]["remaining"]) == (965, Decimal("137.86"), 0)
    assert (final[HH]["achieved"], final[HH]["remaining"]) == (1186, 114)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        pytest.param({"unit": ("62", "pre2025")}, "unit_outside_area", id="unit-outside-area"),
        pytest.param({"unit": ("86", "2025")}, "unit_outside_area", id="unit-of-another-era"),
        pytest.param({"day": D("2020-07-13")}, "date_outside_campaign", id="date-after-end"),
        pytest.param({"day": D("2020-07-10")}, "date_outside_campaign", id="date-before-start"),
        pytest.param({"count": -5}, "negative_count", id="negative-count"),
        pytest.param({"scheme": "compulsory_si"}, "invalid_scheme", id="other-scheme"),
    ],
)
def test_bad_results_are_refused_with_a_reason(launch, admin_user, unit, change, code):
    args = {"unit": unit("84", "pre2025"), "day": D("2020-07-11"), "scheme": VSI, "count": 10}
    if "unit" in change:
        change = {"unit": unit(*change["unit"])}
    with pytest.raises(DomainError) as err:
        services.result_report(user=admin_user, campaign=launch, **{**args, **change})
    assert err.value.code == code
    assert err.value.message
    assert ReportedResult.objects.filter(campaign=launch).count() == 0


def test_a_figure_is_counted_once(launch, tra_vinh_officer, tra_vinh, unit):
    district = unit("842", "pre2025")
    services.result_report(user=tra_vinh_officer, campaign=launch, unit=district, day=D("2020-07-11"), scheme=VSI,
                           count=30)
    with pytest.raises(DomainError) as again:
        services.result_report(user=tra_vinh_officer, campaign=launch, unit=district, day=D("2020-07-11"),
                               scheme=VSI, count=30)
    assert again.value.code == "already_reported"
    with pytest.raises(DomainError) as overlap:
        services.result_report(user=tra_vinh_officer, campaign=launch, unit=tra_vinh, day=D("2020-07-11"),
                               scheme=VSI, count=925)
    assert overlap.value.code == "overlapping_report"
    with pytest.raises(DomainError) as below:
        services.result_report(user=tra_vinh_officer, campaign=launch, unit=first_commune(district),
                               day=D("2020-07-11"), scheme=VSI, count=3)
    assert below.value.code == "overlapping_report"
    assert campaign_totals(launch)["summary"][VSI]["achieved"] == 30


def test_enrollments_attributed_to_the_campaign_count_from_the_roll_up(launch, tra_vinh_officer, tra_vinh):
    commune = first_commune(tra_vinh)
    point = make_point(commune)
    collector = make_staff(commune, point=point)
    for i in range(3):
        person = make_person(tra_vinh_officer, commune, full_name=f"Người {i}", citizen_id=f"08408500030{i}")
        services.recruit_voluntary_si(
            user=tra_vinh_officer, campaign=launch, person=person, income=1_500_000, category="other",
            method="monthly", months=1,
            payment=enrollment.Payment(receipt_number=f"RQ-{i}", paid_on=D("2020-07-11"), collection_point=point,
                                       collector=collector))
    outside = make_person(tra_vinh_officer, commune, full_name="Ngoài đợt", citizen_id="084085000399")
    services.recruit_voluntary_si(
        user=tra_vinh_officer, campaign=launch, person=outside, income=1_500_000, category="other", method="monthly",
        months=1, payment=enrollment.Payment(receipt_number="RQ-9", paid_on=D("2020-07-20"), collection_point=point,
                                             collector=collector))
    progress = campaign_progress(launch)
    assert progress.summary[VSI]["achieved"] == 3
    assert [(s["code"], s[VSI]["achieved"]) for s in progress.staff] == [("NV001", 3)]
    assert RecruitCount.objects.filter(campaign=launch).count() == 2
    # a figure reported for the commune that day counts people enrolled elsewhere: added, with a warning
    services.result_report(user=tra_vinh_officer, campaign=launch, unit=commune, day=D("2020-07-11"), scheme=VSI,
                           count=2)
    assert campaign_progress(launch).summary[VSI]["achieved"] == 5
    warnings = selectors.result_warnings(launch, roots=[launch.area])
    assert warnings == [
        "1 người được ghi cho chiến dịch nhưng đăng ký ngoài thời gian 11/7/2020–12/7/2020: không được tính.",
        f"{commune.name} ngày 11/7/2020: đã báo 2 người BHXH tự nguyện ghi ở nơi khác, và ansinh có 3 hồ sơ từng người "
        "cùng ngày — hai số được cộng; nếu số báo cáo đã gồm những người này, hãy điều chỉnh về số đúng."]


def test_corrections_replace_the_figure_with_a_reason(launch, tra_vinh_officer, tra_vinh):
    services.result_report(user=tra_vinh_officer, campaign=launch, unit=tra_vinh, day=D("2020-07-11"), scheme=VSI,
                           count=925)
    day = {"user": tra_vinh_officer, "campaign": launch, "unit": tra_vinh, "day": D("2020-07-11"), "scheme": VSI}
    with pytest.raises(DomainError) as no_reason:
        services.result_correct(**day, count=920, reason=" ")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(DomainError) as negative:
        services.result_correct(**day, count=-1, reason="Trùng hồ sơ")
    assert negative.value.code == "negative_count"
    with pytest.raises(DomainError) as same:
        services.result_correct(**day, count=925, reason="Kiểm tra lại")
    assert same.value.code == "zero_correction"
    services.result_correct(**day, count=900, reason="25 người đã tham gia từ trước, không phải người mới")
    assert campaign_totals(launch)["summary"][VSI]["achieved"] == 900
    # a second correction replaces the first figure again: 900 → 910, not 925 − 25 + 910
    services.result_correct(**day, count=910, reason="Sót 10 người của xã Long Đức")
    assert campaign_totals(launch)["summary"][VSI]["achieved"] == 910
    assert [(c.previous, c.count, c.delta) for c in Correction.objects.order_by("id")] == [(925, 900, -25),
                                                                                         (900, 910, 10)]


def test_split_adds_up_to_the_province_target(launch, tra_vinh_officer, tra_vinh):
    parts = services.target_split(user=tra_vinh_officer, campaign=launch, unit=tra_vinh, scheme=VSI, into="units",
                                  by="equal")
    assert len(parts) == 9
    assert sum(t.count for t in parts) == 700
    assert sorted({t.count for t in parts}) == [77, 78]
    assert campaign_progress(launch).summary[VSI]["target"] == 700


def test_split_counts_largest_remainder():
    assert services.split_counts(700, [1] * 9) == [78, 78, 78, 78, 78, 78, 78, 77, 77]
    assert services.split_counts(10, [1, 1, 1]) == [4, 3, 3]
    assert services.split_counts(5, [0, 0]) == [3, 2]


def test_quota_of_184_staff_gives_184_and_368(admin_user, unit):
    lam_dong = unit("68", "pre2025")
    campaign = services.campaign_create(user=admin_user, name="Ra quân Lâm Đồng", start_date=D("2023-07-22"),
                                        end_date=D("2023-07-31"), area=lam_dong, retention_date=D("2023-12-31"))
    staff = [make_staff(lam_dong, code=f"LD-{i:03d}", organisation="bhxh") for i in range(184)]
    made = services.targets_from_quota(user=admin_user, campaign=campaign, per_staff={VSI: 1, HH: 2}, staff=staff)
    assert (made[VSI].count, made[HH].count) == (184, 368)
    assert made[VSI].basis == "Định mức 1 người/cán bộ × 184 cán bộ"
    assert Target.objects.filter(campaign=campaign, holder="staff").count() == 368


def test_a_staff_member_is_in_one_team_only(launch, tra_vinh_officer, tra_vinh):
    member = make_staff(tra_vinh, code="TV-1")
    services.team_create(user=tra_vinh_officer, campaign=launch, code="D01", name="Đội 1", unit=tra_vinh,
                         members=[member])
    other = services.team_create(user=tra_vinh_officer, campaign=launch, code="D02", name="Đội 2", unit=tra_vinh)
    with pytest.raises(DomainError) as err:
        services.team_member_add(user=tra_vinh_officer, team=other, staff=member)
    assert err.value.code == "already_in_team"


def test_activity_outside_the_dates_is_refused(launch, tra_vinh_officer, tra_vinh):
    services.activity_record(user=tra_vinh_officer, campaign=launch, unit=tra_vinh, day=D("2020-07-11"),
                             kind="parade", quantity=30)
    with pytest.raises(DomainError) as err:
        services.activity_record(user=tra_vinh_officer, campaign=launch, unit=tra_vinh, day=D("2020-07-14"),
                                 kind="parade")
    assert err.value.code == "date_outside_campaign"


def test_a_closed_campaign_takes_no_more_results(launch, tra_vinh_officer, tra_vinh):
    services.campaign_close(user=tra_vinh_officer, campaign=launch)
    launch.refresh_from_db()
    with pytest.raises(DomainError) as err:
        services.result_report(user=tra_vinh_officer, campaign=launch, unit=tra_vinh, day=D("2020-07-11"),
                               scheme=VSI, count=1)
    assert err.value.code == "campaign_closed"
    services.campaign_reopen(user=tra_vinh_officer, campaign=launch, reason="Bổ sung số liệu huyện Trà Cú")
    launch.refresh_from_db()
    assert not launch.is_closed


def test_a_collector_may_report_but_not_correct(launch, tra_vinh):
    from ansinh.core.testing.users import make_user

    collector = make_user("thu", role="collector", scope_unit=tra_vinh)
    services.result_report(user=collector, campaign=launch, unit=tra_vinh, day=D("2020-07-11"), scheme=VSI, count=9)
    with pytest.raises(PermissionDenied):  # inside her area: refused for her role (403), not hidden (404)
        services.result_correct(user=collector, campaign=launch, unit=tra_vinh, day=D("2020-07-11"), scheme=VSI,
                                count=8, reason="Sai")


def test_split_a_province_straight_to_its_communes(launch, tra_vinh_officer, tra_vinh, unit):
    parts = services.target_split(user=tra_vinh_officer, campaign=launch, unit=tra_vinh, scheme=HH, into="communes")
    # Trà Vinh had 106 communes in 2020: 104 on 30/6/2025 plus 29245 and 29251, merged on 1/1/2025 (1277/NQ-UBTVQH15).
    assert len(parts) == 106
    assert sum(t.count for t in parts) == 1300
    progress = campaign_progress(launch)
    assert progress.summary[HH]["target"] == 1300
    assert sum(u[HH]["target"] for u in progress.units) == 1300  # districts: the sum of their communes
