"""Reads of enrollments and the roll-up counts."""

import datetime as dt

from django.db.models import Sum

from ansinh.enrollment.models import ParticipationDelta


def participants_on(*, scheme: str | tuple[str, ...], on: dt.date, unit=None) -> int:
    """Participants of a scheme (or schemes) on a date, in a unit's subtree (None = nation), from the roll-up."""
    schemes = (scheme,) if isinstance(scheme, str) else tuple(scheme)
    qs = ParticipationDelta.objects.filter(scheme__in=schemes, day__lte=on)
    if unit is not None and unit.level != "nation":
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.aggregate(n=Sum("delta"))["n"] or 0
