"""Report builds run in the background: a job row with its state, progress and result files."""

from django.db import models

from ansinh.core.models import Created, Work, WorkState
from ansinh.core.scoping import ScopedQuerySet

JobState = WorkState


class Job(Created, Work):
    """A steering-committee report pack being built for a unit and date (PDF + Excel), with visible progress."""

    kind = models.CharField(max_length=30, default="coverage_pack")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    on = models.DateField(help_text="Tính đến ngày.")
    period_start = models.DateField(help_text="Start of the period reviewed (campaign results).")
    structure = models.CharField(max_length=10, default="as_of")
    pdf = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    xlsx = models.FileField(upload_to="reports/%Y/%m/", blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="reports_job_progress_max"),
            models.CheckConstraint(condition=models.Q(period_start__lte=models.F("on")),
                                   name="reports_job_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"Báo cáo {self.unit} {self.on:%d/%m/%Y} ({self.get_state_display()})"
