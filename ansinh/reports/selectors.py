"""Reads of report jobs, limited to the user's area."""

from django.db.models import QuerySet
from django.http import Http404

from ansinh.reports.models import Job


def job_list(user) -> QuerySet[Job]:
    """Report packs the user may see, newest first."""
    return Job.objects.restrict(user).select_related("unit", "created_by")


def job_get(user, pk: int) -> Job:
    """One job in the user's area (404 otherwise)."""
    job = job_list(user).filter(pk=pk).first()
    if job is None:
        raise Http404("Không tìm thấy báo cáo.")
    return job
