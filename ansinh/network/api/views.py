"""API of the field network: collection points and staff of your area."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from ansinh.network import selectors
from ansinh.network.api.serializers import PointSerializer, StaffSerializer
from ansinh.network.filters import PointFilter, StaffFilter


@extend_schema_view(list=extend_schema(summary="Collection points of your area"))
class PointViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Collection points (post offices, agents, BHXH offices) of your area."""

    serializer_class = PointSerializer
    filterset_class = PointFilter

    def get_queryset(self):
        return selectors.points_for(self.request.user, "view")


@extend_schema_view(list=extend_schema(summary="Collectors of your area"))
class StaffViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Collectors (staff codes as on D03-TS/D05-TS) of your area."""

    serializer_class = StaffSerializer
    filterset_class = StaffFilter

    def get_queryset(self):
        return selectors.staff_for(self.request.user)
