"""The unit picker: units of the user's area, of one level, that exist on the record's date."""

from django.db.models import QuerySet

from ansinh.core.pickers import SUGGESTIONS, Picker, date_option
from ansinh.core.scoping import scope_q
from ansinh.core.text import fold
from ansinh.geo.choices import Level
from ansinh.geo.models import Unit
from ansinh.geo.validity import is_valid_on, valid_on

LEVEL_RANK = {Level.NATION: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}


class UnitPicker(Picker):
    """Type "lam dong", pick "Tỉnh Lâm Đồng (68)"; a commune is shown with its province (and old district)."""

    name = "unit"
    noun = "đơn vị"

    def options(self, params) -> dict:
        level = params.get("level")
        return {"level": level if level in Level.values else None, "on": date_option(params.get("on"))}

    def choices(self, user, *, level: str | None = None, on=None, **_) -> QuerySet[Unit]:
        rows = valid_on(Unit.objects.select_related("parent__parent"), date_option(on))
        if level:
            rows = rows.filter(level=level)
        prefixes = user.scope_paths() if user is not None and user.is_authenticated else []
        if prefixes is not None:
            rows = rows.filter(scope_q("path", prefixes))
        return rows.order_by("path")

    def label(self, unit: Unit) -> str:
        above = []
        parent = unit.parent
        while parent is not None and parent.level != Level.NATION:
            above.append(parent.name)
            parent = parent.parent
        where = f" — {', '.join(above)}" if above else ""
        return f"{unit.name}{where} ({unit.code})"

    def search(self, rows: QuerySet[Unit], text: str) -> list[Unit]:
        folded = fold(text)
        if folded.isdigit():
            return list(rows.filter(code=folded)[:SUGGESTIONS])
        found = list(rows.filter(search_text__contains=folded)[:300])

        def rank(unit: Unit):
            exact = fold(unit.short_name) == folded or unit.ascii_key == folded
            return (not exact, LEVEL_RANK[unit.level], unit.name)

        return sorted(found, key=rank)[:SUGGESTIONS]

    def initial(self, user, *, level: str | None = None, on=None, **_) -> Unit | None:
        """The user's own unit, or their staff record's home unit, when it is of the level and valid then."""
        on = date_option(on)
        staff = getattr(user, "staff", None) if hasattr(user, "staff") else None
        for unit in (getattr(user, "scope_unit", None), getattr(staff, "unit", None)):
            if unit is not None and (level is None or unit.level == level) and is_valid_on(unit, on):
                return unit
        return None


UNITS = UnitPicker()
