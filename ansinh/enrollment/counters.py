"""Keeping the roll-up counts current as enrollments are written (inside the writer's transaction).

Increments are single UPDATE … SET n = n + k statements on a unique key, with an INSERT when the row
does not exist yet; two writers racing on a new key both end counted (the loser of the INSERT retries
the UPDATE), so saving at once never double-counts or loses a count.
"""

import datetime as dt

from django.db import IntegrityError, models, transaction
from django.db.models import F

from ansinh.enrollment.models import ParticipationDelta, RecruitmentCount

ONE_DAY = dt.timedelta(days=1)


def _bump(model: type[models.Model], field: str, key: str, amount: int, defaults: dict) -> None:
    if amount == 0:
        return
    if model.objects.filter(key=key).update(**{field: F(field) + amount}):
        return
    try:
        with transaction.atomic():
            model.objects.create(key=key, **{field: amount}, **defaults)
    except IntegrityError:
        model.objects.filter(key=key).update(**{field: F(field) + amount})


def participation_add(*, unit, scheme: str, day: dt.date, amount: int) -> None:
    """Add `amount` to the participants of unit × scheme from `day` on."""
    _bump(ParticipationDelta, "delta", f"{unit.pk}:{scheme}:{day.isoformat()}", amount,
          {"unit": unit, "province_code": unit.province_code, "scheme": scheme, "day": day})


def participation_window(*, unit, scheme: str, start: dt.date, end: dt.date | None, sign: int = 1) -> None:
    """Count (sign=1) or uncount (sign=-1) one participant covered from start through end (None = open)."""
    participation_add(unit=unit, scheme=scheme, day=start, amount=sign)
    if end is not None:
        participation_add(unit=unit, scheme=scheme, day=end + ONE_DAY, amount=-sign)


def participation_move_end(*, unit, scheme: str, old_end: dt.date | None, new_end: dt.date | None) -> None:
    """A participant's coverage now ends on new_end instead of old_end (None = open)."""
    if old_end == new_end:
        return
    if old_end is not None:
        participation_add(unit=unit, scheme=scheme, day=old_end + ONE_DAY, amount=1)
    if new_end is not None:
        participation_add(unit=unit, scheme=scheme, day=new_end + ONE_DAY, amount=-1)


def recruitment_add(*, unit, scheme: str, day: dt.date, collector=None, campaign=None, amount: int = 1) -> None:
    """Count `amount` new participants recruited on a day by a collector, for a campaign."""
    key = f"{unit.pk}:{scheme}:{day.isoformat()}:{collector.pk if collector else ''}:{campaign.pk if campaign else ''}"
    _bump(RecruitmentCount, "count", key, amount,
          {"unit": unit, "province_code": unit.province_code, "scheme": scheme, "day": day,
           "collector": collector, "campaign": campaign})
