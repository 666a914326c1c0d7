"""Administrative units for both eras, the crosswalk between them and yearly statistics."""

from django.db import models

from ansinh.core.models import Audited
from ansinh.core.scoping import ScopedQuerySet
from ansinh.geo.choices import Era, Indicator, Level


class UnitQuerySet(models.QuerySet):
    """Queries over units."""

    def search(self, query: str):
        """Units whose name matches the query, ignoring diacritics and case."""
        from ansinh.core.text import fold

        folded = fold(query)
        if not folded:
            return self
        return self.filter(search_text__contains=folded)


class Unit(models.Model):
    """An administrative unit (nation, province, district or commune) of one era."""

    era = models.CharField(max_length=8, choices=Era.choices, blank=True,
                           help_text="Blank for the nation, which belongs to both eras.")
    level = models.CharField(max_length=10, choices=Level.choices)
    code = models.CharField(max_length=5, help_text="GSO code, zero-padded (84, 842, 28777).")
    name = models.CharField(max_length=120, help_text="Full name with its type: Tỉnh Trà Vinh.")
    short_name = models.CharField(max_length=100)
    unit_type = models.CharField(max_length=30, help_text="Tỉnh, Thành phố, Huyện, Xã, Phường, Đặc khu…")
    ascii_key = models.CharField(max_length=120, help_text="Name without diacritics: tinh tra vinh.")
    search_text = models.CharField(max_length=250, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    path = models.CharField(max_length=40, db_index=True,
                            help_text="era/province/district/commune/ — subtree queries by prefix.")
    province_code = models.CharField(max_length=2, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["era", "code"]
        constraints = [
            models.UniqueConstraint(fields=["era", "code"], name="geo_unit_era_code_unique"),
            models.CheckConstraint(condition=models.Q(level="nation") | ~models.Q(era=""),
                                   name="geo_unit_era_required_below_nation"),
        ]
        indexes = [models.Index(fields=["era", "level", "parent"], name="geo_unit_era_level_parent")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        """True for units of today's structure (and the nation)."""
        return self.era in ("", Era.FROM_2025)


class UnitSuccession(models.Model):
    """Crosswalk row: an ended unit went, wholly or partly, into a unit that took it over on `effective`.

    Most rows are the reform of 1/7/2025 (old structure → today's). A unit ended by a 2019–2025 merger
    within the old structure has a row to the old unit that absorbed it (not default) and a default row
    to today's unit that holds its figures, so re-aggregation to today's units reads default rows only.
    """

    old = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successions")
    new = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="predecessions")
    partly = models.BooleanField(default=False, help_text="The old unit was split across several new ones.")
    is_default = models.BooleanField(default=True,
                                     help_text="The unit of today's structure that takes the old unit's figures.")
    effective = models.DateField(null=True, blank=True, help_text="Day the change took effect (1/7/2025 for the "
                                                                  "reform).")
    legal_ref = models.CharField(max_length=200, blank=True, help_text="The resolution of the change.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["old", "new"], name="geo_succession_unique")]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"


class UnitStatistic(Audited):
    """A yearly figure for a unit (population, working-age labour force) with its source."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="statistics")
    indicator = models.CharField(max_length=20, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveBigIntegerField()
    source = models.TextField()

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["unit__code", "indicator", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator", "year"], name="geo_statistic_unique"),
            models.CheckConstraint(condition=models.Q(year__gte=1945) & models.Q(year__lte=2100),
                                   name="geo_statistic_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_indicator_display()} {self.year}: {self.value}"
