"""API views for administrative units."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import RoleChecked
from ansinh.core.scoping import Action
from ansinh.geo import selectors, services
from ansinh.geo.api.serializers import (
    StatisticSerializer,
    StatisticWriteSerializer,
    UnitDetailSerializer,
    UnitSerializer,
)
from ansinh.geo.choices import Era
from ansinh.geo.filters import UnitFilter
from ansinh.geo.models import Unit

ERA_PARAM = OpenApiParameter("era", str, enum=Era.values,
                             description="Era of the unit; without it, today's unit wins.")


class UnitViewSet(RoleChecked, viewsets.ReadOnlyModelViewSet):
    """Administrative units of both structures (reference data, readable by every signed-in user)."""

    write_actions = {"statistics": Action.ENTER_FIGURES}

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

