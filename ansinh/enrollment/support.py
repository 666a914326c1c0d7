"""Support at payment: the group a person pays household HI or voluntary SI in, from the statuses of the year.

A status is recorded with its evidence (`registry.PersonStatus` for a person, `registry.HouseholdStatus` for
every member of a household) for a calendar year; a payment made on a date reads the statuses of that date's
year. The percentages themselves are the law's dated rows (`ansinh.rules`): this module only says which group.

- Household HI: of the person's groups, the one the state supports most on the date (near-poor 70 % beats a
  student's 30 %); a province's top-up group is passed on as the local group. Poor people and ethnic
  minorities of especially difficult areas are insured by the state in full, so household HI refuses them.
- Voluntary SI: poor, then near-poor, then ethnic minority (the person's ethnicity), then other; a category
  claimed at the counter without its status is refused.
"""

import datetime as dt
from dataclasses import dataclass

from ansinh.core.errors import DomainError
from ansinh.enrollment.errors import EnrollmentError
from ansinh.enrollment.writer import HOUSEHOLD_BENEFIT_LEVEL, HOUSEHOLD_GROUP
from ansinh.registry.choices import PersonStatusKind as Kind
from ansinh.registry.models import HouseholdStatus, Person, PersonStatus
from ansinh.rules import HouseholdMember, Parameters, VSICategory
from ansinh.rules.dates import full_years
from ansinh.rules.errors import ErrorCode

# A status and the household HI group (hi_state_support_pct key) it puts a person in.
HI_GROUPS = {
    Kind.NEAR_POOR: "near_poor",
    Kind.AGRI_AVERAGE: "agri_average",
    Kind.STUDENT: "student",
    Kind.ETHNIC_MINORITY_LEFT: "ethnic_minority_left_difficult_area",
}
# The card group and benefit level a household HI group is printed with (Decision 1351/QĐ-BHXH; Luật BHYT,
# Điều 22: near-poor 95 % = level 3, the others 80 % = level 4); other members carry GD4.
CARD_GROUPS = {"near_poor": ("CN", 3), "student": ("HS", 4), "agri_average": ("GB", 4)}
# Statuses whose HI card the state pays in full (Luật BHYT, Điều 12 khoản 3): no household HI for them.
STATE_INSURED = (Kind.POOR, Kind.ETHNIC_MINORITY_DIFFICULT)
# Voluntary SI categories in order of support, with the status that proves each (None: the person's record).
VSI_PROOF = ((VSICategory.POOR, Kind.POOR), (VSICategory.NEAR_POOR, Kind.NEAR_POOR),
             (VSICategory.ETHNIC_MINORITY, None))


@dataclass(frozen=True)
class Standing:
    """What a person is recognised as in a year: status kind → its evidence, and the province's top-up groups."""

    kinds: dict[str, str]
    local_groups: tuple[str, ...] = ()


def standing(person: Person, on: dt.date) -> Standing:
    """The person's statuses for the year of a date, with the household's status counted for each member."""
    kinds, local = {}, []
    for s in PersonStatus.objects.filter(person=person, year=on.year).order_by("kind"):
        kinds.setdefault(s.kind, s.evidence)
        if s.local_group:
            local.append(s.local_group)
    if person.household_id:
        household = HouseholdStatus.objects.filter(household_id=person.household_id, year=on.year).first()
        if household is not None:
            kinds.setdefault(household.status, household.source)
    return Standing(kinds=kinds, local_groups=tuple(local))


def hi_member(name: str, held: Standing, on: dt.date, params: Parameters, born: dt.date | None = None
              ) -> HouseholdMember:
    """The household HI member a person pays as on a date (their group, top-up groups and age), or a refusal."""
    insured = [k for k in STATE_INSURED if k in held.kinds]
    if insured:
        kind = Kind(insured[0])
        raise DomainError(f"{name}: {kind.label.lower()} năm {on.year} ({held.kinds[kind]}) được ngân sách Nhà "
                          "nước đóng BHYT toàn bộ, không tham gia BHYT hộ gia đình.",
                          code=EnrollmentError.MEMBER_STATE_INSURED, field="members")
    groups = [HI_GROUPS[k] for k in held.kinds if k in HI_GROUPS
              and params.has("hi_state_support_pct", on, HI_GROUPS[k])]
    group = max(groups, key=lambda g: params.value("hi_state_support_pct", on, g), default=None)
    if born is not None and born > on:
        raise DomainError(f"{name}: ngày sinh {born:%d/%m/%Y} sau ngày đóng {on:%d/%m/%Y}.",
                          code=ErrorCode.INVALID_AGE, field="date_of_birth")
    return HouseholdMember(name=name, group=group, local_groups=held.local_groups,
                           age=full_years(born, on) if born is not None else None)


def person_hi_member(person: Person, on: dt.date, params: Parameters) -> HouseholdMember:
    """`hi_member` for a stored person (aged on the date, for a province's top-up of an age band)."""
    return hi_member(person.full_name, standing(person, on), on, params, born=person.date_of_birth)


def vsi_category(person: Person, on: dt.date) -> str:
    """The voluntary SI category a person is entitled to on a date (the most supported one)."""
    held = standing(person, on)
    for category, proof in VSI_PROOF:
        if (proof in held.kinds) if proof else person.is_ethnic_minority:
            return category.value
    return VSICategory.OTHER.value


def check_vsi_category(person: Person, category: str, on: dt.date) -> None:
    """Refuse a supported category the person has no status for in the year (a poor category needs its list)."""
    held = standing(person, on)
    for claimed, proof in VSI_PROOF:
        if category != claimed.value:
            continue
        if proof is None and not person.is_ethnic_minority:
            raise DomainError(f"{person.full_name} không phải người dân tộc thiểu số theo hồ sơ (dân tộc "
                              f"{person.ethnicity}).", code=EnrollmentError.SUPPORT_WITHOUT_EVIDENCE,
                              field="category")
        if proof is not None and proof not in held.kinds:
            raise DomainError(f"{person.full_name} chưa có quyết định hoặc danh sách công nhận "
                              f"'{Kind(proof).label.lower()}' năm {on.year}: hãy ghi đối tượng (kèm số quyết "
                              "định) trên trang người tham gia trước khi thu tiền.",
                              code=EnrollmentError.SUPPORT_WITHOUT_EVIDENCE, field="category")


def card_group(group: str | None) -> tuple[str, int]:
    """(card group code, benefit level) of the card of a household HI member of a group (None: ordinary)."""
    return CARD_GROUPS.get(group or "", (HOUSEHOLD_GROUP, HOUSEHOLD_BENEFIT_LEVEL))
