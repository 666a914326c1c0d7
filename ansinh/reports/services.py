"""Report-pack jobs: create one (area checked, logged) and queue it for the task worker; the build itself.

A pack is built by the worker (`ansinh worker`, Django Tasks): `job_create` queues `reports.tasks.build_pack`
once the request's transaction commits, and `job_build` is the work, reporting its progress through
`ansinh.core.jobs` (docs/jobs.md).
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction

from ansinh.core import jobs
from ansinh.core.changelog import log_change
from ansinh.core.errors import DomainError
from ansinh.core.scoping import Action, require
from ansinh.geo.models import Unit
from ansinh.reports.errors import ReportError
from ansinh.reports.models import Job
from ansinh.reports.tasks import build_pack


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
    jobs.enqueue(build_pack, job)
    return job


def job_retry(*, user, job: Job) -> bool:
    """Build a failed pack, or one whose worker died, again (logged); False if it is queued, running or done."""
    require(user, Action.BUILD_REPORT, job.unit.path, what="Đơn vị")
    return jobs.retry(build_pack, job, user=user, scope_path=job.unit.path)


def job_build(job_id: int, beat: jobs.Beat) -> None:
    """Build the pack: gather figures, render the PDF, write the workbook; the beat says how far it got."""
    from ansinh.reports.pack import pack_build, pdf_bytes, xlsx_bytes

    job = Job.objects.select_related("unit", "created_by").get(pk=job_id)
    beat(5, "Tổng hợp số liệu")
    pack = pack_build(user=job.created_by, unit=job.unit, on=job.on, period_start=job.period_start,
                      structure=job.structure)
    beat(40, "Lập tệp PDF")
    pdf = pdf_bytes(pack)
    beat(80, "Lập tệp Excel")
    xlsx = xlsx_bytes(pack)
    name = f"bao-cao-{job.unit.code}-{job.on.isoformat()}-{job.pk}"
    job.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    job.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
    Job.objects.filter(pk=job.pk).update(pdf=job.pdf.name, xlsx=job.xlsx.name)
