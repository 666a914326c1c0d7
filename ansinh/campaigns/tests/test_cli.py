"""`ansinh report campaign …` and `ansinh import campaign-results …`."""

import io
import json

import pytest
from django.core.management import call_command

from ansinh.campaigns.demo import NATIONAL, TRA_VINH

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_report_list(demo):
    listed = json.loads(_run("report", "campaign", "--list", "--json"))
    assert [c["slug"] for c in listed] == ["lam-dong-ra-quan-2023", NATIONAL, "quang-nam-ra-quan-2020", TRA_VINH]


def test_report_campaign_json_on_the_launch_day(demo):
    data = json.loads(_run("report", "campaign", TRA_VINH, "--json", "--on", "2020-07-11"))
    assert data["targets"][0] == {"unit": "84", "unit_name": "Tỉnh Trà Vinh", "scheme": "voluntary_si",
                                  "target": 700, "achieved": 925, "percent": 132.14, "remaining": 0,
                                  "revenue_target": None, "basis": "Kế hoạch ngày ra quân (bài báo)"}
    assert data["summary"]["household_hi"]["percent"] == 91.23


def test_report_campaign_text(demo):
    text = _run("report", "campaign", TRA_VINH)
    assert "137,86%" in text and "91,23%" in text


def test_report_national_and_lam_dong_targets(demo):
    national = json.loads(_run("report", "campaign", NATIONAL, "--json"))
    assert national["summary"]["voluntary_si"]["target"] == 10_000
    lam_dong = json.loads(_run("report", "campaign", "lam-dong-ra-quan-2023", "--json"))
    assert (lam_dong["summary"]["voluntary_si"]["target"], lam_dong["summary"]["household_hi"]["target"]) == (184, 368)


def test_import_campaign_results_twice(demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "ket-qua.csv"
    path.write_text("Mã đơn vị,Ngày,Loại hình,Số người\n84,08/05/2022,BHXH tự nguyện,7\n62,08/05/2022,BHXH tự "
                    "nguyện,3\n", encoding="utf-8")
    out = _run("import_data", "campaign-results", str(path), "--campaign", NATIONAL)
    assert "2/2 dòng được tính" in out
    err = io.StringIO()
    with pytest.raises(Exception):  # noqa: B017 - CommandError with the reason on stderr
        call_command("import_data", "campaign-results", str(path), "--campaign", NATIONAL, stdout=io.StringIO(),
                     stderr=err)
    assert "Tệp này đã được nhập" in err.getvalue()


def test_lam_dong_results_by_staff_and_unit_with_a_day_of_results(demo):
    """184 staff × (1 + 2); three of them report the first day: A 1 VSI + 2 HI, B 0 + 3, C 2 + 0."""
    import datetime as dt

    from ansinh.accounts.models import User
    from ansinh.campaigns import services
    from ansinh.campaigns.models import Target

    campaign = demo["lam-dong-ra-quan-2023"]
    quota = (Target.objects.filter(campaign=campaign, holder="staff").select_related("staff__unit")
             .order_by("staff__code"))
    staff = list(dict.fromkeys(t.staff for t in quota))
    assert len(staff) == 184
    admin = User.objects.get(username="admin")
    day = dt.date(2023, 7, 22)
    for member, (vsi, hh) in zip(staff[:3], [(1, 2), (0, 3), (2, 0)], strict=True):
        for scheme, n in (("voluntary_si", vsi), ("household_hi", hh)):
            if n:
                services.result_report(user=admin, campaign=campaign, unit=member.unit, day=day, scheme=scheme,
                                       count=n, staff=member)
    data = json.loads(_run("report", "campaign", "lam-dong-ra-quan-2023", "--json"))
    by_staff = {(r["staff"], r["scheme"]): (r["result"], r["target"]) for r in data["results_by_staff"]}
    assert len(by_staff) == 368
    a, b, c = (m.code for m in staff[:3])
    assert [by_staff[(a, "voluntary_si")], by_staff[(a, "household_hi")]] == [(1, 1), (2, 2)]
    assert [by_staff[(b, "voluntary_si")], by_staff[(b, "household_hi")]] == [(0, 1), (3, 2)]
    assert sum(r["result"] for r in data["results_by_staff"]) == 8
    assert all(r["total"] == r["by_staff"] + r["unattributed"] for r in data["results_by_unit"])
    assert sum(r["by_staff"] for r in data["results_by_unit"]) == 8
    assert sum(r["unattributed"] for r in data["results_by_unit"]) == 0
    ranked = data["ranking"]["staff"]
    top = [(r["staff"], r["rank"], r["percent"]) for r in ranked[:3]]
    assert top == [(a, 1, 100.0), (b, 2, 66.67), (c, 3, 33.33)]  # all schemes: a surplus never hides a shortfall
    from ansinh.campaigns.progress import campaign_progress, ranking

    staff_rows = campaign_progress(campaign).staff
    vsi = [(r["code"], r["rank"], float(r["voluntary_si"]["percent"])) for r in ranking(staff_rows, "voluntary_si")]
    assert vsi[:2] == [(c, 1, 200.0), (a, 2, 100.0)] and vsi[2][1:] == (3, 0.0)  # 182 others share 3rd, at 0 %
    hh = [(r["code"], r["rank"], float(r["household_hi"]["percent"])) for r in ranking(staff_rows, "household_hi")]
    assert hh[:2] == [(b, 1, 150.0), (a, 2, 100.0)] and hh[2][1:] == (3, 0.0)


def test_lam_dong_units_targets_are_their_staffs_quotas(demo):
    from ansinh.campaigns.progress import campaign_progress

    progress = campaign_progress(demo["lam-dong-ra-quan-2023"])
    targets = [(u["voluntary_si"]["target"] or 0, u["household_hi"]["target"] or 0) for u in progress.units]
    assert (sum(t[0] for t in targets), sum(t[1] for t in targets)) == (184, 368)
    assert all(hh == 2 * vsi for vsi, hh in targets)
