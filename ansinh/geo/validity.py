"""Which units a record dated on a day may be placed in, and today's unit that took an old one over.

A unit is valid from `valid_from` through `valid_until` (either open): the old structure's units until
30/6/2025 (or the day a 2019–2025 merger ended them), today's from 1/7/2025. A record is placed in a
unit valid on its date — a registration, a payment, a campaign, a staff member's start — and services
refuse any other with `unit_not_valid_on_date`, naming the unit that covers it on that date when there
is one. The nation is valid on every date.
"""

import datetime as dt

from django.db.models import Q, QuerySet

from ansinh.core.errors import DomainError
from ansinh.core.formats import vn_date
from ansinh.geo.choices import REFORM_DATE, Era
from ansinh.geo.errors import GeoError
from ansinh.geo.models import Unit, UnitSuccession


def era_on(on: dt.date) -> str:
    """The structure in force on a date: the 63 provinces before 1/7/2025, the 34 from that day."""
    return Era.PRE_2025 if on < REFORM_DATE else Era.FROM_2025


def is_valid_on(unit, on: dt.date) -> bool:
    """Whether a unit exists on a date."""
    return (unit.valid_from is None or unit.valid_from <= on) and (unit.valid_until is None or on <= unit.valid_until)


def valid_on(queryset: QuerySet[Unit], on: dt.date) -> QuerySet[Unit]:
    """The units of a queryset that exist on a date (what forms, pickers and the API offer)."""
    return queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on),
                           Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def successor(unit, on: dt.date) -> Unit | None:
    """The unit that holds an ended unit's records on a later date (following mergers step by step), or None.

    `unit` is a Unit or anything with its `pk`, `valid_from` and `valid_until` (an importer's cached row)."""
    seen = set()
    while not is_valid_on(unit, on) and unit.pk not in seen:
        seen.add(unit.pk)
        rows = list(UnitSuccession.objects.filter(old_id=unit.pk).select_related("new")
                    .order_by("-is_default", "new__code"))
        if not rows:
            return None
        unit = next((r.new for r in rows if is_valid_on(r.new, on)), None) or \
            max(rows, key=lambda r: r.effective or dt.date.min).new
    return unit if is_valid_on(unit, on) else None


def check_valid_on(unit, on: dt.date, *, field: str = "commune"):
    """Refuse a unit that does not exist on a record's date, naming the one that covers it then."""
    if is_valid_on(unit, on):
        return unit
    if unit.valid_until is not None and on > unit.valid_until:
        later = successor(unit, on)
        hint = f" Hãy chọn đơn vị hiện nay: {later.name}." if later is not None else ""
        message = (f"{unit.name} đã thôi tồn tại từ ngày {vn_date(unit.valid_until + dt.timedelta(days=1))}, "
                   f"không nhận hồ sơ ngày {vn_date(on)}.{hint}")
    else:
        message = (f"{unit.name} chỉ có từ ngày {vn_date(unit.valid_from)}; hồ sơ ngày {vn_date(on)} phải ghi "
                   f"vào đơn vị của cơ cấu khi đó.")
    raise DomainError(message, code=GeoError.UNIT_NOT_VALID_ON_DATE, field=field)


def check_exists_in_year(unit, year: int, *, field: str = "unit"):
    """Refuse a yearly record (a plan) for a unit that exists on no day of the year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if (unit.valid_from is None or unit.valid_from <= last) and (unit.valid_until is None or unit.valid_until >= first):
        return unit
    return check_valid_on(unit, first if unit.valid_until is not None and unit.valid_until < first else last,
                          field=field)
