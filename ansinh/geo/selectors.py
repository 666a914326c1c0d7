"""Reads of administrative units, crosswalk and statistics."""

from django.db.models import Q, QuerySet

from ansinh.core.errors import NotFound
from ansinh.geo.choices import Era, Indicator, Level
from ansinh.geo.models import Unit, UnitStatistic, UnitSuccession


def scope_paths_for_unit(unit: Unit) -> list[str]:
    """Path prefixes covered by a scope unit: its subtree, and the units of the other structure over the same
    ground, so that nobody loses their area on 1/7/2025 (ADR 0005).

    A unit of today's structure also covers the old units that went into it (their history). An old unit
    also covers today's communes that took over any of its communes (its work from 1/7/2025): the officer of
    old Trà Vinh works in the 41 communes of today's Vĩnh Long that cover old Trà Vinh, not in all of it.
    """
    paths = [unit.path]
    if unit.era == Era.FROM_2025:
        if unit.level == Level.PROVINCE:
            olds = Unit.objects.filter(successions__new=unit, level=Level.PROVINCE)
        else:
            olds = Unit.objects.filter(successions__new=unit)
        paths += sorted(set(olds.values_list("path", flat=True)))
    elif unit.era == Era.PRE_2025:
        news = Unit.objects.filter(era=Era.FROM_2025, level=Level.COMMUNE,
                                   predecessions__old__path__startswith=unit.path)
        paths += sorted(set(news.values_list("path", flat=True)))
    return paths


def unit_list(*, era: str | None = None, level: str | None = None, parent: Unit | None = None,
              query: str | None = None) -> QuerySet[Unit]:
    """Units filtered by era, level, parent and a diacritics-blind name search."""
    qs = Unit.objects.select_related("parent")
    if era:
        qs = qs.filter(era=era)
    if level:
        qs = qs.filter(level=level)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if query:
        qs = qs.search(query)
    return qs.order_by("era", "path")


LEVEL_ORDER = {Level.NATION: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}


def unit_search(query: str, *, era: str | None = None, limit: int = 20) -> list[Unit]:
    """Best matches for a name: provinces before districts before communes, exact names first."""
    from ansinh.core.text import fold

    folded = fold(query)
    qs = unit_list(era=era, query=query).select_related("parent__parent")[:500]
    def rank(u: Unit):
        exact = fold(u.short_name) == folded or u.ascii_key == folded
        return (not exact, LEVEL_ORDER[u.level], u.era != Era.FROM_2025, u.name)
    return sorted(qs, key=rank)[:limit]


def unit_get(code: str, era: str | None = None) -> Unit:
    """One unit by GSO code; without an era, today's unit wins over an old one with the same code."""
    qs = Unit.objects.select_related("parent", "parent__parent").filter(code=code)
    if era:
        qs = qs.filter(era=era)
    units = sorted(qs, key=lambda u: u.era != Era.FROM_2025)
    if not units:
        raise NotFound(f"Không có đơn vị hành chính mã {code}.")
    return units[0]


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The chain from the province down to the unit's parent."""
    chain = []
    node = unit.parent
    while node is not None and node.level != Level.NATION:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def unit_successors(unit: Unit) -> list[UnitSuccession]:
    """Where an ended unit went: on 1/7/2025 (for a district: the new communes of its communes), and before
    that into the old unit that absorbed it in a 2019–2025 merger."""
    if unit.level == Level.DISTRICT:
        rows = (UnitSuccession.objects.filter(Q(old__parent=unit) | Q(old=unit))
                .select_related("new", "new__parent", "old").order_by("effective", "new__code"))
        by_new: dict[int, UnitSuccession] = {}
        for row in rows:
            kept = by_new.get(row.new_id)
            if kept is None:
                by_new[row.new_id] = row
            elif row.partly:
                kept.partly = True
        return list(by_new.values())
    return list(unit.successions.select_related("new", "new__parent").order_by("effective", "new__code"))


def unit_predecessors(unit: Unit) -> list[UnitSuccession]:
    """The units that went, wholly or partly, into this one (on 1/7/2025, or in an earlier merger)."""
    return list(unit.predecessions.select_related("old", "old__parent").order_by("effective", "old__path"))


def unit_children(unit: Unit) -> QuerySet[Unit]:
    """Direct children of a unit, by code."""
    return unit.children.select_related("parent").order_by("code")


def attach_statistics(units: list[Unit]) -> list[Unit]:
    """Set `unit.stats` to the latest {indicator: UnitStatistic} of each unit, in one query."""
    by_unit: dict[int, dict] = {u.pk: {ind.value: None for ind in Indicator} for u in units}
    rows = UnitStatistic.objects.filter(unit__in=units).order_by("unit_id", "indicator", "-year")
    for stat in rows:
        slot = by_unit[stat.unit_id]
        if slot.get(stat.indicator) is None:
            slot[stat.indicator] = stat
    for unit in units:
        unit.stats = by_unit[unit.pk]
    return units


def figure_in_use(stats, indicator: str, year: int) -> UnitStatistic | None:
    """Of a unit's figures (`stats`, latest year first), the one a rate or a share in `year` uses: the latest of an
    earlier year — a year's own is published at its end (GSO's December estimate) and in the next year's
    yearbook, so offices use last year's during the year — or the year's own when it is the only one."""
    same_year = None
    for stat in stats:
        if stat.indicator != indicator or stat.year > year:
            continue
        if stat.year < year:
            return stat
        same_year = stat
    return same_year


def statistic_in_use(unit: Unit, indicator: str, year: int) -> UnitStatistic | None:
    """`figure_in_use` of one unit, read from the database."""
    return figure_in_use(unit.statistics.filter(indicator=indicator, year__lte=year).order_by("-year")[:2],
                         indicator, year)


def statistic_for(unit: Unit, indicator: str, year: int | None = None) -> UnitStatistic | None:
    """The figure for a year, or else the latest figure not after it (None if there is none)."""
    qs = unit.statistics.filter(indicator=indicator)
    if year is not None:
        qs = qs.filter(year__lte=year)
    return qs.order_by("-year").first()


def statistic_list(user) -> QuerySet[UnitStatistic]:
    """Statistics the user may see."""
    return UnitStatistic.objects.restrict(user).select_related("unit")
