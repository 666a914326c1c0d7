"""API of the registry: find and register people and households, quotes, enrollments, history, change log."""

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.errors import DomainError
from ansinh.core.scoping import path_in_scope
from ansinh.enrollment import quotes, services
from ansinh.enrollment.api.serializers import ErrorSerializer, QuoteSerializer, payment_from
from ansinh.enrollment.choices import METHOD_MONTHS
from ansinh.registry import selectors
from ansinh.registry.api.serializers import (
    ChangeSerializer,
    EnrolledSerializer,
    HouseholdCreatedSerializer,
    HouseholdEnrollInputSerializer,
    HouseholdInputSerializer,
    HouseholdQuoteInputSerializer,
    HouseholdSerializer,
    PersonDetailSerializer,
    PersonInputSerializer,
    PersonSerializer,
    VoluntarySIEnrollInputSerializer,
    VoluntarySIQuoteRequestSerializer,
)
from ansinh.registry.models import Household, Person
from ansinh.registry.services import MemberInput, household_register_with_members, person_register

ERRORS = {400: OpenApiResponse(ErrorSerializer, description="Refused: a stable code (person_exists, "
                                                            "already_enrolled, duplicate_receipt, "
                                                            "income_below_minimum…) and a Vietnamese message."),
          404: OpenApiResponse(ErrorSerializer, description="Not found, or outside your area.")}
SEARCH = OpenApiParameter("q", str, description="Name without accents, citizen ID, SI code or phone.")


def _enrolled(enrollments) -> dict:
    receipt = enrollments[0].contributions.get().receipt
    return EnrolledSerializer({"receipt": receipt.pk, "receipt_number": receipt.number,
                               "amount_paid": receipt.amount_paid, "enrollments": enrollments}).data


def _changes(user, objects, sources) -> list[dict]:
    return [{"at": e.at, "user": e.user.username if e.user else None, "action": e.action,
             "object_type": e.object_type, "object_id": e.object_id, "object_repr": e.object_repr,
             "changes": e.changes} for e in selectors.record_changes(user=user, objects=objects,
                                                                      import_sources=sources)]


@extend_schema_view(list=extend_schema(summary="Find people in your area (identifiers masked)", parameters=[SEARCH]))
class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """People of your area: search, register, history, voluntary SI, change log."""

    serializer_class = PersonSerializer

    def get_queryset(self):
        return selectors.person_list(user=self.request.user, query=self.request.query_params.get("q", ""))

    def get_object(self):
        return selectors.person_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(summary="A person with full identifiers and history",
                   responses={200: PersonDetailSerializer, 404: ERRORS[404]})
    def retrieve(self, request, *args, **kwargs):
        return Response(PersonDetailSerializer(self.get_object()).data)

    @extend_schema(summary="Register a person", request=PersonInputSerializer,
                   responses={201: PersonDetailSerializer, **ERRORS})
    def create(self, request):
        """Register a person in a commune of your area; a known citizen ID is refused (`person_exists`)."""
        data = PersonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        person = person_register(user=request.user, source="api", **values)
        return Response(PersonDetailSerializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Quote voluntary SI for this person", request=VoluntarySIQuoteRequestSerializer,
                   responses={200: QuoteSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="voluntary-si/quote")
    def voluntary_si_quote(self, request, pk=None):
        """The amount from the rules, each line with its reason and legal reference (nothing is written)."""
        person = self.get_object()
        data = VoluntarySIQuoteRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        quote = quotes.vsi_quote(person=person, income=v["income"], category=v["category"], method=v["method"],
                                 months=METHOD_MONTHS.get(v["method"], v["months"]), on=v["paid_on"])
        return Response(QuoteSerializer(quote).data)

    @extend_schema(summary="Enroll this person in voluntary SI", request=VoluntarySIEnrollInputSerializer,
                   responses={201: EnrolledSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="voluntary-si")
    def voluntary_si(self, request, pk=None):
        """Join voluntary SI at an income, category and method, recording the first payment."""
        person = self.get_object()
        if not path_in_scope(request.user, person.commune.path, "add"):
            raise Http404
        data = VoluntarySIEnrollInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        enrollment = services.person_enroll_voluntary_si(
            user=request.user, person=person, income=v["income"], category=v["category"], method=v["method"],
            months=METHOD_MONTHS.get(v["method"], v["months"]), payment=payment_from(v, request.user),
            source="api")
        return Response(_enrolled([enrollment]), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change log of the person and their enrollments, payments and receipts",
                   responses={200: ChangeSerializer(many=True), 404: ERRORS[404]})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def changes(self, request, pk=None):
        """Who changed what and when (imports: the file and batch)."""
        person = self.get_object()
        enrollments = list(person.enrollments.all())
        contributions = [c for e in enrollments for c in e.contributions.select_related("receipt")]
        objects = [person, *enrollments, *contributions, *{c.receipt for c in contributions}]
        return Response(_changes(request.user, objects, [person.source, *(e.source for e in enrollments)]))


def _members(household: Household, ids: list[int] | None) -> list[Person]:
    people = list(household.members.order_by("id"))
    if not ids:
        return people
    by_id = {p.pk: p for p in people}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise DomainError(f"Người có mã {', '.join(map(str, missing))} không thuộc hộ {household.code}.",
                          code="not_a_member", field="members")
    return [by_id[i] for i in ids]


@extend_schema_view(list=extend_schema(summary="Find households in your area", parameters=[SEARCH]))
class HouseholdViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Households of your area: register with members, quote and enroll in household HI, renew."""

    serializer_class = HouseholdSerializer

    def get_queryset(self):
        return selectors.household_list(user=self.request.user, query=self.request.query_params.get("q", "")) \
            .prefetch_related("members__commune", "members__household", "statuses")

    def get_object(self):
        return selectors.household_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(summary="A household with its members and statuses",
                   responses={200: HouseholdSerializer, 404: ERRORS[404]})
    def retrieve(self, request, *args, **kwargs):
        return Response(HouseholdSerializer(self.get_object()).data)

    @extend_schema(summary="Register a household with its members (and enroll them)", request=HouseholdInputSerializer,
                   responses={201: HouseholdCreatedSerializer, **ERRORS})
    def create(self, request):
        """Register a household and its members in one step; with `enroll`, they join household HI at once.

        A citizen ID already registered refuses the whole request (`person_exists`) and nothing is kept.
        """
        data = HouseholdInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        members = [MemberInput(**m) for m in v["members"]]
        with transaction.atomic():
            if v.get("enroll"):
                household, enrollments = services.household_join(
                    user=request.user, commune=v["commune"], members=members, months=int(v["enroll"]["months"]),
                    payment=payment_from(v["enroll"], request.user), code=v["code"], address=v["address"],
                    source="api")
                enrolled = _enrolled(enrollments)
            else:
                household = household_register_with_members(user=request.user, commune=v["commune"],
                                                            members=members, code=v["code"], address=v["address"],
                                                            source="api")
                enrolled = None
        household = selectors.household_get(user=request.user, pk=household.pk)
        return Response({"household": HouseholdSerializer(household).data, "enrolled": enrolled},
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Quote household HI", request=HouseholdQuoteInputSerializer,
                   responses={200: QuoteSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def quote(self, request, pk=None):
        """The amount for 3/6/12 months from the rules, each line with its reason and legal reference."""
        household = self.get_object()
        data = HouseholdQuoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        quote = quotes.household_quote(household=household, members=_members(household, v.get("members")),
                                       months=int(v["months"]), on=v["paid_on"])
        return Response(QuoteSerializer(quote).data)

    @extend_schema(summary="Enroll members in household HI and record the payment",
                   request=HouseholdEnrollInputSerializer, responses={201: EnrolledSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def enroll(self, request, pk=None):
        """Enroll the listed members (all when none are listed) for 3/6/12 months on one receipt."""
        household = self.get_object()
        if not path_in_scope(request.user, household.commune.path, "add"):
            raise Http404
        data = HouseholdEnrollInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        enrollments = services.household_enroll(
            user=request.user, household=household, members=_members(household, v.get("members")),
            months=int(v["months"]), payment=payment_from(v, request.user), source="api")
        return Response(_enrolled(enrollments), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Renew the household HI of the members still enrolled",
                   request=HouseholdEnrollInputSerializer, responses={201: EnrolledSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        """One receipt for every member still enrolled; cards follow on from the old ones."""
        household = self.get_object()
        if not path_in_scope(request.user, household.commune.path, "add"):
            raise Http404
        data = HouseholdEnrollInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        contributions = services.household_renew(user=request.user, household=household, months=int(v["months"]),
                                                 payment=payment_from(v, request.user))
        receipt = contributions[0].receipt
        return Response(EnrolledSerializer({"receipt": receipt.pk, "receipt_number": receipt.number,
                                            "amount_paid": receipt.amount_paid,
                                            "enrollments": [c.enrollment for c in contributions]}).data,
                        status=status.HTTP_201_CREATED)
