"""API serializers for plans (targets) and reported figures."""

from rest_framework import serializers

from ansinh.plans.choices import Authority, Indicator, Period
from ansinh.plans.models import Plan, ReportedFigure


class UnitRefSerializer(serializers.Serializer):
    """A unit by code and era."""

    code = serializers.CharField()
    era = serializers.CharField()
    name = serializers.CharField()


class PlanSerializer(serializers.ModelSerializer):
    """A target as returned by the API."""

    unit = UnitRefSerializer(read_only=True)
    value = serializers.FloatField()

    class Meta:
        model = Plan
        fields = ["id", "unit", "year", "period", "indicator", "value", "authority", "document", "source", "note",
                  "created_at"]


class PlanWriteSerializer(serializers.Serializer):
    """A target to set: the unit by GSO code (and era)."""

    unit_code = serializers.CharField(max_length=5)
    unit_era = serializers.ChoiceField(choices=["pre2025", "2025", ""], required=False, default="")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    period = serializers.ChoiceField(choices=Period.choices, default=Period.YEAR)
    indicator = serializers.ChoiceField(choices=Indicator.choices)
    value = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0)
    authority = serializers.ChoiceField(choices=Authority.choices)
    document = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    source = serializers.CharField(required=False, default="", allow_blank=True)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class FigureSerializer(serializers.ModelSerializer):
    """A reported figure as returned by the API."""

    unit = UnitRefSerializer(read_only=True)
    value = serializers.FloatField()
    printed_plan_pct = serializers.FloatField(allow_null=True)

    class Meta:
        model = ReportedFigure
        fields = ["id", "unit", "on", "indicator", "value", "source", "source_date", "source_url", "derived",
                  "printed_plan_pct", "printed_needed", "note", "created_at"]


class FigureWriteSerializer(serializers.Serializer):
    """A reported figure to record."""

    unit_code = serializers.CharField(max_length=5)
    unit_era = serializers.ChoiceField(choices=["pre2025", "2025", ""], required=False, default="")
    on = serializers.DateField()
    indicator = serializers.ChoiceField(choices=Indicator.choices)
    value = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0)
    source = serializers.CharField()
    source_date = serializers.DateField(required=False, allow_null=True, default=None)
    source_url = serializers.URLField(required=False, default="", allow_blank=True)
    derived = serializers.BooleanField(required=False, default=False)
    printed_plan_pct = serializers.DecimalField(max_digits=8, decimal_places=2, required=False, allow_null=True,
                                                default=None)
    printed_needed = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, default="", allow_blank=True)
