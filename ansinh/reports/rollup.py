"""Participants per unit × scheme on several dates, read from the roll-up (never from enrollments).

For each asked date, the month-end levels and that month's daily deltas give the participants of each
series (a commune or a province × scheme); they are then added up into the units shown (a root's
children), by path. In today's structure, series kept against old communes (before 1/7/2025) are moved
to the new commune that takes their figures (`UnitSuccession.is_default`), so 2020 records can be shown
in today's 34 provinces.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Q

from ansinh.enrollment.selectors import participation_at
from ansinh.geo.choices import Era, Level
from ansinh.geo.models import Unit, UnitSuccession


def child_path(root: Unit, path: str) -> str | None:
    """The path of the root's child that contains `path` (None if path is not below the root)."""
    if root.level == Level.NATION:
        parts = path.split("/")
        return f"{parts[0]}/{parts[1]}/" if len(parts) > 2 else None
    if not path.startswith(root.path) or path == root.path:
        return None
    rest = path[len(root.path):]
    return root.path + rest.split("/", 1)[0] + "/"


def default_successor_paths(old_unit_ids) -> dict[int, str]:
    """Old unit id -> path of the new unit that takes its figures."""
    rows = (UnitSuccession.objects.filter(old_id__in=list(old_unit_ids), is_default=True)
            .values_list("old_id", "new__path"))
    return dict(rows)


def old_units_into(root: Unit) -> Q:
    """A filter on deltas kept against old communes whose figures go into a unit of today."""
    if root.level == Level.NATION:
        return Q(unit__era=Era.PRE_2025)
    if root.level == Level.PROVINCE:
        olds = Unit.objects.filter(successions__new=root, level=Level.PROVINCE).values_list("path", flat=True)
        q = Q(pk__in=[])
        for path in olds:
            q |= Q(unit__path__startswith=path)
        return q
    old_ids = UnitSuccession.objects.filter(is_default=True, new__path__startswith=root.path,
                                            old__level=Level.COMMUNE).values_list("old_id", flat=True)
    return Q(unit_id__in=list(old_ids))


def _province_paths(era: str) -> dict[tuple[str, str], str]:
    """(era of the record, province code) -> path of the province shown in `era` (old provinces moved to today's)."""
    paths = {(u.era, u.province_code): u.path for u in Unit.objects.filter(level=Level.PROVINCE)}
    if era == Era.FROM_2025:
        for old_code, new_path in UnitSuccession.objects.filter(
                old__level=Level.PROVINCE, is_default=True).values_list("old__province_code", "new__path"):
            paths[(Era.PRE_2025, old_code)] = new_path
    return paths


def participants_matrix(*, root: Unit, era: str, dates: list[dt.date]
                        ) -> tuple[dict[str, dict[str, list[int]]], dict[str, dict[str, list[int]]]]:
    """({path: {scheme: [participants on each date]}}, {path: {scheme: [series with records on each date]}}).

    Paths are the root's own path and its children's; the root's row adds up everything below it. Each
    date costs one read of the month-end levels (one probe per series) plus that month's daily deltas
    (`enrollment.selectors.participation_at`): flat however many enrollments there are. The nation reads
    the province series; any other root reads the commune series below it.
    """
    dates = list(dates)
    width = len(dates)
    values: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0] * width))
    present: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0] * width))

    def add(keys, scheme: str, i: int, total: int, seen: bool) -> None:
        for key in keys:
            values[key][scheme][i] += total
            present[key][scheme][i] += int(seen)

    if root.level == Level.NATION:
        provinces = _province_paths(era)
        units = {pk: (u_era, code) for pk, u_era, code in
                 Unit.objects.filter(level=Level.PROVINCE).values_list("pk", "era", "code")}
        series = Q(unit__level=Level.PROVINCE)
        if era == Era.PRE_2025:
            series &= Q(unit__era=Era.PRE_2025)
        for i, on in enumerate(dates):
            counts, seen = participation_at(on=on, series=series, deltas=Q(), by_province=True)
            for (unit_id, scheme), total in counts.items():
                path = provinces.get(units[unit_id])
                if path is not None and path.startswith(era):
                    add((root.path, path), scheme, i, total, (unit_id, scheme) in seen)
        return values, present
    same_era = Q(unit__path__startswith=root.path)
    where = same_era | old_units_into(root) if era == Era.FROM_2025 else same_era
    series = where & Q(unit__level=Level.COMMUNE)
    per_date = [participation_at(on=on, series=series, deltas=where, by_province=False) for on in dates]
    unit_ids = {unit_id for counts, _ in per_date for unit_id, _ in counts}
    paths = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    if era == Era.FROM_2025:
        paths.update(default_successor_paths(pk for pk, p in paths.items() if p.startswith(Era.PRE_2025)))
    for i, (counts, seen) in enumerate(per_date):
        for (unit_id, scheme), total in counts.items():
            path = paths.get(unit_id, "")
            if not path.startswith(root.path):
                continue
            keys = [root.path]
            child = child_path(root, path)
            if child is not None:
                keys.append(child)
            add(keys, scheme, i, total, (unit_id, scheme) in seen)
    return values, present
