"""Serializers of the field network: collection points and staff as read, and the input to add, change or stop them.

Units, communes, points and accounts are given by code (GSO unit codes with their structure, `era`: `2025` for the
34 provinces from 1/7/2025, `pre2025` for the 63 provinces before; the default is `2025`).
"""

from rest_framework import serializers

from ansinh.geo.choices import Era
from ansinh.network.choices import Organisation, PointKind
from ansinh.network.models import CollectionPoint, Staff

ERAS = Era.choices


class PointSerializer(serializers.ModelSerializer):
    """A collection point."""

    unit = serializers.CharField(source="unit.code")
    era = serializers.CharField(source="unit.era")
    communes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code",
                                            help_text="Codes of the communes served.")

    class Meta:
        model = CollectionPoint
        fields = ["code", "name", "kind", "unit", "era", "province_code", "address", "phone", "tax_code", "email",
                  "communes", "valid_from", "valid_until"]


class StaffSerializer(serializers.ModelSerializer):
    """A staff member who recruits and collects."""

    collection_point = serializers.CharField(source="collection_point.code", allow_null=True, default=None)
    unit = serializers.CharField(source="unit.code")
    era = serializers.CharField(source="unit.era")
    communes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code",
                                            help_text="Codes of the communes served.")
    username = serializers.CharField(source="user.username", allow_null=True, default=None,
                                     help_text="The linked account, if any.")

    class Meta:
        model = Staff
        fields = ["code", "full_name", "organisation", "collection_point", "province_code", "phone", "unit", "era",
                  "communes", "valid_from", "valid_until", "username"]


class _PlacedInput(serializers.Serializer):
    """Home unit, communes served, phone and active dates."""

    unit = serializers.CharField(max_length=5, help_text="GSO code of the home unit (VN for the nation).")
    era = serializers.ChoiceField(choices=ERAS, required=False, help_text="Structure of the unit codes (default 2025).")
    communes = serializers.ListField(child=serializers.CharField(max_length=5), required=False, max_length=500,
                                     help_text="Codes of the communes served, in the home unit's province.")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    valid_from = serializers.DateField(help_text="Active from this day.")
    valid_until = serializers.DateField(required=False, allow_null=True, help_text="Active through this day.")


class StaffInputSerializer(_PlacedInput):
    """A new staff member."""

    code = serializers.CharField(max_length=20, help_text="Staff code (as on D03-TS/D05-TS); kept for good.")
    full_name = serializers.CharField(max_length=100)
    organisation = serializers.ChoiceField(choices=Organisation.choices)
    collection_point = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True,
                                             help_text="Code of the main collection point.")
    username = serializers.CharField(max_length=150, required=False, allow_blank=True, allow_null=True,
                                     help_text="An account of your area to link.")


class StaffPatchSerializer(StaffInputSerializer):
    """Changes to a staff member: only the fields sent change (the code does not)."""

    code = serializers.CharField(max_length=20, required=False, help_text="If sent, must be the staff member's code.")
    full_name = serializers.CharField(max_length=100, required=False)
    organisation = serializers.ChoiceField(choices=Organisation.choices, required=False)
    unit = serializers.CharField(max_length=5, required=False)
    valid_from = serializers.DateField(required=False)


class PointInputSerializer(_PlacedInput):
    """A new collection point."""

    code = serializers.CharField(max_length=20, help_text="Point (agent) code; kept for good.")
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=PointKind.choices)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    tax_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.CharField(max_length=100, required=False, allow_blank=True)


class PointPatchSerializer(PointInputSerializer):
    """Changes to a collection point: only the fields sent change (the code does not)."""

    code = serializers.CharField(max_length=20, required=False, help_text="If sent, must be the point's code.")
    name = serializers.CharField(max_length=200, required=False)
    kind = serializers.ChoiceField(choices=PointKind.choices, required=False)
    unit = serializers.CharField(max_length=5, required=False)
    valid_from = serializers.DateField(required=False)


class DeactivateSerializer(serializers.Serializer):
    """The last day a staff member works or a point collects."""

    valid_until = serializers.DateField(help_text="Active through this day; inactive from the next.")
