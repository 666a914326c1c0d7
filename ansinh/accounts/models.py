"""Users with a role and a scope unit (nation, province or commune)."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from ansinh.accounts.choices import OWN_ONLY, ROLE_ACTIONS, Role
from ansinh.geo.choices import Era


class User(AbstractUser):
    """A person who signs in: an officer, a collector or a viewer, scoped to an area."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    scope_unit = models.ForeignKey(
        "geo.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The area this user sees and changes; empty means the whole country.",
    )
    phone = models.CharField(max_length=15, blank=True)
    staff_code = models.CharField(max_length=20, blank=True, help_text="Mã số nhân viên thu (D05-TS cột 16).")

    class Meta:
        ordering = ["username"]

    def may(self, action: str) -> bool:
        """Whether the user's role allows the action at all."""
        if self.is_superuser:
            return True
        return action in ROLE_ACTIONS.get(self.role, frozenset())

    def may_only_own(self, action: str) -> bool:
        """Whether the role allows the action only on records this user entered (a collector's own receipts)."""
        return not self.is_superuser and action in OWN_ONLY.get(self.role, frozenset())

    def scope_paths(self) -> list[str] | None:
        """Unit path prefixes of the user's area (None = whole country).

        A unit of today's structure also covers the old units that went into it, so an officer of
        today's Vĩnh Long sees the records kept against old Trà Vinh, Bến Tre and Vĩnh Long; an old unit
        also covers today's communes that took over its communes (ADR 0005).
        """
        cached = getattr(self, "_scope_paths", "unset")
        if cached != "unset":
            return cached
        from ansinh.geo.selectors import scope_paths_for_unit

        if self.is_superuser or self.role == Role.ADMIN or self.scope_unit_id is None:
            paths = None
        else:
            paths = scope_paths_for_unit(self.scope_unit)
        self._scope_paths = paths
        return paths

    @property
    def scope_label(self) -> str:
        """The area in words, for the page header."""
        if not self.scope_unit_id:
            return "Toàn quốc"
        if self.scope_unit.era == Era.PRE_2025:
            today = len(self.scope_paths() or []) - 1
            return f"{self.scope_unit.name} (cũ) và {today} xã, phường hiện nay"
        return self.scope_unit.name
