"""`ansinh import people`: the sample file, idempotence, error files, Excel, receipts, interrupted runs."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from ansinh.core.models import ChangeLog, ImportRun
from ansinh.enrollment.importers import import_people
from ansinh.enrollment.models import Contribution, Enrollment, HICard, ParticipationDelta, Receipt, RecruitmentCount
from ansinh.enrollment.selectors import participants_on
from ansinh.enrollment.tests.conftest import SAMPLES
from ansinh.geo.models import Unit
from ansinh.registry.models import Household, HouseholdStatus, Person, PersonStatus

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
SAMPLE = SAMPLES / "people.csv"
HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Điện thoại", "Mã xã", "Mã hộ", "Quan hệ với chủ hộ",
          "Loại hình", "Số tháng", "Mức thu nhập", "Phương thức đóng", "Số biên lai", "Ngày biên lai", "Mã điểm thu",
          "Số tiền"]


def write_csv(path, rows, header=HEADER):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def snapshot() -> dict:
    """Everything an import writes, to compare before and after."""
    return {
        "people": Person.objects.count(), "households": Household.objects.count(),
        "statuses": HouseholdStatus.objects.count(), "enrollments": Enrollment.objects.count(),
        "receipts": Receipt.objects.count(), "contributions": Contribution.objects.count(),
        "cards": HICard.objects.count(),
        "deltas": sorted(ParticipationDelta.objects.values_list("key", "delta")),
        "recruited": sorted(RecruitmentCount.objects.values_list("key", "count")),
    }


def test_the_sample_file_is_imported_exactly(tra_vinh_officer, points, media):
    run = import_people(SAMPLE, user=tra_vinh_officer)
    assert (run.layout, run.state) == ("people", "done")
    assert (run.rows_read, run.rows_stored, run.rows_unchanged, run.rows_rejected) == (6, 6, 0, 0)
    assert run.summary == {"people": 6, "households": 2, "statuses": 2, "enrollments": 5, "receipts": 2,
                           "contributions": 3, "cards": 2, "renewals": 0, "ended": 0, "batches": 1}
    assert run.error_file == ""
    household = Household.objects.get(code="H29272-0101")
    assert household.head.full_name == "Lê Văn Hùng"
    assert household.commune.name == "Xã An Trường"
    assert [(m.full_name, m.relation) for m in household.members.order_by("id")] == [
        ("Lê Văn Hùng", "head"), ("Phan Thị Cúc", "spouse"), ("Lê Thị Thảo", "child")]
    assert household.statuses.get().status == "near_poor"
    receipt = Receipt.objects.get(number="BL-CL-000101")
    # Near-poor in 2026 (QĐ 15/QĐ-UBND): each pays 4.5% × 2,530,000 = 113,850 a month less the state's 70%
    # (79,695), 34,155 × 12 = 409,860, unranked on the ladder; the receipt 2 × 409,860 = 819,720.
    assert receipt.amount_paid == 819_720
    assert [(c.amount_due, c.state_support, c.amount_paid, c.enrollment.member_rank, c.enrollment.hi_group_code)
            for c in receipt.contributions.order_by("id")] == [(1_366_200, 956_340, 409_860, None, "CN"),
                                                               (1_366_200, 956_340, 409_860, None, "CN")]
    assert [(c.valid_from, c.valid_until) for c in HICard.objects.order_by("id")] == [
        (D("2026-10-01"), D("2027-09-30")), (D("2026-10-01"), D("2027-09-30"))]
    vsi = Enrollment.objects.get(scheme="voluntary_si")
    assert (vsi.person.full_name, vsi.start_date, vsi.end_date, vsi.income) == (
        "Trương Văn Lộc", D("2026-09-01"), D("2026-11-30"), 2_000_000)
    assert vsi.contributions.get().amount_paid == 1_122_000
    pupil = Enrollment.objects.get(scheme="hi_group")
    assert (pupil.hi_group_code, pupil.start_date, pupil.end_date, pupil.is_new) == ("HS", D("2026-01-01"),
                                                                                      D("2026-12-31"), False)
    worker = Person.objects.get(citizen_id="084090012350")
    assert (worker.legacy_si_code, worker.phone) == ("8421012350", "0339012350")
    assert worker.enrollments.get().scheme == "compulsory_si"


def test_import_keeps_the_roll_up_counts(tra_vinh_officer, points, media):
    import_people(SAMPLE, user=tra_vinh_officer)
    an_truong = Unit.objects.get(era="2025", code="29275")
    assert participants_on(scheme="household_hi", on=D("2026-10-01"), unit=an_truong) == 2
    assert participants_on(scheme="household_hi", on=D("2027-10-01"), unit=an_truong) == 0
    assert participants_on(scheme="hi_group", on=D("2026-06-01"), unit=an_truong) == 1
    assert participants_on(scheme="voluntary_si", on=D("2026-10-15"), unit=Unit.objects.get(era="2025",
                                                                                             code="29266")) == 1
    recruited = RecruitmentCount.objects.get(scheme="household_hi")
    assert (recruited.count, recruited.day, recruited.collector.code) == (2, D("2026-09-01"), "NV-CL-001")
    assert not RecruitmentCount.objects.filter(scheme__in=["hi_group", "compulsory_si"]).exists()


def test_reimporting_the_same_file_changes_nothing(tra_vinh_officer, points, media):
    import_people(SAMPLE, user=tra_vinh_officer)
    before = snapshot()
    again = import_people(SAMPLE, user=tra_vinh_officer)
    assert (again.rows_read, again.rows_stored, again.rows_unchanged, again.rows_rejected) == (6, 0, 6, 0)
    assert snapshot() == before
    assert ChangeLog.objects.filter(object_type="core.importrun", object_id=str(again.pk)).count() == 0


def test_one_change_log_entry_per_batch_and_province(tra_vinh_officer, points, media):
    run = import_people(SAMPLE, user=tra_vinh_officer)
    entry = ChangeLog.objects.get(object_type="core.importrun", object_id=str(run.pk))
    assert (entry.action, entry.scope_path, entry.user) == ("import", "2025/86/", tra_vinh_officer)
    assert entry.changes == {"batch": 1, "file": "people.csv", "lines": [2, 7], "rows": 6, "people": 6,
                             "households": 2, "enrollments": 5}
    assert Person.objects.get(citizen_id="084075012345").source == f"import:{run.pk}:1"


BAD_ROWS = [
    ["Đỗ Văn A", "01/01/1980", "Nam", "084081000001", "0912345678", "29266"],
    ["Đỗ Văn B", "01/01/1980", "Nam", "084080000002", "0112345678", "29266"],
    ["Đỗ Văn C", "31/02/1980", "Nam", "084080000003", "", "29266"],
    ["Đỗ Văn D", "01/01/1980", "Nam", "084080000004", "", "99999"],
    ["Đỗ Văn E", "01/01/1980", "Nam", "084080000005", "", "29266", "", "", "BHXH tự nguyện", "1", "1.000.000",
     "1 tháng", "BL-X-1", "01/09/2026", "BD-CL-01"],
    ["Đỗ Văn F", "01/01/1980", "Nam", "084080000006", "", "29266", "", "", "BHXH tự nguyện", "1", "2.000.000",
     "1 tháng", "BL-X-2", "01/09/2026", "BD-CL-01", "999"],
    ["Đỗ Văn G", "01/01/1980", "Nữ", "084080000007", "", "29266"],
    ["Đỗ Văn H", "01/01/1980", "Nam", "084080000008", "", "28756"],
    ["Đỗ Văn I", "01/01/1980", "Nam", "084080000009", "", "29266"],
]
REASONS = [
    "Dòng 2: Số định danh: Chữ số thứ 5–6 của số định danh cho năm sinh 1981, khác năm sinh 1980.",
    "Dòng 3: Điện thoại: số '0112345678' không phải số di động Việt Nam hợp lệ.",
    "Dòng 4: Ngày sinh: '31/02/1980' không phải là ngày (dạng ngày/tháng/năm, ví dụ 22/7/2023).",
    "Dòng 5: Mã xã: '99999' không có trong danh mục đơn vị hành chính từ 1/7/2025.",
    "Dòng 6: Mức thu nhập 1.000.000 đ thấp hơn mức tối thiểu 1.500.000 đ (chuẩn hộ nghèo khu vực nông thôn) "
    "áp dụng ngày 1/9/2026.",
    "Dòng 7: Số tiền: 999 đ khác số phải đóng theo quy định 374.000 đ.",
    "Dòng 8: Số định danh: Chữ số thứ 4 của số định danh (0) chỉ giới tính nam, khác giới tính đã khai.",
    "Dòng 9: Phường Phú Khương không thuộc địa bàn của bạn.",
]


def test_rejected_rows_go_to_an_error_file_with_their_reason(tmp_path, tra_vinh_officer, points, media):
    run = import_people(write_csv(tmp_path / "ds.csv", BAD_ROWS), user=tra_vinh_officer)
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (9, 1, 8)
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Đỗ Văn I"]
    with open(media / run.error_file, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [*HEADER, "Lý do lỗi"]
    assert [r[-1] for r in rows[1:]] == REASONS
    assert rows[1][:6] == BAD_ROWS[0]  # the original columns, unchanged


def test_a_corrected_error_file_imports_cleanly(tmp_path, tra_vinh_officer, points, media):
    run = import_people(write_csv(tmp_path / "ds.csv", BAD_ROWS[:3]), user=tra_vinh_officer)
    with open(media / run.error_file, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    rows[1][1] = "01/01/1981"      # the birth year the ID gives
    rows[2][4] = "0912345679"      # a mobile number
    rows[3][1] = "28/02/1980"      # a real date
    fixed = tmp_path / "ds.loi.csv"
    with open(fixed, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    again = import_people(fixed, user=tra_vinh_officer)
    assert (again.rows_read, again.rows_stored, again.rows_rejected) == (3, 3, 0)
    assert Person.objects.count() == 3


def test_excel_with_numbers_for_identifiers_and_real_dates(tmp_path, tra_vinh_officer, points, media):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH NGƯỜI THAM GIA"])  # a title above the header is fine
    sheet.append(HEADER[:8])
    sheet.append(["Lê Văn Hùng", dt.date(1975, 3, 12), "Nam", 84075012345, 912345001, 29275, "H1", "Chủ hộ"])
    sheet.append(["Phan Thị Cúc", dt.date(1978, 7, 5), "Nữ", 84178012346, None, 29275, "H1", "Vợ"])
    sheet.append(["Lê Thị Sai", dt.date(1978, 7, 5), "Nữ", 84178012399, None, 12, "H2", "Chủ hộ"])
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    run = import_people(path, user=tra_vinh_officer)
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (3, 2, 1)
    head = Person.objects.get(full_name="Lê Văn Hùng")
    assert (head.citizen_id, head.phone, head.date_of_birth) == ("084075012345", "0912345001", D("1975-03-12"))
    assert Household.objects.get(code="H1").head == head
    errors = load_workbook(media / run.error_file).active
    assert errors.cell(row=1, column=1).value == "DANH SÁCH NGƯỜI THAM GIA"
    assert errors.cell(row=3, column=9).value == "Dòng 5: Mã xã: '00012' không có trong danh mục đơn vị hành chính " \
                                                 "từ 1/7/2025."


def test_a_wrong_amount_refuses_every_row_of_its_receipt(tmp_path, tra_vinh_officer, points, media):
    common = ["29266", "H-CL-9", "", "BHYT hộ gia đình", "12", "", "", "BL-9", "01/09/2026", "BD-CL-01"]
    rows = [["Ngô Văn Một", "01/01/1980", "Nam", "084080000011", "", *common, "1366200"],
            ["Ngô Thị Hai", "01/01/1981", "Nữ", "084181000012", "", *common, "900000"]]
    run = import_people(write_csv(tmp_path / "hh.csv", rows), user=tra_vinh_officer)
    assert (run.rows_stored, run.rows_rejected) == (0, 2)
    with open(media / run.error_file, encoding="utf-8-sig") as handle:
        reasons = [r[-1] for r in list(csv.reader(handle))[1:]]
    why = "Số tiền (Ngô Thị Hai): 900.000 đ khác số phải đóng theo quy định 956.340 đ."
    assert reasons == [f"Dòng 2: {why}", f"Dòng 3: {why}"]
    assert not Receipt.objects.exists() and not Person.objects.exists()


def test_a_receipt_number_already_used_for_someone_else_is_refused(tmp_path, tra_vinh_officer, points, media):
    import_people(SAMPLE, user=tra_vinh_officer)
    rows = [["Ngô Văn Ba", "01/01/1980", "Nam", "084080000013", "", "29266", "", "", "BHXH tự nguyện", "1",
             "2.000.000", "", "BL-CL-000102", "01/09/2026", "BD-CL-01"]]
    run = import_people(write_csv(tmp_path / "dup.csv", rows), user=tra_vinh_officer)
    assert run.rows_rejected == 1
    with open(media / run.error_file, encoding="utf-8-sig") as handle:
        assert list(csv.reader(handle))[1][-1] == ("Dòng 2: Biên lai số BL-CL-000102 đã được ghi ở Bưu điện huyện "
                                                   "Càng Long cho người khác.")


def test_an_interrupted_import_runs_again_to_completion_without_duplicates(tmp_path, tra_vinh_officer, points,
                                                                           media):
    from ansinh.enrollment.testing import generate

    communes = ["29266", "29275", "29242"]
    path = tmp_path / "many.csv"
    generate(path, 120, communes=communes)
    with pytest.raises(KeyboardInterrupt):
        import_people(path, user=tra_vinh_officer, batch_size=25, stop_after_batches=2)
    first = ImportRun.objects.get()
    assert first.state == "failed"
    stored_before = Person.objects.count()
    assert 40 <= stored_before < 120
    run = import_people(path, user=tra_vinh_officer, batch_size=25)
    assert (run.rows_read, run.rows_rejected) == (120, 0)
    assert run.rows_unchanged == stored_before
    assert Person.objects.count() == 120
    assert Person.objects.values("citizen_id").distinct().count() == 120
    clean = snapshot()
    again = import_people(path, user=tra_vinh_officer, batch_size=25)
    assert (again.rows_stored, again.rows_unchanged) == (0, 120)
    assert snapshot() == clean


def test_the_command_runs_registered_importers(tmp_path, tra_vinh_officer, points, media):
    out = io.StringIO()
    call_command("import_data", "people", str(SAMPLE), "--user", "tv_officer", stdout=out)
    text = out.getvalue()
    assert "Dạng tệp: PEOPLE · 6 dòng" in text
    assert "6 dòng được ghi, 0 dòng đã có (không đổi), 0 dòng lỗi." in text
    assert "Tạo mới: 6 người, 2 hộ, 5 quá trình tham gia, 2 biên lai, 2 thẻ BHYT; gia hạn 0, giảm 0." in text


def test_the_sample_offered_on_the_import_page_is_the_documented_one():
    from pathlib import Path

    static = Path(__file__).resolve().parents[1] / "static" / "enrollment"
    assert (static / "mau-nguoi-tham-gia.csv").read_bytes() == SAMPLE.read_bytes()
    assert (static / "mau-nguoi-tham-gia.xlsx").read_bytes() == (SAMPLES / "people.xlsx").read_bytes()


STATUS_HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Mã xã", "Mã hộ", "Quan hệ với chủ hộ",
                 "Năm công nhận", "Quyết định công nhận", "Đối tượng của người", "Loại hình", "Số tháng",
                 "Số biên lai", "Ngày biên lai", "Mã điểm thu", "Số tiền"]


def test_a_students_status_in_the_file_gives_the_students_support(tmp_path, tra_vinh_officer, points, media):
    """A pupil recognised in 2026 (the school's list) pays household HI alone: 113,850 less the state's 50 %
    (56,925) = 56,925 × 12 = 683,100; her father, ordinary and first on the ladder, 1,366,200."""
    pay = ["BHYT hộ gia đình", "12", "BL-CL-000301", "01/09/2026", "BD-CL-01"]
    rows = [["Lê Văn Bốn", "01/01/1980", "Nam", "084080000014", "29266", "H29266-0301", "Chủ hộ", "", "", "",
             *pay, "1366200"],
            ["Lê Thị Năm", "01/01/2010", "Nữ", "084310000015", "29266", "H29266-0301", "Con", "2026",
             "Danh sách HSSV năm học 2026-2027, Trường THPT Càng Long", "Học sinh", *pay, "683100"]]
    path = write_csv(tmp_path / "students.csv", rows, header=STATUS_HEADER)
    run = import_people(path, user=tra_vinh_officer)
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (2, 2, 0)
    assert list(PersonStatus.objects.values_list("person__full_name", "year", "kind", "evidence")) == [
        ("Lê Thị Năm", 2026, "student", "Danh sách HSSV năm học 2026-2027, Trường THPT Càng Long")]
    receipt = Receipt.objects.get(number="BL-CL-000301")
    assert [(c.enrollment.person.full_name, c.enrollment.member_rank, c.enrollment.hi_group_code, c.state_support,
             c.amount_paid) for c in receipt.contributions.order_by("id")] == [
        ("Lê Văn Bốn", 1, "GD", 0, 1_366_200), ("Lê Thị Năm", None, "HS", 683_100, 683_100)]
    before = snapshot()
    again = import_people(path, user=tra_vinh_officer)
    assert (again.rows_stored, again.rows_unchanged, snapshot()) == (0, 2, before)


def test_a_near_poor_category_without_its_status_is_an_error_row(tmp_path, tra_vinh_officer, points, media):
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Mã xã", "Loại hình", "Mức thu nhập",
              "Đối tượng hỗ trợ", "Phương thức đóng", "Số biên lai", "Ngày biên lai", "Mã điểm thu"]
    rows = [["Ngô Văn Sáu", "01/01/1980", "Nam", "084080000016", "29266", "BHXH tự nguyện", "1.500.000",
             "Hộ cận nghèo", "Hằng tháng", "BL-CL-000302", "01/09/2026", "BD-CL-01"]]
    run = import_people(write_csv(tmp_path / "vsi.csv", rows, header=header), user=tra_vinh_officer)
    assert (run.rows_stored, run.rows_rejected) == (0, 1)
    with open(media / run.error_file, encoding="utf-8-sig") as handle:
        assert list(csv.reader(handle))[1][-1] == (
            "Dòng 2: Đối tượng: Ngô Văn Sáu chưa có quyết định công nhận 'thuộc hộ cận nghèo' năm 2026 (ghi ở cột "
            "'Đối tượng của người' hoặc 'Loại hộ', kèm năm và quyết định công nhận).")
