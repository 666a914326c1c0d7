"""API of enrollments: list and read, renew, end; receipts; the worklist; and the field API of people and households
(the registry's viewsets with payments, quotes, history and the change log)."""

import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ansinh.calc.params import current_parameters
from ansinh.core.api import WORK_FIELDS, ErrorSerializer, RoleChecked, WorkFields, not_retryable
from ansinh.core.errors import Code, DomainError
from ansinh.core.models import ImportRun
from ansinh.core.scoping import Action, require
from ansinh.enrollment import quotes, selectors, services
from ansinh.enrollment.api.serializers import (
    CancelInputSerializer,
    ChangeSerializer,
    ContactSerializer,
    ContributionSerializer,
    EndInputSerializer,
    EnrolledSerializer,
    EnrollmentDetailSerializer,
    EnrollmentSerializer,
    ExpiringCardSerializer,
    HouseholdCreatedSerializer,
    HouseholdEnrollInputSerializer,
    HouseholdJoinSerializer,
    HouseholdQuoteInputSerializer,
    LapsedCardSerializer,
    PersonHistorySerializer,
    QuoteSerializer,
    ReceiptSerializer,
    RenewInputSerializer,
    VoluntarySIEnrollInputSerializer,
    VoluntarySIQuoteRequestSerializer,
    payment_from,
)
from ansinh.enrollment.choices import METHOD_MONTHS
from ansinh.enrollment.filters import EnrollmentFilter, ReceiptFilter
from ansinh.enrollment.models import Enrollment, HICard, Receipt
from ansinh.registry import selectors as registry_selectors
from ansinh.registry.api import views as registry_views
from ansinh.registry.api.serializers import HouseholdSerializer, PersonInputSerializer
from ansinh.registry.models import Household, Person
from ansinh.registry.services import MemberInput

ERRORS = {400: OpenApiResponse(ErrorSerializer, description="Refused: a stable code and a Vietnamese message."),
          404: OpenApiResponse(ErrorSerializer, description="Not found, or outside your area.")}
READ_ERRORS = {404: ERRORS[404]}
NOT_YOURS = OpenApiResponse(ErrorSerializer, description="Your role may not do this, or not on another's receipt.")


def _scoped_object(user, pk, action: str) -> Enrollment:
    enrollment = selectors.enrollment_get(user=user, pk=pk)
    require(user, action, enrollment.commune.path)
    return enrollment


@extend_schema_view(list=extend_schema(summary="Enrollments in your area"),
                    retrieve=extend_schema(summary="One enrollment with payments and cards", responses={
                        200: EnrollmentDetailSerializer, **READ_ERRORS}))
class EnrollmentViewSet(RoleChecked, viewsets.ReadOnlyModelViewSet):
    """Enrollments (a person in a scheme over a period), scoped to your area."""

    write_actions = {"renew": Action.RENEW, "end": Action.END_ENROLLMENT, "contacts": Action.RENEW}

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
        enrollment = _scoped_object(request.user, pk, Action.RENEW)
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
        enrollment = _scoped_object(request.user, pk, Action.END_ENROLLMENT)
        data = EndInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrollment = services.enrollment_end(user=request.user, enrollment=enrollment, **data.validated_data)
        return Response(EnrollmentSerializer(enrollment).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], summary="The follow-ups of an enrollment, newest first",
                   responses=ContactSerializer(many=True))
    @extend_schema(methods=["post"], summary="Record a follow-up from the worklist and what came of it",
                   request=ContactSerializer, responses={201: ContactSerializer, **ERRORS})
    @action(detail=True, methods=["get", "post"])
    def contacts(self, request, pk=None):
        """A promise to pay (`promised`, with `promised_on`) hides the entry from the worklist until that day;
        `moved` and `died` take it off; a refusal needs its `reason`."""
        if request.method == "GET":
            enrollment = self.get_object()
            contacts = selectors.contact_list(user=request.user, enrollment=enrollment)[:200]
            return Response(ContactSerializer(contacts, many=True).data)
        enrollment = _scoped_object(request.user, pk, Action.RENEW)
        data = ContactSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        contact = services.contact_record(user=request.user, enrollment=enrollment, day=d["day"],
                                          outcome=d["outcome"], promised_on=d.get("promised_on"),
                                          reason=d.get("reason", ""), note=d.get("note", ""))
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Receipts in your area"),
                    retrieve=extend_schema(summary="One receipt with what it paid for",
                                           responses={200: ReceiptSerializer, **READ_ERRORS}))
class ReceiptViewSet(RoleChecked, viewsets.ReadOnlyModelViewSet):
    """Receipts issued by the collection points of your area."""

    write_actions = {"cancel": Action.CORRECT_RECEIPT}

    serializer_class = ReceiptSerializer
    filterset_class = ReceiptFilter

    def get_queryset(self):
        return selectors.receipts_with_lines(Receipt.objects.restrict(self.request.user).select_related(
            "collection_point", "collector").order_by("-receipt_date", "-id"))

    @extend_schema(summary="Cancel a receipt entered by mistake", request=CancelInputSerializer,
                   responses={201: ReceiptSerializer, 403: NOT_YOURS, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the latest payment of its enrollments (201: the cancellation is recorded): the receipt stays,
        marked cancelled with the reason and what it had paid; contributions and cards go, paid-up periods and
        counts go back (a collector: her own receipts only)."""
        receipt = selectors.receipt_get(user=request.user, pk=pk)
        data = CancelInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        receipt = services.receipt_cancel(user=request.user, receipt=receipt, reason=data.validated_data["reason"])
        return Response(ReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)


class ImportRunSerializer(WorkFields):
    """A file import as a background job: its state and progress, what it stored, left unchanged or refused."""

    user = serializers.CharField(source="user.username", read_only=True, default=None)
    error_file_url = serializers.SerializerMethodField()

    class Meta:
        model = ImportRun
        fields = ["id", "kind", "layout", "file_name", "user", *WORK_FIELDS, "rows_read", "rows_stored",
                  "rows_unchanged", "rows_rejected", "error_file_url", "summary"]

    def get_error_file_url(self, run) -> str | None:
        if not run.error_file:
            return None
        prefix = "network" if run.kind in ("staff", "points") else "registry"
        return f"/{prefix}/import/{run.pk}/errors/"


@extend_schema_view(list=extend_schema(summary="File imports of your area (and your own)"),
                    retrieve=extend_schema(summary="One import: state, progress and counts",
                                           responses={200: ImportRunSerializer, **READ_ERRORS}))
class ImportRunViewSet(RoleChecked, viewsets.ReadOnlyModelViewSet):
    """File imports (people, staff, collection points) run by the task worker; poll one until it is done."""

    # retry needs the right of the import's kind (registering people, managing staff and points): the service
    # checks it once the run is found in the user's area
    serializer_class = ImportRunSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.import_run_list(user=self.request.user).select_related("user")

    def get_object(self):
        return selectors.import_run_get(user=self.request.user, pk=int(self.kwargs["pk"]))

    @extend_schema(summary="Run again an import that failed or whose worker died", request=None,
                   responses={202: ImportRunSerializer, 409: ErrorSerializer, **READ_ERRORS})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Queue the import again (rows it stored are found, not stored twice); 409 `not_retryable` if it is
        queued, running or done."""
        from ansinh.enrollment.importers import people_run_retry
        from ansinh.network.importers import network_run_retry

        run = self.get_object()
        again = (network_run_retry if run.kind in ("staff", "points") else people_run_retry)(user=request.user, run=run)
        if not again:
            raise not_retryable()
        run.refresh_from_db()
        return Response(ImportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class _HouseholdDue:
    """Worklist cards served with what each household pays today (one quote per household of the page)."""

    def get_serializer(self, *args, **kwargs):
        if args and kwargs.get("many") and not getattr(self, "swagger_fake_view", False):
            from ansinh.enrollment.quotes import household_renewal_due

            cards = list(args[0])
            households = {c.enrollment.household_id: c.enrollment.household for c in cards
                          if c.enrollment.household_id}
            context = kwargs.setdefault("context", self.get_serializer_context())
            context["household_due"] = household_renewal_due(list(households.values()), on=context["today"],
                                                             params=context["params"])
            args = (cards, *args[1:])
        return super().get_serializer(*args, **kwargs)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):  # the schema is drawn without the database
            return context
        return {**context, "params": current_parameters(), "today": timezone.localdate()}


class WorklistViewSet(_HouseholdDue, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The collector's worklist: household-HI cards that end soon."""

    serializer_class = ExpiringCardSerializer

    def get_queryset(self):
        days = selectors.worklist_days(self.request.query_params.get("days"))
        return selectors.cards_expiring(user=self.request.user, today=timezone.localdate(), days=days)

    @extend_schema(summary="HI cards ending within N days (default 30)",
                   parameters=[OpenApiParameter("days", int, description="Days ahead (1–366), default 30.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class LapsedCardViewSet(_HouseholdDue, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The collector's worklist: household-HI cards that ended and can still be renewed without breaking
    continuity, the most urgent first."""

    serializer_class = LapsedCardSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is drawn without the database
            return HICard.objects.none()
        return selectors.cards_lapsed(user=self.request.user, today=timezone.localdate())

    @extend_schema(summary="HI cards lapsed that can still be renewed without breaking continuity (with the day)")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


# ------------------------------------------------------------------ people and households (the field API)

def _enrolled(enrollments) -> dict:
    receipt = enrollments[0].contributions.get().receipt
    return EnrolledSerializer({"receipt": receipt.pk, "receipt_number": receipt.number,
                               "amount_paid": receipt.amount_paid, "enrollments": enrollments}).data


def _changes(user, objects, sources) -> list[dict]:
    return [{"at": e.at, "user": e.user.username if e.user else None, "action": e.action,
             "object_type": e.object_type, "object_id": e.object_id, "object_repr": e.object_repr,
             "changes": e.changes} for e in selectors.record_changes(user=user, objects=objects,
                                                                      import_sources=sources)]


class PersonViewSet(registry_views.PersonViewSet):
    """People of your area: search, register, history, voluntary SI, change log."""

    write_actions = {**registry_views.PersonViewSet.write_actions, "voluntary_si": Action.PAY}

    detail_serializer_class = PersonHistorySerializer

    @extend_schema(summary="A person with full identifiers and history",
                   responses={200: PersonHistorySerializer, 404: ERRORS[404]})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(summary="Register a person", request=PersonInputSerializer,
                   responses={201: PersonHistorySerializer, **ERRORS})
    def create(self, request):
        """Register a person in a commune of your area; a known citizen ID is refused (`person_exists`)."""
        return super().create(request)

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
        require(request.user, Action.PAY, person.commune.path)
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
                          code=Code.NOT_A_MEMBER, field="members")
    return [by_id[i] for i in ids]


class HouseholdViewSet(registry_views.HouseholdViewSet):
    """Households of your area: register with members, quote and enroll in household HI, renew."""

    write_actions = {"create": Action.REGISTER, "enroll": Action.PAY, "renew": Action.RENEW}

    @extend_schema(summary="Register a household with its members (and enroll them)", request=HouseholdJoinSerializer,
                   responses={201: HouseholdCreatedSerializer, **ERRORS})
    def create(self, request):
        """Register a household and its members in one step; with `enroll`, they join household HI at once.

        A citizen ID already registered refuses the whole request (`person_exists`) and nothing is kept.
        """
        data = HouseholdJoinSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        with transaction.atomic():
            if v.get("enroll"):
                household, enrollments = services.household_join(
                    user=request.user, commune=v["commune"], members=[MemberInput(**m) for m in v["members"]],
                    months=int(v["enroll"]["months"]), payment=payment_from(v["enroll"], request.user),
                    code=v["code"], address=v["address"], source="api")
                enrolled = _enrolled(enrollments)
            else:
                household, enrolled = self.register(request, v), None
        household = registry_selectors.household_get(user=request.user, pk=household.pk)
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

    def _payment_request(self, request, action: str) -> tuple:
        """The household (404 unless the user may add in its commune) and the validated payment input."""
        household = self.get_object()
        require(request.user, action, household.commune.path)
        data = HouseholdEnrollInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return household, data.validated_data

    @extend_schema(summary="Enroll members in household HI and record the payment",
                   request=HouseholdEnrollInputSerializer, responses={201: EnrolledSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def enroll(self, request, pk=None):
        """Enroll the listed members (all when none are listed) for 3/6/12 months on one receipt."""
        household, v = self._payment_request(request, Action.PAY)
        enrollments = services.household_enroll(
            user=request.user, household=household, members=_members(household, v.get("members")),
            months=int(v["months"]), payment=payment_from(v, request.user), source="api")
        return Response(_enrolled(enrollments), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Renew the household HI of the members still enrolled",
                   request=HouseholdEnrollInputSerializer, responses={201: EnrolledSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        """One receipt for every member still enrolled; cards follow on from the old ones."""
        household, v = self._payment_request(request, Action.RENEW)
        contributions = services.household_renew(user=request.user, household=household, months=int(v["months"]),
                                                 payment=payment_from(v, request.user))
        receipt = contributions[0].receipt
        return Response(EnrolledSerializer({"receipt": receipt.pk, "receipt_number": receipt.number,
                                            "amount_paid": receipt.amount_paid,
                                            "enrollments": [c.enrollment for c in contributions]}).data,
                        status=status.HTTP_201_CREATED)


# ------------------------------------------------------------------ the SMS gateway's reports

class SmsEventSerializer(serializers.Serializer):
    """What the SMS gateway reports: a message delivered or failed (by the id it gave when it took it), or a
    person's reply from a phone."""

    event = serializers.ChoiceField(choices=["delivered", "failed", "reply"])
    id = serializers.CharField(required=False, allow_blank=True, max_length=120,
                               help_text="The gateway's id of the message (delivered, failed).")
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20,
                                  help_text="The phone a reply came from (reply).")
    text = serializers.CharField(required=False, allow_blank=True, max_length=500,
                                 help_text="The reply's text (\"TU CHOI\" stops the reminders), or why it failed.")


class SmsEventAnswerSerializer(serializers.Serializer):
    changed = serializers.IntegerField(help_text="Reminders or consents the event changed.")


class SmsEventView(APIView):
    """The SMS gateway's callback: delivery reports and replies, signed with `Authorization: Bearer
    <ANSINH_SMS_TOKEN>` (the token ansinh sends to the gateway). No user: the token is the gateway's."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(summary="The SMS gateway reports a delivery or a reply (\"TU CHOI\" stops the reminders)",
                   request=SmsEventSerializer, responses={200: SmsEventAnswerSerializer, 403: ErrorSerializer},
                   auth=[])
    def post(self, request):
        token = settings.ANSINH_SMS_TOKEN
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not token or not hmac.compare_digest(given.encode(), token.encode()):
            raise DomainError("Sai hoặc thiếu mã của cổng SMS.", code=Code.PERMISSION_DENIED, status=403)
        data = SmsEventSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = data.validated_data
        changed = services.reminder_sms_event(event=event["event"], provider_id=event.get("id", ""),
                                              sender=event.get("phone", ""), text=event.get("text", ""))
        return Response({"changed": changed})
