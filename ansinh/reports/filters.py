"""Filters of report-pack jobs, for the page and the API."""

import django_filters

from ansinh.reports.models import Job, JobState


class JobFilter(django_filters.FilterSet):
    """Jobs by state and unit code."""

    state = django_filters.ChoiceFilter(choices=JobState.choices, label="Trạng thái")
    unit = django_filters.CharFilter(field_name="unit__code", label="Mã đơn vị")

    class Meta:
        model = Job
        fields = ["state", "unit"]
