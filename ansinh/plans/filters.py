"""Filters of targets and reported figures, one set for the pages and the API."""

import django_filters

from ansinh.plans.choices import Authority, Indicator, Period
from ansinh.plans.models import Plan, ReportedFigure


class PlanFilter(django_filters.FilterSet):
    """Targets by year, indicator, authority, period and unit code."""

    year = django_filters.NumberFilter(label="Năm")
    indicator = django_filters.ChoiceFilter(choices=Indicator.choices, label="Chỉ tiêu")
    authority = django_filters.ChoiceFilter(choices=Authority.choices, label="Cơ quan giao")
    period = django_filters.ChoiceFilter(choices=Period.choices, label="Kỳ")
    unit = django_filters.CharFilter(field_name="unit__code", label="Mã đơn vị")

    class Meta:
        model = Plan
        fields = ["year", "indicator", "authority", "period", "unit"]


class FigureFilter(django_filters.FilterSet):
    """Reported figures by indicator, date and unit code."""

    indicator = django_filters.ChoiceFilter(choices=Indicator.choices, label="Chỉ tiêu")
    on = django_filters.DateFilter(label="Tính đến ngày")
    unit = django_filters.CharFilter(field_name="unit__code", label="Mã đơn vị")

    class Meta:
        model = ReportedFigure
        fields = ["indicator", "on", "unit"]
