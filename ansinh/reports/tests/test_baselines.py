"""Counts on any date: the latest reported baseline carried forward with the movements recorded in ansinh since,
records alone where a unit's records are complete, and "chưa có số liệu" with the reason where there is neither.

Trà Vinh (old structure, 84) reported on 30/6/2020 (seed case A): 8,463 voluntary-SI participants and 964,867 HI
participants (95.61 % of 1,009,168 people, census 2019). In ansinh, in one commune:
- Lâm Thị Mai paid voluntary SI for 6 months on 2/1/2020: covered 1/1–30/6/2020, so counted on 30/6, not on 31/7;
- Trần Văn An and Lê Thị Bé paid voluntary SI on 15/7/2020: covered from July, counted on 31/7;
- a household of three paid household HI on 1/6/2020: covered after the 30-day wait, from 1/7/2020.
By hand, on 31/7/2020: VSI = 8,463 + (2 − 1) = 8,464; HI participants = 964,867 + 3 = 964,870;
HI coverage = 964,870 ÷ 1,009,168 = 95.6105 % → 95.61 %; household HI has no baseline: no figure, with the reason.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from ansinh.enrollment import services as enrollment_services
from ansinh.enrollment.models import Enrollment
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_point, make_staff
from ansinh.plans.importers import import_figures
from ansinh.plans.models import ReportedFigure
from ansinh.plans.services import figure_record, records_complete_set
from ansinh.registry.testing import make_household_of_three, make_person
from ansinh.reports.indicators import coverage_report

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def tra_vinh_2020(tra_vinh_officer, unit):
    province = unit("84", "pre2025")
    commune = first_commune(province)
    point = make_point(commune)
    collector = make_staff(commune, point=point)
    for indicator, value in (("voluntary_si", 8463), ("hi_participants", 964867), ("hi_coverage", "95.61")):
        figure_record(user=tra_vinh_officer, unit=province, on=D("2020-06-30"), indicator=indicator, value=value,
                      source="Tạp chí Nhân Đạo & Đời Sống (bài sau lễ ra quân 11–12/7/2020)")

    def saver(name, cid, paid, method, months):
        person = make_person(tra_vinh_officer, commune, full_name=name, born="1990-02-02", sex="F", citizen_id=cid)
        enrollment_services.person_enroll_voluntary_si(
            user=tra_vinh_officer, person=person, income=1_500_000, category="other", method=method,
            months=months, payment=enrollment_services.Payment(f"BL-{cid[-3:]}", D(paid), point, collector))

    saver("Lâm Thị Mai", "084190000904", "2020-01-02", "6_months", 6)
    saver("Trần Văn An", "084190000905", "2020-07-15", "monthly", 1)
    saver("Lê Thị Bé", "084190000906", "2020-07-15", "monthly", 1)
    household, people = make_household_of_three(tra_vinh_officer, commune, code="HGD-84-0019", address="Ấp 2",
                                                ids=('084070000911', '084172000912', '084201000913'))
    enrollment_services.household_enroll(
        user=tra_vinh_officer, household=household, members=people, months=12,
        payment=enrollment_services.Payment("BL-H1", D("2020-06-01"), point, collector))
    return province


def test_the_enrollments_are_the_ones_derived_by_hand(tra_vinh_2020):
    assert sorted(Enrollment.objects.values_list("scheme", "start_date", "end_date")) == [
        *[("household_hi", D("2020-07-01"), D("2021-06-30"))] * 3,
        ("voluntary_si", D("2020-01-01"), D("2020-06-30")),
        *[("voluntary_si", D("2020-07-01"), D("2020-07-31"))] * 2]


def test_a_month_after_the_report_the_baseline_carries_the_movements(tra_vinh_officer, tra_vinh_2020):
    report = coverage_report(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-07-31"))
    vsi = report.own.row("voluntary_si")
    assert (vsi.value, vsi.origin) == (8464, "baseline")
    assert vsi.count.composition == ("8.463 (báo cáo ngày 30/6/2020) + 1 biến động ghi nhận trong ansinh (tham gia "
                                     "mới trừ ngừng) = 8.464")
    assert vsi.as_dict()["composition"] == {
        "baseline": {"value": 8463, "on": "2020-06-30",
                     "source": "Tạp chí Nhân Đạo & Đời Sống (bài sau lễ ra quân 11–12/7/2020)"},
        "movements": 1, "value": 8464}
    hi = report.own.row("hi_participants")
    assert (hi.value, hi.count.movements) == (964870, 3)
    coverage = report.own.row("hi_coverage")
    assert (coverage.value, coverage.origin, coverage.count.value) == (Decimal("95.61"), "baseline", 964870)
    assert coverage.denominator.value == 1_009_168


def test_on_the_report_s_own_day_the_figure_is_the_report_s(tra_vinh_officer, tra_vinh_2020):
    vsi = coverage_report(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-06-30")).own.row("voluntary_si")
    assert (vsi.value, vsi.origin, vsi.count.movements) == (8463, "reported", 0)


@pytest.mark.parametrize(("on", "reason"), [
    pytest.param("2020-05-31", "Chưa có số liệu: chưa có số báo cáo nào đến ngày 31/5/2020 và hồ sơ ansinh chưa được "
                 "xác nhận là đầy đủ (hồ sơ trong ansinh có 1 người, chưa đủ để thay số báo cáo).",
                 id="before-the-first-report"),
])
def test_without_a_baseline_there_is_no_figure_and_the_reason_not_zero(tra_vinh_officer, tra_vinh_2020, on, reason):
    vsi = coverage_report(user=tra_vinh_officer, unit=tra_vinh_2020, on=D(on)).own.row("voluntary_si")
    assert (vsi.value, vsi.reason) == (None, reason)
    household = coverage_report(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-07-31")).own.row("household_hi")
    assert household.value is None and household.reason.startswith("Chưa có số liệu: chưa có số báo cáo nào")


def test_a_later_baseline_resets_the_chain(tra_vinh_officer, tra_vinh_2020):
    figure_record(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-07-20"), indicator="voluntary_si",
                  value=9000, source="BHXH tỉnh, báo cáo nhanh 20/7/2020")
    vsi = coverage_report(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-07-31")).own.row("voluntary_si")
    # From 20/7 to 31/7 nothing moved in ansinh (the July savers were already covered on 20/7).
    assert (vsi.value, vsi.count.reported.on, vsi.count.movements) == (9000, D("2020-07-20"), 0)


def test_complete_records_replace_the_baseline_from_their_day(tra_vinh_officer, tra_vinh_2020):
    records_complete_set(user=tra_vinh_officer, unit=tra_vinh_2020, since=D("2020-07-15"),
                         note="Đối chiếu danh sách D03-TS với BHXH tỉnh")
    july = coverage_report(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-07-31")).own.row("voluntary_si")
    assert (july.value, july.origin) == (2, "records")
    assert july.source.endswith("(hồ sơ đầy đủ từ ngày 15/7/2020)")
    june = coverage_report(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-06-30")).own.row("voluntary_si")
    assert (june.value, june.origin) == (8463, "reported")  # before the mark: the report still stands
    august = coverage_report(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-08-31")).own.row("voluntary_si")
    assert (august.value, august.origin) == (0, "records")  # complete and nobody covered: truly 0


def test_an_officer_marks_and_unmarks_a_unit_complete_on_the_figures_page(client, tra_vinh_officer, tra_vinh_2020):
    from ansinh.core.changelog import changes_for
    from ansinh.plans.models import RecordsComplete

    client.force_login(tra_vinh_officer)
    url = "/plans/figures/"
    done = client.post(url, {"action": "complete", "unit": "Tỉnh Trà Vinh — đến 30/6/2025 (84)",
                             "since": "15/07/2020", "note": "Đối chiếu D03-TS"}, follow=True)
    assert "Tỉnh Trà Vinh: số người tham gia tính từ hồ sơ ansinh từ ngày 15/7/2020." in done.content.decode()
    mark = RecordsComplete.objects.get()
    assert (mark.since, mark.created_by, changes_for(mark, tra_vinh_officer)[0].action) == (
        D("2020-07-15"), tra_vinh_officer, "create")
    late = client.post(url, {"action": "complete", "unit": "84", "since": "01/12/2026"}, follow=True)
    assert "Tỉnh Trà Vinh đã thôi tồn tại từ ngày 1/7/2025" in late.content.decode()
    assert RecordsComplete.objects.get().since == D("2020-07-15")
    undone = client.post(url, {"action": "complete", "unit": "84", "since": "15/07/2020", "withdraw": "on"},
                         follow=True)
    assert "Đã bỏ đánh dấu hồ sơ đầy đủ của Tỉnh Trà Vinh." in undone.content.decode()
    assert not RecordsComplete.objects.exists()


def test_the_pack_is_an_official_report_that_states_each_figure_s_composition(tra_vinh_officer, tra_vinh_2020):
    from openpyxl import load_workbook

    from ansinh.core.testing.pdf import pdf_text
    from ansinh.reports.pack import pack_build, pdf_bytes, xlsx_bytes

    pack = pack_build(user=tra_vinh_officer, unit=tra_vinh_2020, on=D("2020-07-31"))
    text = " ".join(pdf_text(pdf_bytes(pack)).split())
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", "TỈNH TRÀ VINH",
                 "Số: ……/BC-BCĐ", "Trà Vinh, ngày …… tháng …… năm ……", "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN",
                 "8.463 (báo cáo ngày 30/6/2020) + 1 biến động ghi nhận trong ansinh (tham gia mới trừ ngừng) = 8.464",
                 "Trang 1/"):
        assert line in text, line
    book = load_workbook(io.BytesIO(xlsx_bytes(pack)))
    cover = book["Báo cáo"]
    assert [cover["A1"].value, cover["A2"].value, cover["A4"].value] == [
        "BAN CHỈ ĐẠO THỰC HIỆN CHÍNH SÁCH BHXH, BHYT", "TỈNH TRÀ VINH", "Số: ……/BC-BCĐ"]
    assert [cover["D1"].value, cover["D2"].value, cover["D4"].value] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", "Trà Vinh, ngày …… tháng …… năm ……"]
    indicators = book["Chỉ tiêu"]
    rows = indicators.iter_rows(min_row=5, values_only=True)
    vsi = next(r for r in rows if r[0] == "Số người tham gia BHXH tự nguyện")
    assert vsi[1] == 8464 and vsi[11].startswith("8.463 (báo cáo ngày 30/6/2020) + 1 biến động")
    assert (indicators.page_setup.orientation, indicators.print_title_rows, indicators.freeze_panes) == (
        "landscape", "$4:$4", "B5")


SUMMARY = ["Mã đơn vị", "Cơ cấu", "Tính đến ngày", "Tham gia BHYT", "BHYT hộ gia đình", "BHXH tự nguyện", "Nguồn"]
SUMMARY_SOURCE = "BHXH tỉnh Trà Vinh, báo cáo tháng 6/2020 theo huyện (minh hoạ)"


def test_a_monthly_summary_with_one_unit_per_row_fills_the_drill_down(tmp_path, tra_vinh_officer):
    path = tmp_path / "bao-cao-thang-6.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(SUMMARY)
        writer.writerows([
            ["842", "pre2025", "30/06/2020", "101.234", "12.345", "1.234", SUMMARY_SOURCE],
            ["844", "pre2025", "30/06/2020", "", "9.876", "987", SUMMARY_SOURCE],
            ["845", "pre2025", "30/06/2020", "88.000", "-5", "800", SUMMARY_SOURCE],  # one bad cell: row refused
            ["846", "pre2025", "30/06/2020", "", "", "", SUMMARY_SOURCE],
            ["623", "pre2025", "30/06/2020", "1", "1", "1", SUMMARY_SOURCE],  # Gia Lai: outside the area
        ])
    result = import_figures(path, user=tra_vinh_officer)
    assert {k: result[k] for k in ("created", "unchanged", "rejected")} == {"created": 5, "unchanged": 0,
                                                                             "rejected": 3}
    assert sorted(ReportedFigure.objects.values_list("unit__code", "indicator", "value")) == [
        ("842", "hi_participants", 101234), ("842", "household_hi", 12345), ("842", "voluntary_si", 1234),
        ("844", "household_hi", 9876), ("844", "voluntary_si", 987)]
    with open(result["errors"], encoding="utf-8-sig") as fh:
        reasons = [row[-1] for row in list(csv.reader(fh))[1:]]
    assert reasons == ["Số người tham gia BHYT hộ gia đình: Giá trị không được âm.", "dòng không có số liệu nào",
                       "Số người tham gia BHYT: Đơn vị Thị xã An Khê không thuộc địa bàn của bạn."]
    report = coverage_report(user=tra_vinh_officer, unit=ReportedFigure.objects.first().unit.parent,
                             on=D("2020-07-31"))
    by_code = {c.unit.code: c.row("voluntary_si") for c in report.children}
    assert (by_code["842"].value, by_code["842"].origin, by_code["844"].value) == (1234, "baseline", 987)
    assert by_code["845"].value is None and by_code["845"].reason.startswith("Chưa có số liệu")
    again = import_figures(path, user=tra_vinh_officer)
    assert (again["created"], again["unchanged"], again["rejected"]) == (0, 5, 3)


@pytest.mark.parametrize(("query", "shown"), [
    pytest.param({"unit": "tra vinh", "on": "31/07/2020"}, "Tỉnh Trà Vinh", id="typed-name"),
    pytest.param({"unit": "84", "era": "pre2025", "on": "2020-07-31"}, "Tỉnh Trà Vinh", id="a-link-s-code-and-era"),
    pytest.param({"unit": "thanh pho tra", "on": "31/07/2020"}, "Thành phố Trà Vinh", id="a-district"),
])
def test_the_dashboard_unit_is_picked_by_name_or_by_a_link_s_code(client, tra_vinh_officer, tra_vinh_2020, query,
                                                                  shown):
    client.force_login(tra_vinh_officer)
    response = client.get("/reports/coverage/", query)
    assert (response.status_code, response.context["unit"].name) == (200, shown)
    assert response.context["on"] == D("2020-07-31")


def test_the_dashboard_of_another_province_is_not_found(client, tra_vinh_officer, tra_vinh_2020):
    client.force_login(tra_vinh_officer)
    assert client.get("/reports/coverage/", {"unit": "62", "era": "pre2025"}).status_code == 404


def test_a_name_that_matches_several_units_is_asked_again_not_a_404(client, tra_vinh_officer, tra_vinh_2020):
    client.force_login(tra_vinh_officer)
    response = client.get("/reports/coverage/", {"unit": "phuong 1", "on": "31/07/2020"})
    assert response.status_code == 200
    assert response.context["form"].errors["unit"][0].startswith("Có nhiều đơn vị khớp “phuong 1”")
    assert response.context["on"] == D("2020-07-31")  # the date typed is kept
