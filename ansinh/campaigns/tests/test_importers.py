"""Importing reported results: CSV and Excel, rejected rows with reasons, fixed rows re-imported, files once."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook

from ansinh.campaigns import importers, services
from ansinh.campaigns.progress import campaign_totals
from ansinh.core.errors import DomainError

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def launch(tra_vinh_officer, unit):
    return services.campaign_create(user=tra_vinh_officer, name="Ra quân 2020", start_date=D("2020-07-11"),
                                    end_date=D("2020-07-12"), area=unit("84", "pre2025"))


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_file_with_dates_and_vietnamese_scheme_names(launch, tra_vinh_officer):
    data = _xlsx([["Mã đơn vị", "Ngày", "Loại hình", "Số người", "Ghi chú"],
                  [842, dt.date(2020, 7, 11), "BHXH tự nguyện", 120, "TP Trà Vinh"],
                  ["849", "11/07/2020", "BHYT hộ gia đình", "1.186", ""],
                  ["844", "2020-07-12", "voluntary_si", 40.0, ""]])
    outcome = importers.results_import(user=tra_vinh_officer, campaign=launch, file_name="ket-qua.xlsx", data=data)
    assert (outcome.batch.rows_accepted, outcome.batch.rows_rejected) == (3, 0)
    summary = campaign_totals(launch)["summary"]
    assert (summary["voluntary_si"]["achieved"], summary["household_hi"]["achieved"]) == (160, 1186)


def test_bad_rows_go_to_the_error_file_and_can_be_fixed(launch, tra_vinh_officer):
    content = ("unit_code,date,scheme,count\n"
               "842,2020-07-11,voluntary_si,10\n"
               "62,2020-07-11,voluntary_si,5\n"
               "844,2020-07-14,voluntary_si,5\n"
               "845,2020-07-11,voluntary_si,-2\n"
               "846,2020-07-11,bhxh bắt buộc,2\n"
               "842,2020-07-11,voluntary_si,10\n")
    outcome = importers.results_import(user=tra_vinh_officer, campaign=launch, file_name="a.csv",
                                       data=content.encode())
    assert (outcome.batch.rows_accepted, outcome.batch.rows_rejected) == (1, 5)
    rows = list(csv.reader(io.StringIO(outcome.batch.errors_csv)))
    assert rows[0] == ["unit_code", "date", "scheme", "count", "Lý do lỗi"]
    reasons = [r[-1] for r in rows[1:]]
    assert reasons[0] == "Dòng 3: Đơn vị không thuộc địa bàn của bạn."
    assert reasons[1].startswith("Dòng 4: Ngày 14/7/2020 nằm ngoài thời gian chiến dịch")
    assert "không được âm" in reasons[2]
    assert "Loại hình 'bhxh bắt buộc' không hợp lệ" in reasons[3]
    assert "đã báo 10 người" in reasons[4]
    fixed = outcome.batch.errors_csv.replace("2020-07-14", "2020-07-12").replace("-2", "2")
    again = importers.results_import(user=tra_vinh_officer, campaign=launch, file_name="a.loi.csv",
                                     data=fixed.encode())
    assert (again.batch.rows_accepted, again.batch.rows_rejected) == (2, 3)
    assert campaign_totals(launch)["summary"]["voluntary_si"]["achieved"] == 17


def test_the_same_file_is_refused_the_second_time(launch, tra_vinh_officer):
    data = b"unit_code,date,scheme,count\n842,2020-07-11,voluntary_si,10\n"
    importers.results_import(user=tra_vinh_officer, campaign=launch, file_name="a.csv", data=data)
    with pytest.raises(DomainError) as err:
        importers.results_import(user=tra_vinh_officer, campaign=launch, file_name="copy.csv", data=data)
    assert err.value.code == "duplicate_file"
    assert campaign_totals(launch)["summary"]["voluntary_si"]["achieved"] == 10


def test_a_file_without_the_needed_columns(launch, tra_vinh_officer):
    with pytest.raises(DomainError) as err:
        importers.results_import(user=tra_vinh_officer, campaign=launch, file_name="x.csv", data=b"a,b\n1,2\n")
    assert err.value.code == "missing_columns"
    assert "mã đơn vị, ngày, loại hình, số người" in err.value.message


def test_a_days_sheet_by_staff_member(launch, tra_vinh_officer, unit):
    """The day's sheet of a team: each row a staff member's figure; an unknown code goes to the error file."""
    from ansinh.campaigns.progress import campaign_progress
    from ansinh.geo.testing import first_commune
    from ansinh.network.testing import make_staff

    commune = first_commune(unit("84", "pre2025"))
    make_staff(commune, code="NV-A", full_name="Nguyễn Văn A")
    make_staff(commune, code="NV-B", full_name="Trần Thị B")
    data = _xlsx([["Mã đơn vị", "Ngày", "Loại hình", "Số người", "Mã cán bộ"],
                  [commune.code, "11/07/2020", "BHXH tự nguyện", 2, "NV-A"],
                  [commune.code, "11/07/2020", "BHXH tự nguyện", 1, "NV-B"],
                  [commune.code, "11/07/2020", "BHXH tự nguyện", 3, ""],
                  [commune.code, "11/07/2020", "BHXH tự nguyện", 5, "NV-Z"]])
    outcome = importers.results_import(user=tra_vinh_officer, campaign=launch, file_name="ngay.xlsx", data=data)
    assert (outcome.batch.rows_accepted, outcome.batch.rows_rejected) == (3, 1)
    assert outcome.rejected[0]["reason"] == "Dòng 5: Không có cán bộ mã NV-Z."
    progress = campaign_progress(launch)
    assert {r["code"]: r["voluntary_si"]["achieved"] for r in progress.staff} == {"NV-A": 2, "NV-B": 1}
    assert progress.summary["voluntary_si"]["achieved"] == 6


def test_a_stalled_import_run_again_counts_each_row_once(launch, tra_vinh_officer, unit,
                                                         django_capture_on_commit_callbacks):
    """The worker died after counting 2 of the file's rows (its counts never written): the retry finds them and
    counts the third, so the campaign has 10 + 20 + 30 = 60, not 90."""
    from django.core.files.base import ContentFile

    from ansinh.campaigns.models import ResultImport
    from ansinh.core.models import WorkState

    content = (b"unit_code,date,scheme,count\n842,2020-07-11,voluntary_si,10\n844,2020-07-11,voluntary_si,20\n"
               b"845,2020-07-12,voluntary_si,30\n")
    batch = importers.results_import_create(user=tra_vinh_officer, campaign=launch,
                                            upload=ContentFile(content, name="a.csv"))
    for code, count in (("842", 10), ("844", 20)):  # what the worker counted before it died
        services.result_report(user=tra_vinh_officer, campaign=launch, unit=unit(code, "pre2025"),
                               day=D("2020-07-11"), scheme="voluntary_si", count=count, source="import", batch=batch)
    old = dt.datetime(2020, 7, 11, 8, tzinfo=dt.UTC)
    ResultImport.objects.filter(pk=batch.pk).update(state=WorkState.RUNNING, attempts=1, heartbeat_at=old)
    batch.refresh_from_db()
    assert batch.stalled and campaign_totals(launch)["summary"]["voluntary_si"]["achieved"] == 30
    with django_capture_on_commit_callbacks(execute=True):
        assert importers.results_retry(user=tra_vinh_officer, batch=batch)
    batch.refresh_from_db()
    assert (batch.state, batch.attempts, batch.rows_accepted, batch.rows_rejected) == ("done", 2, 3, 0)
    assert campaign_totals(launch)["summary"]["voluntary_si"]["achieved"] == 60
    assert batch.rows.count() == 3


def test_a_results_file_gone_from_the_disk_fails_its_run_with_the_reason(launch, tra_vinh_officer,
                                                                         django_capture_on_commit_callbacks):
    from pathlib import Path

    from django.core.files.base import ContentFile

    batch = importers.results_import_create(user=tra_vinh_officer, campaign=launch,
                                            upload=ContentFile(b"unit_code,date,scheme,count\n", name="b.csv"))
    Path(batch.file).unlink()
    from ansinh.campaigns.tasks import import_campaign_results
    from ansinh.core import jobs

    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(import_campaign_results, batch)  # the worker records the failure; nothing reaches the caller
    batch.refresh_from_db()
    assert batch.state == "failed" and batch.error.startswith("Không còn tệp đã tải lên")


def test_a_file_partly_counted_by_a_failed_run_is_retried_not_uploaded_again(launch, tra_vinh_officer, unit):
    """The run failed after counting one row (its counts never written): uploading the file again is refused —
    retry that run — and once the campaign is closed the retry is refused too."""
    from django.core.files.base import ContentFile

    from ansinh.campaigns.models import ResultImport

    content = b"unit_code,date,scheme,count\n842,2020-07-11,voluntary_si,10\n844,2020-07-11,voluntary_si,20\n"
    batch = importers.results_import_create(user=tra_vinh_officer, campaign=launch,
                                            upload=ContentFile(content, name="a.csv"))
    services.result_report(user=tra_vinh_officer, campaign=launch, unit=unit("842", "pre2025"), day=D("2020-07-11"),
                           scheme="voluntary_si", count=10, source="import", batch=batch)
    ResultImport.objects.filter(pk=batch.pk).update(state="failed", error="Mất kết nối cơ sở dữ liệu.")
    with pytest.raises(DomainError, match="đã được nhập một phần .* hãy chạy lại lần nhập đó") as refused:
        importers.results_import(user=tra_vinh_officer, campaign=launch, file_name="a-lan-2.csv", data=content)
    assert str(refused.value.code) == "duplicate_file" and ResultImport.objects.count() == 1
    services.campaign_close(user=tra_vinh_officer, campaign=launch)
    batch.refresh_from_db()
    with pytest.raises(DomainError, match="đã kết thúc"):
        importers.results_retry(user=tra_vinh_officer, batch=batch)
