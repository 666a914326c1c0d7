"""The only writers of staff and collection points.

Every service starts with `require(user, Action.MANAGE_STAFF, unit.path)` (404 outside the user's area, 403
with the reason for a role without the right), checks every value (codes, names, phone numbers, the kind,
units that existed on the active-from day, communes served inside the home province, dates in order), sets
who created or changed the row, logs the change, and never deletes: deactivating sets the active-until day.
"""

import datetime as dt
import re
from collections.abc import Iterable

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from ansinh.core.cells import CellError, parse_phone
from ansinh.core.changelog import diff, log_change
from ansinh.core.errors import Code, DomainError
from ansinh.core.formats import vn_date
from ansinh.core.scoping import Action, in_area, require
from ansinh.geo.choices import Level
from ansinh.geo.models import Unit
from ansinh.geo.validity import check_valid_on
from ansinh.network.choices import Organisation, PointKind
from ansinh.network.errors import NetworkError
from ansinh.network.models import CollectionPoint, Staff
from ansinh.rules.errors import ErrorCode


class _Unset:
    """A keyword not given to an update service: the field keeps its value."""

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET = _Unset()
_TAX_CODE = re.compile(r"\d{10}(-\d{3})?")
LIMITS = {"code": 20, "full_name": 100, "name": 200, "address": 255, "email": 100, "tax_code": 20}


# ------------------------------------------------------------------------------------------- checks


def _who(user):
    return user if getattr(user, "is_authenticated", False) else None


def _require(user, unit: Unit, what: str) -> None:
    require(user, Action.MANAGE_STAFF, unit.path, what=what)


def _text(value, field: str, label: str, *, required: bool = False, code=Code.NAME_REQUIRED) -> str:
    text = " ".join(str(value or "").replace("\x00", "").split())
    if required and not text:
        raise DomainError(f"Cần ghi {label}.", code=code, field=field)
    limit = LIMITS.get(field)
    if limit and len(text) > limit:
        raise DomainError(f"{label[:1].upper()}{label[1:]} dài quá {limit} ký tự.", code=NetworkError.TEXT_TOO_LONG,
                          field=field)
    return text


def _code(value, what: str) -> str:
    code = _text(value, "code", f"mã {what}", required=True, code=NetworkError.CODE_REQUIRED)
    if any(c in code for c in "/?#%\\"):
        raise DomainError(f"Mã {what} '{code}' không được chứa các ký tự / ? # % \\.",
                          code=NetworkError.CODE_REQUIRED, field="code")
    return code


def _organisation(value) -> str:
    if value not in Organisation.values:
        raise DomainError(f"Loại nhân viên '{value}' không hợp lệ (BHXH, Bưu điện, Đại lý thu, Chính quyền xã, "
                          "Hội, đoàn thể).", code=NetworkError.INVALID_ORGANISATION, field="organisation")
    return value


def _kind(value) -> str:
    if value not in PointKind.values:
        raise DomainError(f"Loại điểm thu '{value}' không hợp lệ (Bưu điện, Đại lý thu, Cơ quan BHXH, UBND xã).",
                          code=NetworkError.INVALID_POINT_KIND, field="kind")
    return value


def _staff_phone(value) -> str:
    """A staff member's mobile number (national form), '' when empty."""
    try:
        return parse_phone(value, "Điện thoại")
    except CellError as exc:
        message = exc.message.removeprefix("Điện thoại: ")
        raise DomainError(message[:1].upper() + message[1:], code=exc.code, field="phone") from exc


def _point_phone(value) -> str:
    """A point's number: a mobile, or a fixed line such as 0294 3862 222 (national form), '' when empty."""
    raw = str(value or "").strip()
    if not raw:
        return ""
    try:
        return parse_phone(raw, "Điện thoại")
    except CellError as exc:
        try:
            parsed = phonenumbers.parse(raw, "VN")
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is not None and phonenumbers.region_code_for_number(parsed) == "VN" and \
                phonenumbers.is_valid_number(parsed):
            return "0" + str(parsed.national_number)
        raise DomainError(f"Điện thoại: số '{raw}' không phải số điện thoại Việt Nam hợp lệ.",
                          code=ErrorCode.PHONE_INVALID, field="phone") from exc


def _email(value) -> str:
    email = _text(value, "email", "thư điện tử")
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise DomainError(f"Thư điện tử '{email}' không hợp lệ.", code=NetworkError.INVALID_EMAIL,
                              field="email") from exc
    return email


def _tax_code(value) -> str:
    tax = _text(value, "tax_code", "mã số thuế").replace(" ", "")
    if tax and not _TAX_CODE.fullmatch(tax):
        raise DomainError(f"Mã số thuế '{tax}' không hợp lệ (10 chữ số, hoặc 10 chữ số - 3 chữ số).",
                          code=NetworkError.INVALID_TAX_CODE, field="tax_code")
    return tax


def _bank(bank_bin, account, name) -> dict:
    """The account VietQR codes pay into: the bank's 6-digit BIN and the account, both or neither; its name."""
    bank_bin = _text(bank_bin, "bank_bin", "mã BIN ngân hàng").replace(" ", "")
    account = _text(account, "bank_account", "số tài khoản").replace(" ", "")
    name = _text(name, "bank_account_name", "tên tài khoản")
    if bool(bank_bin) != bool(account) or (bank_bin and not re.fullmatch(r"\d{6}", bank_bin)) or (
            account and not re.fullmatch(r"[0-9A-Za-z]{1,19}", account)):
        raise DomainError("Tài khoản nhận tiền: ghi cả mã BIN ngân hàng (6 chữ số, ví dụ 970436 Vietcombank) và số "
                          "tài khoản (tối đa 19 chữ và số), hoặc để trống cả hai.",
                          code=NetworkError.INVALID_BANK_ACCOUNT, field="bank_account" if bank_bin else "bank_bin")
    return {"bank_bin": bank_bin, "bank_account": account, "bank_account_name": name}


def _date(value, field: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DomainError(f"'{value}' không phải là ngày.", code=ErrorCode.INVALID_DATE, field=field)
    return value


def _dates(valid_from, valid_until) -> tuple[dt.date, dt.date | None]:
    start = _date(valid_from, "valid_from")
    if start is None:
        raise DomainError("Cần ghi ngày bắt đầu hoạt động (Từ ngày).", code=NetworkError.ACTIVE_FROM_REQUIRED,
                          field="valid_from")
    end = _date(valid_until, "valid_until")
    if end is not None and end < start:
        raise DomainError(f"Ngày ngừng hoạt động {vn_date(end)} trước ngày bắt đầu {vn_date(start)}.",
                          code=NetworkError.DATES_OUT_OF_ORDER, field="valid_until")
    return start, end


def _unit_on(unit: Unit, on: dt.date, field: str = "unit") -> None:
    """Refuse a unit that did not exist on the active-from day (geo's check: old units to 30/6/2025, today's from
    1/7/2025), naming the unit that covers it then."""
    check_valid_on(unit, on, field=field)


def province_path(unit: Unit) -> str:
    """The path of the province a unit lies in ('' for the nation)."""
    if unit.level == Level.NATION or not unit.province_code:
        return unit.path
    return f"{unit.era}/{unit.province_code}/"


def _communes(unit: Unit, communes: Iterable[Unit], on: dt.date) -> list[Unit]:
    out, seen = [], set()
    province = province_path(unit)
    for commune in communes:
        if commune.pk in seen:
            continue
        seen.add(commune.pk)
        if commune.level != Level.COMMUNE:
            raise DomainError(f"{commune.name} (mã {commune.code}) không phải là xã, phường, thị trấn.",
                              code=NetworkError.NOT_A_COMMUNE, field="communes")
        if not commune.path.startswith(province):
            raise DomainError(f"{commune.name} (mã {commune.code}) không thuộc tỉnh của đơn vị {unit.name}.",
                              code=NetworkError.COMMUNE_OUTSIDE_PROVINCE, field="communes")
        _unit_on(commune, on, "communes")
        out.append(commune)
    return sorted(out, key=lambda c: c.code)


def _point(user, point: CollectionPoint | None, unit: Unit) -> CollectionPoint | None:
    if point is None:
        return None
    if not in_area(user, point.unit.path):
        raise DomainError(f"Không có điểm thu mã '{point.code}' trong địa bàn của bạn.",
                          code=NetworkError.UNKNOWN_POINT, field="collection_point")
    if not point.unit.path.startswith(province_path(unit)):
        raise DomainError(f"Điểm thu {point.name} ({point.code}) không thuộc tỉnh của đơn vị {unit.name}.",
                          code=NetworkError.POINT_OUTSIDE_PROVINCE, field="collection_point")
    return point


def _account(user, account, staff: Staff | None):
    if account is None:
        return None
    prefixes = user.scope_paths()
    scope = account.scope_unit.path if account.scope_unit_id else None
    if prefixes is not None and (scope is None or not any(scope.startswith(p) for p in prefixes)):
        raise DomainError(f"Không có tài khoản '{account.username}' trong địa bàn của bạn.",
                          code=NetworkError.UNKNOWN_ACCOUNT, field="user")
    linked = Staff.objects.filter(user=account).exclude(pk=staff.pk if staff else None).first()
    if linked is not None:
        raise DomainError(f"Tài khoản '{account.username}' đã gắn với nhân viên {linked.code}.",
                          code=NetworkError.ACCOUNT_TAKEN, field="user")
    return account


def _code_taken(code: str, what: str) -> DomainError:
    return DomainError(f"Mã {what} '{code}' đã được dùng.", code=NetworkError.CODE_TAKEN, field="code")


# ------------------------------------------------------------------------------------------- snapshots


def _join(units) -> str:
    return "; ".join(sorted(u.code for u in units))


def staff_snapshot(staff: Staff) -> dict:
    """What a staff record says, as plain values (the change log's and the importer's comparison)."""
    return {"full_name": staff.full_name, "organisation": staff.organisation, "unit": staff.unit.path,
            "phone": staff.phone, "collection_point": staff.collection_point.code if staff.collection_point else "",
            "user": staff.user.username if staff.user else "", "communes": _join(staff.communes.all()),
            "valid_from": staff.valid_from.isoformat() if staff.valid_from else None,
            "valid_until": staff.valid_until.isoformat() if staff.valid_until else None}


def point_snapshot(point: CollectionPoint) -> dict:
    """What a collection point record says, as plain values."""
    return {"name": point.name, "kind": point.kind, "unit": point.unit.path, "phone": point.phone,
            "address": point.address, "tax_code": point.tax_code, "email": point.email,
            "bank_bin": point.bank_bin, "bank_account": point.bank_account,
            "bank_account_name": point.bank_account_name,
            "communes": _join(point.communes.all()),
            "valid_from": point.valid_from.isoformat() if point.valid_from else None,
            "valid_until": point.valid_until.isoformat() if point.valid_until else None}


# ------------------------------------------------------------------------------------------- staff


@transaction.atomic
def staff_create(*, user, code: str, full_name: str, organisation: str, unit: Unit, valid_from: dt.date,
                 valid_until: dt.date | None = None, phone: str = "", collection_point: CollectionPoint | None = None,
                 communes: Iterable[Unit] = (), account=None) -> Staff:
    """Add a staff member (BHXH officer, post-office staff, agent, commune official, union volunteer) to a unit."""
    _require(user, unit, "Đơn vị")
    code = _code(code, "nhân viên")
    full_name = _text(full_name, "full_name", "họ và tên", required=True)
    organisation = _organisation(organisation)
    phone = _staff_phone(phone)
    valid_from, valid_until = _dates(valid_from, valid_until)
    _unit_on(unit, valid_from)
    served = _communes(unit, communes, valid_from)
    point = _point(user, collection_point, unit)
    account = _account(user, account, None)
    if Staff.objects.filter(code=code).exists():
        raise _code_taken(code, "nhân viên")
    try:
        with transaction.atomic():
            staff = Staff.objects.create(code=code, full_name=full_name, organisation=organisation, unit=unit,
                                         province_code=unit.province_code, collection_point=point, user=account,
                                         phone=phone, valid_from=valid_from, valid_until=valid_until,
                                         created_by=_who(user), changed_by=_who(user))
    except IntegrityError as exc:
        if account is not None and Staff.objects.filter(user=account).exists():
            raise DomainError(f"Tài khoản '{account.username}' đã gắn với một nhân viên khác.",
                              code=NetworkError.ACCOUNT_TAKEN, field="user") from exc
        raise _code_taken(code, "nhân viên") from exc
    staff.communes.set(served)
    log_change(user=user, obj=staff, action="create", scope_path=unit.path,
               changes={"code": code, **staff_snapshot(staff)})
    return staff


@transaction.atomic
def staff_update(*, user, staff: Staff, full_name=UNSET, organisation=UNSET, unit=UNSET, phone=UNSET,
                 collection_point=UNSET, communes=UNSET, account=UNSET, valid_from=UNSET, valid_until=UNSET
                 ) -> Staff:
    """Change a staff member's data (only the keywords given); the code stays. Nothing changes when nothing differs."""
    _require(user, staff.unit, "Nhân viên")
    # Lock the staff row only: PostgreSQL cannot lock the nullable side of the joins (point, account).
    staff = (Staff.objects.select_for_update(of=("self",)).select_related("unit", "collection_point", "user")
             .get(pk=staff.pk))
    before = staff_snapshot(staff)
    placed, served = _placement(user, staff, unit=unit, valid_from=valid_from, valid_until=valid_until,
                                communes=communes)
    new_unit = placed["unit"]
    wanted = {}
    if full_name is not UNSET:
        wanted["full_name"] = _text(full_name, "full_name", "họ và tên", required=True)
    if organisation is not UNSET:
        wanted["organisation"] = _organisation(organisation)
    if phone is not UNSET:
        wanted["phone"] = _staff_phone(phone)
    if collection_point is not UNSET or new_unit.pk != staff.unit_id:
        point = staff.collection_point if collection_point is UNSET else collection_point
        if collection_point is not UNSET or point is not None:
            wanted["collection_point"] = _point(user, point, new_unit)
    if account is not UNSET:
        wanted["user"] = _account(user, account, staff)
    _apply(staff, {**wanted, **placed}, served)
    after = staff_snapshot(staff)
    changes = diff(before, after)
    if not changes:
        return staff
    staff.changed_by = _who(user)
    try:
        with transaction.atomic():
            staff.save()
    except IntegrityError as exc:
        raise DomainError("Tài khoản này đã gắn với một nhân viên khác.", code=NetworkError.ACCOUNT_TAKEN,
                          field="user") from exc
    log_change(user=user, obj=staff, action="update", scope_path=new_unit.path, changes=changes)
    return staff


def _placement(user, row, *, unit, valid_from, valid_until, communes) -> tuple[dict, list[Unit] | None]:
    """The unit, active dates and communes served of a staff member's or point's change, checked (only what is
    given changes; a new unit or start date re-checks the unit on that date and the communes served)."""
    new_unit = row.unit if unit is UNSET else unit
    if new_unit.pk != row.unit_id:
        _require(user, new_unit, "Đơn vị")
    start, end = _dates(row.valid_from if valid_from is UNSET else valid_from,
                        row.valid_until if valid_until is UNSET else valid_until)
    if unit is not UNSET or valid_from is not UNSET:
        _unit_on(new_unit, start)
    served = None
    if communes is not UNSET or unit is not UNSET or valid_from is not UNSET:
        served = _communes(new_unit, row.communes.all() if communes is UNSET else communes, start)
    return {"unit": new_unit, "province_code": new_unit.province_code, "valid_from": start,
            "valid_until": end}, served


def _apply(row, wanted: dict, served: list[Unit] | None) -> None:
    for name, value in wanted.items():
        setattr(row, name, value)
    if served is not None:
        row.communes.set(served)


@transaction.atomic
def staff_deactivate(*, user, staff: Staff, until: dt.date) -> Staff:
    """A staff member stops working after `until` (inclusive): the record stays, with its active-until day."""
    _require(user, staff.unit, "Nhân viên")
    staff = Staff.objects.select_for_update().select_related("unit").get(pk=staff.pk)
    _deactivate(user=user, row=staff, until=until, what=f"Nhân viên {staff.code}")
    return staff


def _deactivate(*, user, row, until, what: str) -> None:
    until = _date(until, "valid_until")
    if until is None:
        raise DomainError("Cần ghi ngày ngừng hoạt động.", code=ErrorCode.INVALID_DATE, field="valid_until")
    if row.valid_until == until:
        return
    if row.valid_until is not None and row.valid_until < until:
        raise DomainError(f"{what} đã ngừng hoạt động từ sau ngày {vn_date(row.valid_until)}; muốn đổi ngày, hãy "
                          "sửa ngày ngừng ở trang sửa.", code=NetworkError.ALREADY_INACTIVE, field="valid_until")
    _dates(row.valid_from, until)
    old = row.valid_until
    row.valid_until = until
    row.changed_by = _who(user)
    row.save(update_fields=["valid_until", "changed_by", "changed_at"])
    log_change(user=user, obj=row, action="update", scope_path=row.unit.path,
               changes={"valid_until": [old.isoformat() if old else None, until.isoformat()]})


# ------------------------------------------------------------------------------------------- collection points


@transaction.atomic
def point_create(*, user, code: str, name: str, kind: str, unit: Unit, valid_from: dt.date,
                 valid_until: dt.date | None = None, phone: str = "", address: str = "", tax_code: str = "",
                 email: str = "", communes: Iterable[Unit] = (), bank_bin: str = "", bank_account: str = "",
                 bank_account_name: str = "") -> CollectionPoint:
    """Open a collection point (post office, agent, BHXH office, commune) in a unit."""
    _require(user, unit, "Đơn vị")
    code = _code(code, "điểm thu")
    name = _text(name, "name", "tên điểm thu", required=True)
    kind = _kind(kind)
    phone = _point_phone(phone)
    address = _text(address, "address", "địa chỉ")
    tax_code = _tax_code(tax_code)
    email = _email(email)
    bank = _bank(bank_bin, bank_account, bank_account_name)
    valid_from, valid_until = _dates(valid_from, valid_until)
    _unit_on(unit, valid_from)
    served = _communes(unit, communes, valid_from)
    if CollectionPoint.objects.filter(code=code).exists():
        raise _code_taken(code, "điểm thu")
    try:
        with transaction.atomic():
            point = CollectionPoint.objects.create(
                code=code, name=name, kind=kind, unit=unit, province_code=unit.province_code, phone=phone,
                address=address, tax_code=tax_code, email=email, valid_from=valid_from, valid_until=valid_until,
                created_by=_who(user), changed_by=_who(user), **bank)
    except IntegrityError as exc:
        raise _code_taken(code, "điểm thu") from exc
    point.communes.set(served)
    log_change(user=user, obj=point, action="create", scope_path=unit.path,
               changes={"code": code, **point_snapshot(point)})
    return point


@transaction.atomic
def point_update(*, user, point: CollectionPoint, name=UNSET, kind=UNSET, unit=UNSET, phone=UNSET, address=UNSET,
                 tax_code=UNSET, email=UNSET, communes=UNSET, valid_from=UNSET, valid_until=UNSET, bank_bin=UNSET,
                 bank_account=UNSET, bank_account_name=UNSET) -> CollectionPoint:
    """Change a collection point's data (only the keywords given); the code stays."""
    _require(user, point.unit, "Điểm thu")
    point = CollectionPoint.objects.select_for_update().select_related("unit").get(pk=point.pk)
    before = point_snapshot(point)
    placed, served = _placement(user, point, unit=unit, valid_from=valid_from, valid_until=valid_until,
                                communes=communes)
    wanted = {}
    if name is not UNSET:
        wanted["name"] = _text(name, "name", "tên điểm thu", required=True)
    if kind is not UNSET:
        wanted["kind"] = _kind(kind)
    if phone is not UNSET:
        wanted["phone"] = _point_phone(phone)
    if address is not UNSET:
        wanted["address"] = _text(address, "address", "địa chỉ")
    if tax_code is not UNSET:
        wanted["tax_code"] = _tax_code(tax_code)
    if email is not UNSET:
        wanted["email"] = _email(email)
    if not (bank_bin is UNSET and bank_account is UNSET and bank_account_name is UNSET):
        wanted.update(_bank(point.bank_bin if bank_bin is UNSET else bank_bin,
                            point.bank_account if bank_account is UNSET else bank_account,
                            point.bank_account_name if bank_account_name is UNSET else bank_account_name))
    _apply(point, {**wanted, **placed}, served)
    changes = diff(before, point_snapshot(point))
    if not changes:
        return point
    point.changed_by = _who(user)
    point.save()
    log_change(user=user, obj=point, action="update", scope_path=point.unit.path, changes=changes)
    return point


@transaction.atomic
def point_deactivate(*, user, point: CollectionPoint, until: dt.date) -> CollectionPoint:
    """A collection point closes after `until` (inclusive): the record stays, with its active-until day."""
    _require(user, point.unit, "Điểm thu")
    point = CollectionPoint.objects.select_for_update().select_related("unit").get(pk=point.pk)
    _deactivate(user=user, row=point, until=until, what=f"Điểm thu {point.code}")
    return point
