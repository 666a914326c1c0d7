"""Report-pack jobs: create one (area checked, logged), run it in a background thread (or inline), track progress.

There is no task queue: a job is a row with its state, progress and result files, run by a daemon thread
started after the request's transaction commits. Setting `ANSINH_JOBS_INLINE = True` runs jobs at once
in the caller's thread (tests, commands).
"""

import datetime as dt
import logging
import threading

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from ansinh.core.changelog import log_change
from ansinh.core.errors import DomainError
from ansinh.core.scoping import Action, require
from ansinh.geo.models import Unit
from ansinh.reports.errors import ReportError
from ansinh.reports.models import Job, JobState

log = logging.getLogger(__name__)


@transaction.atomic
def job_create(*, user, unit: Unit, on: dt.date, period_start: dt.date | None = None, structure: str = "as_of"
               ) -> Job:
    """Queue a report pack for a unit and date in the user's area (started once the transaction commits)."""
    require(user, Action.BUILD_REPORT, unit.path, what="Đơn vị")
    start = period_start or dt.date(on.year, 1, 1)
    if start > on:
        raise DomainError("Ngày bắt đầu kỳ đánh giá sau ngày báo cáo.",
                          code=ReportError.PERIOD_REVERSED, field="period_start")
    if structure not in ("as_of", "current"):
        raise DomainError("Cơ cấu đơn vị không hợp lệ.", code=ReportError.INVALID_STRUCTURE, field="structure")
    job = Job.objects.create(unit=unit, on=on, period_start=start, structure=structure,
                             created_by=user if user.is_authenticated else None)
    log_change(user=user, obj=job, action="create", scope_path=unit.path,
               changes={"kind": job.kind, "on": on, "period_start": start, "structure": structure})
    transaction.on_commit(lambda: job_start(job.pk))
    return job


def job_start(job_id: int) -> None:
    """Run the job inline (ANSINH_JOBS_INLINE) or in a daemon thread."""
    if getattr(settings, "ANSINH_JOBS_INLINE", False):
        job_run(job_id)
        return
    threading.Thread(target=_run_in_thread, args=(job_id,), daemon=True, name=f"report-job-{job_id}").start()


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        job_run(job_id)
    finally:
        connection.close()


def _progress(job: Job, progress: int, step: str) -> None:
    Job.objects.filter(pk=job.pk).update(progress=progress, step=step)


def job_run(job_id: int) -> Job:
    """Build the pack: gather figures, render the PDF, write the workbook; the state says how far it got."""
    from ansinh.reports.pack import pack_build, pdf_bytes, xlsx_bytes

    job = Job.objects.select_related("unit", "created_by").get(pk=job_id)
    if job.state != JobState.QUEUED:
        return job
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, started_at=timezone.now(), progress=5,
                                         step="Tổng hợp số liệu")
    try:
        pack = pack_build(user=job.created_by, unit=job.unit, on=job.on, period_start=job.period_start,
                          structure=job.structure)
        _progress(job, 40, "Lập tệp PDF")
        pdf = pdf_bytes(pack)
        _progress(job, 80, "Lập tệp Excel")
        xlsx = xlsx_bytes(pack)
        name = f"bao-cao-{job.unit.code}-{job.on.isoformat()}-{job.pk}"
        job.refresh_from_db()
        job.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        job.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
        job.state, job.progress, job.step, job.finished_at = JobState.DONE, 100, "Xong", timezone.now()
        job.save(update_fields=["pdf", "xlsx", "state", "progress", "step", "finished_at"])
    except Exception as exc:  # noqa: BLE001 - any failure is shown on the job page, never lost
        log.exception("report job %s failed", job_id)
        Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, step="Lỗi", error=str(exc)[:2000],
                                             finished_at=timezone.now())
        job.refresh_from_db()
    return job
