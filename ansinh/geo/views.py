"""Pages: the units browser (both structures), a unit's page with statistics and crosswalk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ansinh.core.errors import DomainError, NotFound
from ansinh.core.scoping import Action, path_in_scope, require
from ansinh.geo import selectors, services
from ansinh.geo.choices import Era
from ansinh.geo.forms import StatisticForm


def _unit_or_404(era: str, code: str):
    if era not in Era.values:
        raise Http404
    try:
        return selectors.unit_get(code, era)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def unit_list(request):
    """Provinces of the chosen structure, or search results across levels."""
    era = request.GET.get("era") or Era.FROM_2025
    if era not in Era.values:
        era = Era.FROM_2025
    query = (request.GET.get("q") or "").strip()
    if query:
        units = selectors.unit_search(query, era=request.GET.get("era") or None, limit=50)
    else:
        units = list(selectors.unit_children(selectors.unit_get("VN")).filter(era=era))
    selectors.attach_statistics(units)
    context = {"units": units, "era": era, "eras": Era.choices, "query": query}
    template = "geo/_unit_rows.html" if request.headers.get("HX-Request") else "geo/unit_list.html"
    return render(request, template, context)


@login_required
def unit_detail(request, era: str, code: str):
    """A unit: its place in the hierarchy, figures with sources, children, and the crosswalk."""
    unit = _unit_or_404(era, code)
    children = selectors.attach_statistics(list(selectors.unit_children(unit)))
    context = {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit),
        "children": children,
        "statistics": unit.statistics.order_by("indicator", "-year"),
        "successors": selectors.unit_successors(unit),
        "predecessors": selectors.unit_predecessors(unit),
        "can_edit": path_in_scope(request.user, unit.path, Action.ENTER_FIGURES),
        "form": StatisticForm(),
    }
    return render(request, "geo/unit_detail.html", context)


@login_required
@require_POST
def unit_statistic_add(request, era: str, code: str):
    """Add or correct a yearly figure; only inside the officer's area (404 outside)."""
    unit = _unit_or_404(era, code)
    require(request.user, Action.ENTER_FIGURES, unit.path, what="Đơn vị")
    form = StatisticForm(request.POST)
    if form.is_valid():
        try:
            services.statistic_record(user=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã lưu số liệu.")
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect("geo:unit-detail", era=unit.era, code=unit.code)
