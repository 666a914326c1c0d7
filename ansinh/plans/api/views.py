"""API views: targets and reported figures of the user's area (404 outside it)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from ansinh.geo.selectors import unit_get
from ansinh.plans import selectors, services
from ansinh.plans.api.serializers import FigureSerializer, FigureWriteSerializer, PlanSerializer, PlanWriteSerializer


class _ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin,
                    viewsets.GenericViewSet):
    filterset_fields = ["indicator"]


class PlanViewSet(_ScopedViewSet):
    """Targets per unit, year, indicator and authority."""

    serializer_class = PlanSerializer
    filterset_fields = ["indicator", "year", "authority", "period"]

    def get_queryset(self):
        return selectors.plan_list(self.request.user)

    def get_object(self):
        action = "delete" if self.request.method == "DELETE" else "view"
        try:
            return selectors.plan_get(self.request.user, int(self.kwargs["pk"]), action)
        except (ValueError, Http404) as exc:
            raise Http404 from exc

    @extend_schema(request=PlanWriteSerializer, responses={201: PlanSerializer, 200: PlanSerializer})
    def create(self, request):
        """Set or correct a target of a unit in your area (201 when new, 200 when it existed)."""
        data = PlanWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = unit_get(values.pop("unit_code"), values.pop("unit_era") or None)
        plan, what = services.plan_record(user=request.user, unit=unit, **values)
        return Response(PlanSerializer(plan).data,
                        status=status.HTTP_201_CREATED if what == "created" else status.HTTP_200_OK)

    def perform_destroy(self, instance):
        services.plan_delete(user=self.request.user, plan=instance)


class FigureViewSet(_ScopedViewSet):
    """Figures reported for a unit and date where the records live elsewhere, with their sources."""

    serializer_class = FigureSerializer
    filterset_fields = ["indicator", "on"]

    def get_queryset(self):
        return selectors.figure_list(self.request.user)

    def get_object(self):
        action = "delete" if self.request.method == "DELETE" else "view"
        try:
            return selectors.figure_get(self.request.user, int(self.kwargs["pk"]), action)
        except (ValueError, Http404) as exc:
            raise Http404 from exc

    @extend_schema(request=FigureWriteSerializer, responses={201: FigureSerializer, 200: FigureSerializer})
    def create(self, request):
        """Record a reported figure for a unit in your area (re-sending the same figure changes nothing)."""
        data = FigureWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = unit_get(values.pop("unit_code"), values.pop("unit_era") or None)
        figure, what = services.figure_record(user=request.user, unit=unit, **values)
        return Response(FigureSerializer(figure).data,
                        status=status.HTTP_201_CREATED if what == "created" else status.HTTP_200_OK)

    def perform_destroy(self, instance):
        services.figure_delete(user=self.request.user, figure=instance)
