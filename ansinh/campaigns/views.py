"""Campaign pages: list, create/edit, dashboard (whole campaign, unit, staff), targets, teams, activities,
results entry, ranking, retention, report downloads. Writes go through the services; outside the
user's area everything answers 404."""

import csv
import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.campaigns import selectors, services
from ansinh.campaigns.choices import SCHEME_SHORT, CampaignStatus
from ansinh.campaigns.errors import CampaignError
from ansinh.campaigns.filters import CampaignFilter, CorrectionFilter, ResultFilter
from ansinh.campaigns.forms import (
    ActivityForm,
    CampaignForm,
    CloseForm,
    CorrectionForm,
    ImportForm,
    MemberForm,
    QuotaForm,
    ResultForm,
    SplitForm,
    TargetForm,
    TeamDayForm,
    TeamForm,
    form_errors,
)
from ansinh.campaigns.models import Campaign
from ansinh.campaigns.progress import (
    ALL,
    SCHEMES,
    campaign_progress,
    campaign_totals,
    figures,
    ranking,
    staff_progress,
)
from ansinh.core import jobs
from ansinh.core.cells import CellError, parse_date
from ansinh.core.errors import Code, DomainError, NotFound, PermissionDenied
from ansinh.core.formats import vn_date
from ansinh.core.paging import page_of
from ansinh.core.scoping import Action, path_in_scope, require, require_role
from ansinh.geo.models import Unit
from ansinh.network.models import CollectionPoint, Staff


def _campaign(request, slug: str) -> Campaign:
    try:
        return selectors.campaign_get(request.user, slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _day(value: str | None) -> dt.date | None:
    try:
        return parse_date(value, "Ngày")
    except CellError:
        return None


def _until(request, campaign: Campaign, today: dt.date) -> dt.date:
    """The day the figures are shown for: ?on=…, else today while running, else the last day."""
    asked = _day(request.GET.get("on"))
    if asked:
        return max(min(asked, campaign.end_date), campaign.start_date - dt.timedelta(days=1))
    if campaign.phase(today) == CampaignStatus.RUNNING and today < campaign.end_date:
        return today
    return campaign.end_date


# The right that the forms of a tab need (results and activities need ENTER_FIGURES).
PLANNING_TABS = {"targets": Action.SET_TARGETS, "teams": Action.SET_TARGETS}  # else ENTER_RESULTS


def _base(request, campaign: Campaign, tab: str) -> dict:
    today = timezone.localdate()
    ended = not campaign.is_closed and today > campaign.end_date
    return {"campaign": campaign, "tab": tab, "today": today, "phase": "ended" if ended else campaign.phase(today),
            "phase_label": campaign.phase_label(today),
            "can_change": selectors.can_change(request.user, campaign),
            "can_add": selectors.can_add_in(request.user, campaign, PLANNING_TABS.get(tab, Action.ENTER_RESULTS))
            and not campaign.is_closed,
            "roots": selectors.view_roots(request.user, campaign), "schemes": SCHEMES, "scheme_labels": SCHEME_SHORT}


def _unit(campaign: Campaign, code: str) -> Unit:
    code = (code or "").strip()
    unit = Unit.objects.filter(code=code, era__in=[campaign.era, ""]).first()
    if unit is None:
        raise DomainError(f"Không có đơn vị hành chính mã '{code}' ({'trước' if campaign.era == 'pre2025' else 'từ'} "
                          "1/7/2025).", code=Code.UNKNOWN_UNIT, field="unit")
    return unit


def _staff(user, code: str) -> Staff:
    staff = Staff.objects.restrict(user).filter(code=(code or "").strip()).select_related("unit").first()
    if staff is None:
        raise DomainError(f"Không có cán bộ mã '{code}' trong địa bàn của bạn.",
                          code=CampaignError.UNKNOWN_STAFF, field="staff")
    return staff


def _codes(text: str) -> list[str]:
    return [c for c in (text or "").replace(";", ",").replace(" ", ",").split(",") if c]


def _run(request, action, success: str) -> bool:
    """Run a service call: a DomainError becomes a message, NotFound a 404."""
    try:
        action()
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


# ---------------------------------------------------------------- list, create, edit


@login_required
def campaign_list(request):
    """Campaigns the user may see, newest first, with their figures."""
    today = timezone.localdate()
    rows = []
    found = CampaignFilter(request.GET, queryset=selectors.campaign_list(request.user))
    page = page_of(request, found.qs, per_page=20)
    for campaign in page:
        roots = selectors.view_roots(request.user, campaign)
        rows.append({"campaign": campaign, "phase": campaign.phase_label(today),
                     "figures": campaign_totals(campaign, roots=roots)})
    can_add = request.user.may(Action.SET_TARGETS)
    return render(request, "campaigns/list.html", {"rows": rows, "can_add": can_add, "scheme_labels": SCHEME_SHORT,
                                                   "schemes": SCHEMES, "page": page, "filters": found.form})


@login_required
def campaign_create(request):
    """Create a campaign in the user's area."""
    require_role(request.user, Action.SET_TARGETS)
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                campaign = services.campaign_create(
                    user=request.user, name=data["name"], theme=data["theme"], start_date=data["start_date"],
                    end_date=data["end_date"], area=data["area"], organisers=data["organisers"],
                    joint_plan=data["joint_plan"], target_groups=data["target_groups"],
                    retention_date=data["retention_date"], notes=data["notes"])
            except NotFound as exc:
                messages.error(request, exc.message)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Đã tạo chiến dịch.")
                return redirect("campaigns:detail", slug=campaign.slug)
        else:
            for text in form_errors(form):
                messages.error(request, text)
    return render(request, "campaigns/form.html", {"form": form, "campaign": None})


@login_required
def campaign_edit(request, slug: str):
    """Edit a campaign's description, dates or area (only where the user may change it)."""
    campaign = _campaign(request, slug)
    require(request.user, Action.SET_TARGETS, campaign.area.path, what="Chiến dịch")
    form = CampaignForm(request.POST or None, initial=CampaignForm.initial_for(campaign), user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data

            def save():
                services.campaign_update(
                    user=request.user, campaign=campaign, name=data["name"], theme=data["theme"],
                    start_date=data["start_date"], end_date=data["end_date"], area=data["area"],
                    organisers=data["organisers"], joint_plan=data["joint_plan"],
                    target_groups=data["target_groups"], retention_date=data["retention_date"], notes=data["notes"])

            if _run(request, save, "Đã lưu chiến dịch."):
                return redirect("campaigns:detail", slug=campaign.slug)
        else:
            for text in form_errors(form):
                messages.error(request, text)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


# ---------------------------------------------------------------- dashboards


def _chart(progress) -> dict:
    return {"labels": [f"{d['day'].day}/{d['day'].month}" for d in progress.daily],
            "series": {s: {"label": SCHEME_SHORT[s], "achieved": [d[s]["achieved"] for d in progress.daily],
                           "daily": [d[s]["count"] for d in progress.daily],
                           "target": progress.summary[s]["target"]} for s in SCHEMES}}


def _map(progress) -> list[dict]:
    return [{"code": r["code"], "name": r["name"], "short": r["unit"].short_name, "lat": r["latitude"],
             "lon": r["longitude"],
             **{s: {"target": r[s]["target"], "achieved": r[s]["achieved"],
                    "percent": float(r[s]["percent"]) if r[s]["percent"] is not None else None}
                for s in (*SCHEMES, ALL)}}
            for r in progress.units if r["latitude"] is not None]


def _dashboard(request, campaign: Campaign, roots: list[Unit], focus: Unit | None, template: str):
    context = _base(request, campaign, "overview")
    until = _until(request, campaign, context["today"])
    progress = campaign_progress(campaign, roots=roots, until=until)
    context.update({
        "progress": progress, "until": until, "focus": focus, "summary": [progress.summary[s] for s in SCHEMES],
        "total": progress.summary[ALL], "daily": progress.daily,
        "top_teams": ranking(progress.teams, ALL)[:10], "top_staff": ranking(progress.staff, ALL)[:10],
        "chart": _chart(progress), "map_points": _map(progress),
        "live": context["phase"] == CampaignStatus.RUNNING and not request.GET.get("on"),
    })
    return render(request, template, context)


@login_required
def campaign_detail(request, slug: str):
    """The dashboard: target, achieved, % and still needed; by day, unit, team and staff; chart and map."""
    campaign = _campaign(request, slug)
    return _dashboard(request, campaign, selectors.view_roots(request.user, campaign), None,
                      "campaigns/detail.html")


@login_required
def campaign_live(request, slug: str):
    """The summary cards alone (htmx polls it while the campaign runs)."""
    campaign = _campaign(request, slug)
    today = timezone.localdate()
    progress = campaign_progress(campaign, roots=selectors.view_roots(request.user, campaign),
                                 until=_until(request, campaign, today), with_staff=False)
    return render(request, "campaigns/_summary.html", {"campaign": campaign, "until": progress.until, "live": True,
                                                         "summary": [progress.summary[s] for s in SCHEMES],
                                                         "total": progress.summary[ALL], "progress": progress})


@login_required
def campaign_unit(request, slug: str, code: str):
    """One unit of the campaign: the same dashboard, for the unit's subtree."""
    campaign = _campaign(request, slug)
    try:
        unit = selectors.unit_in_view(request.user, campaign, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return _dashboard(request, campaign, [unit], unit, "campaigns/detail.html")


@login_required
def campaign_staff(request, slug: str, code: str):
    """One staff member: target, achieved, % and still needed, by day."""
    campaign = _campaign(request, slug)
    staff = Staff.objects.restrict(request.user).filter(code=code).select_related("unit", "collection_point").first()
    if staff is None:
        raise Http404("Không tìm thấy cán bộ.")
    context = _base(request, campaign, "ranking")
    until = _until(request, campaign, context["today"])
    context.update({"staff": staff, "until": until, **staff_progress(campaign, staff, until=until)})
    return render(request, "campaigns/staff.html", context)


@login_required
def campaign_ranking(request, slug: str):
    """The emulation ranking of units, teams and staff (by % of target, then by achieved)."""
    campaign = _campaign(request, slug)
    context = _base(request, campaign, "ranking")
    scheme = request.GET.get("scheme") if request.GET.get("scheme") in SCHEMES else ALL
    until = _until(request, campaign, context["today"])
    progress = campaign_progress(campaign, roots=context["roots"], until=until)
    lowest = request.GET.get("order") == "lowest"
    try:
        limit = max(1, min(int(request.GET.get("limit") or 200), 10_000))
    except ValueError:
        limit = 200

    def ranked(rows):
        return ranking(rows, scheme, lowest_first=lowest)

    context.update({"until": until, "scheme": scheme, "lowest": lowest,
                    "scheme_label": SCHEME_SHORT.get(scheme, "cả hai loại hình; phần vượt không bù phần thiếu"),
                    "units": ranked(progress.units), "teams": ranked(progress.teams),
                    "staff": ranked(progress.staff)[:limit],
                    "staff_total": len(progress.staff), "points": ranked(progress.points)})
    return render(request, "campaigns/ranking.html", context)


@login_required
def campaign_retention(request, slug: str):
    """How many of the people the campaign recruited are still enrolled and paid up on a chosen date."""
    campaign = _campaign(request, slug)
    context = _base(request, campaign, "retention")
    on = _day(request.GET.get("on")) or selectors.default_retention_date(campaign)
    until = selectors.default_retention_date(campaign)
    at_risk = page_of(request, selectors.recruits_at_risk(campaign, user=request.user, until=until), per_page=50,
                      param="risk")
    context.update({"on": on, "retention": selectors.retention(campaign, on=on, roots=context["roots"]),
                    "reported_only": campaign_totals(campaign, roots=context["roots"])["sources"],
                    "until": until, "at_risk": at_risk, "today": timezone.localdate()})
    return render(request, "campaigns/retention.html", context)


# ---------------------------------------------------------------- targets, teams, activities


@login_required
def campaign_targets(request, slug: str):
    """Targets per unit, point, team and staff; set, split, or derive from a per-staff quota."""
    campaign = _campaign(request, slug)
    if request.method == "POST":
        _targets_post(request, campaign)
        return redirect("campaigns:targets", slug=campaign.slug)
    context = _base(request, campaign, "targets")
    progress = campaign_progress(campaign, roots=context["roots"])
    targets = selectors.target_list(request.user, campaign).order_by("unit__path", "holder", "staff__code",
                                                                     "team__code", "-scheme")
    unit = request.GET.get("unit", "").strip()
    if unit:
        targets = targets.filter(unit__code=unit)
    page = page_of(request, targets, per_page=60)
    rows = [{"obj": t, **figures(t.count, _holder_achieved(progress, t))} for t in page]
    context.update({"rows": rows, "page": page, "units": progress.units, "summary": progress.summary,
                    "unit_filter": unit, "target_form": TargetForm(),
                    "split_form": SplitForm(user=request.user, on=campaign.start_date),
                    "quota_form": QuotaForm(), "revenue": selectors.revenue_achieved(campaign, context["roots"])})
    return render(request, "campaigns/targets.html", context)


def _holder_achieved(progress, target) -> int:
    if target.holder == "unit":
        return progress.tally.under(target.unit.path, target.scheme)
    if target.holder == "staff":
        return progress.tally.by_staff.get((target.staff_id, target.scheme), 0)
    if target.holder == "team":
        row = next((r for r in progress.teams if r["team"].pk == target.team_id), None)
        return row[target.scheme]["achieved"] if row else 0
    row = next((r for r in progress.points if r["point"].pk == target.collection_point_id), None)
    return row[target.scheme]["achieved"] if row else 0


def _targets_post(request, campaign: Campaign) -> None:
    action = request.POST.get("action", "set")
    user = request.user
    forms = {"set": TargetForm, "split": SplitForm, "quota": QuotaForm}
    if action == "delete":
        target = selectors.target_list(user, campaign).filter(pk=request.POST.get("target") or 0).first()
        if target is None:
            raise Http404("Không tìm thấy chỉ tiêu.")
        _run(request, lambda: services.target_delete(user=user, target=target), "Đã xoá chỉ tiêu.")
        return
    if action not in forms:
        messages.error(request, "Thao tác không hợp lệ.")
        return
    form = (SplitForm(request.POST, user=user, on=campaign.start_date) if action == "split"
            else forms[action](request.POST))
    if not form.is_valid():
        for text in form_errors(form):
            messages.error(request, text)
        return
    d = form.cleaned_data
    if action == "set":
        def run():
            holder = {"unit": lambda: {"unit": _unit(campaign, d["code"])},
                      "point": lambda: {"collection_point": _point(user, d["code"])},
                      "team": lambda: {"team": selectors.team_get(user, campaign, d["code"], "change")},
                      "staff": lambda: {"staff": _staff(user, d["code"])}}[d["holder"]]()
            services.target_set(user=user, campaign=campaign, scheme=d["scheme"], count=d["count"],
                                revenue=d["revenue"], **holder)

        _run(request, run, "Đã lưu chỉ tiêu.")
    elif action == "split":
        _run(request, lambda: services.target_split(user=user, campaign=campaign, unit=d["unit"],
                                                    scheme=d["scheme"], into=d["into"], by=d["by"]),
             "Đã chia chỉ tiêu.")
    else:
        _run(request, lambda: services.targets_from_quota(
            user=user, campaign=campaign, per_staff={"voluntary_si": d["vsi"], "household_hi": d["hh"]},
            staff=selectors.quota_staff(user, campaign, d["who"]),
            label="viên chức BHXH" if d["who"] == "bhxh" else "cán bộ"), "Đã giao chỉ tiêu theo định mức.")


def _point(user, code: str) -> CollectionPoint:
    point = CollectionPoint.objects.restrict(user).filter(code=(code or "").strip()).select_related("unit").first()
    if point is None:
        raise DomainError(f"Không có điểm thu mã '{code}' trong địa bàn của bạn.", code=CampaignError.UNKNOWN_POINT,
                          field="collection_point")
    return point


@login_required
def campaign_teams(request, slug: str):
    """Teams with their members, areas and results; create a team."""
    campaign = _campaign(request, slug)
    if request.method == "POST":
        form = TeamForm(request.POST, user=request.user, on=campaign.start_date)
        if form.is_valid():
            d = form.cleaned_data

            def run():
                services.team_create(
                    user=request.user, campaign=campaign, code=d["code"], name=d["name"], unit=d["unit"],
                    areas=d["areas"], leader=d["leader"], members=d["members"], note=d["note"])

            _run(request, run, "Đã tạo đội.")
        else:
            for text in form_errors(form):
                messages.error(request, text)
        return redirect("campaigns:teams", slug=campaign.slug)
    context = _base(request, campaign, "teams")
    progress = campaign_progress(campaign, roots=context["roots"], with_staff=False)
    context.update({"teams": progress.teams, "form": TeamForm(user=request.user, on=campaign.start_date)})
    return render(request, "campaigns/teams.html", context)


@login_required
def campaign_team(request, slug: str, code: str):
    """One team: members, areas, results by member; add or remove members, rename."""
    campaign = _campaign(request, slug)
    try:
        team = selectors.team_get(request.user, campaign, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if request.method == "POST":
        action = request.POST.get("action", "add")
        form = MemberForm(request.POST, user=request.user)
        if action in ("add", "remove") and form.is_valid():
            call = services.team_member_add if action == "add" else services.team_member_remove

            def run():
                call(user=request.user, team=team, staff=form.cleaned_data["staff"])

            _run(request, run, "Đã thêm thành viên." if action == "add" else "Đã bớt thành viên.")
        elif action == "update":
            _run(request, lambda: services.team_update(
                user=request.user, team=team, name=request.POST.get("name") or team.name,
                note=request.POST.get("note", team.note),
                areas=[_unit(campaign, c) for c in _codes(request.POST.get("areas", ""))]
                if "areas" in request.POST else None), "Đã lưu đội.")
        else:
            for text in form_errors(form) or ["Thao tác không hợp lệ."]:
                messages.error(request, text)
        return redirect("campaigns:team", slug=campaign.slug, code=team.code)
    context = _base(request, campaign, "teams")
    progress = campaign_progress(campaign, roots=[team.unit])
    row = next(r for r in progress.teams if r["team"].pk == team.pk)
    member_ids = set(team.members.values_list("staff_id", flat=True))
    context.update({"team": team, "row": row, "areas": team.areas.order_by("code"),
                    "members": [r for r in progress.staff if r["staff_id"] in member_ids],
                    "activities": team.activities.select_related("unit").order_by("day"),
                    "can_edit": not campaign.is_closed and path_in_scope(request.user, team.unit.path,
                                                                         Action.SET_TARGETS),
                    "can_enter": not campaign.is_closed and path_in_scope(request.user, team.unit.path,
                                                                          Action.ENTER_RESULTS),
                    "form": MemberForm(user=request.user)})
    return render(request, "campaigns/team.html", context)


@login_required
def campaign_team_day(request, slug: str, code: str):
    """A team's day on one screen (a phone): members × schemes, the recruits enrolled in ansinh shown, the figures
    of people enrolled elsewhere typed; the team leader enters them all, a member his own, an officer anyone's."""
    campaign = _campaign(request, slug)
    try:
        team = selectors.team_get(request.user, campaign, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    require(request.user, Action.ENTER_RESULTS, team.unit.path, what="Đội")
    today = timezone.localdate()
    day = _day(request.POST.get("day") or request.GET.get("day")) or min(max(today, campaign.start_date),
                                                                         campaign.end_date)
    members = [m.staff for m in team.members.select_related("staff__unit").order_by("staff__code")]
    mine = [m for m in members if services.may_enter_for(request.user, campaign, m)]
    if not mine:
        raise PermissionDenied("Bạn chỉ nhập được kết quả của chính mình và của đội mình làm đội trưởng.")
    rows = selectors.team_day(campaign, team, day, mine)
    form = TeamDayForm(request.POST or None, rows=rows, schemes=SCHEMES, labels=SCHEME_SHORT)
    if request.method == "POST" and form.is_valid():
        def save():
            changed = services.team_day_record(user=request.user, team=team, day=day, figures=form.figures())
            messages.info(request, f"{changed} số thay đổi.")

        if _run(request, save, f"Đã lưu kết quả ngày {vn_date(day)} của {team.name}."):
            return redirect(f"{request.path}?day={day.isoformat()}")
    elif request.method == "POST":
        for text in form_errors(form):
            messages.error(request, text)
    context = _base(request, campaign, "teams")
    cells = {(staff_id, scheme): form[name] for staff_id, scheme, name in form.cells}
    context.update({"team": team, "day": day, "late": day < today, "form": form,
                    "rows": [{**r, "cells": [(s, cells[(r["staff"].pk, s)], r["recruited"][s]) for s in SCHEMES]}
                             for r in rows],
                    "recruited_total": {s: sum(r["recruited"][s] for r in rows) for s in SCHEMES},
                    "days": list(campaign.days)})
    return render(request, "campaigns/team_day.html", context)


def _area_initial(request, campaign: Campaign) -> dict:
    """The campaign's area as a form's unit, when the user may pick it (else the picker's own default)."""
    return {"unit": campaign.area} if path_in_scope(request.user, campaign.area.path, "view") else {}


@login_required
def campaign_activities(request, slug: str):
    """Field activities (parades, door-to-door, stalls, leaflets, broadcasts, VssID help) and their totals."""
    campaign = _campaign(request, slug)
    if request.method == "POST":
        form = ActivityForm(request.POST, user=request.user)
        if form.is_valid():
            d = form.cleaned_data

            def run():
                team = selectors.team_get(request.user, campaign, d["team_code"]) if d["team_code"] else None
                services.activity_record(user=request.user, campaign=campaign, unit=d["unit"],
                                         day=d["day"], kind=d["kind"], quantity=d["quantity"],
                                         participants=d["participants"], team=team, place=d["place"], note=d["note"])

            _run(request, run, "Đã ghi hoạt động.")
        else:
            for text in form_errors(form):
                messages.error(request, text)
        return redirect("campaigns:activities", slug=campaign.slug)
    context = _base(request, campaign, "activities")
    activities = list(selectors.activity_list(request.user, campaign))
    context.update({"activities": activities, "summary": selectors.activity_summary(activities),
                    "form": ActivityForm(initial={"day": campaign.start_date, **_area_initial(request, campaign)},
                                         user=request.user)})
    return render(request, "campaigns/activities.html", context)


# ---------------------------------------------------------------- results


@login_required
def campaign_results(request, slug: str):
    """Enter reported figures and corrections, upload a results file; see what was entered and any overlap."""
    campaign = _campaign(request, slug)
    if request.method == "POST":
        return _results_post(request, campaign) or redirect("campaigns:results", slug=campaign.slug)
    context = _base(request, campaign, "results")
    day = min(max(context["today"], campaign.start_date), campaign.end_date)
    initial = {"day": day, **({"unit": context["roots"][0]} if context["roots"] else {})}
    context.update({
        "reported": page_of(request, ResultFilter(request.GET, queryset=selectors.reported_list(
            request.user, campaign)).qs, param="reported"),
        "corrections": page_of(request, CorrectionFilter(request.GET, queryset=selectors.correction_list(
            request.user, campaign)).qs, param="corrections"),
        "imports": page_of(request, selectors.import_list(request.user, campaign), per_page=20, param="imports"),
        "warnings": selectors.result_warnings(campaign, roots=context["roots"]),
        "totals": campaign_totals(campaign, roots=context["roots"]),
        # Two forms on one page: their inputs get their own ids (the pickers find their input by id).
        "result_form": ResultForm(initial=initial, user=request.user, auto_id="result-%s"),
        "correction_form": CorrectionForm(initial=initial, user=request.user, auto_id="correction-%s"),
        "import_form": ImportForm(),
    })
    return render(request, "campaigns/results.html", context)


def _results_post(request, campaign: Campaign):
    """Do what the form posted asks; a redirect when the page to see next is another one (an import's own page)."""
    from ansinh.campaigns.importers import results_import_create
    from ansinh.campaigns.tasks import import_campaign_results

    action, user = request.POST.get("action", "report"), request.user
    if action == "report":
        form = ResultForm(request.POST, user=user)
        if form.is_valid():
            d = form.cleaned_data
            _run(request, lambda: services.result_report(
                user=user, campaign=campaign, unit=d["unit"], day=d["day"], scheme=d["scheme"],
                count=d["count"], amount=d["amount"], note=d["note"], staff=d["staff"]),
                f"Đã ghi {d['count']} người {SCHEME_SHORT.get(d['scheme'], '')} ngày {vn_date(d['day'])}.")
            return
    elif action == "correct":
        form = CorrectionForm(request.POST, user=user)
        if form.is_valid():
            d = form.cleaned_data
            _run(request, lambda: services.result_correct(
                user=user, campaign=campaign, unit=d["unit"], day=d["day"], scheme=d["scheme"],
                count=d["count"], reason=d["reason"], staff=d["staff"]), "Đã ghi điều chỉnh.")
            return
    elif action == "import":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                batch = results_import_create(user=user, campaign=campaign, upload=form.cleaned_data["file"])
            except NotFound as exc:
                raise Http404(exc.message) from exc
            except DomainError as exc:
                messages.error(request, exc.message)
                return None
            jobs.enqueue(import_campaign_results, batch)
            return redirect("campaigns:import", slug=campaign.slug, pk=batch.pk)
    else:
        messages.error(request, "Thao tác không hợp lệ.")
        return
    for text in form_errors(form):
        messages.error(request, text)


def _batch(request, slug: str, pk: int):
    campaign = _campaign(request, slug)
    try:
        return campaign, selectors.import_get(request.user, campaign, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def campaign_import(request, slug: str, pk: int):
    """An uploaded results file as the worker imports it: its state and progress, then what was counted and refused
    (the first reasons shown), with the error file."""
    campaign, batch = _batch(request, slug, pk)
    reasons = [row[-1] for row in list(csv.reader(io.StringIO(batch.errors_csv)))[1:21] if row]
    return render(request, "campaigns/import_detail.html",
                  {**_base(request, campaign, "results"), "batch": batch, "reasons": reasons})


@login_required
@require_POST
def campaign_import_retry(request, slug: str, pk: int):
    """Run again an import that failed or whose worker died."""
    from ansinh.campaigns.importers import results_retry

    campaign, batch = _batch(request, slug, pk)
    if results_retry(user=request.user, batch=batch):
        messages.success(request, "Đã xếp lại lần nhập vào hàng đợi.")
    else:
        messages.info(request, "Lần nhập này đang chạy hoặc đã xong: không cần chạy lại.")
    return redirect("campaigns:import", slug=campaign.slug, pk=batch.pk)


@login_required
def campaign_import_errors(request, slug: str, pk: int):
    """The rejected rows of an uploaded file, with the reason, as CSV (fix and import again)."""
    campaign, batch = _batch(request, slug, pk)
    response = HttpResponse("\ufeff" + batch.errors_csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="loi-{campaign.slug}-{batch.pk}.csv"'
    return response


# ---------------------------------------------------------------- report, close


@login_required
def campaign_report_page(request, slug: str):
    """Downloads (PDF, Excel, JSON) and closing the campaign."""
    campaign = _campaign(request, slug)
    if request.method == "POST":
        require(request.user, Action.SET_TARGETS, campaign.area.path, what="Chiến dịch")
        action = request.POST.get("action")
        if action == "close":
            _run(request, lambda: services.campaign_close(user=request.user, campaign=campaign),
                 "Đã kết thúc chiến dịch; báo cáo là bản chính thức.")
        elif action == "reopen":
            form = CloseForm(request.POST)
            form.is_valid()
            _run(request, lambda: services.campaign_reopen(user=request.user, campaign=campaign,
                                                           reason=form.cleaned_data.get("reason", "")),
                 "Đã mở lại chiến dịch.")
        else:
            messages.error(request, "Thao tác không hợp lệ.")
        return redirect("campaigns:report", slug=campaign.slug)
    context = _base(request, campaign, "report")
    context.update({"until": _until(request, campaign, context["today"]), "close_form": CloseForm(),
                    "retention_on": selectors.default_retention_date(campaign)})
    return render(request, "campaigns/report.html", context)


def _report(request, campaign: Campaign) -> dict:
    from ansinh.campaigns.report import campaign_report

    today = timezone.localdate()
    on = _until(request, campaign, today)
    return campaign_report(campaign, user=request.user, on=on, retention_on=_day(request.GET.get("retention_on")))


@login_required
def campaign_report_json(request, slug: str):
    """The report's figures as JSON (the same as `ansinh report campaign SLUG --json`)."""
    campaign = _campaign(request, slug)
    return JsonResponse(_report(request, campaign), json_dumps_params={"ensure_ascii": False, "indent": 1})


@login_required
def campaign_report_xlsx(request, slug: str):
    """The Excel workbook."""
    from ansinh.campaigns.exporters import report_xlsx

    campaign = _campaign(request, slug)
    response = HttpResponse(report_xlsx(_report(request, campaign)),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{campaign.slug}.xlsx"'
    return response


@login_required
def campaign_report_pdf(request, slug: str):
    """The one-page PDF."""
    from ansinh.campaigns.exporters import report_pdf

    campaign = _campaign(request, slug)
    response = HttpResponse(report_pdf(_report(request, campaign)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bao-cao-{campaign.slug}.pdf"'
    return response

