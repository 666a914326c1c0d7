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
