"""API of enrollments: list and read, renew, end; receipts; the worklist; collection points and collectors."""

import django_filters
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.scoping import path_in_scope
from ansinh.enrollment import selectors, services
from ansinh.enrollment.api.serializers import (
    ContributionSerializer,
    EndInputSerializer,
    EnrollmentDetailSerializer,
    EnrollmentSerializer,
    ErrorSerializer,
    ExpiringCardSerializer,
    ReceiptSerializer,
    RenewInputSerializer,
    payment_from,
)
from ansinh.enrollment.choices import EnrollmentStatus, Scheme
from ansinh.enrollment.models import Enrollment, Receipt

ERRORS = {400: OpenApiResponse(ErrorSerializer, description="Refused: a stable code and a Vietnamese message."),
          404: OpenApiResponse(ErrorSerializer, description="Not found, or outside your area.")}
READ_ERRORS = {404: ERRORS[404]}


class EnrollmentFilter(django_filters.FilterSet):
    """Filter enrollments by person, scheme, status, household."""

    scheme = django_filters.ChoiceFilter(choices=Scheme.choices)
    status = django_filters.ChoiceFilter(choices=EnrollmentStatus.choices)

    class Meta:
        model = Enrollment
        fields = ["person", "household", "scheme", "status"]


def _scoped_object(user, pk, action: str = "add") -> Enrollment:
    enrollment = selectors.enrollment_get(user=user, pk=pk)
    if not path_in_scope(user, enrollment.commune.path, action):
        raise Http404
    return enrollment


@extend_schema_view(list=extend_schema(summary="Enrollments in your area"),
                    retrieve=extend_schema(summary="One enrollment with payments and cards", responses={
                        200: EnrollmentDetailSerializer, **READ_ERRORS}))
class EnrollmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Enrollments (a person in a scheme over a period), scoped to your area."""

    serializer_class = EnrollmentSerializer
    filterset_class = EnrollmentFilter

    def get_queryset(self):
        return (Enrollment.objects.restrict(self.request.user)
                .select_related("person", "collection_point", "collector", "commune").order_by("-enrolled_on", "-id"))

    def retrieve(self, request, *args, **kwargs):
        enrollment = self.get_object()
        return Response(EnrollmentDetailSerializer(enrollment).data)

    @extend_schema(summary="Pay a further period (renew)", request=RenewInputSerializer,
                   responses={201: ContributionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        """Record a further payment of an open enrollment (a new card for HI); amounts from the rules."""
        enrollment = _scoped_object(request.user, pk)
        data = RenewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contribution = services.enrollment_renew(user=request.user, enrollment=enrollment,
                                                 months=data.validated_data["months"],
                                                 payment=payment_from(data.validated_data, request.user))
        return Response(ContributionSerializer(contribution).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Stop an enrollment", request=EndInputSerializer,
                   responses={201: EnrollmentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """Stop an open enrollment on a date, with a reason (201: the end is recorded)."""
        enrollment = _scoped_object(request.user, pk, "change")
        data = EndInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrollment = services.enrollment_end(user=request.user, enrollment=enrollment, **data.validated_data)
        return Response(EnrollmentSerializer(enrollment).data, status=status.HTTP_201_CREATED)


class ReceiptFilter(django_filters.FilterSet):
    """Filter receipts by collection point and date."""

    collection_point = django_filters.CharFilter(field_name="collection_point__code")
    date_from = django_filters.DateFilter(field_name="receipt_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="receipt_date", lookup_expr="lte")

    class Meta:
        model = Receipt
        fields = ["collection_point", "number", "date_from", "date_to"]


@extend_schema_view(list=extend_schema(summary="Receipts in your area"),
                    retrieve=extend_schema(summary="One receipt with what it paid for",
                                           responses={200: ReceiptSerializer, **READ_ERRORS}))
class ReceiptViewSet(viewsets.ReadOnlyModelViewSet):
    """Receipts issued by the collection points of your area."""

    serializer_class = ReceiptSerializer
    filterset_class = ReceiptFilter

    def get_queryset(self):
        return Receipt.objects.restrict(self.request.user).select_related("collection_point", "collector") \
            .order_by("-receipt_date", "-id")


class WorklistViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The collector's worklist: household-HI cards that end soon."""

    serializer_class = ExpiringCardSerializer

    def get_queryset(self):
        try:
            days = max(1, min(int(self.request.query_params.get("days", 30)), 366))
        except ValueError:
            days = 30
        return selectors.cards_expiring(user=self.request.user, today=timezone.localdate(), days=days)

    @extend_schema(summary="HI cards ending within N days (default 30)",
                   parameters=[OpenApiParameter("days", int, description="Days ahead (1–366), default 30.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
