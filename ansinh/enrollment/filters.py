"""Filters of enrollments and receipts, one set for the pages and the API."""

import django_filters

from ansinh.enrollment.choices import EnrollmentStatus, Scheme
from ansinh.enrollment.models import Enrollment, Receipt


class EnrollmentFilter(django_filters.FilterSet):
    """Filter enrollments by person, scheme, status, household."""

    scheme = django_filters.ChoiceFilter(choices=Scheme.choices)
    status = django_filters.ChoiceFilter(choices=EnrollmentStatus.choices)

    class Meta:
        model = Enrollment
        fields = ["person", "household", "scheme", "status"]


class ReceiptFilter(django_filters.FilterSet):
    """Filter receipts by collection point, date and whether they were cancelled."""

    collection_point = django_filters.CharFilter(field_name="collection_point__code")
    cancelled = django_filters.BooleanFilter(field_name="cancelled_at", lookup_expr="isnull", exclude=True)
    date_from = django_filters.DateFilter(field_name="receipt_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="receipt_date", lookup_expr="lte")

    class Meta:
        model = Receipt
        fields = ["collection_point", "number", "date_from", "date_to", "cancelled"]
