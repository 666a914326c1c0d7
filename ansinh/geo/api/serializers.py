"""Serializers for units, crosswalk and statistics."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ansinh.geo.choices import Indicator
from ansinh.geo.models import Unit, UnitStatistic, UnitSuccession


class UnitSerializer(serializers.ModelSerializer):
    """A unit in lists."""

    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)

    class Meta:
        model = Unit
        fields = ["code", "era", "level", "name", "short_name", "unit_type", "ascii_key", "parent",
                  "province_code", "valid_from", "valid_until", "latitude", "longitude"]


class StatisticSerializer(serializers.ModelSerializer):
    """A yearly figure with its source."""

    updated_at = serializers.DateTimeField(source="changed_at", read_only=True)

    class Meta:
        model = UnitStatistic
        fields = ["indicator", "year", "value", "source", "updated_at"]


class StatisticWriteSerializer(serializers.Serializer):
    """Input to add or correct a yearly figure."""

    indicator = serializers.ChoiceField(choices=Indicator.choices)
    year = serializers.IntegerField(min_value=1945, max_value=2100)
    value = serializers.IntegerField(min_value=0)
    source = serializers.CharField(max_length=2000)


class SuccessionSerializer(serializers.Serializer):
    """One crosswalk row as seen from either side."""

    code = serializers.CharField()
    name = serializers.CharField()
    era = serializers.CharField()
    partly = serializers.BooleanField()
    is_default = serializers.BooleanField()


class UnitDetailSerializer(UnitSerializer):
    """A unit with its statistics and the crosswalk on either side of 1/7/2025."""

    statistics = StatisticSerializer(many=True, read_only=True)
    successors = serializers.SerializerMethodField()
    predecessors = serializers.SerializerMethodField()

    class Meta(UnitSerializer.Meta):
        fields = UnitSerializer.Meta.fields + ["statistics", "successors", "predecessors"]

    def _rows(self, rows: list[UnitSuccession], side: str) -> list[dict]:
        return [{"code": getattr(r, side).code, "name": getattr(r, side).name, "era": getattr(r, side).era,
                 "partly": r.partly, "is_default": r.is_default} for r in rows]

    @extend_schema_field(SuccessionSerializer(many=True))
    def get_successors(self, unit) -> list[dict]:
        """Units of today that the unit went into."""
        return self._rows(self.context["successors"], "new")

    @extend_schema_field(SuccessionSerializer(many=True))
    def get_predecessors(self, unit) -> list[dict]:
        """Old units that went into this unit."""
        return self._rows(self.context["predecessors"], "old")
