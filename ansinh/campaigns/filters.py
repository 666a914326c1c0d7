"""Filters of campaigns and their reported results, for the pages and the API."""

import django_filters

from ansinh.campaigns.choices import SCHEME_CHOICES, CampaignStatus
from ansinh.campaigns.models import Campaign, Correction, ReportedResult


class CampaignFilter(django_filters.FilterSet):
    """Campaigns by status and the year they start."""

    status = django_filters.ChoiceFilter(choices=CampaignStatus.choices, label="Trạng thái")
    year = django_filters.NumberFilter(field_name="start_date__year", label="Năm", min_value=1990, max_value=2100,
                                       decimal_places=0)

    class Meta:
        model = Campaign
        fields = ["status", "year"]


class ResultFilter(django_filters.FilterSet):
    """Reported results and corrections by day, scheme and unit code."""

    day = django_filters.DateFilter(label="Ngày")
    scheme = django_filters.ChoiceFilter(choices=SCHEME_CHOICES, label="Loại hình")
    unit = django_filters.CharFilter(field_name="unit__code", label="Mã đơn vị")

    class Meta:
        model = ReportedResult
        fields = ["day", "scheme", "unit"]


class CorrectionFilter(ResultFilter):
    """Corrections by day, scheme and unit code."""

    class Meta(ResultFilter.Meta):
        model = Correction
