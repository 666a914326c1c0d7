"""Writes to calc (append-only): an administrator adds a dated parameter row of the law; an administrator or the
province's officer adds or ends a provincial top-up row (an HĐND resolution)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from ansinh.accounts.choices import Role
from ansinh.calc import params as calc_params
from ansinh.calc.choices import HI_GROUP_LABELS, LOCAL_GROUP_LABELS, RowStatus, TopUpBase, TopUpScheme
from ansinh.calc.errors import CalcError
from ansinh.calc.models import LocalTopUpRow, ParameterRow
from ansinh.core.changelog import log_change
from ansinh.core.errors import Code, DomainError, PermissionDenied
from ansinh.core.scoping import Action, require_role
from ansinh.geo.choices import Era
from ansinh.rules import RuleError, load_parameters
from ansinh.rules.errors import ErrorCode
from ansinh.rules.provinces import REFORM_DAY, check_province
from ansinh.rules.voluntary_si import VSICategory

LAST_OLD_DAY = REFORM_DAY - dt.timedelta(days=1)  # the last day of the 63 provinces


def is_parameter_admin(user) -> bool:
    """Only system administrators change the law's parameters (they apply to the whole country)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or user.role == Role.ADMIN))


def _require_admin(user) -> None:
    if not is_parameter_admin(user):
        raise PermissionDenied("Chỉ quản trị hệ thống được thêm dòng tham số.")


def _decimal(value, field: str, label: str, places: int = 6, whole_digits: int = 12) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(f"{label} '{value}' không phải là số.", code=ErrorCode.INVALID_AMOUNT, field=field) from exc
    if not number.is_finite():
        raise DomainError(f"{label} '{value}' không phải là số.", code=ErrorCode.INVALID_AMOUNT, field=field)
    if abs(number) >= Decimal(10) ** whole_digits or number != number.quantize(Decimal(1).scaleb(-places)):
        raise DomainError(f"{label} '{value}' có quá {places} chữ số thập phân hoặc quá lớn.",
                          code=ErrorCode.INVALID_AMOUNT,
                          field=field)
    return number


def _dates(valid_from: dt.date, valid_until: dt.date | None) -> None:
    if not isinstance(valid_from, dt.date):
        raise DomainError("Cần ngày bắt đầu áp dụng.", code=ErrorCode.INVALID_DATE, field="valid_from")
    if valid_until is not None and valid_until < valid_from:
        raise DomainError(f"Ngày hết hiệu lực {valid_until:%d/%m/%Y} trước ngày bắt đầu {valid_from:%d/%m/%Y}.",
                          code=ErrorCode.INVALID_DATE_RANGE, field="valid_until")


def _rule_check(build) -> object:
    """Let the rules engine refuse a row it could not use, with its own stable code."""
    try:
        return build()
    except RuleError as exc:
        raise DomainError(exc.message, code=exc.code, field=exc.field) from exc


@transaction.atomic
def parameter_row_add(*, user, name: str, value, valid_from: dt.date, legal_ref: str, key: str | None = None,
                      valid_until: dt.date | None = None, status: str = RowStatus.CONFIRMED, note: str = ""
                      ) -> ParameterRow:
    """Add a dated value of a law parameter (admin only); it overrides the shipped tables from its start date."""
    _require_admin(user)
    shipped = load_parameters()
    name = (name or "").strip()
    key = (key or "").strip() or None
    if name not in shipped.names():
        raise DomainError(f"Không có tham số '{name}' trong bảng tham số.",
                          code=CalcError.UNKNOWN_PARAMETER, field="name")
    keys = shipped.keys(name)
    if keys and key not in keys:
        raise DomainError(f"Tham số '{name}' cần khóa là một trong: {', '.join(keys)}.", code=CalcError.INVALID_KEY,
                          field="key")
    if not keys and key is not None:
        raise DomainError(f"Tham số '{name}' không có khóa; để trống ô khóa.", code=CalcError.INVALID_KEY, field="key")
    number = _decimal(value, "value", "Giá trị")
    if number < 0:
        raise DomainError("Giá trị không được âm.", code=ErrorCode.INVALID_AMOUNT, field="value")
    if status not in RowStatus.values:
        raise DomainError(f"Trạng thái '{status}' không hợp lệ.", code=CalcError.INVALID_STATUS, field="status")
    legal_ref, note = (legal_ref or "").strip(), (note or "").strip()
    if not legal_ref:
        raise DomainError("Phải ghi căn cứ pháp lý (số hiệu văn bản).",
                          code=CalcError.LEGAL_REF_REQUIRED, field="legal_ref")
    _dates(valid_from, valid_until)
    row = ParameterRow(name=name, key=key or "", value=number, valid_from=valid_from, valid_until=valid_until,
                       legal_ref=legal_ref, status=status, note=note, created_by=user)
    _rule_check(row.to_rule)
    row.save()
    log_change(user=user, obj=row, action="create", scope_path="",
               changes={"name": name, "key": key or "", "value": f"{number.normalize():f}",
                        "valid_from": valid_from.isoformat(),
                        "valid_until": valid_until.isoformat() if valid_until else None,
                        "legal_ref": legal_ref, "status": status})
    transaction.on_commit(calc_params.forget)
    return row


def top_up_provinces(user) -> dict[str, dt.date | None] | None:
    """The province codes whose top-ups the user keeps, each with the last day her rows may reach (None = every
    province; empty = none). An officer of today's province keeps its code on every date, and the codes of the old
    provinces that went into it up to 30/6/2025; an officer scoped to an old province keeps its code up to
    30/6/2025 only — from 1/7/2025 the same code may be today's province's, which is not hers."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active \
            or not user.may(Action.MANAGE_LOCAL_SUPPORT):
        return {}
    paths = user.scope_paths()
    if paths is None:
        return None
    rights: dict[str, dt.date | None] = {}
    for era, code in (p.split("/")[:2] for p in paths if p.count("/") == 2):
        if era == Era.FROM_2025:
            rights[code] = None
        else:
            rights.setdefault(code, LAST_OLD_DAY)
    return rights


def keeps_top_ups(user) -> bool:
    """True when the user may add or end the top-ups of at least one province."""
    return top_up_provinces(user) != {}


def _province(user, province) -> tuple[str, dt.date | None]:
    """The province code asked for, and the last day the user's rows for it may reach (None = no limit)."""
    require_role(user, Action.MANAGE_LOCAL_SUPPORT)
    code = _rule_check(lambda: check_province(province))
    if code is None:
        raise DomainError("Cần mã tỉnh.", code=ErrorCode.UNKNOWN_PROVINCE, field="province")
    mine = top_up_provinces(user)
    if mine is None:
        return code, None
    if code not in mine:
        codes = ", ".join(sorted(mine)) or "không có"
        raise DomainError(f"Bạn chỉ thêm, kết thúc mức hỗ trợ của tỉnh mình (mã {codes}); mã tỉnh {code} không "
                          "thuộc địa bàn của bạn.", code=CalcError.PROVINCE_NOT_YOURS, field="province")
    return code, mine[code]


def _old_province_refused(code: str, limit: dt.date, field: str) -> DomainError:
    return DomainError(f"Mã tỉnh {code} là tỉnh trước sắp xếp trong địa bàn của bạn: mức hỗ trợ của tỉnh đó chỉ áp "
                       f"dụng đến {limit:%d/%m/%Y}; từ 1/7/2025 mức hỗ trợ do cán bộ tỉnh hiện nay nhập.",
                       code=CalcError.OLD_PROVINCE_AFTER_REFORM, field=field)


def _legal_ref(legal_ref: str) -> str:
    legal_ref = (legal_ref or "").strip()
    if not legal_ref:
        raise DomainError("Phải ghi căn cứ pháp lý (số hiệu nghị quyết).", code=CalcError.LEGAL_REF_REQUIRED,
                          field="legal_ref")
    return legal_ref


def _top_up_log(user, row: LocalTopUpRow, **extra) -> None:
    """Log the new row where the province's officers read their log (the province of the row's first day)."""
    era = Era.FROM_2025 if row.valid_from >= REFORM_DAY else Era.PRE_2025
    log_change(user=user, obj=row, action="create", scope_path=f"{era}/{row.province}/",
               changes={"province": row.province, "scheme": row.scheme, "group": row.group,
                        "age_from": row.age_from, "age_below": row.age_below,
                        "percent": f"{row.percent.normalize():f}", "base": row.base,
                        "valid_from": row.valid_from.isoformat(),
                        "valid_until": row.valid_until.isoformat() if row.valid_until else None,
                        "legal_ref": row.legal_ref, "status": row.status, **extra})


def top_up_groups(scheme: str) -> dict[str, str]:
    """The group keys a provincial top-up can name for a scheme (`*` = every group), with labels."""
    if scheme == TopUpScheme.VSI:
        return {"*": "Mọi nhóm", **{c.value: c.value for c in VSICategory}}
    return {"*": "Mọi nhóm", **dict.fromkeys(HI_GROUP_LABELS), **dict.fromkeys(LOCAL_GROUP_LABELS)}


@transaction.atomic
def local_top_up_add(*, user, province: str, scheme: str, group: str, percent, valid_from: dt.date,
                     legal_ref: str, base: str = TopUpBase.CONTRIBUTION, valid_until: dt.date | None = None,
                     max_months: int | None = None, age_from: int | None = None, age_below: int | None = None,
                     status: str = RowStatus.CONFIRMED, note: str = "") -> LocalTopUpRow:
    """Add a provincial top-up row from an HĐND resolution, in force from its date of entry into force (an
    administrator, or an officer of that province); percent 0 switches a top-up off."""
    code, limit = _province(user, province)
    if scheme not in TopUpScheme.values:
        raise DomainError(f"Chế độ '{scheme}' không hợp lệ (hi, vsi).", code=Code.INVALID_SCHEME, field="scheme")
    group = (group or "").strip()
    if group not in top_up_groups(scheme):
        raise DomainError(f"Nhóm '{group}' không dùng được cho chế độ {scheme}.", code=ErrorCode.UNKNOWN_GROUP,
                          field="group")
    number = _decimal(percent, "percent", "Tỷ lệ", places=3, whole_digits=4)
    if base not in TopUpBase.values:
        raise DomainError(f"Cơ sở tính '{base}' không hợp lệ.", code=CalcError.INVALID_BASE, field="base")
    if status not in RowStatus.values:
        raise DomainError(f"Trạng thái '{status}' không hợp lệ.", code=CalcError.INVALID_STATUS, field="status")
    if max_months is not None and max_months < 0:
        raise DomainError("Số tháng tối đa không được âm.", code=ErrorCode.INVALID_MONTHS, field="max_months")
    legal_ref, note = _legal_ref(legal_ref), (note or "").strip()
    _dates(valid_from, valid_until)
    if limit is not None and (valid_until is None or valid_until > limit):
        raise _old_province_refused(code, limit, "valid_until")
    row = LocalTopUpRow(province=code, scheme=scheme, group=group, percent=number, base=base, valid_from=valid_from,
                        valid_until=valid_until, max_months=max_months, age_from=age_from, age_below=age_below,
                        legal_ref=legal_ref, status=status, note=note, created_by=user)
    _rule_check(row.to_rule)
    row.save()
    _top_up_log(user, row)
    transaction.on_commit(calc_params.forget)
    return row


@transaction.atomic
def local_top_up_end(*, user, province: str, scheme: str, group: str, last_day: dt.date, legal_ref: str,
                     age_from: int | None = None, age_below: int | None = None, note: str = "") -> LocalTopUpRow:
    """End the top-up in force for a province, scheme, group (and age band) after `last_day`: a row of 0 % from
    the next day, with the act that ends it (the rows before stay, as history). A row already entered from the
    next day replaces the one in force by itself, and is not cancelled by an end."""
    code, limit = _province(user, province)
    if not isinstance(last_day, dt.date) or last_day >= dt.date.max:
        raise DomainError("Cần ngày cuối cùng được hỗ trợ (trước 31/12/9999).", code=ErrorCode.INVALID_DATE,
                          field="last_day")
    if limit is not None and last_day >= limit:
        raise _old_province_refused(code, limit, "last_day")
    slot = (code, scheme, (group or "").strip(), age_from, age_below)
    params = calc_params.current_parameters()
    current = next((params.local_support[i] for i in params.local_in_force(last_day)
                    if params.local_support[i].slot == slot), None)
    if current is None or current.percent == 0:
        raise DomainError(f"Không có mức hỗ trợ của tỉnh {code} cho nhóm '{slot[2]}' đang áp dụng vào ngày "
                          f"{last_day:%d/%m/%Y} để kết thúc.", code=CalcError.NO_TOP_UP_IN_FORCE, field="last_day")
    first_day = last_day + dt.timedelta(days=1)
    following = next((r for r in params.local_support if r.slot == slot and r.valid_from == first_day), None)
    if following is not None:
        raise DomainError(f"Từ ngày {first_day:%d/%m/%Y} đã có mức hỗ trợ theo {following.legal_ref} thay mức đang "
                          "áp dụng; không cần kết thúc (nếu mức mới sai, thêm dòng 0 % từ cùng ngày).",
                          code=CalcError.TOP_UP_ALREADY_REPLACED, field="last_day")
    row = LocalTopUpRow(province=code, scheme=scheme, group=slot[2], percent=Decimal(0), base=current.base,
                        valid_from=first_day, valid_until=limit, age_from=age_from, age_below=age_below,
                        legal_ref=_legal_ref(legal_ref), status=RowStatus.CONFIRMED,
                        note=(note or "").strip() or f"Kết thúc mức hỗ trợ của {current.legal_ref}",
                        created_by=user)
    _rule_check(row.to_rule)
    row.save()
    _top_up_log(user, row, ends=current.legal_ref, last_day=last_day.isoformat())
    transaction.on_commit(calc_params.forget)
    return row
