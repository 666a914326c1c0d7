"""Yearly targets per unit and indicator, and reported figures where the records live elsewhere."""

import calendar
import datetime as dt

from django.db import models
from django.db.models import Q

from ansinh.core.models import Audited
from ansinh.core.scoping import ScopedQuerySet
from ansinh.plans.choices import PERIOD_END_MONTH, Authority, Indicator, Period


class Plan(Audited):
    """A target for a unit, year (or year to a quarter/month end) and indicator, set by one authority."""

    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=4, choices=Period.choices, default=Period.YEAR)
    indicator = models.CharField(max_length=20, choices=Indicator.choices)
    value = models.DecimalField(max_digits=18, decimal_places=2,
                                help_text="% for coverage rates, people for counts, đồng for revenue.")
    authority = models.CharField(max_length=10, choices=Authority.choices)
    document = models.CharField(max_length=200, blank=True, help_text="Quyết định, kế hoạch giao chỉ tiêu.")
    source = models.TextField(blank=True, help_text="Where the target was read (document, article and its date).")
    note = models.TextField(blank=True, help_text="How a target was derived, if it was not printed.")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["unit__path", "-year", "indicator", "period", "authority"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "period", "indicator", "authority"],
                                    name="plans_plan_one_per_authority"),
            models.CheckConstraint(condition=Q(value__gte=0), name="plans_plan_value_not_negative"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="plans_plan_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.get_indicator_display()} ({self.get_authority_display()})"

    @property
    def period_end(self) -> dt.date:
        """Last day of the span the target covers."""
        month = PERIOD_END_MONTH[self.period]
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])


class ReportedFigure(Audited):
    """A figure for a unit on a date reported elsewhere (a report, an article), with its source."""

    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    on = models.DateField(help_text="The date the figure stands at (tính đến ngày).")
    indicator = models.CharField(max_length=20, choices=Indicator.choices)
    value = models.DecimalField(max_digits=18, decimal_places=2)
    source = models.TextField(help_text="Who reported it: report, article, publisher.")
    source_date = models.DateField(null=True, blank=True, help_text="Date of the report or article.")
    source_url = models.URLField(max_length=300, blank=True)
    derived = models.BooleanField(default=False,
                                  help_text="Computed from the source's own data (e.g. 8,463 − 2,578), not printed.")
    printed_plan_pct = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True,
                                           help_text="“đạt X% kế hoạch” as the source printed it.")
    printed_needed = models.PositiveBigIntegerField(null=True, blank=True,
                                                    help_text="“cần thêm N người” as the source printed it.")
    note = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["unit__path", "-on", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "on", "indicator"], name="plans_figure_one_per_day"),
            models.CheckConstraint(condition=Q(value__gte=0), name="plans_figure_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.on:%d/%m/%Y} {self.get_indicator_display()}: {self.value}"


class RecordsComplete(Audited):
    """From a day on, every participant of a unit (and of the units below it) is recorded in ansinh: its counts
    come from the records alone, not from a reported baseline carried forward."""

    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="+")
    since = models.DateField(help_text="The first day on which ansinh holds every participant of the unit.")
    note = models.TextField(blank=True, help_text="How completeness was checked (a reconciliation with BHXH's list).")

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "unit__path"

    class Meta:
        ordering = ["unit__path"]
        verbose_name_plural = "records complete"
        constraints = [models.UniqueConstraint(fields=["unit"], name="plans_records_complete_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit}: hồ sơ đầy đủ từ {self.since:%d/%m/%Y}"
