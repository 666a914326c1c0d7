"""API of the field network: collection points and staff of your area — list, read, add, change, stop.

Writes need the right to manage staff (`RoleChecked`: 403 with the reason otherwise); an object outside your area
is a JSON 404; refusals come back as `{"error": {"code", "message", "field"}}` with a stable code.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ErrorSerializer, RoleChecked
from ansinh.core.errors import DomainError
from ansinh.core.scoping import Action
from ansinh.geo.choices import Era
from ansinh.network import selectors, services
from ansinh.network.api import serializers as s
from ansinh.network.errors import NetworkError
from ansinh.network.filters import PointFilter, StaffFilter

ERRORS = {400: OpenApiResponse(ErrorSerializer, description="Refused: a stable code and a Vietnamese message."),
          403: OpenApiResponse(ErrorSerializer, description="Your role may not manage staff and points."),
          404: OpenApiResponse(ErrorSerializer, description="Not found, or outside your area.")}
WRITES = {"create": Action.MANAGE_STAFF, "partial_update": Action.MANAGE_STAFF, "deactivate": Action.MANAGE_STAFF}


def _placed(data: dict, current=None) -> dict:
    """Service keywords for the unit, communes, phone and dates that were sent (a PATCH sends only some): the unit
    code is read in `era` (default 2025), the communes in the era of the (new or current) unit."""
    era = data.get("era") or Era.FROM_2025
    out = {}
    if "unit" in data:
        out["unit"] = selectors.unit_for(data["unit"], era)
    unit = out.get("unit") or (current.unit if current is not None else None)
    if "communes" in data:
        out["communes"] = selectors.communes_for(data["communes"], (unit.era if unit is not None else "") or era)
    for name in ("phone", "valid_from", "valid_until"):
        if name in data:
            out[name] = data[name]
    return out


def _same_code(data: dict, row) -> None:
    if "code" in data and data["code"].strip() != row.code:
        raise DomainError(f"Mã '{row.code}' được giữ nguyên; không đổi được thành '{data['code']}'.",
                          code=NetworkError.CODE_UNCHANGEABLE, field="code")


@extend_schema_view(list=extend_schema(summary="Collection points of your area"),
                    retrieve=extend_schema(summary="One collection point", responses={200: s.PointSerializer,
                                                                                     404: ERRORS[404]}))
class PointViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Collection points (post offices, agents, BHXH offices, communes) of your area."""

    write_actions = WRITES
    serializer_class = s.PointSerializer
    filterset_class = PointFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.point_list(self.request.user)

    def get_object(self):
        return selectors.point_get(self.request.user, code=self.kwargs["code"])

    @extend_schema(summary="Open a collection point", request=s.PointInputSerializer,
                   responses={201: s.PointSerializer, **ERRORS})
    def create(self, request):
        """Open a collection point in your area (active from `valid_from`)."""
        data = s.PointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        point = services.point_create(
            user=request.user, code=d["code"], name=d["name"], kind=d["kind"], **_placed(d),
            **{k: d[k] for k in ("address", "tax_code", "email") if k in d})
        return Response(s.PointSerializer(point).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change a collection point", request=s.PointPatchSerializer,
                   responses={200: s.PointSerializer, **ERRORS})
    def partial_update(self, request, code=None):
        """Change what was sent (the code stays)."""
        point = self.get_object()
        data = s.PointPatchSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        _same_code(d, point)
        point = services.point_update(user=request.user, point=point, **_placed(d, point),
                                      **{k: d[k] for k in ("name", "kind", "address", "tax_code", "email") if k in d})
        return Response(s.PointSerializer(selectors.point_get(request.user, code=point.code)).data)

    @extend_schema(summary="Close a collection point", request=s.DeactivateSerializer,
                   responses={201: s.PointSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def deactivate(self, request, code=None):
        """The point collects through `valid_until` and is inactive from the next day; the record stays."""
        point = self.get_object()
        data = s.DeactivateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        point = services.point_deactivate(user=request.user, point=point, until=data.validated_data["valid_until"])
        return Response(s.PointSerializer(selectors.point_get(request.user, code=point.code)).data,
                        status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Staff of your area"),
                    retrieve=extend_schema(summary="One staff member", responses={200: s.StaffSerializer,
                                                                                 404: ERRORS[404]}))
class StaffViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Staff who recruit and collect (staff codes as on D03-TS/D05-TS) of your area."""

    write_actions = WRITES
    serializer_class = s.StaffSerializer
    filterset_class = StaffFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.staff_list(self.request.user)

    def get_object(self):
        return selectors.staff_get(self.request.user, code=self.kwargs["code"])

    def _links(self, d: dict) -> dict:
        out = {}
        if "collection_point" in d:
            out["collection_point"] = selectors.point_for(self.request.user, d["collection_point"])
        if "username" in d:
            out["account"] = selectors.account_for(self.request.user, d["username"], field="username")
        return out

    @extend_schema(summary="Add a staff member", request=s.StaffInputSerializer,
                   responses={201: s.StaffSerializer, **ERRORS})
    def create(self, request):
        """Add a staff member to a unit of your area (active from `valid_from`)."""
        data = s.StaffInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        staff = services.staff_create(user=request.user, code=d["code"], full_name=d["full_name"],
                                      organisation=d["organisation"], **_placed(d), **self._links(d))
        return Response(s.StaffSerializer(selectors.staff_get(request.user, code=staff.code)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change a staff member", request=s.StaffPatchSerializer,
                   responses={200: s.StaffSerializer, **ERRORS})
    def partial_update(self, request, code=None):
        """Change what was sent (the code stays)."""
        staff = self.get_object()
        data = s.StaffPatchSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        _same_code(d, staff)
        staff = services.staff_update(user=request.user, staff=staff, **_placed(d, staff), **self._links(d),
                                      **{k: d[k] for k in ("full_name", "organisation") if k in d})
        return Response(s.StaffSerializer(selectors.staff_get(request.user, code=staff.code)).data)

    @extend_schema(summary="Stop a staff member", request=s.DeactivateSerializer,
                   responses={201: s.StaffSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def deactivate(self, request, code=None):
        """The staff member works through `valid_until` and is inactive from the next day; the record stays."""
        staff = self.get_object()
        data = s.DeactivateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        staff = services.staff_deactivate(user=request.user, staff=staff, until=data.validated_data["valid_until"])
        return Response(s.StaffSerializer(selectors.staff_get(request.user, code=staff.code)).data,
                        status=status.HTTP_201_CREATED)
