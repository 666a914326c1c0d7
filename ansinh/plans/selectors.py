"""Reads of plans and reported figures, always limited to the user's area."""

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from ansinh.plans.models import Plan, RecordsComplete, ReportedFigure


def plan_list(user, *, year: int | None = None, unit=None) -> QuerySet[Plan]:
    """Targets the user may see."""
    qs = Plan.objects.restrict(user).select_related("unit", "created_by")
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs


def plan_get(user, pk: int, action: str = "view") -> Plan:
    """One target in the user's area (404 otherwise)."""
    plan = Plan.objects.restrict(user, action).select_related("unit").filter(pk=pk).first()
    if plan is None:
        raise Http404("Không tìm thấy chỉ tiêu.")
    return plan


def figure_list(user, *, unit=None) -> QuerySet[ReportedFigure]:
    """Reported figures the user may see."""
    qs = ReportedFigure.objects.restrict(user).select_related("unit", "created_by")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs


def figure_get(user, pk: int, action: str = "view") -> ReportedFigure:
    """One reported figure in the user's area (404 otherwise)."""
    figure = ReportedFigure.objects.restrict(user, action).select_related("unit").filter(pk=pk).first()
    if figure is None:
        raise Http404("Không tìm thấy số liệu.")
    return figure


def figure_dates(user, unit) -> list[dt.date]:
    """Dates for which the unit has reported figures (links on the dashboard)."""
    return sorted(set(ReportedFigure.objects.restrict(user).filter(unit=unit).values_list("on", flat=True)),
                  reverse=True)


def complete_list(user) -> QuerySet[RecordsComplete]:
    """Units of the user's area whose records are marked complete, with the day."""
    return RecordsComplete.objects.restrict(user).select_related("unit", "created_by")
