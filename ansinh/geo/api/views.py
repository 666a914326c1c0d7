"""API views for administrative units."""

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.text import fold
from ansinh.geo import selectors, services
from ansinh.geo.api.serializers import (
    StatisticSerializer,
    StatisticWriteSerializer,
    UnitDetailSerializer,
    UnitSerializer,
)
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


ERA_PARAM = OpenApiParameter("era", str, enum=Era.values,
                             description="Era of the unit; without it, today's unit wins.")


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Administrative units of both structures (reference data, readable by every signed-in user)."""

    queryset = Unit.objects.select_related("parent").order_by("era", "path")
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    lookup_field = "code"
    lookup_value_regex = "[0-9A-Za-z]{1,5}"

    def get_object(self):
        return selectors.unit_get(self.kwargs["code"], self.request.query_params.get("era") or None)

    @extend_schema(parameters=[ERA_PARAM], responses=UnitDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        """One unit by GSO code, with statistics and crosswalk."""
        unit = self.get_object()
        context = {"request": request, "successors": selectors.unit_successors(unit),
                   "predecessors": selectors.unit_predecessors(unit)}
        return Response(UnitDetailSerializer(unit, context=context).data)

    @extend_schema(parameters=[ERA_PARAM], request=StatisticWriteSerializer,
                   responses={201: StatisticSerializer})
    @action(detail=True, methods=["post"], url_path="statistics")
    def statistics(self, request, code=None):
        """Add or correct a yearly figure of a unit in your area."""
        unit = self.get_object()
        data = StatisticWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        stat = services.statistic_record(user=request.user, unit=unit, **data.validated_data)
        return Response(StatisticSerializer(stat).data, status=status.HTTP_201_CREATED)

