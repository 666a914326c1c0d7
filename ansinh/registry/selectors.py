"""Reads of people and households, always scoped to the user's area (404 outside it)."""

import datetime as dt
import re

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from ansinh.core.models import ChangeLog
from ansinh.core.text import fold
from ansinh.registry.models import Household, ImportRun, Person

_DIGITS = re.compile(r"^[\d\s.\-+]+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def person_list(*, user, query: str = "", action: str = "view") -> QuerySet[Person]:
    """People in the user's area matching a name (diacritics ignored), a citizen ID, an SI code or a phone."""
    qs = Person.objects.restrict(user, action).select_related("commune", "household")
    query = (query or "").strip()
    if not query:
        return qs.order_by("-created_at", "-id")
    if _DIGITS.match(query):
        digits = re.sub(r"\D", "", query)
        if digits.startswith("84") and len(digits) == 11:
            digits = "0" + digits[2:]
        if len(digits) == 12:
            return qs.filter(citizen_id=digits)
        if len(digits) == 10:
            return qs.filter(Q(phone=digits) | Q(legacy_si_code=digits))
        return qs.filter(Q(citizen_id__endswith=digits) | Q(phone__endswith=digits)) if len(digits) >= 4 else qs.none()
    folded = fold(query)
    by_prefix = qs.filter(name_folded__startswith=folded)  # uses the name index: "nguyen van a…"
    if by_prefix.exists():
        return by_prefix.order_by("name_folded", "date_of_birth")
    for word in folded.split():
        qs = qs.filter(name_folded__contains=word)
    return qs.order_by("name_folded", "date_of_birth")


def household_list(*, user, query: str = "") -> QuerySet[Household]:
    """Households in the user's area by code or by the head's name."""
    qs = Household.objects.restrict(user).select_related("commune", "head")
    query = (query or "").strip()
    if not query:
        return qs.order_by("-created_at", "-id")
    words = fold(query).split()
    by_name = Q()
    for word in words:
        by_name &= Q(head__name_folded__contains=word)
    return qs.filter(Q(code__iexact=query) | by_name).order_by("code")


def person_get(*, user, pk: int, action: str = "view") -> Person:
    """One person of the user's area, or 404."""
    person = Person.objects.restrict(user, action).select_related("commune", "commune__parent", "household",
                                                                  "household__head").filter(pk=pk).first()
    if person is None:
        raise Http404("Không tìm thấy người tham gia.")
    return person


def household_get(*, user, pk: int, action: str = "view") -> Household:
    """One household of the user's area, or 404."""
    household = Household.objects.restrict(user, action).select_related("commune", "commune__parent", "head") \
        .prefetch_related(Prefetch("members", queryset=Person.objects.order_by("id")), "statuses") \
        .filter(pk=pk).first()
    if household is None:
        raise Http404("Không tìm thấy hộ gia đình.")
    return household


def import_run_get(*, user, pk: int) -> ImportRun:
    """One import run the user may see, or 404 (admins see all; others the runs of their area)."""
    run = ImportRun.objects.restrict(user).filter(pk=pk).first()
    if run is None and getattr(user, "is_authenticated", False) and user.scope_paths() is not None:
        run = ImportRun.objects.filter(pk=pk, user=user).first()
    if run is None:
        raise Http404("Không tìm thấy lần nhập.")
    return run


def import_run_list(*, user) -> QuerySet[ImportRun]:
    """Import runs of the user's area (and the user's own), newest first."""
    qs = ImportRun.objects.restrict(user)
    if getattr(user, "is_authenticated", False):
        qs = qs | ImportRun.objects.filter(user=user)
    return qs.distinct().order_by("-started_at", "-id")


def record_changes(*, user, objects: list, import_sources: list[str] = ()) -> list[ChangeLog]:
    """The change log of several records (a person and their enrollments, contributions…), newest first.

    Rows created by a file import point to the import's change-log entry for their batch
    (`source = import:<run>:<batch>`), so the page shows who imported them, from which file and when.
    """
    q = Q(pk__in=[])
    by_type: dict[str, list[str]] = {}
    for obj in objects:
        by_type.setdefault(obj._meta.label_lower, []).append(str(obj.pk))
    for label, ids in by_type.items():
        q |= Q(object_type=label, object_id__in=ids)
    batches: dict[str, set[int]] = {}
    for source in import_sources:
        parts = (source or "").split(":")
        if len(parts) == 3 and parts[0] == "import" and parts[1].isdigit() and parts[2].isdigit():
            batches.setdefault(parts[1], set()).add(int(parts[2]))
    if batches:
        q |= Q(object_type="registry.importrun", object_id__in=list(batches))
    entries = list(ChangeLog.objects.restrict(user).filter(q).select_related("user").order_by("-at", "-id"))
    entries = [e for e in entries if e.object_type != "registry.importrun"
               or e.changes.get("batch") in batches.get(e.object_id, ())]
    heads = {str(v) for e in entries if isinstance(e.changes.get("head"), list) for v in e.changes["head"] if v}
    names = {str(pk): name for pk, name in Person.objects.filter(pk__in=heads).values_list("pk", "full_name")}
    for entry in entries:
        if isinstance(entry.changes.get("head"), list):  # show the head's name, not the id
            entry.changes = {**entry.changes, "head": [names.get(str(v), v) if v else v for v in entry.changes["head"]]}
        entry.lines = change_text(entry)
    return entries


CHANGE_LABELS = {
    "full_name": "Họ tên", "date_of_birth": "Ngày sinh", "sex": "Giới tính", "citizen_id": "Số định danh",
    "legacy_si_code": "Mã số BHXH", "phone": "Điện thoại", "code": "Mã hộ", "address": "Địa chỉ", "head": "Chủ hộ",
    "scheme": "Loại hình", "start_date": "Từ ngày", "end_date": "Đến ngày", "receipt": "Biên lai",
    "amount_paid": "Số tiền", "months": "Số tháng", "status": "Trạng thái", "reason": "Lý do", "source": "Nguồn",
    "ethnicity": "Dân tộc", "relation": "Quan hệ với chủ hộ",
}


def _shown(key: str, value) -> str:
    """A logged value in words: dates 1/10/2024, money 1.263.600, codes by their Vietnamese label."""
    from ansinh.core.formats import vn_date, vn_int
    from ansinh.enrollment.choices import EndReason, EnrollmentStatus, Scheme
    from ansinh.registry.choices import HouseholdStatusKind, Sex

    if value is None or value == "":
        return "—"
    labels = {"scheme": Scheme, "status": EnrollmentStatus, "reason": EndReason, "sex": Sex}
    if key in labels and value in labels[key].values:
        return str(labels[key](value).label)
    if key.startswith("status_") and value in HouseholdStatusKind.values:
        return str(HouseholdStatusKind(value).label)
    if isinstance(value, str) and _ISO_DATE.match(value):
        return vn_date(dt.date.fromisoformat(value))
    if isinstance(value, int) and not isinstance(value, bool) and key in ("amount_paid", "amount", "income"):
        return f"{vn_int(value)} đ"
    return str(value)


def change_text(entry: ChangeLog) -> list[str]:
    """An entry's changes in words: 'Đến ngày: 28/2/2026 → 31/3/2026', 'Biên lai: BL-1' (empty values left out)."""
    lines = []
    order = list(CHANGE_LABELS)
    items = sorted((entry.changes or {}).items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0]))
    for key, value in items:  # a fixed order: PostgreSQL's jsonb does not keep the keys' order
        label = CHANGE_LABELS.get(key, key.replace("_", " ").capitalize())
        if isinstance(value, list) and len(value) == 2 and entry.action == "update":
            lines.append(f"{label}: {_shown(key, value[0])} → {_shown(key, value[1])}")
        elif value not in (None, ""):
            lines.append(f"{label}: {_shown(key, value)}")
    return lines
