"""Serializers for the campaigns API: campaigns, targets, teams, activities, results, corrections, figures."""

from django.urls import reverse
from rest_framework import serializers

from ansinh.campaigns.choices import SCHEME_CHOICES, ActivityKind, TargetHolder
from ansinh.campaigns.models import Activity, Campaign, Correction, ReportedResult, ResultImport, Target, Team
from ansinh.core.api import WORK_FIELDS, WorkFields


class CampaignSerializer(serializers.ModelSerializer):
    """A campaign as read (status: planned, running or closed, as of today)."""

    area = serializers.CharField(source="area.code")
    area_name = serializers.CharField(source="area.name")
    era = serializers.CharField()
    status = serializers.SerializerMethodField()

    def get_status(self, campaign) -> str:
        """planned / running / closed as of today."""
        from django.utils import timezone

        return campaign.phase(timezone.localdate())

    class Meta:
        model = Campaign
        fields = ["slug", "name", "theme", "start_date", "end_date", "area", "area_name", "era", "organisers",
                  "joint_plan", "target_groups", "retention_date", "notes", "status", "created_at", "closed_at"]


class CampaignWriteSerializer(serializers.Serializer):
    """Input to create or change a campaign; the area is a unit code of the campaign's time (VN for the nation)."""

    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=80, required=False, allow_blank=True)
    theme = serializers.CharField(max_length=300, required=False, allow_blank=True)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, help_text="Defaults to start_date (a launch day).")
    area = serializers.CharField(max_length=5)
    organisers = serializers.CharField(required=False, allow_blank=True)
    joint_plan = serializers.CharField(max_length=200, required=False, allow_blank=True)
    target_groups = serializers.CharField(max_length=300, required=False, allow_blank=True)
    retention_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)


class CampaignPatchSerializer(CampaignWriteSerializer):
    """Partial changes to a campaign."""

    name = serializers.CharField(max_length=200, required=False)
    start_date = serializers.DateField(required=False)
    area = serializers.CharField(max_length=5, required=False)


class FiguresSerializer(serializers.Serializer):
    """Target, achieved, % of target (half-up, 2 places) and still needed."""

    target = serializers.IntegerField(allow_null=True)
    achieved = serializers.IntegerField()
    percent = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, coerce_to_string=False)
    remaining = serializers.IntegerField(allow_null=True)


class TargetSerializer(serializers.ModelSerializer):
    """A target with who holds it."""

    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    collection_point = serializers.CharField(source="collection_point.code", default=None)
    team = serializers.CharField(source="team.code", default=None)
    staff = serializers.CharField(source="staff.code", default=None)
    updated_at = serializers.DateTimeField(source="changed_at", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "holder", "unit", "unit_name", "collection_point", "team", "staff", "scheme", "count",
                  "revenue", "basis", "updated_at"]


class TargetWriteSerializer(serializers.Serializer):
    """Set a target: holder kind and its code (unit, collection point, team or staff code)."""

    holder = serializers.ChoiceField(choices=TargetHolder.choices, default=TargetHolder.UNIT)
    code = serializers.CharField(max_length=20)
    scheme = serializers.ChoiceField(choices=SCHEME_CHOICES)
    count = serializers.IntegerField(help_text="New participants; must not be negative.")
    revenue = serializers.IntegerField(required=False, allow_null=True)


class SplitSerializer(serializers.Serializer):
    """Split a unit's target among its child units or its collection points."""

    unit = serializers.CharField(max_length=5)
    scheme = serializers.ChoiceField(choices=SCHEME_CHOICES)
    into = serializers.ChoiceField(choices=[("units", "units"), ("communes", "communes"), ("points", "points")],
                                   default="units")
    by = serializers.ChoiceField(choices=[("equal", "equal"), ("population", "population"), ("staff", "staff"),
                                          ("teams", "teams")], default="equal")
    weights = serializers.DictField(child=serializers.IntegerField(), required=False,
                                    help_text="{code: weight} overriding `by`.")


class QuotaSerializer(serializers.Serializer):
    """Targets from a per-staff quota × the staff listed (or a group of staff)."""

    voluntary_si = serializers.IntegerField(min_value=0, default=0)
    household_hi = serializers.IntegerField(min_value=0, default=0)
    staff = serializers.ListField(child=serializers.CharField(max_length=20), required=False,
                                  help_text="Staff codes; or use `who`.")
    who = serializers.ChoiceField(choices=[("bhxh", "bhxh"), ("post", "post"), ("all", "all"),
                                           ("members", "members")], required=False)
    unit = serializers.CharField(max_length=5, required=False, help_text="Unit that gets quota × staff (area).")


class TeamSerializer(serializers.ModelSerializer):
    """A team with its areas and members."""

    unit = serializers.CharField(source="unit.code")
    leader = serializers.CharField(source="leader.code", default=None)
    areas = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()

    class Meta:
        model = Team
        fields = ["code", "name", "unit", "leader", "areas", "members", "note"]

    def get_areas(self, team) -> list[str]:
        """Codes of the units the team works."""
        return [u.code for u in team.areas.all()]

    def get_members(self, team) -> list[str]:
        """Codes of the members."""
        return [m.staff.code for m in team.members.select_related("staff")]


class TeamWriteSerializer(serializers.Serializer):
    """Create a team."""

    code = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=120)
    unit = serializers.CharField(max_length=5)
    areas = serializers.ListField(child=serializers.CharField(max_length=5), required=False)
    leader = serializers.CharField(max_length=20, required=False, allow_blank=True)
    members = serializers.ListField(child=serializers.CharField(max_length=20), required=False)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True)


class MemberWriteSerializer(serializers.Serializer):
    """Add or remove a member."""

    staff = serializers.CharField(max_length=20)
    action = serializers.ChoiceField(choices=[("add", "add"), ("remove", "remove")], default="add")


class ActivitySerializer(serializers.ModelSerializer):
    """A field activity."""

    unit = serializers.CharField(source="unit.code")
    team = serializers.CharField(source="team.code", default=None)

    class Meta:
        model = Activity
        fields = ["id", "day", "kind", "unit", "team", "quantity", "participants", "place", "note"]


class ActivityWriteSerializer(serializers.Serializer):
    """Log an activity."""

    day = serializers.DateField()
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    unit = serializers.CharField(max_length=5)
    team = serializers.CharField(max_length=20, required=False, allow_blank=True)
    quantity = serializers.IntegerField(required=False, allow_null=True)
    participants = serializers.IntegerField(required=False, allow_null=True)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ReportedSerializer(serializers.ModelSerializer):
    """A reported figure."""

    unit = serializers.CharField(source="unit.code")
    staff = serializers.CharField(source="staff.code", default=None)

    class Meta:
        model = ReportedResult
        fields = ["id", "unit", "day", "scheme", "staff", "count", "amount", "source", "note", "late", "created_at"]


class ReportedWriteSerializer(serializers.Serializer):
    """New participants enrolled outside ansinh, for a unit and optionally a staff member (refused: outside
    area/dates, negative, twice, another's staff member for a collector)."""

    unit = serializers.CharField(max_length=5)
    day = serializers.DateField()
    scheme = serializers.ChoiceField(choices=SCHEME_CHOICES)
    count = serializers.IntegerField()
    staff = serializers.CharField(max_length=20, required=False, allow_blank=True)
    amount = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True)


class CorrectionSerializer(serializers.ModelSerializer):
    """A correction with its reason."""

    unit = serializers.CharField(source="unit.code")
    staff = serializers.CharField(source="staff.code", default=None)

    class Meta:
        model = Correction
        fields = ["id", "unit", "day", "scheme", "previous", "count", "delta", "staff", "reason", "created_at"]


class CorrectionWriteSerializer(serializers.Serializer):
    """A correction: the right figure of a unit's (or a staff member's) result on a day, with a reason."""

    unit = serializers.CharField(max_length=5)
    day = serializers.DateField()
    scheme = serializers.ChoiceField(choices=SCHEME_CHOICES)
    count = serializers.IntegerField(min_value=0, help_text="The right figure; it replaces the current one.")
    staff = serializers.CharField(max_length=20, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=300)


class ImportUploadSerializer(serializers.Serializer):
    """A results file (CSV or Excel)."""

    file = serializers.FileField()


class ResultImportSerializer(WorkFields):
    """An uploaded results file as a background job: its state and progress, what was counted and refused (the
    rejected rows with their reasons are in the error file)."""

    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    error_file_url = serializers.SerializerMethodField()

    class Meta:
        model = ResultImport
        fields = ["id", "file_name", "created_by", *WORK_FIELDS, "rows_total", "rows_accepted", "rows_rejected",
                  "error_file_url"]

    def get_error_file_url(self, batch) -> str | None:
        if not batch.rows_rejected:
            return None
        return reverse("campaigns:import-errors", kwargs={"slug": batch.campaign.slug, "pk": batch.pk})


class ReasonSerializer(serializers.Serializer):
    """A reason (to reopen a campaign)."""

    reason = serializers.CharField(max_length=300)
