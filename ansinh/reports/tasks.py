"""The report tasks run by `ansinh worker` (Django Tasks)."""

from functools import partial

from django_tasks import task

from ansinh.core import jobs


@task()
def build_pack(job_id: int) -> None:
    """Build report pack `job_id` (PDF and workbook)."""
    from ansinh.reports.models import Job
    from ansinh.reports.services import job_build

    jobs.run(Job, job_id, partial(job_build, job_id))
