"""The field network: the places that collect contributions and the people who recruit and collect.

Both are dated rows (`valid_from` = active from, `valid_until` = active until, inclusive; empty = still
active) and are never deleted: a staff member who leaves, or a point that closes, gets an end date, so the
receipts, recruits and targets that name them keep their meaning.
"""

from django.conf import settings
from django.db import models

from ansinh.core.models import Audited, DatedRow
from ansinh.core.scoping import ScopedQuerySet
from ansinh.core.text import fold
from ansinh.network.choices import ACTIVE_SINCE_DEFAULT, Organisation, PointKind


class CollectionPoint(Audited, DatedRow):
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
    bank_bin = models.CharField("Mã BIN ngân hàng", max_length=6, blank=True,
                                help_text="The bank's 6-digit NAPAS BIN (970436 Vietcombank…), for VietQR codes.")
    bank_account = models.CharField("Số tài khoản", max_length=19, blank=True,
                                    help_text="The account payments by VietQR go to.")
    bank_account_name = models.CharField("Tên tài khoản", max_length=100, blank=True)
    communes = models.ManyToManyField("geo.Unit", blank=True, related_name="+", verbose_name="Xã phục vụ",
                                      help_text="The communes the point collects for (besides its own unit).")
    valid_from = models.DateField("Hoạt động từ ngày", default=ACTIVE_SINCE_DEFAULT)
    valid_until = models.DateField("Hoạt động đến hết ngày", null=True, blank=True)
    search_text = models.CharField(max_length=250, blank=True, editable=False,
                                   help_text="Code and name folded for the search picker (kept by save()).")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta(DatedRow.Meta):
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = searchable(self.code, self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class Staff(Audited, DatedRow):
    """A person who recruits and collects: a BHXH officer, post-office staff, an agent's collector, a commune
    official or a union volunteer (a login is optional)."""

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
    communes = models.ManyToManyField("geo.Unit", blank=True, related_name="+", verbose_name="Xã phục vụ",
                                      help_text="The communes the staff member serves (in the home unit's province).")
    valid_from = models.DateField("Hoạt động từ ngày", default=ACTIVE_SINCE_DEFAULT)
    valid_until = models.DateField("Hoạt động đến hết ngày", null=True, blank=True)
    search_text = models.CharField(max_length=250, blank=True, editable=False,
                                   help_text="Code and name folded for the search picker (kept by save()).")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta(DatedRow.Meta):
        ordering = ["code"]
        verbose_name_plural = "staff"

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"

    def save(self, *args, **kwargs):
        self.search_text = searchable(self.code, self.full_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


def searchable(code: str, name: str) -> str:
    """What the picker searches: 'tv20 bh 001 | nguyen thi lan' (a bulk insert sets it with this too)."""
    return f"{fold(code)} | {fold(name)}"[:250]
