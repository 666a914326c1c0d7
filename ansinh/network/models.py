"""The field network: the places that collect contributions and the people who recruit and collect."""

from django.conf import settings
from django.db import models

from ansinh.core.models import Audited
from ansinh.core.scoping import ScopedQuerySet
from ansinh.network.choices import Organisation, PointKind


class CollectionPoint(Audited):
    """A place that collects contributions: a post office, an agent, a BHXH office, a commune."""

    code = models.CharField(max_length=20, unique=True, help_text="Mã đại lý / điểm thu.")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=PointKind.choices)
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2, db_index=True)
    tax_code = models.CharField(max_length=20, blank=True)
    address = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=15, blank=True)
    email = models.CharField(max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Staff(Audited):
    """A person who recruits and collects: BHXH staff, post-office staff, agents (a login is optional)."""

    code = models.CharField(max_length=20, unique=True, help_text="Mã số nhân viên thu.")
    full_name = models.CharField(max_length=100)
    organisation = models.CharField(max_length=10, choices=Organisation.choices)
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+",
                             help_text="The area the staff member works in.")
    province_code = models.CharField(max_length=2, db_index=True)
    collection_point = models.ForeignKey(CollectionPoint, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="staff")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="staff")
    phone = models.CharField(max_length=15, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "staff"

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"
