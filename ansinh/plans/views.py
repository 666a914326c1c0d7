"""Pages under /plans/: the coverage dashboard (drill nation → province → commune), targets, reported figures."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.core.errors import DomainError, NotFound
from ansinh.core.formats import vn_date, vn_decimal
from ansinh.geo.choices import Level
from ansinh.geo.selectors import unit_ancestors, unit_get
from ansinh.plans import selectors, services
from ansinh.plans.choices import RATE_INDICATORS, SHORT_LABELS, Indicator, Structure, ValueSource
from ansinh.plans.forms import DashboardForm, FigureForm, PlanForm
from ansinh.reports.indicators import coverage_report, status_class


def _unit_from(code: str, era: str | None):
    try:
        return unit_get(code, era or None)
    except NotFound as exc:
        raise Http404(exc.message) from exc


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
    for child in report.ranked_children(focus):
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
    return {"bars": bars, "trend": trend, "units": units, "focus": focus, "focus_label": SHORT_LABELS[focus],
            "focus_rate": focus in RATE_INDICATORS}


@login_required
def dashboard(request):
    """Coverage of a unit on a date: indicators, plans, comparisons, map and ranking of its sub-units."""
    form = DashboardForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    unit = _unit_from(data["unit"], data.get("era")) if data.get("unit") else _default_unit(request.user)
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
        "figure_dates": selectors.figure_dates(request.user, shown),
        "switch_structure_url": f"?{dashboard_query(unit, on, other, source, focus)}",
        "other_structure": other,
        "pack_url": "/reports/?" + urlencode({"unit": shown.code, "era": shown.era, "on": on.isoformat()}),
        "query": dashboard_query(shown, on, structure, source, focus),
    }
    return render(request, "plans/dashboard.html", context)


def _form_unit(form):
    return _unit_from(form.cleaned_data["unit_code"], form.cleaned_data.get("unit_era") or None)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else field
        messages.error(request, f"{label}: {' '.join(errors)}")


@login_required
def plan_list(request):
    """Targets in the user's area, newest year first; officers add or correct them here."""
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                unit = _form_unit(form)
                plan, what = services.plan_record(
                    user=request.user, unit=unit, year=data["year"], indicator=data["indicator"],
                    value=data["value"], authority=data["authority"], period=data["period"],
                    document=data["document"], source=data["source"], note=data["note"])
            except Http404:
                messages.error(request, f"Không có đơn vị mã {data['unit_code']} trong địa bàn của bạn.")
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, {"created": "Đã thêm chỉ tiêu.", "updated": "Đã sửa chỉ tiêu.",
                                           "unchanged": "Chỉ tiêu không thay đổi."}[what])
                return redirect("plans:plan-list")
        else:
            _form_errors(request, form)
    else:
        form = PlanForm(initial={"year": timezone.localdate().year})
    plans = selectors.plan_list(request.user, year=request.GET.get("year") or None)
    return render(request, "plans/plan_list.html", {"form": form, "plans": plans[:500]})


@login_required
@require_POST
def plan_delete(request, pk: int):
    """Delete a target entered by mistake (404 outside the area)."""
    plan = selectors.plan_get(request.user, pk, "delete")
    services.plan_delete(user=request.user, plan=plan)
    messages.success(request, "Đã xoá chỉ tiêu.")
    return redirect("plans:plan-list")


@login_required
def figure_list(request):
    """Reported figures in the user's area; officers add or correct them here."""
    if request.method == "POST":
        form = FigureForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                unit = _form_unit(form)
                figure, what = services.figure_record(
                    user=request.user, unit=unit, on=data["on"], indicator=data["indicator"], value=data["value"],
                    source=data["source"], source_date=data["source_date"], derived=data["derived"],
                    printed_plan_pct=data["printed_plan_pct"], printed_needed=data["printed_needed"],
                    note=data["note"])
            except Http404:
                messages.error(request, f"Không có đơn vị mã {data['unit_code']} trong địa bàn của bạn.")
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, {"created": "Đã thêm số liệu.", "updated": "Đã sửa số liệu.",
                                           "unchanged": "Số liệu không thay đổi."}[what])
                return redirect("plans:figure-list")
        else:
            _form_errors(request, form)
    else:
        form = FigureForm()
    figures = selectors.figure_list(request.user)
    return render(request, "plans/figure_list.html", {"form": form, "figures": figures[:500]})


@login_required
@require_POST
def figure_delete(request, pk: int):
    """Delete a reported figure entered by mistake (404 outside the area)."""
    figure = selectors.figure_get(request.user, pk, "delete")
    services.figure_delete(user=request.user, figure=figure)
    messages.success(request, "Đã xoá số liệu.")
    return redirect("plans:figure-list")
