"""The unit picker: units of the user's area, of one level, that exist on the record's date."""

import datetime as dt

from django import forms
from django.db.models import Q, QuerySet

from ansinh.core.errors import DomainError
from ansinh.core.formats import vn_date
from ansinh.core.pickers import KEY, SUGGESTIONS, Picker, date_option, typed
from ansinh.core.scoping import scope_q
from ansinh.core.text import fold
from ansinh.geo.choices import Era, Level
from ansinh.geo.models import Unit
from ansinh.geo.validity import check_valid_on, is_valid_on, valid_on

LEVEL_RANK = {Level.NATION: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}


class UnitPicker(Picker):
    """Type "lam dong", pick "Tỉnh Lâm Đồng (68)"; a commune is shown with its province (and old district)."""

    name = "unit"
    noun = "đơn vị"

    def options(self, params) -> dict:
        level, year = params.get("level"), str(params.get("year") or "")
        return {"level": level if level in Level.values else None, "on": date_option(params.get("on")),
                "year": int(year) if year.isdigit() and 1900 < int(year) < 2200 else None,
                "any_date": params.get("any_date") == "1",
                "era": params.get("era") if params.get("era") in Era.values else None}

    def choices(self, user, *, level: str | None = None, on=None, year: int | None = None, any_date=False,
                era: str | None = None, **_) -> QuerySet[Unit]:
        """The area's units valid on `on`, or, given a year, on some day of it (both structures in 2025), or, with
        `any_date` (a report on a past structure), of either structure — or of the one `era` names."""
        rows = self._area(user, level)
        if era in Era.values:
            rows = rows.filter(Q(era=era) | Q(level=Level.NATION))
        if any_date:
            return rows
        if year is None:
            return valid_on(rows, date_option(on))
        return rows.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=dt.date(year, 12, 31)),
                           Q(valid_until__isnull=True) | Q(valid_until__gte=dt.date(year, 1, 1)))

    @staticmethod
    def _area(user, level: str | None) -> QuerySet[Unit]:
        """The units of the user's area (of one level) on any date."""
        rows = Unit.objects.select_related("parent__parent__parent")  # a commune, its district, province, nation
        if level:
            rows = rows.filter(level=level)
        prefixes = user.scope_paths() if user is not None and user.is_authenticated else []
        if prefixes is not None:
            rows = rows.filter(scope_q("path", prefixes))
        return rows.order_by("path")

    def resolve(self, user, text: str, **options):
        """As any picker; a code of the user's area that exists on another date is refused with the reason (the
        unit ended on 30/6/2025: today's unit that covers it is named)."""
        try:
            return super().resolve(user, text, **options)
        except forms.ValidationError:
            key, area = KEY.search(text), self._area(user, options.get("level"))
            if key is not None:
                other = list(area.filter(code=key.group(1).strip())[:2])
            else:
                words = typed(text)
                other = self.search(area, words) if words else []
                other = [u for u in other if fold(u.name) == fold(words) or u.code == words] or other
            if len(other) == 1 and options.get("year") is None and not options.get("any_date"):
                try:
                    check_valid_on(other[0], date_option(options.get("on")))
                except DomainError as exc:
                    raise forms.ValidationError(exc.message) from exc
            raise

    def label(self, unit: Unit) -> str:
        above = []
        parent = unit.parent
        while parent is not None and parent.level != Level.NATION:
            above.append(parent.name)
            parent = parent.parent
        if unit.valid_until is not None:  # an old unit: the label tells it from today's unit of the same code
            above.append(f"đến {vn_date(unit.valid_until)}")
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

    def exact(self, matches: list[Unit], words: str) -> list[Unit]:
        """A label that starts with the text, else the units whose short name is the text — of these, the highest
        level ("tra vinh": Tỉnh Trà Vinh before Thành phố Trà Vinh, which the list shows next)."""
        found = super().exact(matches, words)
        if found:
            return found
        folded = fold(words)
        named = [u for u in matches if fold(u.short_name) == folded or u.ascii_key == folded]
        top = min((LEVEL_RANK[u.level] for u in named), default=None)
        return [u for u in named if LEVEL_RANK[u.level] == top]

    def initial(self, user, *, level: str | None = None, on=None, any_date=False, **_) -> Unit | None:
        """The user's own unit, or their staff record's home unit, when it is of the level and valid then."""
        on = date_option(on)
        staff = getattr(user, "staff", None)
        for unit in (getattr(user, "scope_unit", None), getattr(staff, "unit", None)):
            if unit is not None and (level is None or unit.level == level) and (any_date or is_valid_on(unit, on)):
                return unit
        return None


UNITS = UnitPicker()
