"""Home page, the search pickers' suggestions, the 404 page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from ansinh.core.pickers import typed
from ansinh.geo.choices import Era, Level
from ansinh.geo.models import Unit
from ansinh.geo.pickers import UNITS
from ansinh.network.pickers import POINTS, STAFF

PICKERS = {picker.name: picker for picker in (UNITS, STAFF, POINTS)}


@login_required
def home(request):
    """Landing page: the user's area and the way into each part of the system."""
    counts = {(era, level): 0 for era in Era.values for level in Level.values}
    for row in Unit.objects.exclude(era="").values("era", "level").annotate(n=Count("pk")):
        counts[(row["era"], row["level"])] = row["n"]
    context = {
        "old_counts": [counts[(Era.PRE_2025, lv)] for lv in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)],
        "new_counts": [counts[(Era.FROM_2025, lv)] for lv in (Level.PROVINCE, Level.COMMUNE)],
    }
    return render(request, "web/home.html", context)


@login_required
def pick(request, name: str):
    """The rows of a search picker matching what was typed (`q`, or the field's own value), as list items."""
    picker = PICKERS.get(name)
    if picker is None:
        raise Http404
    text = typed(request.GET.get("q") or request.GET.get(request.GET.get("field") or "q") or "")
    rows = picker.choices(request.user, **picker.options(request.GET))
    found = picker.search(rows, text) if text else list(rows[:15])
    return render(request, "core/picker_options.html",
                  {"labels": [picker.label(r) for r in found], "noun": picker.noun})


def not_found(request, exception=None):
    """404: JSON under /api/, a Vietnamese page elsewhere."""
    if request.path.startswith("/api/"):
        from ansinh.core.api import json_404

        return json_404(request, exception)
    return render(request, "404.html", status=404)
