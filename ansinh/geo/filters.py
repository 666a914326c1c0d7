"""Filters of administrative units, for the units pages and the API."""

import django_filters

from ansinh.core.text import fold
from ansinh.geo.choices import Era, Level
from ansinh.geo.models import Unit


class UnitFilter(django_filters.FilterSet):
    """Filter units by level, parent code, era and name (diacritics ignored)."""

    level = django_filters.ChoiceFilter(choices=Level.choices)
    era = django_filters.ChoiceFilter(choices=Era.choices)
    parent = django_filters.CharFilter(field_name="parent__code", help_text="GSO code of the parent unit")
    search = django_filters.CharFilter(method="filter_search", help_text="Name, diacritics and case ignored")

    class Meta:
        model = Unit
        fields = ["level", "era", "parent", "search"]

    def filter_search(self, queryset, name, value):
        """Diacritics-blind search on names."""
        return queryset.filter(search_text__contains=fold(value))
