"""Filters of staff and collection points, one set for the pages and the API."""

import django_filters
from django.db.models import Q

from ansinh.network.choices import Organisation, PointKind
from ansinh.network.models import CollectionPoint, Staff


class StaffFilter(django_filters.FilterSet):
    """Staff by code or name (`q`), who they work for and their collection point."""

    q = django_filters.CharFilter(method="search", label="Mã hoặc họ tên")
    organisation = django_filters.ChoiceFilter(choices=Organisation.choices, label="Đơn vị công tác")
    collection_point = django_filters.CharFilter(field_name="collection_point__code", label="Mã điểm thu")

    class Meta:
        model = Staff
        fields = ["q", "organisation", "collection_point"]

    def search(self, queryset, name, value):
        """Code or name, as typed."""
        value = value.strip()
        return queryset.filter(Q(code__iexact=value) | Q(full_name__icontains=value)) if value else queryset


class PointFilter(django_filters.FilterSet):
    """Collection points by code or name (`q`) and kind."""

    q = django_filters.CharFilter(method="search", label="Mã hoặc tên")
    kind = django_filters.ChoiceFilter(choices=PointKind.choices, label="Loại điểm thu")

    class Meta:
        model = CollectionPoint
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        """Code or name, as typed."""
        value = value.strip()
        return queryset.filter(Q(code__iexact=value) | Q(name__icontains=value)) if value else queryset
