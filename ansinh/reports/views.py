"""Report pages: the coverage dashboard (drill nation → province → commune) and the steering committee's report
packs (request one, follow its progress, download the PDF and the workbook)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.core.errors import DomainError, NotFound
from ansinh.core.formats import vn_date, vn_decimal
from ansinh.core.forms import read_date
from ansinh.core.paging import page_of
from ansinh.core.scoping import Action, path_in_scope, require_role
from ansinh.geo import boundaries
from ansinh.geo.choices import Level
from ansinh.geo.selectors import unit_ancestors, unit_get
from ansinh.plans import selectors as plan_selectors
from ansinh.plans.choices import RATE_INDICATORS, SHORT_LABELS, Indicator, Structure, ValueSource
from ansinh.reports import selectors, services
from ansinh.reports.filters import JobFilter
from ansinh.reports.forms import DashboardForm, PackForm
from ansinh.reports.indicators import coverage_report, resolve_unit, status_class
from ansinh.reports.models import JobState

FORMATS = {"pdf": ("pdf", "application/pdf"),
           "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}


def _linked_unit(user, code, era):
    """The unit a link names by code and structure, when it is in the user's area (else the picker's default)."""
    if not code:
        return None
    try:
        unit = unit_get(code, era or None)
    except NotFound:
        return None
    return unit if path_in_scope(user, unit.path, "view") else None


@login_required
def job_list(request):
    """The user's report packs and the form to build a new one."""
    if request.method == "POST":
        require_role(request.user, Action.BUILD_REPORT)
        form = PackForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                job = services.job_create(user=request.user, unit=data["unit"], on=data["on"],
                                          period_start=data["period_start"], structure=data["structure"])
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                return redirect("reports:job-detail", pk=job.pk)
        else:
            for field, errors in form.errors.items():
                messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
    else:
        # From the dashboard's link: its unit (code and structure) and date; else the user's own unit, today.
        on = read_date(request.GET.get("on")) or timezone.localdate()
        initial = {"on": on, "structure": "as_of"}
        linked = _linked_unit(request.user, request.GET.get("unit"), request.GET.get("era"))
        if linked is not None:
            initial["unit"] = linked
        form = PackForm(initial=initial, user=request.user)
    page = page_of(request, JobFilter(request.GET, queryset=selectors.job_list(request.user)).qs)
    return render(request, "reports/job_list.html", {"form": form, "jobs": page, "page": page})


@login_required
def job_detail(request, pk: int):
    """A pack's progress (polled by htmx while it is being built) and its downloads."""
    job = selectors.job_get(request.user, pk)
    template = "reports/_job_status.html" if request.headers.get("HX-Request") else "reports/job_detail.html"
    return render(request, template, {"job": job, "finished": job.finished})


@login_required
@require_POST
def job_retry(request, pk: int):
    """Build again a pack that failed or whose worker died."""
    job = selectors.job_get(request.user, pk)
    if services.job_retry(user=request.user, job=job):
        messages.success(request, "Đã xếp lại báo cáo vào hàng đợi.")
    else:
        messages.info(request, "Báo cáo đang lập hoặc đã xong: không cần lập lại.")
    return redirect("reports:job-detail", pk=job.pk)


@login_required
def job_download(request, pk: int, fmt: str):
    """Download the finished PDF or workbook."""
    job = selectors.job_get(request.user, pk)
    if fmt not in FORMATS or job.state != JobState.DONE:
        raise Http404("Báo cáo chưa sẵn sàng.")
    file = job.pdf if fmt == "pdf" else job.xlsx
    ext, content_type = FORMATS[fmt]
    name = f"bao-cao-bhxh-bhyt-{job.unit.code}-{job.on.isoformat()}.{ext}"
    return FileResponse(file.open("rb"), as_attachment=True, filename=name, content_type=content_type)


# ------------------------------------------------------------------------------------ coverage dashboard

def _unit_from(code: str, era: str | None):
    try:
        return unit_get(code, era or None)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _looks_like_code(text: str) -> bool:
    """A GSO code (84, 610, 28777) or VN, as the dashboard's links write it."""
    text = text.strip()
    return text.upper() == "VN" or (text.isdigit() and len(text) <= 5)


def _default_unit(user):
    return user.scope_unit if user.scope_unit_id else unit_get("VN")


def dashboard_query(unit, on, structure, source, focus) -> str:
    """The query string of a dashboard URL."""
    return urlencode({"unit": unit.code, "era": unit.era, "on": on.isoformat(), "structure": structure,
                      "source": source, "focus": focus})


def _chart_data(report, focus: str, params: dict) -> dict:
    own = report.own
    bars = []
    for row in own.rows.values():
        for target in row.targets:
            if target.pct_of_plan is not None:
                bars.append({"label": f"{row.short_label} — {target.plan.get_authority_display()}",
                             "pct": float(target.pct_of_plan)})
    trend = {"labels": [vn_date(d) for d in report.trend_dates], "series": {}}
    for indicator, values in report.trend.items():
        targets = [{"label": t.plan.get_authority_display(), "value": float(t.plan.value)}
                   for t in own.row(indicator).targets if t.plan.period == "year"]
        trend["series"][indicator] = {"label": SHORT_LABELS[indicator], "rate": indicator in RATE_INDICATORS,
                                      "values": [None if v is None else float(v) for v in values],
                                      "targets": targets}
    units = []
    children = report.ranked_children(focus)
    for child in children:
        row = child.row(focus)
        query = dashboard_query(child.unit, report.on, params["structure"], params["source"], focus)
        units.append({
            "code": child.unit.code, "name": child.unit.name, "lat": child.unit.latitude, "lon": child.unit.longitude,
            "value": None if row.value is None else float(row.value), "display": row.display,
            "pct": None if row.worst_pct is None else float(row.worst_pct),
            "pct_display": "" if row.worst_pct is None else f"{vn_decimal(row.worst_pct)}% kế hoạch",
            "status": status_class(row.worst_pct) if row.value is not None else "st-nodata",
            "url": f"?{query}",
        })
    provinces = bool(children) and all(child.unit.level == Level.PROVINCE for child in children)
    return {"bars": bars, "trend": trend, "units": units, "focus": focus, "focus_label": SHORT_LABELS[focus],
            "focus_rate": focus in RATE_INDICATORS,
            "boundaries": {"url": static(f"geo/{boundaries.output_path(children[0].unit.era).name}"),
                           "licence": boundaries.LICENCE} if provinces else None}


@login_required
def coverage(request):
    """Coverage of a unit on a date: indicators, plans, comparisons, map and ranking of its sub-units."""
    form = DashboardForm(request.GET or None, user=request.user)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})  # the fields that are valid, even when one is not
    if data.get("unit") is not None:
        unit = data["unit"]
    elif form.errors.get("unit") and _looks_like_code(request.GET.get("unit", "")):
        # Not a unit of the user's area: a code of another area is a 404, as every page of another area is.
        unit = _unit_from(request.GET["unit"].strip(), request.GET.get("era"))
    else:
        unit = _default_unit(request.user)
    on = data.get("on") or timezone.localdate()
    structure = data.get("structure") or Structure.AS_OF
    source = data.get("source") or ValueSource.AUTO
    focus = data.get("focus") or Indicator.HI_COVERAGE
    try:
        report = coverage_report(user=request.user, unit=unit, on=on, structure=structure, source=source)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    params = {"structure": structure, "source": source}
    shown = report.unit
    crumbs = [] if shown.level == Level.NATION else [unit_get("VN"), *unit_ancestors(shown)]
    crumbs = [(u, f"?{dashboard_query(u, on, structure, source, focus)}") for u in crumbs]
    other = Structure.CURRENT if structure == Structure.AS_OF else Structure.AS_OF
    switched = resolve_unit(unit, on, other)[0]
    # The other structure is offered when its unit lies in the user's area (old Trà Vinh's officer does not
    # answer for the whole of today's Vĩnh Long, which also took in Bến Tre and old Vĩnh Long).
    can_switch = path_in_scope(request.user, switched.path, "view")
    context = {
        "form": form, "report": report, "unit": shown, "on": on, "structure": structure, "source": source,
        "focus": focus, "crumbs": crumbs,
        "rows": list(report.own.rows.values()),
        "kpis": [report.own.row(i) for i in (Indicator.HI_COVERAGE, Indicator.VOLUNTARY_SI, Indicator.HOUSEHOLD_HI,
                                             Indicator.SI_COVERAGE)],
        "ranked": [(c, c.row(focus), status_class(c.row(focus).worst_pct)) for c in report.ranked_children(focus)],
        "chart": _chart_data(report, focus, params),
        "missing": [r.label for r in report.own.rows.values() if r.value is None and not r.targets],
        "children_with_data": any(c.row(focus).value is not None for c in report.children),
        "figure_dates": plan_selectors.figure_dates(request.user, shown),
        "switch_structure_url": f"?{dashboard_query(unit, on, other, source, focus)}" if can_switch else "",
        "switched_unit": switched,
        "other_structure": other,
        "pack_url": "/reports/?" + urlencode({"unit": shown.code, "era": shown.era, "on": on.isoformat()}),
        "query": dashboard_query(shown, on, structure, source, focus),
    }
    return render(request, "reports/coverage.html", context)
