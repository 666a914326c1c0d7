"""Home page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from ansinh.geo.choices import Era, Level
from ansinh.geo.models import Unit


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


def not_found(request, exception=None):
    """404: JSON under /api/, a Vietnamese page elsewhere."""
    if request.path.startswith("/api/"):
        from ansinh.core.api import json_404

        return json_404(request, exception)
    return render(request, "404.html", status=404)
