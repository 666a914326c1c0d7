"""Enrollment drives ("lễ ra quân", "tháng vận động")."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from ansinh.campaigns.choices import CampaignStatus
from ansinh.core.scoping import ScopedQuerySet


class Campaign(models.Model):
    """An enrollment drive over dates and an area, with organisers, a joint plan and target groups."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    theme = models.CharField(max_length=300, blank=True, help_text="Chủ đề truyền thông.")
    start_date = models.DateField()
    end_date = models.DateField()
    area = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+",
                             help_text="Nation, a province or a commune (units of the campaign's time).")
    organisers = models.TextField(blank=True, help_text="BHXH, Bưu điện… at each level.")
    joint_plan = models.CharField(max_length=200, blank=True, help_text="Kế hoạch liên tịch, e.g. 2043/KHLT-BHXH-BĐVN.")
    target_groups = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "area__path"

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=F("start_date")),
                                              name="campaigns_dates_ordered")]

    def __str__(self) -> str:
        return self.name
