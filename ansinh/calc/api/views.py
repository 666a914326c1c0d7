"""Calculator API: household HI, voluntary SI, pension and identifiers (public), parameter tables.

The four calculations are public like the calculator page: they read no personal data and change
nothing, so they need no login (and, having no session authentication, no CSRF token). Each accepts
GET with query parameters or POST with a JSON body of the same fields. A refused calculation answers
400 with `{"error": {"code", "message", "field"}}`, the code being the rules engine's ErrorCode value.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ansinh.calc import quotes, selectors, services
from ansinh.calc.api import serializers as s
from ansinh.calc.choices import parameter_label
from ansinh.core.errors import DomainError
from ansinh.rules import RuleError

ERRORS = {400: OpenApiResponse(s.CalcErrorSerializer, description="Tính không được: mã lỗi ổn định và lý do.")}


class _Calculation(APIView):
    """GET (query) or POST (JSON): validate the input, compute with the rules engine, answer the result."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    input_serializer: type[s.serializers.Serializer]

    def compute(self, **data) -> dict:
        raise NotImplementedError

    def _answer(self, raw) -> Response:
        form = self.input_serializer(data=raw)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        if "on" in self.input_serializer().fields:
            data.setdefault("on", timezone.localdate())
        try:
            return Response(self.compute(**data))
        except (RuleError, DomainError) as exc:
            return Response({"error": quotes.error_body(exc)}, status=status.HTTP_400_BAD_REQUEST)

    def get(self, request):
        return self._answer(request.query_params)

    def post(self, request):
        return self._answer(request.data)


def _documented(name: str, summary: str, input_serializer, output_serializer):
    """Schema for the GET (query parameters) and POST (JSON body) forms of one calculation."""
    get = extend_schema(operation_id=f"calc_{name}_get", summary=summary, tags=["calc"],
                        parameters=[input_serializer], responses={200: output_serializer, **ERRORS}, auth=[])
    post = extend_schema(operation_id=f"calc_{name}_post", summary=summary + " (JSON)", tags=["calc"],
                         request=input_serializer, responses={200: output_serializer, **ERRORS}, auth=[])

    return extend_schema_view(get=get, post=post)


@_documented("household_hi", "BHYT hộ gia đình: số tiền phải đóng", s.HouseholdHIInputSerializer,
             s.HouseholdHIQuoteSerializer)
class HouseholdHIView(_Calculation):
    """What a household pays for HI: members ranked 100/70/60/50/40%, state, local and sponsor support."""

    input_serializer = s.HouseholdHIInputSerializer

    def compute(self, **data) -> dict:
        return s.household_hi_output(quotes.household_hi(**data))


@_documented("voluntary_si", "BHXH tự nguyện: mức đóng, hỗ trợ, đóng một lần", s.VoluntarySIInputSerializer,
             s.VoluntarySIQuoteSerializer)
class VoluntarySIView(_Calculation):
    """What a person pays for voluntary SI: 22% of the income chosen minus state and local support."""

    input_serializer = s.VoluntarySIInputSerializer

    def compute(self, **data) -> dict:
        return s.voluntary_si_output(quotes.voluntary_si(**data))


@_documented("pension", "Ước tính lương hưu, BHXH một lần", s.PensionInputSerializer, s.PensionSerializer)
class PensionView(_Calculation):
    """Pension rate and amount for the years paid, with the lump-sum alternative."""

    input_serializer = s.PensionInputSerializer

    def compute(self, **data) -> dict:
        return s.pension_output(*quotes.pension(**data))


@_documented("identifier", "Giải mã số định danh, mã số BHXH, mã thẻ BHYT, số điện thoại",
             s.IdentifierInputSerializer, s.IdentifierSerializer)
class IdentifierView(_Calculation):
    """Decode a personal ID, an SI code, an HI card code or a mobile number."""

    input_serializer = s.IdentifierInputSerializer

    def compute(self, *, value, kind="auto", birth_date=None, sex=None, on=None) -> dict:
        return s.identifier_output(quotes.identify(value, kind=kind, birth_date=birth_date, sex=sex or None, on=on))


class _AdminWrites(permissions.BasePermission):
    """Anyone may read the parameter tables; only administrators add rows."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return services.is_parameter_admin(request.user)


def _on(request):
    text = request.query_params.get("on")
    if not text:
        return timezone.localdate()
    try:
        return s.serializers.DateField().run_validation(text)
    except s.serializers.ValidationError as exc:
        raise s.serializers.ValidationError({"on": exc.detail}) from exc


class ParameterRowsView(APIView):
    """The law's parameter tables: every dated row with its source; administrators add rows."""

    permission_classes = [_AdminWrites]

    @extend_schema(operation_id="calc_parameters_list", tags=["calc"], auth=[],
                   parameters=[OpenApiParameter("on", str, description="Ngày (YYYY-MM-DD); mặc định hôm nay."),
                               OpenApiParameter("name", str, description="Chỉ một tham số, ví dụ base_salary.")],
                   responses={200: s.ParameterRowSerializer(many=True)})
    def get(self, request):
        """Every parameter row (shipped and added), marking the ones in force on `on`."""
        tables = selectors.parameter_tables(_on(request), name=request.query_params.get("name") or None)
        rows = [{**row.__dict__, "label": parameter_label(row.name)} for table in tables for row in table.rows]
        return Response(s.ParameterRowSerializer(rows, many=True).data)

    @extend_schema(operation_id="calc_parameters_add", tags=["calc"], request=s.ParameterRowInputSerializer,
                   responses={201: s.ParameterRowInputSerializer, **ERRORS})
    def post(self, request):
        """Add a dated parameter row (administrators): it applies from its start date, no code change."""
        form = s.ParameterRowInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        row = services.parameter_row_add(user=request.user, **form.validated_data)
        body = s.ParameterRowInputSerializer(row).data
        return Response(body, status=status.HTTP_201_CREATED)


class _TopUpWrites(permissions.BasePermission):
    """Anyone may read the top-ups; administrators and province officers add or end them (their province's)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return services.keeps_top_ups(request.user)


def _top_up_created(request, input_serializer, service) -> Response:
    """Validate the body, let the service write the top-up row, answer 201 with the row."""
    form = input_serializer(data=request.data)
    form.is_valid(raise_exception=True)
    row = service(user=request.user, **form.validated_data)
    return Response(s.TopUpRowInputSerializer(row).data, status=status.HTTP_201_CREATED)


class TopUpRowsView(APIView):
    """Provincial top-ups (HĐND resolutions): every row with its source; administrators and the province's
    officers add rows."""

    permission_classes = [_TopUpWrites]

    @extend_schema(operation_id="calc_local_support_list", tags=["calc"], auth=[],
                   parameters=[OpenApiParameter("on", str, description="Ngày (YYYY-MM-DD); mặc định hôm nay.")],
                   responses={200: s.TopUpRowSerializer(many=True)})
    def get(self, request):
        """Every provincial top-up row, marking the ones in force on `on`."""
        rows = [row.__dict__ for row in selectors.top_up_rows(_on(request))]
        return Response(s.TopUpRowSerializer(rows, many=True).data)

    @extend_schema(operation_id="calc_local_support_add", tags=["calc"], request=s.TopUpRowInputSerializer,
                   responses={201: s.TopUpRowInputSerializer, **ERRORS})
    def post(self, request):
        """Add a provincial top-up row (administrators; officers for their province)."""
        return _top_up_created(request, s.TopUpRowInputSerializer, services.local_top_up_add)


class TopUpEndView(APIView):
    """End a provincial top-up in force: a 0 % row from the day after its last day (history kept)."""

    permission_classes = [_TopUpWrites]

    @extend_schema(operation_id="calc_local_support_end", tags=["calc"], request=s.TopUpEndInputSerializer,
                   responses={201: s.TopUpRowInputSerializer, **ERRORS})
    def post(self, request):
        """End the top-up of a province, scheme, group (and age band) after `last_day`."""
        return _top_up_created(request, s.TopUpEndInputSerializer, services.local_top_up_end)
