"""Roles and what each may do."""

from django.db import models


class Role(models.TextChoices):
    """What a user is in the organisation."""

    ADMIN = "admin", "Quản trị hệ thống"
    PROVINCE_OFFICER = "province_officer", "Cán bộ BHXH tỉnh"
    COMMUNE_OFFICER = "commune_officer", "Cán bộ cấp xã"
    COLLECTOR = "collector", "Nhân viên thu"
    VIEWER = "viewer", "Người xem"


# Actions each role may take inside its area. A collector adds and corrects, never deletes.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({"view", "add", "change", "delete"}),
    Role.PROVINCE_OFFICER: frozenset({"view", "add", "change", "delete"}),
    Role.COMMUNE_OFFICER: frozenset({"view", "add", "change", "delete"}),
    Role.COLLECTOR: frozenset({"view", "add"}),
    Role.VIEWER: frozenset({"view"}),
}
