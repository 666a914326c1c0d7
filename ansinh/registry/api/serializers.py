"""Serializers of the registry API: people and households in and out (identifiers masked on lists)."""

from rest_framework import serializers

from ansinh.geo.choices import Era
from ansinh.geo.models import Unit
from ansinh.registry.choices import HouseholdStatusKind, PersonStatusKind, Relation, Sex
from ansinh.registry.models import Household, Person, PersonStatus, mask_id


class UnitRefSerializer(serializers.Serializer):
    """A commune by GSO code and era ('2025' for today's units, 'pre2025' for the old ones)."""

    code = serializers.CharField(max_length=5)
    era = serializers.ChoiceField(choices=Era.choices, default="2025")

    def validate(self, attrs):
        unit = Unit.objects.filter(code=attrs["code"], era=attrs["era"], level="commune").first()
        if unit is None:
            raise serializers.ValidationError(f"Không có xã/phường mã {attrs['code']} ({attrs['era']}).")
        return unit


class PersonSerializer(serializers.ModelSerializer):
    """A person in lists: identifiers masked (only the last 4 digits)."""

    citizen_id = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    commune = serializers.CharField(source="commune.code")
    commune_era = serializers.CharField(source="commune.era")
    household = serializers.CharField(source="household.code", allow_null=True, default=None)

    class Meta:
        model = Person
        fields = ["id", "full_name", "date_of_birth", "sex", "ethnicity", "citizen_id", "phone", "commune",
                  "commune_era", "household", "relation"]

    def get_citizen_id(self, obj) -> str:
        """Masked citizen ID."""
        return mask_id(obj.citizen_id)

    def get_phone(self, obj) -> str:
        """Masked phone."""
        return mask_id(obj.phone)


class PersonStatusSerializer(serializers.ModelSerializer):
    """A person's status for a year (decides the support of that year's payments), with its evidence."""

    class Meta:
        model = PersonStatus
        fields = ["year", "kind", "local_group", "evidence", "decided_on"]


class PersonStatusInputSerializer(serializers.Serializer):
    """A status to record: the year, the kind, the decision or list, and for a province's top-up its group key."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    kind = serializers.ChoiceField(choices=PersonStatusKind.choices)
    evidence = serializers.CharField(max_length=255)
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    local_group = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class PersonDetailSerializer(serializers.ModelSerializer):
    """A person with full identifiers and statuses (the enrollment API adds the history)."""

    commune = serializers.CharField(source="commune.code")
    commune_era = serializers.CharField(source="commune.era")
    commune_name = serializers.CharField(source="commune.name")
    household = serializers.CharField(source="household.code", allow_null=True, default=None)
    statuses = PersonStatusSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "full_name", "date_of_birth", "sex", "ethnicity", "citizen_id", "legacy_si_code", "phone",
                  "commune", "commune_era", "commune_name", "address", "household", "relation", "statuses", "source",
                  "created_at"]


class PersonInputSerializer(serializers.Serializer):
    """A person to register."""

    full_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField()
    sex = serializers.ChoiceField(choices=Sex.choices)
    citizen_id = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    legacy_si_code = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    ethnicity = serializers.CharField(max_length=40, required=False, default="Kinh")
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    commune = UnitRefSerializer()
    registered_on = serializers.DateField(
        required=False, help_text="Date of the registration (default today): the commune must exist on it, so a "
                                  "back-dated paper registration before 1/7/2025 names an old-structure commune and "
                                  "one from that day a commune of today (else `unit_not_valid_on_date`).")


class MemberInputSerializer(serializers.Serializer):
    """A member of a household to register."""

    full_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField()
    sex = serializers.ChoiceField(choices=Sex.choices)
    relation = serializers.ChoiceField(choices=Relation.choices, required=False, allow_blank=True, default="")
    citizen_id = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    legacy_si_code = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    ethnicity = serializers.CharField(max_length=40, required=False, default="Kinh")


class HouseholdInputSerializer(serializers.Serializer):
    """A household to register with its members."""

    code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="",
                                 help_text="Empty: a code H<commune>-<n> is given.")
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    commune = UnitRefSerializer()
    registered_on = serializers.DateField(
        required=False, help_text="Date of the registration (default today): the commune must exist on it, so a "
                                  "back-dated paper registration before 1/7/2025 names an old-structure commune and "
                                  "one from that day a commune of today (else `unit_not_valid_on_date`).")
    members = MemberInputSerializer(many=True, min_length=1)


class HouseholdStatusSerializer(serializers.Serializer):
    """A household's status for a year."""

    year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=HouseholdStatusKind.choices)
    source = serializers.CharField()


class HouseholdSerializer(serializers.ModelSerializer):
    """A household with its members (identifiers masked) and statuses."""

    commune = serializers.CharField(source="commune.code")
    commune_era = serializers.CharField(source="commune.era")
    head = serializers.IntegerField(source="head_id", allow_null=True)
    members = PersonSerializer(many=True, read_only=True)
    statuses = HouseholdStatusSerializer(many=True, read_only=True)

    class Meta:
        model = Household
        fields = ["id", "code", "address", "commune", "commune_era", "head", "members", "statuses", "source"]
