"""The only writers of people and households: identifiers checked by the rules, area checked, changes logged."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from ansinh.core.changelog import log_change
from ansinh.core.errors import Code, DomainError, check_length
from ansinh.core.scoping import Action, require
from ansinh.core.text import fold
from ansinh.geo.models import Unit
from ansinh.geo.validity import check_valid_on, is_valid_on, successor
from ansinh.registry.choices import HouseholdStatusKind, PersonStatusKind, Relation, Sex
from ansinh.registry.errors import RegistryError
from ansinh.registry.models import Household, HouseholdStatus, Person, PersonStatus
from ansinh.rules import RuleError, check_si_code, decode_citizen_id, local_group_labels, normalize_phone
from ansinh.rules.errors import ErrorCode

NAME_LENGTH = Person._meta.get_field("full_name").max_length


def _check(call, field: str):
    try:
        return call()
    except RuleError as exc:
        raise DomainError(exc.message, code=exc.code, field=exc.field or field) from exc


def _clean_identity(*, full_name: str, date_of_birth: dt.date, sex: str, citizen_id: str | None,
                    legacy_si_code: str | None, phone: str | None) -> dict:
    """Validated identity fields (IDs decoded and checked against the birth date and sex)."""
    name = " ".join((full_name or "").split())
    if not name:
        raise DomainError("Thiếu họ và tên.", code=Code.NAME_REQUIRED, field="full_name")
    check_length(name, NAME_LENGTH, "Họ và tên", field="full_name")
    if sex not in Sex.values:
        raise DomainError(f"Giới tính '{sex}' không hợp lệ (M hoặc F).", code=ErrorCode.INVALID_SEX, field="sex")
    cid = (citizen_id or "").strip() or None
    if cid:
        _check(lambda: decode_citizen_id(cid, date_of_birth, sex), "citizen_id")
    si = (legacy_si_code or "").strip() or None
    if si:
        _check(lambda: check_si_code(si), "legacy_si_code")
    mobile = ""
    if phone and phone.strip():
        mobile = _check(lambda: normalize_phone(phone), "phone").national
    return {"full_name": name, "name_folded": fold(name), "date_of_birth": date_of_birth, "sex": sex,
            "citizen_id": cid, "legacy_si_code": si, "phone": mobile}


def _commune(user, commune: Unit, on: dt.date | None) -> Unit:
    """The commune a registration dated `on` (default today) is placed in: in the user's area, a commune, and
    one that exists on that date (`unit_not_valid_on_date` names today's commune for an abolished one)."""
    require(user, Action.REGISTER, commune.path, what="Xã/phường")
    if commune.level != "commune":
        raise DomainError(f"{commune.name} không phải cấp xã.", code=RegistryError.NOT_A_COMMUNE, field="commune")
    return check_valid_on(commune, on or timezone.localdate(), field="commune")


def _taken_message(fields: dict) -> str:
    if fields.get("citizen_id") and Person.objects.filter(citizen_id=fields["citizen_id"]).exists():
        return f"Số định danh {fields['citizen_id']} đã được đăng ký cho người khác."
    return f"Mã số BHXH {fields.get('legacy_si_code')} đã được đăng ký cho người khác."


@transaction.atomic
def person_register(*, user, full_name: str, date_of_birth: dt.date, sex: str, commune: Unit,
                    citizen_id: str | None = None, legacy_si_code: str | None = None, phone: str | None = None,
                    ethnicity: str = "Kinh", address: str = "", household: Household | None = None,
                    relation: str = "", source: str = "page", on: dt.date | None = None) -> Person:
    """Register a person living in a commune of the user's area on a date (default today); a known citizen ID
    is refused clearly."""
    _commune(user, commune, on)
    if relation and relation not in Relation.values:
        raise DomainError(f"Quan hệ với chủ hộ '{relation}' không hợp lệ.", code=RegistryError.INVALID_RELATION,
                          field="relation")
    fields = _clean_identity(full_name=full_name, date_of_birth=date_of_birth, sex=sex, citizen_id=citizen_id,
                             legacy_si_code=legacy_si_code, phone=phone)
    try:
        with transaction.atomic():
            person = Person.objects.create(
                **fields, ethnicity=(ethnicity or "Kinh").strip(), commune=commune,
                province_code=commune.province_code, address=address, household=household, relation=relation,
                source=source, created_by=user if user.is_authenticated else None)
    except IntegrityError as exc:
        raise DomainError(_taken_message(fields), code=RegistryError.PERSON_EXISTS, field="citizen_id") from exc
    log_change(user=user, obj=person, action="create", scope_path=commune.path,
               changes={k: v for k, v in fields.items() if k != "name_folded"})
    return person


@transaction.atomic
def person_update(*, user, person: Person, full_name: str, date_of_birth: dt.date, sex: str,
                  citizen_id: str | None, legacy_si_code: str | None, phone: str | None, ethnicity: str,
                  address: str, commune: Unit, reason: str = "") -> Person:
    """Correct a person's identity, identifiers or residence (an SI code issued by BHXH, a split commune).

    The new commune must be one of the user's area that exists today; a household head's move takes the
    household and the members living with them along. Only what changed is logged, with the reason.
    """
    require(user, Action.CHANGE_MEMBER, person.commune.path, what="Người")
    fields = _clean_identity(full_name=full_name, date_of_birth=date_of_birth, sex=sex, citizen_id=citizen_id,
                             legacy_si_code=legacy_si_code, phone=phone)
    fields.update(ethnicity=(ethnicity or "Kinh").strip(), address=(address or "").strip()[:255])
    if commune.pk != person.commune_id:
        require(user, Action.CHANGE_MEMBER, commune.path, what="Xã/phường")
        if commune.level != "commune":
            raise DomainError(f"{commune.name} không phải cấp xã.", code=RegistryError.NOT_A_COMMUNE,
                              field="commune")
        check_valid_on(commune, timezone.localdate(), field="commune")
    changes = {k: [getattr(person, k), v] for k, v in fields.items()
               if k != "name_folded" and getattr(person, k) != v}
    old_commune = person.commune
    if commune.pk != old_commune.pk:
        changes["commune"] = [f"{old_commune.name} ({old_commune.code})", f"{commune.name} ({commune.code})"]
    if not changes:
        return person
    if reason.strip():
        changes["reason"] = reason.strip()
    for name, value in fields.items():
        setattr(person, name, value)
    person.commune, person.province_code = commune, commune.province_code
    person.changed_by = user if user.is_authenticated else None
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:
        raise DomainError(_taken_message(fields), code=RegistryError.PERSON_EXISTS, field="citizen_id") from exc
    household = person.household
    if "commune" in changes and household is not None and household.head_id == person.pk \
            and household.commune_id == old_commune.pk:
        Household.objects.filter(pk=household.pk).update(commune=commune, province_code=commune.province_code)
        Person.objects.filter(household=household, commune=old_commune).update(
            commune=commune, province_code=commune.province_code)
        log_change(user=user, obj=household, action="update", scope_path=commune.path,
                   changes={"commune": changes["commune"], "reason": changes.get("reason", "")})
    log_change(user=user, obj=person, action="update", scope_path=commune.path, changes=changes)
    return person


@transaction.atomic
def household_register(*, user, code: str, commune: Unit, address: str = "", source: str = "page",
                       on: dt.date | None = None) -> Household:
    """Register a household on a date (default today); its members are registered with
    `person_register(household=…)`."""
    _commune(user, commune, on)
    code = (code or "").strip()
    if not code:
        raise DomainError("Thiếu mã hộ gia đình.", code=RegistryError.HOUSEHOLD_CODE_REQUIRED, field="code")
    try:
        with transaction.atomic():
            household = Household.objects.create(code=code, commune=commune, province_code=commune.province_code,
                                                 created_by=user if user.is_authenticated else None,
                                                 address=address, source=source)
    except IntegrityError as exc:
        raise DomainError(f"Mã hộ {code} đã tồn tại.", code=RegistryError.HOUSEHOLD_EXISTS, field="code") from exc
    log_change(user=user, obj=household, action="create", scope_path=commune.path,
               changes={"code": code, "address": address})
    return household


@transaction.atomic
def household_set_head(*, user, household: Household, person: Person) -> Household:
    """Make a member the head of the household."""
    require(user, Action.CHANGE_MEMBER, household.commune.path, what="Hộ")
    if person.household_id != household.pk:
        raise DomainError(f"{person.full_name} không thuộc hộ {household.code}.", code=Code.NOT_A_MEMBER, field="head")
    old = household.head_id
    household.head = person
    household.changed_by = user if user.is_authenticated else None
    household.save(update_fields=["head", "changed_by", "changed_at"])
    Person.objects.filter(pk=person.pk).update(relation=Relation.HEAD)
    log_change(user=user, obj=household, action="update", scope_path=household.commune.path,
               changes={"head": [old, person.pk]})
    return household


@transaction.atomic
def household_status_set(*, user, household: Household, year: int, status: str, source: str) -> HouseholdStatus:
    """Record a household's status for a year (poor, near-poor, farming of average standard) with its source."""
    require(user, Action.CHANGE_MEMBER, household.commune.path, what="Hộ")
    if status not in HouseholdStatusKind.values:
        raise DomainError(f"Loại hộ '{status}' không hợp lệ.",
                          code=RegistryError.INVALID_HOUSEHOLD_STATUS, field="status")
    if not (source or "").strip():
        raise DomainError("Cần ghi quyết định công nhận.", code=Code.SOURCE_REQUIRED, field="source")
    row, created = HouseholdStatus.objects.update_or_create(
        household=household, year=year,
        defaults={"status": status, "source": source.strip(), "province_code": household.province_code})
    log_change(user=user, obj=household, action="update", scope_path=household.commune.path,
               changes={f"status_{year}": status, "source": source})
    return row


@transaction.atomic
def person_status_set(*, user, person: Person, year: int, kind: str, evidence: str,
                      decided_on: dt.date | None = None, local_group: str = "") -> PersonStatus:
    """Record what a person is recognised as for a year (near-poor, student, …) with the decision or list.

    Once recorded the status decides the support of every payment of that year (`enrollment.support`); the
    same (person, year, kind) again replaces its evidence, so re-entering a list changes nothing twice.
    """
    require(user, Action.CHANGE_MEMBER, person.commune.path, what="Người")
    if kind not in PersonStatusKind.values:
        raise DomainError(f"Loại đối tượng '{kind}' không hợp lệ.", code=RegistryError.INVALID_PERSON_STATUS,
                          field="kind")
    local_group = (local_group or "").strip()
    if (kind == PersonStatusKind.LOCAL) != bool(local_group):
        raise DomainError("Nhóm hỗ trợ của tỉnh cần ghi khóa nhóm theo nghị quyết (và chỉ nhóm đó cần).",
                          code=RegistryError.INVALID_PERSON_STATUS, field="local_group")
    if local_group and local_group not in local_group_labels():
        raise DomainError(f"Nhóm hỗ trợ của tỉnh '{local_group}' không có trong danh sách các nghị quyết.",
                          code=RegistryError.INVALID_PERSON_STATUS, field="local_group")
    if not 2000 <= year <= 2100:
        raise DomainError(f"Năm {year} không hợp lệ.", code=RegistryError.INVALID_PERSON_STATUS, field="year")
    if not (evidence or "").strip():
        raise DomainError("Cần ghi quyết định hoặc danh sách công nhận (số, ngày, cơ quan).",
                          code=Code.SOURCE_REQUIRED, field="evidence")
    row, created = PersonStatus.objects.update_or_create(
        person=person, year=year, kind=kind,
        defaults={"evidence": evidence.strip()[:255], "decided_on": decided_on, "local_group": local_group,
                  "province_code": person.province_code,
                  "created_by": user if user.is_authenticated else None})
    log_change(user=user, obj=person, action="update", scope_path=person.commune.path,
               changes={f"status_{year}_{kind}": row.evidence, **({"local_group": local_group} if local_group else {})})
    return row


@transaction.atomic
def person_status_remove(*, user, status: PersonStatus) -> None:
    """Withdraw a status entered by mistake (payments already made keep the quote they were made with)."""
    person = status.person
    require(user, Action.CHANGE_MEMBER, person.commune.path, what="Người")
    log_change(user=user, obj=person, action="update", scope_path=person.commune.path,
               changes={f"status_{status.year}_{status.kind}": [status.evidence, None]})
    status.delete()


@dataclass(frozen=True)
class MemberInput:
    """One member to register with a household: identity, identifiers and relation to the head."""

    full_name: str
    date_of_birth: dt.date
    sex: str
    relation: str = ""
    citizen_id: str | None = None
    legacy_si_code: str | None = None
    phone: str | None = None
    ethnicity: str = "Kinh"


def household_code_suggest(commune: Unit) -> str:
    """A free household code for a commune: H<commune code>-<next number> (a suggestion; the insert decides)."""
    prefix = f"H{commune.code}-"
    taken = Household.objects.filter(code__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


@transaction.atomic
def household_register_with_members(*, user, commune: Unit, members: list[MemberInput], code: str = "",
                                    address: str = "", source: str = "page", on: dt.date | None = None
                                    ) -> Household:
    """Register a household and its members in one step; the member marked head (or the first) becomes head.

    A citizen ID already in the registry refuses the whole household (`person_exists`), naming the member.
    """
    if not members:
        raise DomainError("Cần ít nhất một thành viên.", code=ErrorCode.NO_MEMBERS, field="members")
    household = None
    if code.strip():
        household = household_register(user=user, code=code, commune=commune, address=address, source=source,
                                       on=on)
    else:
        for _attempt in range(5):
            try:
                household = household_register(user=user, code=household_code_suggest(commune), commune=commune,
                                               address=address, source=source, on=on)
                break
            except DomainError as exc:
                if exc.code != "household_exists":
                    raise
        if household is None:
            raise DomainError("Không tạo được mã hộ, hãy nhập mã hộ.",
                              code=RegistryError.HOUSEHOLD_CODE_REQUIRED, field="code")
    heads = [m for m in members if m.relation == Relation.HEAD]
    if len(heads) > 1:
        raise DomainError("Một hộ chỉ có một chủ hộ.", code=RegistryError.TWO_HEADS, field="members")
    people = []
    for index, member in enumerate(members, start=1):
        relation = member.relation or (Relation.HEAD if not heads and index == 1 else Relation.OTHER)
        try:
            people.append(person_register(
                user=user, full_name=member.full_name, date_of_birth=member.date_of_birth, sex=member.sex,
                commune=commune, citizen_id=member.citizen_id, legacy_si_code=member.legacy_si_code,
                phone=member.phone, ethnicity=member.ethnicity, address=address, household=household,
                relation=relation, source=source, on=on))
        except DomainError as exc:
            raise DomainError(f"Thành viên {index} ({member.full_name}): {exc.message}", code=exc.code,
                              field=f"members.{index - 1}.{exc.field or ''}".rstrip("."), status=exc.status) from exc
    head = next(p for p in people if p.relation == Relation.HEAD)
    return household_set_head(user=user, household=household, person=head)


@transaction.atomic
def residence_on(*, user, on: dt.date, person: Person | None = None, household: Household | None = None) -> Unit:
    """The commune a record of a person or household dated `on` is placed in (ADR 0005).

    Their commune when it exists on that date. When it was abolished before that date (an old-structure
    commune after 30/6/2025), the household and the members registered in it move to today's commune that
    took it over (the crosswalk's default successor; an officer corrects a split commune on the person's
    page), logged as a change. A date before the commune existed is refused (`unit_not_valid_on_date`).
    """
    holder = household if household is not None else person
    commune = holder.commune
    if is_valid_on(commune, on):
        return commune
    new = successor(commune, on) if commune.valid_until is not None and on > commune.valid_until else None
    if new is None:
        check_valid_on(commune, on)
    require(user, Action.VIEW, new.path, what="Xã/phường")
    household = household if household is not None else person.household
    moved = []
    if household is not None and household.commune_id == commune.pk:
        Household.objects.filter(pk=household.pk).update(commune=new, province_code=new.province_code)
        household.commune, household.province_code = new, new.province_code
        moved.append(household)
        moved += list(Person.objects.filter(household=household, commune=commune))
    if person is not None and person.commune_id == commune.pk and person not in moved:
        moved.append(person)
    for row in moved:
        if isinstance(row, Person):
            Person.objects.filter(pk=row.pk).update(commune=new, province_code=new.province_code)
        log_change(user=user, obj=row, action="update", scope_path=new.path,
                   changes={"commune": [f"{commune.name} ({commune.code})", f"{new.name} ({new.code})"],
                            "reason": f"{commune.name} thôi tồn tại; hồ sơ ngày {on:%d/%m/%Y} ghi vào {new.name}"})
    if person is not None:
        person.commune, person.province_code = new, new.province_code
    return new
