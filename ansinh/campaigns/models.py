"""Enrollment drives ("lễ ra quân", "tháng vận động"): targets, teams, activities, reported results.

A campaign owns its link to the people it recruited (`Recruitment`, one row per enrollment, written by the
campaign's service after the enrollment service) and their roll-up (`RecruitCount`); it adds the figures
reported by units that keep no individual records and the corrections, each with a reason.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from ansinh.campaigns.choices import SCHEME_CHOICES, ActivityKind, CampaignStatus, ResultSource, TargetHolder
from ansinh.core.models import Audited, Created, Work
from ansinh.core.scoping import ScopedQuerySet

REFORM_DATE = dt.date(2025, 7, 1)


class Campaign(Audited):
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
    retention_date = models.DateField(null=True, blank=True,
                                      help_text="Recruits should stay enrolled at least until this day.")
    notes = models.TextField(blank=True, help_text="Sources, remarks.")
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.PLANNED)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "area__path"

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=F("start_date")),
                                              name="campaigns_dates_ordered")]

    def __str__(self) -> str:
        return self.name

    @property
    def era(self) -> str:
        """The era of the units the campaign works with (the area's, or by date for a national campaign)."""
        if self.area.era:
            return self.area.era
        return "2025" if self.start_date >= REFORM_DATE else "pre2025"

    @property
    def is_closed(self) -> bool:
        """Closed campaigns take no more targets, teams or results."""
        return self.status == CampaignStatus.CLOSED

    @property
    def days(self) -> list[dt.date]:
        """Every day of the campaign."""
        return [self.start_date + dt.timedelta(days=i) for i in range((self.end_date - self.start_date).days + 1)]

    def phase(self, today: dt.date) -> str:
        """Planned, running or closed as seen on `today` (a campaign past its end runs until it is closed)."""
        if self.is_closed:
            return CampaignStatus.CLOSED
        return CampaignStatus.PLANNED if today < self.start_date else CampaignStatus.RUNNING

    def phase_label(self, today: dt.date) -> str:
        """The phase in words; a campaign past its last day but not closed is waiting to be closed."""
        if not self.is_closed and today > self.end_date:
            return "Đã hết thời gian, chờ kết thúc"
        return CampaignStatus(self.phase(today)).label


class Team(Audited):
    """A field team ("đội ra quân") of staff working one or more units."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="teams")
    code = models.CharField(max_length=20, help_text="Short code, unique in the campaign (Đ01…).")
    name = models.CharField(max_length=120)
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+",
                             help_text="The unit the team answers to (its area lies under it).")
    areas = models.ManyToManyField("geo.Unit", blank=True, related_name="+", help_text="Units the team works.")
    leader = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    note = models.CharField(max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["campaign", "code"]
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="campaigns_team_code_unique")]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A staff member in a team; one team per staff member in a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    staff = models.ForeignKey("network.Staff", on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "team__unit__path"

    class Meta:
        ordering = ["team", "staff__code"]
        constraints = [models.UniqueConstraint(fields=["campaign", "staff"], name="campaigns_one_team_per_staff")]

    def __str__(self) -> str:
        return f"{self.staff} — {self.team}"


class Target(Audited):
    """A target of new participants (and optionally revenue) for a unit, collection point, team or staff member."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    holder = models.CharField(max_length=6, choices=TargetHolder.choices)
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+",
                             help_text="The unit (for a point, team or staff member: the unit it works in).")
    collection_point = models.ForeignKey("network.CollectionPoint", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="targets")
    staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    scheme = models.CharField(max_length=16, choices=SCHEME_CHOICES)
    count = models.PositiveIntegerField(help_text="New participants to recruit.")
    revenue = models.PositiveBigIntegerField(null=True, blank=True, help_text="Revenue to collect, VND (optional).")
    basis = models.CharField(max_length=200, blank=True, help_text="How the target was set (given, split, quota).")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["campaign", "holder", "unit__path", "scheme"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "scheme", "unit"], condition=Q(holder="unit"),
                                    name="campaigns_target_unit_unique"),
            models.UniqueConstraint(fields=["campaign", "scheme", "collection_point"], condition=Q(holder="point"),
                                    name="campaigns_target_point_unique"),
            models.UniqueConstraint(fields=["campaign", "scheme", "team"], condition=Q(holder="team"),
                                    name="campaigns_target_team_unique"),
            models.UniqueConstraint(fields=["campaign", "scheme", "staff"], condition=Q(holder="staff"),
                                    name="campaigns_target_staff_unique"),
            models.CheckConstraint(
                condition=(Q(holder="unit", collection_point__isnull=True, team__isnull=True, staff__isnull=True)
                           | Q(holder="point", collection_point__isnull=False, team__isnull=True, staff__isnull=True)
                           | Q(holder="team", collection_point__isnull=True, team__isnull=False, staff__isnull=True)
                           | Q(holder="staff", collection_point__isnull=True, team__isnull=True,
                               staff__isnull=False)),
                name="campaigns_target_one_holder"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.get_holder_display()} · {self.get_scheme_display()}: {self.count}"


class ResultImport(Work):
    """An uploaded results file, imported by the task worker: its fingerprint (a file is taken once), counts, and
    the rejected rows."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=200)
    file = models.CharField(max_length=500, blank=True, help_text="The stored upload the worker reads.")
    sha256 = models.CharField(max_length=64)
    rows_total = models.PositiveIntegerField(default=0)
    rows_accepted = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    errors_csv = models.TextField(blank=True, help_text="Rejected rows: original columns + the reason.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    scope_path = models.CharField(max_length=40, help_text="Unit path of the importer's area in the campaign.")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "scope_path"

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "sha256"], condition=Q(rows_accepted__gt=0),
                                               name="campaigns_import_file_once")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"


class ReportedResult(Created):
    """New participants enrolled outside ansinh, reported for a unit on a day: by a staff member, or for the unit
    without one (a unit that keeps no individual records). One row per campaign × unit × day × scheme × staff."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reported_results")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    scheme = models.CharField(max_length=16, choices=SCHEME_CHOICES)
    staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              help_text="The staff member whose result it is; empty: the unit's, unattributed.")
    count = models.PositiveIntegerField()
    amount = models.PositiveBigIntegerField(null=True, blank=True, help_text="Revenue collected, VND (optional).")
    source = models.CharField(max_length=8, choices=ResultSource.choices, default=ResultSource.PAGE)
    batch = models.ForeignKey(ResultImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="rows")
    note = models.CharField(max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["day", "unit__path", "scheme"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "day", "scheme"], condition=Q(staff__isnull=True),
                                    name="campaigns_reported_once"),
            models.UniqueConstraint(fields=["campaign", "unit", "day", "scheme", "staff"],
                                    condition=Q(staff__isnull=False), name="campaigns_reported_once_by_staff"),
        ]
        indexes = [models.Index(fields=["campaign", "day"], name="campaigns_reported_day")]

    def __str__(self) -> str:
        return f"{self.unit} {self.day:%d/%m/%Y} {self.get_scheme_display()}: {self.count}"

    @property
    def late(self) -> bool:
        """Entered after the day it reports (a late entry)."""
        return self.created_at.date() > self.day


class Correction(Created):
    """A result corrected, with its reason: the figure of one unit × day × scheme (× staff member) becomes `count`
    in place of `previous`, the figure it had; `delta` is the difference, so later arrivals still add up."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="corrections")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    scheme = models.CharField(max_length=16, choices=SCHEME_CHOICES)
    previous = models.PositiveIntegerField(help_text="The figure corrected (recruited + reported + earlier "
                                                     "corrections).")
    count = models.PositiveIntegerField(help_text="The right figure.")
    delta = models.IntegerField(help_text="count − previous.")
    staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(delta=0), name="campaigns_correction_nonzero"),
                       models.CheckConstraint(condition=Q(delta=F("count") - F("previous")),
                                              name="campaigns_correction_replaces"),
                       models.CheckConstraint(condition=~Q(reason=""), name="campaigns_correction_reason")]

    def __str__(self) -> str:
        return f"{self.unit} {self.day:%d/%m/%Y} {self.previous} → {self.count}: {self.reason}"


class Activity(Created):
    """Something done in the field: a parade, door-to-door visits, a market stall, leaflets, VssID help."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="activities")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    kind = models.CharField(max_length=14, choices=ActivityKind.choices)
    quantity = models.PositiveIntegerField(null=True, blank=True,
                                           help_text="Vehicles, households, stalls, leaflets, broadcasts, people.")
    participants = models.PositiveIntegerField(null=True, blank=True, help_text="Staff taking part.")
    place = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["day", "id"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%d/%m/%Y} — {self.unit}"


class Recruitment(models.Model):
    """An enrollment recruited by a campaign: the link the campaign owns (enrollment knows nothing of campaigns)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recruitments")
    enrollment = models.OneToOneField("enrollment.Enrollment", on_delete=models.CASCADE, related_name="+")
    collector = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+",
                             help_text="The enrollment's commune.")
    province_code = models.CharField(max_length=2)
    scheme = models.CharField(max_length=16)
    day = models.DateField(help_text="The enrollment's registration day.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["campaign", "day", "id"]
        indexes = [models.Index(fields=["campaign", "day"], name="campaigns_recruitment_day")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.enrollment_id}"


class RecruitCount(models.Model):
    """Roll-up: a campaign's recruits per commune × scheme × day × collector, kept as recruitments are written."""

    key = models.CharField(max_length=90, unique=True, help_text="campaign:unit:scheme:day:collector")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2)
    scheme = models.CharField(max_length=16)
    day = models.DateField()
    collector = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    count = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["campaign", "day"], name="campaigns_recruitcount_day")]

    def __str__(self) -> str:
        return self.key
