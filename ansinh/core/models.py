"""Plumbing models: the change log (who, when, what) kept for every write."""

from django.conf import settings
from django.db import models

from ansinh.core.scoping import ScopedQuerySet


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
