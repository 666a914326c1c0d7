"""Kon Tum objects for the project-wide scoping test (ansinh/web/tests/test_scoping.py)."""

import datetime as dt


def _kon_tum():
    from ansinh.geo.models import Unit

    return Unit.objects.get(era="pre2025", code="62")


def plan_kwargs() -> dict:
    """A Kon Tum target."""
    from ansinh.plans.models import Plan

    plan = Plan.objects.create(unit=_kon_tum(), year=2020 + Plan.objects.count(), indicator="voluntary_si",
                               value=4040, authority="bhxh")
    return {"pk": plan.pk}


def plan_count() -> int:
    """Kon Tum's targets."""
    from ansinh.plans.models import Plan

    return Plan.objects.filter(unit__code="62").count()


def figure_kwargs() -> dict:
    """A Kon Tum reported figure."""
    from ansinh.plans.models import ReportedFigure

    figure = ReportedFigure.objects.create(unit=_kon_tum(), on=dt.date(2020, 6, 30) + dt.timedelta(
        days=ReportedFigure.objects.count()), indicator="voluntary_si", value=4294, source="thử")
    return {"pk": figure.pk}


def figure_count() -> int:
    """Kon Tum's reported figures."""
    from ansinh.plans.models import ReportedFigure

    return ReportedFigure.objects.filter(unit__code="62").count()


def failed_job_kwargs() -> dict:
    """A Kon Tum report-pack job that failed (one a retry would queue again)."""
    from ansinh.reports.models import Job

    job = Job.objects.create(unit=_kon_tum(), on=dt.date(2020, 6, 30), period_start=dt.date(2020, 1, 1),
                             state="failed", error="hỏng")
    return {"pk": job.pk}


def jobs_state() -> list:
    """The state of every report job (changes when one is queued again)."""
    from ansinh.reports.models import Job

    return list(Job.objects.order_by("pk").values_list("pk", "state", "attempts"))


def job_kwargs() -> dict:
    """A Kon Tum report-pack job."""
    from ansinh.reports.models import Job

    job = Job.objects.create(unit=_kon_tum(), on=dt.date(2020, 6, 30), period_start=dt.date(2020, 1, 1))
    return {"pk": job.pk}


def job_file_kwargs() -> dict:
    """A Kon Tum job's PDF download."""
    return {**job_kwargs(), "fmt": "pdf"}
