"""Reads of the field network, scoped to the user's area, and the look-ups that turn what was typed (a unit code,
commune codes, a point code, a username) into records."""

import datetime as dt
import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from ansinh.core.errors import Code, DomainError, NotFound
from ansinh.core.models import ImportRun
from ansinh.geo.choices import Era, Level
from ansinh.geo.models import Unit
from ansinh.network.errors import NetworkError
from ansinh.network.models import CollectionPoint, Staff

IMPORT_KINDS = ("staff", "points")
MAX_ID = 2**63 - 1


def _findable(pk: int | None, code: str | None) -> bool:
    """Whether a looked-up id or code can name a row at all (a 30-digit id or a NUL in a code would make the
    database raise, not answer 'none')."""
    if pk is not None:
        return 0 < pk <= MAX_ID
    return bool(code) and "\x00" not in code


def points_for(user, action: str = "add") -> QuerySet[CollectionPoint]:
    """Collection points of the user's area."""
    return CollectionPoint.objects.restrict(user, action).select_related("unit").order_by("code")


def staff_for(user, action: str = "view") -> QuerySet[Staff]:
    """Collectors of the user's area."""
    return Staff.objects.restrict(user, action).select_related("collection_point").order_by("code")


def active_q(on: dt.date) -> Q:
    """Rows active on a day (active from on or before it, not stopped before it)."""
    return Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def staff_list(user) -> QuerySet[Staff]:
    """Staff of the user's area with their unit, point, account and communes served, by code."""
    return (Staff.objects.restrict(user).select_related("unit", "collection_point", "user")
            .prefetch_related("communes").order_by("code"))


def point_list(user) -> QuerySet[CollectionPoint]:
    """Collection points of the user's area with their unit and communes served, by code."""
    return CollectionPoint.objects.restrict(user).select_related("unit").prefetch_related("communes").order_by("code")


def staff_get(user, *, pk: int | None = None, code: str | None = None) -> Staff:
    """One staff member of the user's area (by id or code), or NotFound (404: nothing said about other areas)."""
    if not _findable(pk, code):
        raise NotFound("Không tìm thấy nhân viên trong địa bàn của bạn.")
    found = staff_list(user).filter(pk=pk) if pk is not None else staff_list(user).filter(code=code)
    staff = found.first()
    if staff is None:
        raise NotFound("Không tìm thấy nhân viên trong địa bàn của bạn.")
    return staff


def point_get(user, *, pk: int | None = None, code: str | None = None) -> CollectionPoint:
    """One collection point of the user's area (by id or code), or NotFound."""
    if not _findable(pk, code):
        raise NotFound("Không tìm thấy điểm thu trong địa bàn của bạn.")
    found = point_list(user).filter(pk=pk) if pk is not None else point_list(user).filter(code=code)
    point = found.first()
    if point is None:
        raise NotFound("Không tìm thấy điểm thu trong địa bàn của bạn.")
    return point


def import_run_list(user) -> QuerySet[ImportRun]:
    """Staff and point imports of the user's area (and the user's own), newest first."""
    runs = ImportRun.objects.restrict(user)
    if getattr(user, "is_authenticated", False):
        runs = runs | ImportRun.objects.filter(user=user)
    return runs.filter(kind__in=IMPORT_KINDS).distinct().select_related("user").order_by("-created_at", "-id")


def import_run_get(user, pk: int) -> ImportRun:
    """One staff or point import the user may see, or NotFound."""
    run = import_run_list(user).filter(pk=pk).first() if _findable(pk, None) else None
    if run is None:
        raise NotFound("Không tìm thấy lần nhập.")
    return run


# ------------------------------------------------------------------------------------------- look-ups of inputs


def _code_text(code) -> str:
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return str(code if code is not None else "").replace("\x00", "").strip()


def unit_for(code, era: str, *, field: str = "unit") -> Unit:
    """A unit by GSO code in an era (pre2025 / 2025; VN = the nation). A code typed as a number in Excel loses its
    leading zero: one digit is read as a province (5 → 05), four digits as a commune (4820 → 04820)."""
    text = _code_text(code)
    if not text:
        raise DomainError("Cần ghi mã đơn vị.", code=Code.UNIT_REQUIRED, field=field)
    if era not in Era.values:
        raise DomainError(f"Cơ cấu '{era}' không hợp lệ (cũ: 63 tỉnh, đến 30/6/2025; mới: 34 tỉnh, từ 1/7/2025).",
                          code=NetworkError.UNKNOWN_ERA, field="era")
    if text.upper() == "VN":
        found = Unit.objects.filter(level=Level.NATION).first()
    else:
        if text.isdigit() and len(text) in (1, 4):
            text = text.zfill(len(text) + 1)
        found = Unit.objects.select_related("parent").filter(code=text, era=era).first()
    if found is None:
        label = {Era.PRE_2025: "cơ cấu cũ, 63 tỉnh", Era.FROM_2025: "cơ cấu mới, 34 tỉnh"}[era]
        raise DomainError(f"Không có đơn vị hành chính mã '{text}' ({label}).", code=Code.UNKNOWN_UNIT, field=field)
    return found


def split_codes(codes: str | Iterable) -> list[str]:
    """Codes from '24820; 24823', '24820,24823' or a list, in order, each once (numbers padded to 5 digits)."""
    items = re.split(r"[;,\s]+", codes) if isinstance(codes, str) else list(codes or [])
    out = []
    for item in items:
        text = _code_text(item)
        if text:
            out.append(text.zfill(5) if text.isdigit() and len(text) < 5 else text)
    return list(dict.fromkeys(out))


def communes_for(codes: str | Iterable, era: str, *, field: str = "communes") -> list[Unit]:
    """Units by their codes in an era (the services check that they are communes of the right province)."""
    wanted = split_codes(codes)
    if not wanted:
        return []
    if era not in Era.values:
        raise DomainError(f"Cơ cấu '{era}' không hợp lệ.", code=NetworkError.UNKNOWN_ERA, field="era")
    found = {u.code: u for u in Unit.objects.filter(era=era, code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        label = {Era.PRE_2025: "cơ cấu cũ", Era.FROM_2025: "cơ cấu mới"}[era]
        raise DomainError(f"Không có xã mã {', '.join(missing)} ({label}).", code=Code.UNKNOWN_UNIT, field=field)
    return [found[c] for c in wanted]


def point_for(user, code, *, field: str = "collection_point") -> CollectionPoint | None:
    """A collection point of the user's area by code (None for an empty code)."""
    text = _code_text(code)
    if not text:
        return None
    point = CollectionPoint.objects.restrict(user).select_related("unit").filter(code=text).first()
    if point is None:
        raise DomainError(f"Không có điểm thu mã '{text}' trong địa bàn của bạn.", code=NetworkError.UNKNOWN_POINT,
                          field=field)
    return point


def account_for(user, username, *, field: str = "user"):
    """An account of the user's area by username (None for an empty name); an account answering for the whole
    country, or for another area, is not found."""
    text = _code_text(username)
    if not text:
        return None
    account = get_user_model().objects.select_related("scope_unit").filter(username=text).first()
    prefixes = user.scope_paths()
    if account is not None and prefixes is not None:
        scope = account.scope_unit.path if account.scope_unit_id else None
        if scope is None or not any(scope.startswith(p) for p in prefixes):
            account = None
    if account is None:
        raise DomainError(f"Không có tài khoản '{text}' trong địa bàn của bạn.", code=NetworkError.UNKNOWN_ACCOUNT,
                          field=field)
    return account


def accounts_for(user) -> QuerySet:
    """Accounts of the user's area (to link to a staff member)."""
    accounts = get_user_model().objects.filter(is_active=True).select_related("scope_unit").order_by("username")
    prefixes = user.scope_paths()
    if prefixes is None:
        return accounts
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(scope_unit__path__startswith=prefix)
    return accounts.filter(q)
