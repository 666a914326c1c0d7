"""Search pickers of the field network: type "lan" or "bd-004", pick "Nguyễn Thị Lan — Huyện Càng Long (TV20-BD-004)";
type "buu dien", pick a collection point. Only rows of the user's area that are active on the record's date."""

from django.db.models import QuerySet

from ansinh.core.pickers import SUGGESTIONS, Picker, date_option
from ansinh.core.text import fold
from ansinh.network.models import CollectionPoint, Staff
from ansinh.network.selectors import active_q


class _Active(Picker):
    """Rows of the user's area active on `on` (today when not given; any day with `any_date`), found by code or
    name without accents."""

    model = Staff
    name_field = "full_name"

    def options(self, params) -> dict:
        return {"on": date_option(params.get("on")), "any_date": params.get("any_date") == "1"}

    def choices(self, user, *, on=None, any_date=False, **_) -> QuerySet:
        rows = self.model.objects.restrict(user).select_related("unit")
        if not any_date:
            rows = rows.filter(active_q(date_option(on)))
        return rows.order_by("code")

    def search(self, rows: QuerySet, text: str) -> list:
        return list(rows.filter(search_text__contains=fold(text))[:SUGGESTIONS])

    def label(self, row) -> str:
        return f"{getattr(row, self.name_field)} — {row.unit.name} ({row.code})"

    def initial(self, user, *, on=None, **_):
        """The user's own row (their staff record, its main point) when it is active then."""
        staff = getattr(user, "staff", None) if user is not None and user.is_authenticated else None
        row = self.own(staff) if staff is not None else None
        return row if row is not None and row.in_force(date_option(on)) else None

    def own(self, staff: Staff):
        return staff


class StaffPicker(_Active):
    """A staff member; pre-filled with the user's own staff record."""

    name, noun, model, name_field = "staff", "cán bộ", Staff, "full_name"


class PointPicker(_Active):
    """A collection point; pre-filled with the point of the user's own staff record."""

    name, noun, model, name_field = "point", "điểm thu", CollectionPoint, "name"

    def own(self, staff: Staff):
        return staff.collection_point


STAFF = StaffPicker()
POINTS = PointPicker()
