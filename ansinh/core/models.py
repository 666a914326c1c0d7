"""Plumbing models: the change log (who, when, what) kept for every write, background work, and the run of every
file import."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from ansinh.core.scoping import ScopedQuerySet


class Created(models.Model):
    """Who created a row and when (rows that are only ever added: receipts, corrections, parameter rows)."""

    created_at = models.DateTimeField("Thời điểm tạo", default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="Người tạo")

    class Meta:
        abstract = True


class Audited(Created):
    """Who created and who last changed a row, and when; the service that writes sets the users."""

    changed_at = models.DateTimeField("Thời điểm sửa", auto_now=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="Người sửa")

    class Meta:
        abstract = True


class DatedRow(models.Model):
    """A fact in force from a day through a day (or with no end yet): parameters, top-ups, active staff."""

    valid_from = models.DateField("Áp dụng từ ngày")
    valid_until = models.DateField("Đến hết ngày", null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [models.CheckConstraint(
            condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
            name="%(app_label)s_%(class)s_dates_ordered")]

    def in_force(self, on) -> bool:
        """Whether the row applies on a date."""
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


class ChangeLog(models.Model):
    """One change to one record, written by the service that made it."""

    class Action(models.TextChoices):
        CREATE = "create", "Tạo mới"
        UPDATE = "update", "Sửa"
        DELETE = "delete", "Xoá"
        IMPORT = "import", "Nhập từ tệp"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60, help_text="app_label.model")
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200)
    scope_path = models.CharField(max_length=40, db_index=True,
                                  help_text="Unit path of the record, so the log is scoped like it.")
    changes = models.JSONField(default=dict, blank=True,
                               help_text="{field: [old, new]} for updates, {field: value} for creations.")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "scope_path"

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_changelog_object")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.user} {self.get_action_display()} {self.object_repr}"


def stale_before() -> dt.datetime:
    """A running job whose last heartbeat is older than this has lost its worker (ANSINH_JOB_STALE_SECONDS)."""
    return timezone.now() - dt.timedelta(seconds=getattr(settings, "ANSINH_JOB_STALE_SECONDS", 600))


class WorkState(models.TextChoices):
    """Where a background job is (docs/jobs.md)."""

    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Xong"
    FAILED = "failed", "Lỗi"


class Work(models.Model):
    """A job done by the task worker, as the people who asked for it see it: its state, progress and step, when it
    started and finished, its last sign of life (heartbeat), how many attempts, and the error. Written only by
    `ansinh.core.jobs` (the state) and the job's own code (its step and results)."""

    state = models.CharField("Trạng thái", max_length=10, choices=WorkState.choices, default=WorkState.QUEUED)
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    step = models.CharField("Đang làm", max_length=200, blank=True)
    error = models.TextField("Lỗi", blank=True)
    started_at = models.DateTimeField("Bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("Kết thúc", null=True, blank=True)
    heartbeat_at = models.DateTimeField("Tín hiệu cuối", null=True, blank=True,
                                        help_text="Last sign of life of the worker running the job.")
    attempts = models.PositiveSmallIntegerField("Số lần chạy", default=0)
    task_id = models.CharField(max_length=64, blank=True, help_text="The task queue's id of the last attempt.")

    class Meta:
        abstract = True

    @property
    def finished(self) -> bool:
        return self.state in (WorkState.DONE, WorkState.FAILED)

    @property
    def stalled(self) -> bool:
        """Running, but no sign of life for longer than ANSINH_JOB_STALE_SECONDS: its worker has died."""
        return self.state == WorkState.RUNNING and (self.heartbeat_at or self.started_at or timezone.now()) < \
            stale_before()

    @property
    def retryable(self) -> bool:
        return self.state == WorkState.FAILED or self.stalled


class ImportRun(Work):
    """One run of a file import: who, which file, what was stored, left unchanged or refused, and the error file."""

    Status = WorkState  # the name the importers' code reads

    kind = models.CharField(max_length=30, help_text="Importer name: people, campaign-results…")
    layout = models.CharField(max_length=20, blank=True, help_text="people, d03, d05.")
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    scope_path = models.CharField(max_length=40, blank=True, db_index=True,
                                  help_text="Unit path of the importing user's area ('' = whole country).")
    created_at = models.DateTimeField("Thời điểm gửi", default=timezone.now)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    error_file = models.CharField(max_length=255, blank=True, help_text="Path under MEDIA_ROOT of the error file.")
    summary = models.JSONField(default=dict, blank=True, help_text="Counts by what was created, and notes.")
    params = models.JSONField(default=dict, blank=True,
                              help_text="What the worker needs to run it: the stored upload and the form's choices.")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "scope_path"

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Nhập tệp {self.file_name}"
