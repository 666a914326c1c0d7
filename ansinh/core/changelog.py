"""Writing and reading the change log; services call `log_change` for every write."""

from django.db import models

from ansinh.core.models import ChangeLog


def _plain(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [_plain(before.get(k)), _plain(v)] for k, v in after.items() if before.get(k) != v}


def _entry(user, obj: models.Model, action: str, scope_path: str, changes: dict | None) -> ChangeLog:
    return ChangeLog(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        scope_path=scope_path,
        changes={k: [_plain(x) for x in v] if isinstance(v, list) else _plain(v) for k, v in (changes or {}).items()},
    )


def log_change(*, user, obj: models.Model, action: str, scope_path: str, changes: dict | None = None
               ) -> ChangeLog:
    """Record that `user` did `action` on `obj` (who, when, what)."""
    entry = _entry(user, obj, action, scope_path, changes)
    entry.save()
    return entry


def log_changes(*, user, entries: list[tuple]) -> list[ChangeLog]:
    """Record many changes at once: `entries` are (obj, action, scope_path, changes), kept in that order."""
    return ChangeLog.objects.bulk_create([_entry(user, *entry) for entry in entries])


def changes_for(obj: models.Model, user) -> models.QuerySet:
    """The change log of one record, as the user may see it."""
    return ChangeLog.objects.restrict(user).filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("user")
