"""One definition of a result (docs/campaigns.md), held by hand-derived cases and by a property test.

A result is recorded for campaign × day × scheme × unit and optionally a staff member: recruited in ansinh
(counted from the campaign's roll-up) or reported (people enrolled elsewhere); a correction replaces the
figure it corrects. A unit's total = Σ its staff's results + its results without a staff member; a team's =
Σ its members'; the province's = Σ its units'.
"""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.campaigns import services
from ansinh.campaigns.progress import campaign_progress, campaign_totals, combined, figures, ranking
from ansinh.core.errors import PermissionDenied
from ansinh.core.testing.users import make_user
from ansinh.enrollment import services as enrollment
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.testing import make_person

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
VSI, HH = "voluntary_si", "household_hi"
DAY = D("2020-07-11")


@pytest.fixture
def drive(tra_vinh_officer, unit):
    """A two-day drive in old Trà Vinh; staff A and B of its first commune in team Đ01 (A leads it)."""
    tra_vinh = unit("84", "pre2025")
    campaign = services.campaign_create(user=tra_vinh_officer, name="Ra quân 2020", start_date=DAY,
                                        end_date=D("2020-07-12"), area=tra_vinh)
    commune = first_commune(tra_vinh)
    point = make_point(commune)
    a = make_staff(commune, code="NV-A", full_name="Nguyễn Văn A", point=point)
    b = make_staff(commune, code="NV-B", full_name="Trần Thị B", point=point)
    team = services.team_create(user=tra_vinh_officer, campaign=campaign, code="Đ01", name="Đội 1", unit=commune,
                                members=[a, b], leader=a)
    return {"campaign": campaign, "province": tra_vinh, "commune": commune, "point": point, "a": a, "b": b,
            "team": team, "officer": tra_vinh_officer}


def _recruit(d, staff, n: int, day: dt.date = DAY, first: int = 0) -> None:
    for i in range(first, first + n):
        person = make_person(d["officer"], d["commune"], full_name=f"Người {staff.code} {i}",
                             citizen_id=f"08408500{staff.pk % 10}{i:03d}")
        services.recruit_voluntary_si(
            user=d["officer"], campaign=d["campaign"], person=person, income=1_500_000, category="other",
            method="monthly", months=1, payment=enrollment.Payment(
                receipt_number=f"RQ-{staff.code}-{i}", paid_on=day, collection_point=d["point"], collector=staff))


def _unit_row(progress, commune):
    """The row of the district holding the commune (the province's dashboard lists its districts)."""
    return next(r for r in progress.units if commune.path.startswith(r["unit"].path))


def _staff(progress, code: str) -> int:
    return next(r[VSI]["achieved"] for r in progress.staff if r["code"] == code)


@pytest.mark.parametrize("order", ["recruited-first", "reported-first"])
def test_three_reported_two_recruited_by_a_one_reported_by_b_make_six(drive, order):
    d = drive
    steps = [lambda: _recruit(d, d["a"], 2),
             lambda: services.result_report(user=d["officer"], campaign=d["campaign"], unit=d["commune"], day=DAY,
                                            scheme=VSI, count=3),
             lambda: services.result_report(user=d["officer"], campaign=d["campaign"], unit=d["commune"], day=DAY,
                                            scheme=VSI, count=1, staff=d["b"])]
    for step in steps if order == "recruited-first" else steps[::-1]:
        step()
    progress = campaign_progress(d["campaign"])
    row = _unit_row(progress, d["commune"])
    assert (row[VSI]["achieved"], row[VSI]["by_staff"], row[VSI]["unattributed"]) == (6, 3, 3)
    assert progress.summary[VSI]["achieved"] == 6
    assert (_staff(progress, "NV-A"), _staff(progress, "NV-B")) == (2, 1)
    assert [(t["code"], t[VSI]["achieved"]) for t in progress.teams] == [("Đ01", 3)]
    assert campaign_totals(d["campaign"])["summary"][VSI]["achieved"] == 6

    correction = services.result_correct(user=d["officer"], campaign=d["campaign"], unit=d["commune"], day=DAY,
                                         scheme=VSI, count=1, staff=d["a"], reason="Một hồ sơ trùng")
    assert (correction.previous, correction.count) == (2, 1)
    progress = campaign_progress(d["campaign"])
    row = _unit_row(progress, d["commune"])
    assert (row[VSI]["achieved"], row[VSI]["by_staff"], row[VSI]["unattributed"]) == (5, 2, 3)
    assert (_staff(progress, "NV-A"), _staff(progress, "NV-B")) == (1, 1)
    assert [(t["code"], t[VSI]["achieved"]) for t in progress.teams] == [("Đ01", 2)]
    assert campaign_totals(d["campaign"])["summary"][VSI]["achieved"] == 5


def test_a_collector_enters_her_own_results_and_her_teams_but_no_one_elses(drive, unit):
    d = drive
    c = make_staff(d["commune"], code="NV-C", full_name="Lê Văn C", point=d["point"])
    leader = make_user("nv_a", role="collector", scope_unit=d["province"])
    d["a"].user = leader
    d["a"].save(update_fields=["user"])
    member = make_user("nv_b", role="collector", scope_unit=d["province"])
    d["b"].user = member
    d["b"].save(update_fields=["user"])
    args = {"campaign": d["campaign"], "unit": d["commune"], "day": DAY, "scheme": HH}
    services.result_report(user=leader, count=2, staff=d["a"], **args)  # her own
    services.result_report(user=leader, count=1, staff=d["b"], **args)  # a member of the team she leads
    services.result_report(user=member, count=4, staff=d["b"], **{**args, "scheme": VSI})  # his own
    with pytest.raises(PermissionDenied) as refused:
        services.result_report(user=leader, count=1, staff=c, **args)  # not in her team
    assert "chính mình" in str(refused.value)
    with pytest.raises(PermissionDenied):
        services.result_report(user=member, count=1, staff=d["a"], **args)  # B does not lead the team
    summary = campaign_progress(d["campaign"]).summary
    assert (summary[HH]["achieved"], summary[VSI]["achieved"]) == (3, 4)


def test_a_teams_day_is_entered_on_one_screen_and_replaced_when_typed_again(drive):
    d = drive
    _recruit(d, d["a"], 1)
    team, a, b = d["team"], d["a"], d["b"]
    changed = services.team_day_record(user=d["officer"], team=team, day=DAY,
                                       figures={(a.pk, VSI): 0, (a.pk, HH): 2, (b.pk, VSI): 1, (b.pk, HH): 3})
    assert changed == 3  # a's 0 voluntary SI writes nothing
    changed = services.team_day_record(user=d["officer"], team=team, day=DAY,
                                       figures={(a.pk, VSI): 0, (a.pk, HH): 2, (b.pk, VSI): 1, (b.pk, HH): 4})
    assert changed == 1  # only b's household HI changed: 3 → 4, replaced, not added
    progress = campaign_progress(d["campaign"])
    team_row = progress.teams[0]
    assert (team_row[VSI]["achieved"], team_row[HH]["achieved"]) == (2, 6)  # a: 1 recruited + b: 1; a 2 + b 4
    assert (progress.summary[VSI]["achieved"], progress.summary[HH]["achieved"]) == (2, 6)


def test_combined_figures_never_let_a_surplus_hide_a_shortfall():
    # 0 of 1 voluntary SI and 3 of 2 household HI: 2 of 3 met, 1 still needed
    per_scheme = {VSI: figures(1, 0), HH: figures(2, 3)}
    assert combined(per_scheme) == {"target": 3, "achieved": 3, "percent": Decimal("66.67"), "remaining": 1}
    rows = [{"code": "A", VSI: figures(1, 0), HH: figures(2, 3), "all": combined({VSI: figures(1, 0),
                                                                                    HH: figures(2, 3)})},
            {"code": "B", VSI: figures(1, 1), HH: figures(2, 2), "all": combined({VSI: figures(1, 1),
                                                                                    HH: figures(2, 2)})},
            {"code": "C", VSI: figures(None, 5), HH: figures(None, 0), "all": combined({VSI: figures(None, 5),
                                                                                         HH: figures(None, 0)})}]
    assert [(r["code"], r["rank"]) for r in ranking(rows)] == [("B", 1), ("A", 2), ("C", 3)]
    assert [r["code"] for r in ranking(rows, lowest_first=True)] == ["A", "B", "C"]
    assert [r["code"] for r in ranking(rows, HH)] == ["A", "B", "C"]  # 150 % of HI beats 100 %


entries = st.lists(
    st.tuples(st.sampled_from(["recruited", "reported", "corrected"]), st.sampled_from([None, "a", "b"]),
              st.sampled_from([DAY, D("2020-07-12")]), st.integers(min_value=0, max_value=3)),
    min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=entries)
def test_every_mix_of_recruited_reported_and_corrected_results_is_counted_once(drive, entries):
    """Whatever mix and order of entries, unit = Σ staff + unattributed, team = Σ members, province = Σ units,
    each cell equals the last figure it was given (a correction) or what was recruited and reported into it."""
    from django.db import transaction

    d = drive
    staff = {"a": d["a"], "b": d["b"]}
    expected: dict = {}  # (who, day) -> figure of the cell
    recruited_so_far = {"a": 0, "b": 0}
    sid = transaction.savepoint()
    try:
        for kind, who, day, n in entries:
            cell = (who, day)
            person = staff.get(who)
            if kind == "recruited":
                if person is None or n == 0:
                    continue
                _recruit(d, person, n, day=day, first=recruited_so_far[who])
                recruited_so_far[who] += n
                expected[cell] = expected.get(cell, 0) + n
            elif kind == "reported":
                try:
                    services.result_report(user=d["officer"], campaign=d["campaign"], unit=d["commune"], day=day,
                                           scheme=VSI, count=n, staff=person)
                except Exception as exc:  # reported once per cell: the second is refused
                    assert getattr(exc, "code", None) == "already_reported"
                    continue
                expected[cell] = expected.get(cell, 0) + n
            else:
                if expected.get(cell, 0) == n:
                    continue
                services.result_correct(user=d["officer"], campaign=d["campaign"], unit=d["commune"], day=day,
                                        scheme=VSI, count=n, staff=person, reason="Kiểm tra lại")
                expected[cell] = n
        progress = campaign_progress(d["campaign"])
        row = _unit_row(progress, d["commune"])[VSI]
        by_staff = sum(n for (who, _day), n in expected.items() if who)
        unattributed = sum(n for (who, _day), n in expected.items() if who is None)
        assert (row["achieved"], row["by_staff"], row["unattributed"]) == (by_staff + unattributed, by_staff,
                                                                          unattributed)
        assert row["achieved"] == row["by_staff"] + row["unattributed"]
        assert progress.teams[0][VSI]["achieved"] == by_staff
        assert sum(r[VSI]["achieved"] for r in progress.staff) == by_staff
        assert sum(r[VSI]["achieved"] for r in progress.units) == progress.summary[VSI]["achieved"]
        assert campaign_totals(d["campaign"])["summary"][VSI]["achieved"] == by_staff + unattributed
        assert sum(r[VSI]["count"] for r in progress.daily) == by_staff + unattributed
    finally:
        transaction.savepoint_rollback(sid)


def test_staff_quotas_roll_up_to_their_units_unless_a_unit_has_its_own(drive):
    d = drive
    for staff, vsi in ((d["a"], 1), (d["b"], 2)):
        services.target_set(user=d["officer"], campaign=d["campaign"], staff=staff, scheme=VSI, count=vsi)
    progress = campaign_progress(d["campaign"])
    assert progress.summary[VSI]["target"] == 3  # no unit target: the staff's quotas, 1 + 2
    assert _unit_row(progress, d["commune"])[VSI]["target"] == 3
    assert campaign_totals(d["campaign"])["summary"][VSI]["target"] == 3  # the list pages agree
    services.target_set(user=d["officer"], campaign=d["campaign"], unit=d["province"], scheme=VSI, count=10)
    progress = campaign_progress(d["campaign"])
    assert progress.summary[VSI]["target"] == 10  # set explicitly, the province's own target stands
    assert _unit_row(progress, d["commune"])[VSI]["target"] == 3
