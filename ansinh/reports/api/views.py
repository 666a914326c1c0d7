"""API views: coverage of a unit on a date (the dashboard's figures) and report-pack jobs."""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from ansinh.core.api import WORK_FIELDS, ErrorSerializer, RoleChecked, WorkFields, not_retryable
from ansinh.core.errors import Code, DomainError
from ansinh.core.scoping import Action
from ansinh.geo.selectors import unit_get
from ansinh.reports import selectors, services
from ansinh.reports.filters import JobFilter
from ansinh.reports.indicators import coverage_report
from ansinh.reports.models import Job
from ansinh.rules.errors import ErrorCode


@extend_schema(
    parameters=[OpenApiParameter("unit", str, required=True, description="GSO code (84, 62, 610, VN)"),
                OpenApiParameter("era", str, enum=["pre2025", "2025"], description="Era of the code"),
                OpenApiParameter("on", OpenApiTypes.DATE, description="Date (default: today)"),
                OpenApiParameter("structure", str, enum=["as_of", "current"]),
                OpenApiParameter("source", str, enum=["auto", "records", "reported"],
                                 description="auto (default): the latest reported baseline on or before the date plus "
                                             "the movements recorded since, or the records alone where the unit's "
                                             "records are marked complete; records: ansinh's records only; "
                                             "reported: figures reported for exactly that date")],
    responses={200: OpenApiTypes.OBJECT},
    description="Each indicator gives its value, `origin` (reported / baseline / records), `composition` "
                "({baseline: {value, on, source}, movements, value}) and, when there is no value, the `reason`.")
@api_view(["GET"])
def coverage(request):
    """Participants, coverage with its denominator, % of each plan, gaps and comparisons for a unit on a date."""
    params = request.query_params
    if not params.get("unit"):
        raise DomainError("Cần mã đơn vị (unit).", code=Code.UNIT_REQUIRED, field="unit")
    try:
        on = dt.date.fromisoformat(params["on"]) if params.get("on") else timezone.localdate()
    except ValueError as exc:
        raise DomainError("Ngày không hợp lệ (YYYY-MM-DD).", code=ErrorCode.INVALID_DATE, field="on") from exc
    if params.get("structure", "as_of") not in ("as_of", "current") or params.get("source", "auto") not in (
            "auto", "records", "reported"):
        raise DomainError("Tham số không hợp lệ.", code=Code.INVALID_PARAMETER)
    unit = unit_get(params["unit"], params.get("era") or None)
    report = coverage_report(user=request.user, unit=unit, on=on, structure=params.get("structure", "as_of"),
                             source=params.get("source", "auto"))
    return Response(report.as_dict())


class JobSerializer(WorkFields):
    """A report-pack job: state, progress, heartbeat and download links when done."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_era = serializers.CharField(source="unit.era", read_only=True)
    pdf_url = serializers.SerializerMethodField()
    xlsx_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ["id", "kind", "unit_code", "unit_era", "on", "period_start", "structure", *WORK_FIELDS,
                  "pdf_url", "xlsx_url"]

    def get_pdf_url(self, job) -> str | None:
        return f"/reports/jobs/{job.pk}/pdf/" if job.state == "done" else None

    def get_xlsx_url(self, job) -> str | None:
        return f"/reports/jobs/{job.pk}/xlsx/" if job.state == "done" else None


class JobCreateSerializer(serializers.Serializer):
    """Unit, date and period of a report pack."""

    unit_code = serializers.CharField(max_length=5)
    unit_era = serializers.ChoiceField(choices=["pre2025", "2025", ""], required=False, default="")
    on = serializers.DateField()
    period_start = serializers.DateField(required=False, allow_null=True, default=None)
    structure = serializers.ChoiceField(choices=["as_of", "current"], default="as_of")


class JobViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Report packs for the steering committee, built in the background."""

    write_actions = {"create": Action.BUILD_REPORT, "retry": Action.BUILD_REPORT}

    serializer_class = JobSerializer
    filterset_class = JobFilter

    def get_queryset(self):
        return selectors.job_list(self.request.user)

    def get_object(self):
        try:
            return selectors.job_get(self.request.user, int(self.kwargs["pk"]))
        except (ValueError, Http404) as exc:
            raise Http404 from exc

    @extend_schema(request=JobCreateSerializer, responses={202: JobSerializer})
    def create(self, request):
        """Start building a pack; poll the job until its state is `done`."""
        data = JobCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = unit_get(values.pop("unit_code"), values.pop("unit_era") or None)
        job = services.job_create(user=request.user, unit=unit, **values)
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: JobSerializer, 409: ErrorSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Build again a pack that failed or whose worker died (409 `not_retryable` otherwise)."""
        job = self.get_object()
        if not services.job_retry(user=request.user, job=job):
            raise not_retryable()
        job.refresh_from_db()
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
