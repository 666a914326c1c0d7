"""Filters of people and households, one set for the search page and the API."""

import django_filters

from ansinh.registry import selectors
from ansinh.registry.choices import Sex
from ansinh.registry.models import Household, Person

SEARCH_HELP = "Name without accents, citizen ID (or its last digits), SI code or phone."


class PersonFilter(django_filters.FilterSet):
    """People by name, identifier or phone (`q`), commune and sex."""

    q = django_filters.CharFilter(method="search", label="Tìm", help_text=SEARCH_HELP)
    commune = django_filters.CharFilter(field_name="commune__code", label="Mã xã")
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label="Giới tính")

    class Meta:
        model = Person
        fields = ["q", "commune", "sex"]

    def search(self, queryset, name, value):
        """The registry's search: digits for identifiers and phones, words for names."""
        return selectors.person_search(queryset, value)


class HouseholdFilter(django_filters.FilterSet):
    """Households by code or the head's name (`q`) and commune."""

    q = django_filters.CharFilter(method="search", label="Tìm", help_text="Household code or the head's name.")
    commune = django_filters.CharFilter(field_name="commune__code", label="Mã xã")

    class Meta:
        model = Household
        fields = ["q", "commune"]

    def search(self, queryset, name, value):
        """Households by code or by the head's name."""
        return selectors.household_search(queryset, value)
