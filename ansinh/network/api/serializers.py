"""Serializers of the field network: collection points and staff."""

from rest_framework import serializers

from ansinh.network.models import CollectionPoint, Staff


class PointSerializer(serializers.ModelSerializer):
    """A collection point."""

    unit = serializers.CharField(source="unit.code")
    era = serializers.CharField(source="unit.era")

    class Meta:
        model = CollectionPoint
        fields = ["code", "name", "kind", "unit", "era", "province_code", "address", "phone"]


class StaffSerializer(serializers.ModelSerializer):
    """A collector."""

    collection_point = serializers.CharField(source="collection_point.code", allow_null=True, default=None)

    class Meta:
        model = Staff
        fields = ["code", "full_name", "organisation", "collection_point", "province_code"]
