"""Household health insurance (BHYT hộ gia đình): the 100/70/60/50/40% ladder, state, local and sponsor support."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ansinh.rules.errors import ErrorCode, InputError, ParameterError, PeriodError
from ansinh.rules.params import Parameters, ParamRow, load_parameters
from ansinh.rules.provinces import check_province, province_name
from ansinh.rules.quote import (
    Quote,
    QuoteLine,
    Status,
    check_date,
    check_percent,
    fmt_date,
    fmt_pct,
    fmt_vnd,
    legal_refs,
    pct,
    round_vnd,
    weakest,
)

HOUSEHOLD = "household"

GROUP_LABELS = {
    HOUSEHOLD: "Thành viên hộ gia đình",
    "near_poor": "Người thuộc hộ cận nghèo",
    "near_poor_poor_commune": "Người thuộc hộ cận nghèo sống ở xã nghèo",
    "ethnic_minority_left_difficult_area": "Người DTTS ở xã ra khỏi vùng khó khăn",
    "student": "Học sinh, sinh viên",
    "security_force": "Lực lượng bảo vệ an ninh trật tự ở cơ sở",
    "village_health_worker": "Nhân viên y tế thôn bản, cô đỡ thôn bản",
    "village_staff": "Người hoạt động không chuyên trách ở thôn, tổ dân phố",
    "agri_average": "Hộ nông, lâm, ngư, diêm nghiệp có mức sống trung bình",
    "artisan": "Nghệ nhân",
    "trafficking_victim": "Nạn nhân bị mua bán",
}

_OVERRIDE_REF = "Tỷ lệ hỗ trợ do cán bộ nhập cho thành viên"
_SPONSOR_REF = "Cam kết tài trợ (mạnh thường quân)"


@dataclasses.dataclass(frozen=True, kw_only=True)
class HouseholdMember:
    """One person to insure; group=None means an ordinary household member ranked on the ladder."""

    name: str = ""
    group: str | None = None
    state_support_pct: Decimal | None = None
    local_support_pct: Decimal | None = None
    sponsor_support_pct: Decimal = Decimal(0)
    sponsor_support_amount: int = 0
    sponsor_name: str = ""
    # Groups only the province's resolutions know (keys of `local_group_labels()`), and the age in full years on
    # the quote's date (for a top-up of an age band, e.g. 70 to under 75); None = not known.
    local_groups: tuple[str, ...] = ()
    age: int | None = None

    def __post_init__(self) -> None:
        """Validate the support percents (0..100) and the sponsor's amount (VND, ≥ 0); normalise the group key."""
        if self.group == HOUSEHOLD:
            object.__setattr__(self, "group", None)
        groups = (self.local_groups,) if isinstance(self.local_groups, str) else self.local_groups
        object.__setattr__(self, "local_groups", tuple(g.strip() for g in groups if g and g.strip()))
        age = self.age
        if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 150):
            raise InputError(ErrorCode.INVALID_AGE, f"Tuổi phải là số năm tròn từ 0 đến 150: {age!r}.",
                             field="age", value=age)
        for field in ("state_support_pct", "local_support_pct"):
            value = getattr(self, field)
            if value is not None:
                object.__setattr__(self, field, check_percent(value, field))
        object.__setattr__(self, "sponsor_support_pct", check_percent(self.sponsor_support_pct, "sponsor_support_pct"))
        amount = self.sponsor_support_amount
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise InputError(ErrorCode.INVALID_AMOUNT,
                             f"Số tiền nhà tài trợ đóng phải là số đồng không âm: {amount!r}.",
                             field="sponsor_support_amount", value=amount)


@dataclasses.dataclass(frozen=True, kw_only=True)
class HouseholdHIInput:
    """What to quote: the payment date `on`, the members in ranking order, the months paid and the province."""

    on: date
    members: tuple[HouseholdMember, ...]
    months: int = 12
    province: str | None = None

    def __post_init__(self) -> None:
        """Accept any sequence of members and keep it as a tuple; `on` must be a date."""
        check_date(self.on, "on")
        object.__setattr__(self, "members", tuple(self.members))

    @classmethod
    def of_size(cls, *, on: date, count: int, months: int = 12, province: str | None = None) -> HouseholdHIInput:
        """Build an input with `count` ordinary household members and no individual support."""
        return cls(on=on, members=tuple(HouseholdMember() for _ in range(max(count, 0))), months=months,
                   province=province)


@dataclasses.dataclass(frozen=True, kw_only=True)
class MemberQuote:
    """One member's share: ladder rank and percent, monthly contribution, each support and what remains to pay.

    A sponsor's fixed amount for the period (`HouseholdMember.sponsor_support_amount`) need not divide into
    months: `sponsor_support_total` is the sponsor's whole share and `total` what is left to pay for the period;
    `monthly` is then the period's payable divided by the months, rounded up to the dong.
    """

    position: int
    rank: int | None
    name: str
    group: str | None
    ladder_pct: Decimal
    contribution_monthly: int
    state_support_pct: Decimal
    state_support_monthly: int
    local_support_pct: Decimal
    local_support_monthly: int
    sponsor_support_pct: Decimal
    sponsor_support_monthly: int
    sponsor_support_total: int
    monthly: int
    contribution_total: int
    total: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class HouseholdHIQuote(Quote):
    """Household HI quote: `monthly_total` and `total` are what the household pays after every support."""

    months: int
    province: str | None
    base_salary: int
    hi_rate_pct: Decimal
    members: tuple[MemberQuote, ...]
    contribution_monthly_total: int
    monthly_total: int
    contribution_total: int
    state_support_total: int
    local_support_total: int
    sponsor_support_total: int


# How pupils and students pay: every 3, 6 or 12 months (not 9: a grade-12 pupil's 9 months is BHXH's own way of
# collecting, not the decrees'), from 15/8/2025 under Decree 188/2025, before under Decree 146/2018.
_STUDENT_PERIODS = ((date(2025, 8, 15), "Nghị định 188/2025/NĐ-CP Điều 7 khoản 6 điểm a"),
                    (date(2018, 12, 1), "Nghị định 146/2018/NĐ-CP Điều 9 khoản 5"))


def _check_months(params: Parameters, on: date, months: int, students: bool = False) -> ParamRow:
    """Refuse payment periods the tables do not allow on that date (3, 6 or 12 months); for a quote of pupils and
    students only, the refusal names the article that sets their periods."""
    allowed = params.keys("hi_period_allowed", on)
    ok = [k for k in allowed if params.value("hi_period_allowed", on, k) > 0]
    if not ok:
        raise ParameterError(ErrorCode.PARAMETER_NOT_FOUND,
                             f"Không có tham số 'hi_period_allowed' áp dụng cho ngày {fmt_date(on)}.",
                             field="hi_period_allowed")
    if isinstance(months, bool) or not isinstance(months, int) or str(months) not in ok:
        choices = ", ".join(sorted(ok, key=int))
        article = next((ref for since, ref in _STUDENT_PERIODS if on >= since), None) if students else None
        message = (f"Học sinh, sinh viên đóng BHYT định kỳ {choices} tháng ({article}); không nhận kỳ {months} "
                   "tháng." if article else
                   f"BHYT hộ gia đình chỉ đóng theo kỳ {choices} tháng; không nhận kỳ {months} tháng.")
        raise PeriodError(ErrorCode.INVALID_PERIOD_MONTHS, message, field="months", value=months)
    return params.row("hi_period_allowed", on, str(months))


def _ladder_row(params: Parameters, on: date, rank: int) -> ParamRow:
    """The ladder percent for a rank; ranks beyond the last key use the last key (5th and after)."""
    keys = sorted(int(k) for k in params.keys("hi_household_ladder_pct", on))
    usable = [k for k in keys if k <= rank]
    key = usable[-1] if usable else rank
    return params.row("hi_household_ladder_pct", on, key)


def _check_group(params: Parameters, group: str | None) -> None:
    """Refuse HI groups that have no state-support row at any date."""
    if group is not None and group not in params.keys("hi_state_support_pct"):
        raise InputError(
            ErrorCode.UNKNOWN_GROUP,
            f"Nhóm đối tượng BHYT '{group}' không có trong bảng hỗ trợ của Nhà nước.",
            field="group",
            value=group,
        )


def _clip(amount: int, room: int) -> tuple[int, bool]:
    """Limit a support amount to the room left in the contribution; report whether it was cut."""
    if amount > room:
        return max(room, 0), True
    return amount, False


def household_hi_quote(data: HouseholdHIInput, params: Parameters | None = None) -> HouseholdHIQuote:
    """Quote household HI for N members over 3/6/12 months at the base salary in force on the payment date."""
    p = params or load_parameters()
    on, months = data.on, data.months
    if not data.members:
        raise InputError(ErrorCode.NO_MEMBERS, "Hộ gia đình phải có ít nhất 1 thành viên tham gia.", field="members")
    base_row = p.row("base_salary", on)
    rate_row = p.row("hi_rate_pct", on)
    _check_months(p, on, months, students=all(m.group == "student" for m in data.members))
    province = check_province(data.province)
    full = Fraction(base_row.value) * pct(rate_row.value)
    lines: list[QuoteLine] = []
    members: list[MemberQuote] = []
    rank = 0
    for position, member in enumerate(data.members, start=1):
        _check_group(p, member.group)
        if member.group is None:
            rank += 1
            ladder_row = _ladder_row(p, on, rank)
            ladder = ladder_row.value
            who = f"Thành viên thứ {rank}"
            formula = f"{fmt_pct(rate_row.value)} × {fmt_vnd(int(base_row.value))} × {fmt_pct(ladder)}"
            refs = legal_refs(base_row.legal_ref, rate_row.legal_ref, ladder_row.legal_ref)
            status = weakest(base_row.status, rate_row.status, ladder_row.status)
        else:
            ladder = Decimal(100)
            who = GROUP_LABELS.get(member.group, member.group)
            formula = f"{fmt_pct(rate_row.value)} × {fmt_vnd(int(base_row.value))}"
            refs = legal_refs(base_row.legal_ref, rate_row.legal_ref)
            status = weakest(base_row.status, rate_row.status)
        if member.name:
            who = f"{who} ({member.name})"
        contribution = round_vnd(full * pct(ladder))
        lines.append(QuoteLine(
            code="contribution", amount=contribution * months, member=position, legal_ref=refs, status=status,
            reason=f"{who}: {formula} = {fmt_vnd(contribution)}/tháng × {months} tháng",
        ))

        # State support: the member's override, else the group's row in force.
        state_pct, state_ref, state_status = Decimal(0), "", Status.CONFIRMED
        if member.state_support_pct is not None:
            state_pct, state_ref = member.state_support_pct, _OVERRIDE_REF
        elif member.group is not None:
            row = p.row("hi_state_support_pct", on, member.group)
            state_pct, state_ref, state_status = row.value, row.legal_ref, row.status
        state, _ = _clip(round_vnd(contribution * pct(state_pct)), contribution)
        if state:
            lines.append(QuoteLine(
                code="state_support", amount=-state * months, member=position, legal_ref=state_ref,
                status=state_status,
                reason=f"{who}: ngân sách Nhà nước hỗ trợ {fmt_pct(state_pct)} mức đóng = "
                       f"{fmt_vnd(state)}/tháng × {months} tháng",
            ))

        # Local (provincial) support: the member's override, else the matching HĐND top-up row.
        local_pct, local_ref, local_status, local_amount, band = Decimal(0), "", Status.CONFIRMED, Fraction(0), ""
        if member.local_support_pct is not None:
            local_pct, local_ref = member.local_support_pct, _OVERRIDE_REF
            local_amount = contribution * pct(local_pct)
        elif province is not None:
            groups = {member.group or HOUSEHOLD, *member.local_groups}
            top_up = p.local_support_for(province, "hi", groups, on, age=member.age)
            if top_up is not None:
                local_pct, local_ref, local_status = top_up.percent, top_up.legal_ref, top_up.status
                band = top_up.age_band
                base = contribution if top_up.base == "contribution" else full
                local_amount = base * pct(local_pct)
        local, local_cut = _clip(round_vnd(local_amount), contribution - state)
        if local:
            place = province_name(province, on) if province and member.local_support_pct is None else None
            lines.append(QuoteLine(
                code="local_support", amount=-local * months, member=position, legal_ref=local_ref,
                status=local_status,
                reason=f"{who}: ngân sách địa phương{f' ({place})' if place else ''} hỗ trợ thêm "
                       f"{fmt_pct(local_pct)}{f' (người {band})' if band else ''} = "
                       f"{fmt_vnd(local)}/tháng × {months} tháng"
                       + (" (giới hạn để tổng hỗ trợ không vượt mức đóng)" if local_cut else ""),
            ))

        sponsor_pct = member.sponsor_support_pct
        sponsor, sponsor_cut = _clip(round_vnd(contribution * pct(sponsor_pct)), contribution - state - local)
        sponsor_by = f"nhà tài trợ {member.sponsor_name}" if member.sponsor_name else "nhà tài trợ"
        if sponsor:
            lines.append(QuoteLine(
                code="sponsor_support", amount=-sponsor * months, member=position, legal_ref=_SPONSOR_REF,
                reason=f"{who}: {sponsor_by} hỗ trợ {fmt_pct(sponsor_pct)} = {fmt_vnd(sponsor)}/tháng × {months} tháng"
                       + (" (giới hạn để tổng hỗ trợ không vượt mức đóng)" if sponsor_cut else ""),
            ))
        rest = (contribution - state - local - sponsor) * months
        fixed, fixed_cut = _clip(member.sponsor_support_amount, rest)
        if fixed:
            lines.append(QuoteLine(
                code="sponsor_support", amount=-fixed, member=position, legal_ref=_SPONSOR_REF,
                reason=f"{who}: {sponsor_by} đóng {fmt_vnd(fixed)} cho {months} tháng"
                       + (" (phần còn phải đóng sau hỗ trợ của Nhà nước và địa phương)" if fixed_cut
                          else f"; gia đình đóng phần còn lại {fmt_vnd(rest - fixed)}" if rest > fixed else ""),
            ))

        total = rest - fixed
        members.append(MemberQuote(
            position=position, rank=rank if member.group is None else None, name=member.name, group=member.group,
            ladder_pct=ladder, contribution_monthly=contribution,
            state_support_pct=state_pct, state_support_monthly=state,
            local_support_pct=local_pct, local_support_monthly=local,
            sponsor_support_pct=sponsor_pct, sponsor_support_monthly=sponsor,
            sponsor_support_total=sponsor * months + fixed,
            monthly=-(-total // months), contribution_total=contribution * months, total=total,
        ))

    return HouseholdHIQuote(
        scheme="household_hi",
        on=on,
        months=months,
        province=province,
        base_salary=int(base_row.value),
        hi_rate_pct=rate_row.value,
        members=tuple(members),
        contribution_monthly_total=sum(m.contribution_monthly for m in members),
        monthly_total=sum(m.monthly for m in members),
        contribution_total=sum(m.contribution_total for m in members),
        state_support_total=sum(m.state_support_monthly for m in members) * months,
        local_support_total=sum(m.local_support_monthly for m in members) * months,
        sponsor_support_total=sum(m.sponsor_support_total for m in members),
        total=sum(m.total for m in members),
        lines=tuple(lines),
        rules_version=p.version,
    )
