"""API of the registry: find and register people and households of your area.

The enrollment API extends these viewsets with payments, quotes, history and the change log, and routes
them (ansinh/enrollment/api/urls.py): the field API is one set of URLs under /api/v1/people/ and
/api/v1/households/.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ErrorSerializer, RoleChecked
from ansinh.core.scoping import Action
from ansinh.registry import selectors
from ansinh.registry.api.serializers import (
    HouseholdInputSerializer,
    HouseholdSerializer,
    PersonDetailSerializer,
    PersonInputSerializer,
    PersonSerializer,
    PersonStatusInputSerializer,
)
from ansinh.registry.filters import HouseholdFilter, PersonFilter
from ansinh.registry.services import (
    MemberInput,
    household_register_with_members,
    person_register,
    person_status_set,
)

ERRORS = {400: OpenApiResponse(ErrorSerializer, description="Refused: a stable code (person_exists, "
                                                            "already_enrolled, duplicate_receipt, "
                                                            "income_below_minimum…) and a Vietnamese message."),
          404: OpenApiResponse(ErrorSerializer, description="Not found, or outside your area.")}


@extend_schema_view(list=extend_schema(summary="Find people in your area (identifiers masked)"))
class PersonViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """People of your area: search, register, read."""

    write_actions = {"create": Action.REGISTER, "statuses": Action.CHANGE_MEMBER}

    serializer_class = PersonSerializer
    detail_serializer_class = PersonDetailSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        return selectors.person_list(user=self.request.user)

    def get_object(self):
        return selectors.person_get(user=self.request.user, pk=self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs):
        return Response(self.detail_serializer_class(self.get_object()).data)

    @extend_schema(summary="Register a person", request=PersonInputSerializer,
                   responses={201: PersonDetailSerializer, **ERRORS})
    def create(self, request):
        """Register a person in a commune of your area; a known citizen ID is refused (`person_exists`)."""
        data = PersonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        person = person_register(user=request.user, source="api", on=values.pop("registered_on", None), **values)
        return Response(self.detail_serializer_class(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Record a person's status for a year (near-poor, student, …) with its evidence",
                   request=PersonStatusInputSerializer, responses={201: PersonDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def statuses(self, request, pk=None):
        """The status decides the support of that year's payments; the same year and kind again replaces it."""
        person = self.get_object()
        data = PersonStatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person_status_set(user=request.user, person=person, **data.validated_data)
        return Response(self.detail_serializer_class(selectors.person_get(user=request.user, pk=person.pk)).data,
                        status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Find households in your area"))
class HouseholdViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Households of your area: search, register with members, read."""

    write_actions = {"create": Action.REGISTER}

    serializer_class = HouseholdSerializer
    filterset_class = HouseholdFilter

    def get_queryset(self):
        return selectors.household_list(user=self.request.user) \
            .prefetch_related("members__commune", "members__household", "statuses")

    def get_object(self):
        return selectors.household_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(summary="A household with its members and statuses",
                   responses={200: HouseholdSerializer, 404: ERRORS[404]})
    def retrieve(self, request, *args, **kwargs):
        return Response(HouseholdSerializer(self.get_object()).data)

    def register(self, request, values: dict):
        """Register a household and its members from validated input (one transaction)."""
        return household_register_with_members(
            user=request.user, commune=values["commune"], members=[MemberInput(**m) for m in values["members"]],
            code=values["code"], address=values["address"], source="api", on=values.get("registered_on"))

    @extend_schema(summary="Register a household with its members", request=HouseholdInputSerializer,
                   responses={201: HouseholdSerializer, **ERRORS})
    def create(self, request):
        """Register a household and its members in one step; a citizen ID already registered refuses all of it."""
        data = HouseholdInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        household = self.register(request, data.validated_data)
        household = selectors.household_get(user=request.user, pk=household.pk)
        return Response(HouseholdSerializer(household).data, status=status.HTTP_201_CREATED)
