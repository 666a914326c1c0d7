"""API views for campaigns: the campaign, its targets, teams, activities, results, figures and report.

Everything is reached through `/api/v1/campaigns/<slug>/…`; a campaign outside the user's area is a
JSON 404; refused input comes back as `{"error": {"code", "message"}}` with a stable code.
"""

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from ansinh.campaigns import selectors, services
from ansinh.campaigns.api import serializers as s
from ansinh.campaigns.choices import ResultSource
from ansinh.campaigns.errors import CampaignError
from ansinh.campaigns.filters import CampaignFilter
from ansinh.campaigns.models import Campaign
from ansinh.campaigns.progress import ALL, SCHEMES, campaign_progress
from ansinh.campaigns.report import campaign_report, progress_json, ranked_json, retention_json
from ansinh.core import jobs
from ansinh.core.api import ErrorSerializer, RoleChecked, not_retryable
from ansinh.core.cells import parse_date
from ansinh.core.errors import Code, DomainError
from ansinh.core.scoping import Action
from ansinh.geo.models import Unit
from ansinh.network.models import CollectionPoint, Staff

ON = OpenApiParameter("on", OpenApiTypes.DATE, description="Figures up to this day (default: the last day).")
UNIT = OpenApiParameter("unit", str, description="A unit code inside the campaign: its part only.")
SCHEME = OpenApiParameter("scheme", str, enum=[*SCHEMES, ALL], description="Rank by this scheme (default all).")


def _date(value, name: str = "on") -> dt.date | None:
    return parse_date(value, name, field=name)


def _unit(campaign: Campaign, code: str) -> Unit:
    unit = Unit.objects.filter(code=(code or "").strip(), era__in=[campaign.era, ""]).first()
    if unit is None:
        raise DomainError(f"Không có đơn vị hành chính mã '{code}' ở thời điểm chiến dịch.", code=Code.UNKNOWN_UNIT,
                          field="unit")
    return unit


def _staff(user, code: str) -> Staff:
    staff = Staff.objects.restrict(user).filter(code=(code or "").strip()).select_related("unit").first()
    if staff is None:
        raise DomainError(f"Không có cán bộ mã '{code}' trong địa bàn của bạn.",
                          code=CampaignError.UNKNOWN_STAFF, field="staff")
    return staff


class CampaignViewSet(RoleChecked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Enrollment drives: dates, area, organisers, targets, teams, activities, results, rankings, retention."""

    write_actions = {
        "create": Action.SET_TARGETS, "partial_update": Action.SET_TARGETS, "targets": Action.SET_TARGETS,
        "split": Action.SET_TARGETS, "quota": Action.SET_TARGETS, "teams": Action.SET_TARGETS,
        "team": Action.SET_TARGETS, "close": Action.SET_TARGETS, "reopen": Action.SET_TARGETS,
        "activities": Action.ENTER_RESULTS, "results": Action.ENTER_RESULTS, "imports": Action.ENTER_RESULTS,
        "import_retry": Action.ENTER_RESULTS,
        "corrections": Action.ENTER_FIGURES}

    serializer_class = s.CampaignSerializer
    filterset_class = CampaignFilter
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        return selectors.campaign_list(self.request.user)

    def get_object(self) -> Campaign:
        return selectors.campaign_get(self.request.user, self.kwargs["slug"])

    def _roots(self, campaign: Campaign) -> list[Unit]:
        code = self.request.query_params.get("unit")
        if code:
            return [selectors.unit_in_view(self.request.user, campaign, code)]
        return selectors.view_roots(self.request.user, campaign)

    @extend_schema(request=s.CampaignWriteSerializer, responses={201: s.CampaignSerializer})
    def create(self, request):
        """Create a campaign in your area."""
        data = s.CampaignWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        era = "2025" if d["start_date"] >= dt.date(2025, 7, 1) else "pre2025"
        area = Unit.objects.filter(code=d.pop("area"), era__in=[era, ""]).first()
        if area is None:
            raise DomainError("Không có đơn vị hành chính này ở thời điểm chiến dịch.", code=Code.UNKNOWN_UNIT,
                              field="area")
        d.setdefault("end_date", d["start_date"])
        campaign = services.campaign_create(user=request.user, area=area, **d)
        return Response(s.CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CampaignPatchSerializer, responses=s.CampaignSerializer)
    def partial_update(self, request, slug=None):
        """Change a campaign (its area must be in your area)."""
        campaign = self.get_object()
        data = s.CampaignPatchSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        changes.pop("slug", None)
        if "area" in changes:
            changes["area"] = _unit(campaign, changes["area"])
        campaign = services.campaign_update(user=request.user, campaign=campaign, **changes)
        return Response(s.CampaignSerializer(campaign).data)

    @extend_schema(parameters=[ON, UNIT], responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def progress(self, request, slug=None):
        """Target, achieved, % of target and still needed: whole view, by day, unit, team, staff; ranking."""
        campaign = self.get_object()
        progress = campaign_progress(campaign, roots=self._roots(campaign), until=_date(request.query_params.get("on")))
        return Response(progress_json(progress))

    @extend_schema(parameters=[ON, SCHEME, UNIT], responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def ranking(self, request, slug=None):
        """The emulation ranking of units, teams and staff by % of target (then achieved)."""
        campaign = self.get_object()
        scheme = request.query_params.get("scheme") or ALL
        if scheme not in (*SCHEMES, ALL):
            raise DomainError(f"Loại hình '{scheme}' không hợp lệ.", code=Code.INVALID_SCHEME, field="scheme")
        progress = campaign_progress(campaign, roots=self._roots(campaign), until=_date(request.query_params.get("on")))
        return Response({"scheme": scheme, "units": ranked_json(progress.units, "unit", scheme),
                         "teams": ranked_json(progress.teams, "team", scheme),
                         "staff": ranked_json(progress.staff, "staff", scheme)})

    @extend_schema(parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="Still enrolled and paid up "
                                                "on this day (default: the campaign's stay-until date)."), UNIT],
                   responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def retention(self, request, slug=None):
        """Of the people the campaign recruited, how many are still enrolled and paid up on a date."""
        campaign = self.get_object()
        on = _date(request.query_params.get("on")) or selectors.default_retention_date(campaign)
        return Response(retention_json(selectors.retention(campaign, on=on, roots=self._roots(campaign))))

    @extend_schema(parameters=[ON, OpenApiParameter("retention_on", OpenApiTypes.DATE)], responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def report(self, request, slug=None):
        """The report's figures (the same as `ansinh report campaign SLUG --json`, for your part)."""
        campaign = self.get_object()
        return Response(campaign_report(campaign, user=request.user, on=_date(request.query_params.get("on")),
                                        retention_on=_date(request.query_params.get("retention_on"), "retention_on")))

    @extend_schema(methods=["get"], responses=s.TargetSerializer(many=True))
    @extend_schema(methods=["post"], request=s.TargetWriteSerializer, responses={201: s.TargetSerializer})
    @action(detail=True, methods=["get", "post"])
    def targets(self, request, slug=None):
        """List targets, or set one (for a unit, collection point, team or staff member, by code)."""
        campaign = self.get_object()
        if request.method == "GET":
            return Response(s.TargetSerializer(selectors.target_list(request.user, campaign), many=True).data)
        data = s.TargetWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        holder = {"unit": lambda: {"unit": _unit(campaign, d["code"])},
                  "point": lambda: {"collection_point": self._point(d["code"])},
                  "team": lambda: {"team": selectors.team_get(request.user, campaign, d["code"], "change")},
                  "staff": lambda: {"staff": _staff(request.user, d["code"])}}[d["holder"]]()
        target = services.target_set(user=request.user, campaign=campaign, scheme=d["scheme"], count=d["count"],
                                     revenue=d.get("revenue"), **holder)
        return Response(s.TargetSerializer(target).data, status=status.HTTP_201_CREATED)

    def _point(self, code: str) -> CollectionPoint:
        point = CollectionPoint.objects.restrict(self.request.user).filter(code=code).select_related("unit").first()
        if point is None:
            raise DomainError(f"Không có điểm thu mã '{code}' trong địa bàn của bạn.", code=CampaignError.UNKNOWN_POINT,
                              field="code")
        return point

    @extend_schema(request=s.SplitSerializer, responses={201: s.TargetSerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="targets/split")
    def split(self, request, slug=None):
        """Split a unit's target among its child units or collection points (parts add up to the whole)."""
        campaign = self.get_object()
        data = s.SplitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        made = services.target_split(user=request.user, campaign=campaign, unit=_unit(campaign, d["unit"]),
                                     scheme=d["scheme"], into=d["into"], by=d["by"], weights=d.get("weights"))
        return Response(s.TargetSerializer(made, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.QuotaSerializer, responses={201: s.TargetSerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="targets/quota")
    def quota(self, request, slug=None):
        """Targets from a per-staff quota: each staff member gets it; the unit gets quota × staff."""
        campaign = self.get_object()
        data = s.QuotaSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        if d.get("staff"):
            staff = [_staff(request.user, c) for c in d["staff"]]
        else:
            staff = list(selectors.quota_staff(request.user, campaign, d.get("who") or "bhxh"))
        made = services.targets_from_quota(
            user=request.user, campaign=campaign, staff=staff,
            per_staff={k: d[k] for k in SCHEMES if d.get(k)},
            unit=_unit(campaign, d["unit"]) if d.get("unit") else None)
        return Response(s.TargetSerializer(list(made.values()), many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=s.TeamSerializer(many=True))
    @extend_schema(methods=["post"], request=s.TeamWriteSerializer, responses={201: s.TeamSerializer})
    @action(detail=True, methods=["get", "post"])
    def teams(self, request, slug=None):
        """List teams, or create one (members and leader by staff code, areas by unit code)."""
        campaign = self.get_object()
        if request.method == "GET":
            teams = selectors.team_list(request.user, campaign).prefetch_related("areas")
            return Response(s.TeamSerializer(teams, many=True).data)
        data = s.TeamWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        team = services.team_create(
            user=request.user, campaign=campaign, code=d["code"], name=d["name"], unit=_unit(campaign, d["unit"]),
            areas=[_unit(campaign, c) for c in d.get("areas", [])],
            leader=_staff(request.user, d["leader"]) if d.get("leader") else None,
            members=[_staff(request.user, c) for c in d.get("members", [])], note=d.get("note", ""))
        return Response(s.TeamSerializer(team).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=s.TeamSerializer, operation_id="v1_campaigns_team_retrieve")
    @extend_schema(methods=["post"], request=s.MemberWriteSerializer, responses={201: s.TeamSerializer},
                   operation_id="v1_campaigns_team_members_create")
    @action(detail=True, methods=["get", "post"], url_path=r"teams/(?P<code>[^/]+)", url_name="team")
    def team(self, request, slug=None, code=None):
        """One team; POST adds or removes a member."""
        campaign = self.get_object()
        team = selectors.team_get(request.user, campaign, code)
        if request.method == "GET":
            return Response(s.TeamSerializer(team).data)
        data = s.MemberWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        staff = _staff(request.user, data.validated_data["staff"])
        if data.validated_data["action"] == "add":
            services.team_member_add(user=request.user, team=team, staff=staff)
        else:
            services.team_member_remove(user=request.user, team=team, staff=staff)
        return Response(s.TeamSerializer(team).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=s.ActivitySerializer(many=True))
    @extend_schema(methods=["post"], request=s.ActivityWriteSerializer, responses={201: s.ActivitySerializer})
    @action(detail=True, methods=["get", "post"])
    def activities(self, request, slug=None):
        """List activities, or log one (parade, door-to-door, market stall, leaflets, broadcast, VssID…)."""
        campaign = self.get_object()
        if request.method == "GET":
            return Response(s.ActivitySerializer(selectors.activity_list(request.user, campaign), many=True).data)
        data = s.ActivityWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        team = selectors.team_get(request.user, campaign, d["team"]) if d.get("team") else None
        activity = services.activity_record(
            user=request.user, campaign=campaign, unit=_unit(campaign, d["unit"]), day=d["day"], kind=d["kind"],
            quantity=d.get("quantity"), participants=d.get("participants"), team=team, place=d.get("place", ""),
            note=d.get("note", ""))
        return Response(s.ActivitySerializer(activity).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=s.ReportedSerializer(many=True))
    @extend_schema(methods=["post"], request=s.ReportedWriteSerializer, responses={201: s.ReportedSerializer})
    @action(detail=True, methods=["get", "post"])
    def results(self, request, slug=None):
        """List reported figures, or report one (a unit, a day, a scheme, a count; a staff member's, optionally)."""
        campaign = self.get_object()
        if request.method == "GET":
            return Response(s.ReportedSerializer(selectors.reported_list(request.user, campaign), many=True).data)
        data = s.ReportedWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        row = services.result_report(user=request.user, campaign=campaign, unit=_unit(campaign, d["unit"]),
                                     day=d["day"], scheme=d["scheme"], count=d["count"], amount=d.get("amount"),
                                     note=d.get("note", ""), source=ResultSource.API,
                                     staff=_staff(request.user, d["staff"]) if d.get("staff") else None)
        return Response(s.ReportedSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=s.CorrectionSerializer(many=True))
    @extend_schema(methods=["post"], request=s.CorrectionWriteSerializer, responses={201: s.CorrectionSerializer})
    @action(detail=True, methods=["get", "post"])
    def corrections(self, request, slug=None):
        """List corrections, or record one: the right figure, which replaces the current one, with a reason."""
        campaign = self.get_object()
        if request.method == "GET":
            return Response(s.CorrectionSerializer(selectors.correction_list(request.user, campaign), many=True).data)
        data = s.CorrectionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        row = services.result_correct(user=request.user, campaign=campaign, unit=_unit(campaign, d["unit"]),
                                      day=d["day"], scheme=d["scheme"], count=d["count"], reason=d["reason"],
                                      staff=_staff(request.user, d["staff"]) if d.get("staff") else None)
        return Response(s.CorrectionSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=s.ResultImportSerializer(many=True))
    @extend_schema(methods=["post"], request={"multipart/form-data": s.ImportUploadSerializer},
                   responses={202: s.ResultImportSerializer, 409: ErrorSerializer})
    @action(detail=True, methods=["get", "post"], url_path="imports")
    def imports(self, request, slug=None):
        """List the uploaded results files, or upload one (CSV/Excel: unit code, date, scheme, count): it is queued
        for the worker — poll `imports/{id}/` until it is done; a file already imported is refused."""
        from ansinh.campaigns.importers import results_import_create
        from ansinh.campaigns.tasks import import_campaign_results

        campaign = self.get_object()
        if request.method == "GET":
            batches = selectors.import_list(request.user, campaign).select_related("campaign", "created_by")
            return Response(s.ResultImportSerializer(batches[:200], many=True).data)
        data = s.ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        batch = results_import_create(user=request.user, campaign=campaign, upload=data.validated_data["file"])
        jobs.enqueue(import_campaign_results, batch)
        return Response(s.ResultImportSerializer(batch).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={200: s.ResultImportSerializer})
    @action(detail=True, methods=["get"], url_path=r"imports/(?P<batch>[0-9]+)")
    def import_detail(self, request, slug=None, batch=None):
        """One uploaded results file: its state, progress and counts."""
        found = selectors.import_get(request.user, self.get_object(), int(batch))
        return Response(s.ResultImportSerializer(found).data)

    @extend_schema(request=None, responses={202: s.ResultImportSerializer, 409: ErrorSerializer})
    @action(detail=True, methods=["post"], url_path=r"imports/(?P<batch>[0-9]+)/retry")
    def import_retry(self, request, slug=None, batch=None):
        """Run again an import that failed or whose worker died (rows it counted are not counted twice); 409
        `not_retryable` if it is queued, running or done."""
        from ansinh.campaigns.importers import results_retry

        found = selectors.import_get(request.user, self.get_object(), int(batch))
        if not results_retry(user=request.user, batch=found):
            raise not_retryable()
        found.refresh_from_db()
        return Response(s.ResultImportSerializer(found).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={201: s.CampaignSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, slug=None):
        """Close the campaign: its report becomes final; nothing more is counted."""
        campaign = services.campaign_close(user=request.user, campaign=self.get_object())
        return Response(s.CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ReasonSerializer, responses={201: s.CampaignSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, slug=None):
        """Reopen a closed campaign (with a reason)."""
        data = s.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        campaign = services.campaign_reopen(user=request.user, campaign=self.get_object(),
                                            reason=data.validated_data["reason"])
        return Response(s.CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)
