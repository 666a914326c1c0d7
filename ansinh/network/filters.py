"""Filters of staff and collection points, one set for the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from ansinh.network.choices import Organisation, PointKind, Status
from ansinh.network.models import CollectionPoint, Staff
from ansinh.network.selectors import active_q, split_codes


class _Dated(django_filters.FilterSet):
    """A filter set over dated rows: `status` is read against one day (the page's today, else today)."""

    status = django_filters.ChoiceFilter(choices=Status.choices, method="by_status", label="Tình trạng",
                                         empty_label="Tất cả")
    commune = django_filters.CharFilter(method="by_commune", label="Phục vụ xã (mã)")

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def by_status(self, queryset, name, value):
        """Active on the day, or not (stopped, or not started yet)."""
        if value == Status.ACTIVE:
            return queryset.filter(active_q(self.today))
        if value == Status.INACTIVE:
            return queryset.exclude(active_q(self.today))
        return queryset

    def by_commune(self, queryset, name, value):
        """Rows serving a commune (its code), or placed in it."""
        codes = split_codes(value)
        if not codes:
            return queryset
        return queryset.filter(Q(communes__code__in=codes) | Q(unit__code__in=codes)).distinct()


class StaffFilter(_Dated):
    """Staff by code or name (`q`), who they work for, their collection point, status and a commune served."""

    q = django_filters.CharFilter(method="search", label="Mã hoặc họ tên")
    organisation = django_filters.ChoiceFilter(choices=Organisation.choices, label="Loại nhân viên",
                                               empty_label="Tất cả")
    collection_point = django_filters.CharFilter(field_name="collection_point__code", label="Mã điểm thu")

    class Meta:
        model = Staff
        fields = ["q", "organisation", "collection_point", "status", "commune"]

    def search(self, queryset, name, value):
        """Code or name, as typed."""
        value = value.strip()
        return queryset.filter(Q(code__iexact=value) | Q(full_name__icontains=value)) if value else queryset


class PointFilter(_Dated):
    """Collection points by code or name (`q`), kind, status and a commune served."""

    q = django_filters.CharFilter(method="search", label="Mã hoặc tên")
    kind = django_filters.ChoiceFilter(choices=PointKind.choices, label="Loại điểm thu", empty_label="Tất cả")

    class Meta:
        model = CollectionPoint
        fields = ["q", "kind", "status", "commune"]

    def search(self, queryset, name, value):
        """Code or name, as typed."""
        value = value.strip()
        return queryset.filter(Q(code__iexact=value) | Q(name__icontains=value)) if value else queryset
