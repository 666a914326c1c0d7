"""API views: targets and reported figures of the user's area (404 outside it)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from ansinh.core.api import RoleChecked
from ansinh.core.scoping import Action
from ansinh.geo.selectors import unit_get
from ansinh.plans import selectors, services
from ansinh.plans.api.serializers import FigureSerializer, FigureWriteSerializer, PlanSerializer, PlanWriteSerializer
from ansinh.plans.filters import FigureFilter, PlanFilter


class _ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin,
                    viewsets.GenericViewSet):
    """List, read, create (upsert through a service) and delete rows of the user's area."""

    write_serializer_class = None

    def fetch(self, user, pk: int, action: str):
        """The row with this id in the user's area (raises Http404)."""
        raise NotImplementedError

    def record(self, user, unit, values: dict):
        """Create or correct a row through the service; returns (row, what)."""
        raise NotImplementedError

    def get_object(self):
        action = "delete" if self.request.method == "DELETE" else "view"
        try:
            return self.fetch(self.request.user, int(self.kwargs["pk"]), action)
        except (ValueError, Http404) as exc:
            raise Http404 from exc

    def create(self, request):
        data = self.write_serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = unit_get(values.pop("unit_code"), values.pop("unit_era") or None)
        row, what = self.record(request.user, unit, values)
        return Response(self.get_serializer(row).data,
                        status=status.HTTP_201_CREATED if what == "created" else status.HTTP_200_OK)


class PlanViewSet(RoleChecked, _ScopedViewSet):
    """Targets per unit, year, indicator and authority."""

    write_actions = {"create": Action.SET_TARGETS, "destroy": Action.SET_TARGETS}

    serializer_class = PlanSerializer
    write_serializer_class = PlanWriteSerializer
    filterset_class = PlanFilter

    def get_queryset(self):
        return selectors.plan_list(self.request.user)

    def fetch(self, user, pk, action):
        return selectors.plan_get(user, pk, action)

    def record(self, user, unit, values):
        return services.plan_record(user=user, unit=unit, **values)

    @extend_schema(request=PlanWriteSerializer, responses={201: PlanSerializer, 200: PlanSerializer})
    def create(self, request):
        """Set or correct a target of a unit in your area (201 when new, 200 when it existed)."""
        return super().create(request)

    def perform_destroy(self, instance):
        services.plan_delete(user=self.request.user, plan=instance)


class FigureViewSet(RoleChecked, _ScopedViewSet):
    """Figures reported for a unit and date where the records live elsewhere, with their sources."""

    write_actions = {"create": Action.ENTER_FIGURES, "destroy": Action.ENTER_FIGURES}

    serializer_class = FigureSerializer
    write_serializer_class = FigureWriteSerializer
    filterset_class = FigureFilter

    def get_queryset(self):
        return selectors.figure_list(self.request.user)

    def fetch(self, user, pk, action):
        return selectors.figure_get(user, pk, action)

    def record(self, user, unit, values):
        return services.figure_record(user=user, unit=unit, **values)

    @extend_schema(request=FigureWriteSerializer, responses={201: FigureSerializer, 200: FigureSerializer})
    def create(self, request):
        """Record a reported figure for a unit in your area (re-sending the same figure changes nothing)."""
        return super().create(request)

    def perform_destroy(self, instance):
        services.figure_delete(user=self.request.user, figure=instance)
