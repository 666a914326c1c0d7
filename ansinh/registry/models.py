"""People and households, with the living-standard status of a household per year."""

from django.db import models
from django.db.models import Q

from ansinh.core.models import Audited, Created
from ansinh.core.scoping import ScopedQuerySet
from ansinh.core.text import mask
from ansinh.registry.choices import MAJORITY_ETHNICITY, HouseholdStatusKind, PersonStatusKind, Relation, Sex


class Household(Audited):
    """A household (hộ gia đình): people registered at one dwelling, with a head and an address."""

    code = models.CharField(max_length=20, unique=True, help_text="Mã hộ gia đình.")
    head = models.ForeignKey("registry.Person", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    address = models.CharField(max_length=255, blank=True)
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=2)
    source = models.CharField(max_length=40, blank=True, help_text="page, api, import:<run>:<batch>…")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["province_code"], name="registry_household_province")]

    def __str__(self) -> str:
        return f"Hộ {self.code}"


class HouseholdStatus(models.Model):
    """A household's status for a year (poor, near-poor, farming of average standard) and its source."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="statuses")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=HouseholdStatusKind.choices)
    source = models.CharField(max_length=255, help_text="Quyết định công nhận (số, ngày, cơ quan).")
    province_code = models.CharField(max_length=2, db_index=True, default="")

    class Meta:
        ordering = ["household", "-year"]
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="registry_status_one_per_year")]

    def __str__(self) -> str:
        return f"{self.household} {self.year}: {self.get_status_display()}"


class Person(Audited):
    """A person who may join a scheme: identity, identifiers, residence, household."""

    full_name = models.CharField(max_length=100)
    name_folded = models.CharField(max_length=100, db_index=True, help_text="Name without diacritics, lower case.")
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    ethnicity = models.CharField(max_length=40, default=MAJORITY_ETHNICITY)
    citizen_id = models.CharField(max_length=12, null=True, blank=True,
                                  help_text="Số định danh cá nhân / CCCD, 12 chữ số (unique when present).")
    legacy_si_code = models.CharField(max_length=10, null=True, blank=True,
                                      help_text="Mã số BHXH cũ, 10 chữ số (unique when present).")
    phone = models.CharField(max_length=10, blank=True, help_text="0XXXXXXXXX")
    commune = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+",
                                help_text="Residence commune (a unit of its time).")
    province_code = models.CharField(max_length=2)
    address = models.CharField(max_length=255, blank=True)
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="members")
    relation = models.CharField(max_length=12, choices=Relation.choices, blank=True,
                                help_text="Relation to the head of the household.")
    source = models.CharField(max_length=40, blank=True, help_text="page, api, import:<run>:<batch>…")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "commune__path"

    class Meta:
        ordering = ["name_folded", "date_of_birth"]
        # Explicit indexes (no extra LIKE indexes on identifiers): fewer indexes to keep up on bulk imports.
        indexes = [models.Index(fields=["phone"], name="registry_person_phone"),
                   models.Index(fields=["province_code"], name="registry_person_province")]
        constraints = [
            models.UniqueConstraint(fields=["citizen_id"], name="registry_person_citizen_id_unique"),
            models.UniqueConstraint(fields=["legacy_si_code"], name="registry_person_si_code_unique"),
            models.CheckConstraint(condition=Q(citizen_id__isnull=True) | Q(citizen_id__regex=r"^[0-9]{12}$"),
                                   name="registry_person_citizen_id_12_digits"),
            models.CheckConstraint(condition=Q(legacy_si_code__isnull=True)
                                   | Q(legacy_si_code__regex=r"^[0-9]{10}$"),
                                   name="registry_person_si_code_10_digits"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_ethnic_minority(self) -> bool:
        """Anyone whose ethnicity is not Kinh."""
        return bool(self.ethnicity) and self.ethnicity != MAJORITY_ETHNICITY

    @property
    def masked_citizen_id(self) -> str:
        """Citizen ID for lists: only the last 4 digits shown."""
        return mask_id(self.citizen_id)


def mask_id(value: str | None) -> str:
    """'079305001234' -> '********1234' (`core.text.mask`)."""
    return mask(value)


class PersonStatus(Created):
    """A person's status for a year (near-poor, student, ethnic minority, a province's top-up group…) and its evidence.

    Read at payment: the household HI and voluntary SI forms apply the state's and the province's share of the
    person's group (`enrollment.support`). A household's status (`HouseholdStatus`) counts for every member.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="statuses")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30, choices=PersonStatusKind.choices)
    local_group = models.CharField(max_length=40, blank=True,
                                   help_text="Khóa nhóm hỗ trợ của tỉnh (chỉ với loại 'local'), ví dụ ld_nq143_listed.")
    evidence = models.CharField(max_length=255, help_text="Quyết định hoặc danh sách: số, ngày, cơ quan.")
    decided_on = models.DateField(null=True, blank=True)
    province_code = models.CharField(max_length=2, db_index=True, default="")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "person__commune__path"

    class Meta:
        ordering = ["person", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year", "kind"], name="registry_person_status_one_per_year"),
            models.CheckConstraint(condition=~Q(evidence=""), name="registry_person_status_has_evidence"),
            models.CheckConstraint(condition=Q(kind="local") | Q(local_group=""),
                                   name="registry_person_status_local_group_only_local"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_kind_display()}"
