"""The steering committee's pack: built as a background job (run inline here), PDF and Excel opened and checked."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ansinh.core.testing.pdf import pdf_text
from ansinh.plans.demo import load_demo
from ansinh.reports.models import Job
from ansinh.reports.pack import pack_build, pdf_bytes, xlsx_bytes
from ansinh.reports.services import job_create, job_retry
from ansinh.reports.tasks import build_pack

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def demo(admin_user):
    load_demo()
    return admin_user


@pytest.fixture
def tra_vinh_pack(demo, unit):
    return pack_build(user=demo, unit=unit("84", "pre2025"), on=D("2020-06-30"))


def test_pdf_shows_the_figures_in_vietnamese(tra_vinh_pack):
    text = pdf_text(pdf_bytes(tra_vinh_pack))
    flat = " ".join(text.split())
    assert "Tỉnh Trà Vinh" in flat
    assert "30/6/2020" in flat
    assert "95,61%" in flat
    assert "98,92%" in flat
    assert "+6,23 điểm" in flat
    assert "8.463" in flat
    assert "67,25%" in flat
    assert "1.009.168" in flat
    assert "Nhiệm vụ, giải pháp đã thống nhất" in flat


def _sheet_rows(sheet):
    return [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)]


def test_workbook_holds_numbers_with_their_sources(tra_vinh_pack):
    book = load_workbook(io.BytesIO(xlsx_bytes(tra_vinh_pack)))
    assert book.sheetnames == ["Báo cáo", "Chỉ tiêu", "Kế hoạch", "Đơn vị chậm", "Chiến dịch", "Nhà tài trợ",
                               "Nhiệm vụ"]
    rows = {r[0]: r for r in _sheet_rows(book["Chỉ tiêu"])}
    hi = rows["Tỷ lệ bao phủ BHYT (% dân số)"]
    assert (hi[1], hi[3], hi[4], hi[5]) == (95.61, 964_867, 1_009_168, 2019)
    vsi = rows["Số người tham gia BHXH tự nguyện"]
    assert (vsi[1], vsi[9], vsi[10]) == (8463, 5885, 2578)
    plans = {(r[0], r[1]): r for r in _sheet_rows(book["Kế hoạch"])}
    province = plans[("Tỷ lệ bao phủ BHYT (% dân số)", "UBND tỉnh")]
    assert (province[3], province[5], province[6], province[8]) == (96.65, 98.92, -1.04, 10_494)
    government = plans[("Tỷ lệ bao phủ BHYT (% dân số)", "Chính phủ (Thủ tướng giao)")]
    assert government[6] == 6.23
    assert plans[("Số người tham gia BHXH tự nguyện", "BHXH (ngành giao)")][5] == 67.25
    assert len(_sheet_rows(book["Nhiệm vụ"])) == 6


def test_job_runs_and_keeps_both_files(demo, unit, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create(user=demo, unit=unit("62", "pre2025"), on=D("2020-06-30"))
    job.refresh_from_db()
    assert (job.state, job.progress, job.step) == ("done", 100, "Xong")
    assert "89,91%" in pdf_text(job.pdf.read())
    book = load_workbook(job.xlsx.path)
    plans = {(r[0], r[1]): r for r in _sheet_rows(book["Kế hoạch"])}
    assert plans[("Số người tham gia BHXH tự nguyện", "BHXH (ngành giao)")][5] == 106.29


def test_a_failing_build_is_marked_failed_and_a_retry_builds_it(demo, unit, monkeypatch, settings, tmp_path,
                                                                    django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    job = Job.objects.create(unit=unit("84", "pre2025"), on=D("2020-06-30"), period_start=D("2020-01-01"),
                             created_by=demo)

    def broken(**kwargs):
        raise RuntimeError("hỏng")

    with monkeypatch.context() as patch:
        patch.setattr("ansinh.reports.pack.pack_build", broken)
        result = build_pack.enqueue(job.pk)  # the task queue records the failure too
    job.refresh_from_db()
    assert (job.state, job.error, job.attempts, result.status) == ("failed", "hỏng", 1, "FAILED")
    assert job.retryable
    with django_capture_on_commit_callbacks(execute=True):
        assert job_retry(user=demo, job=job) is True
    job.refresh_from_db()
    assert (job.state, job.error, job.attempts, job.progress) == ("done", "", 2, 100)
    assert job_retry(user=demo, job=job) is False  # done: nothing to run again
    build_pack.enqueue(job.pk)  # a duplicate delivery of the task does nothing
    job.refresh_from_db()
    assert job.attempts == 2


def test_a_running_job_without_heartbeat_is_stalled_and_can_be_retried(demo, unit, settings, tmp_path,
                                                                      django_capture_on_commit_callbacks):
    """A worker killed mid-build leaves the row running; after ANSINH_JOB_STALE_SECONDS of silence it is stalled."""
    settings.MEDIA_ROOT, settings.ANSINH_JOB_STALE_SECONDS = tmp_path, 600
    now = timezone.now()
    job = Job.objects.create(unit=unit("84", "pre2025"), on=D("2020-06-30"), period_start=D("2020-01-01"),
                             created_by=demo, state="running", attempts=1, started_at=now - dt.timedelta(minutes=30),
                             heartbeat_at=now - dt.timedelta(minutes=9))
    assert (job.stalled, job.retryable) == (False, False)  # 9 minutes of silence: still alive
    assert job_retry(user=demo, job=job) is False
    Job.objects.filter(pk=job.pk).update(heartbeat_at=now - dt.timedelta(minutes=11))
    job.refresh_from_db()
    assert (job.stalled, job.retryable) == (True, True)
    with django_capture_on_commit_callbacks(execute=True):
        assert job_retry(user=demo, job=job) is True
    job.refresh_from_db()
    assert (job.state, job.attempts, job.stalled) == ("done", 2, False)
