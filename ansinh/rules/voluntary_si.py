"""Voluntary social insurance (BHXH tự nguyện): 22% of a chosen income, state and local support, lump sums."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from ansinh.rules.errors import ErrorCode, IncomeError, InputError, ParameterError, PeriodError
from ansinh.rules.params import Parameters, ParamRow, load_parameters
from ansinh.rules.provinces import check_province, province_name
from ansinh.rules.quote import (
    Quote,
    QuoteLine,
    Status,
    check_date,
    fmt_date,
    fmt_pct,
    fmt_vnd,
    legal_refs,
    pct,
    round_vnd,
    to_decimal,
    weakest,
)


class VSICategory(StrEnum):
    """Support category of a voluntary-SI participant (the highest applicable one is used)."""

    POOR = "poor"
    NEAR_POOR = "near_poor"
    ETHNIC_MINORITY = "ethnic_minority"
    ISLAND = "island"
    OTHER = "other"


class VSIMethod(StrEnum):
    """Payment method: a regular period (1/3/6/12 months), an advance lump sum, or a missing-period lump sum."""

    REGULAR = "regular"
    ADVANCE = "advance"
    MISSING = "missing"


CATEGORY_LABELS = {
    VSICategory.POOR: "hộ nghèo",
    VSICategory.NEAR_POOR: "hộ cận nghèo",
    VSICategory.ETHNIC_MINORITY: "người dân tộc thiểu số",
    VSICategory.ISLAND: "người sống ở xã đảo, đặc khu",
    VSICategory.OTHER: "đối tượng khác",
}


def _category(value: object) -> VSICategory:
    """Parse one category, raising a typed error for unknown values."""
    try:
        return VSICategory(str(value.value if isinstance(value, StrEnum) else value))
    except ValueError as exc:
        raise InputError(
            ErrorCode.UNKNOWN_CATEGORY,
            f"Nhóm đối tượng '{value}' không hợp lệ (poor, near_poor, ethnic_minority, island, other).",
            field="category",
            value=str(value),
        ) from exc


def _whole(value: object, field: str) -> int:
    """Accept an int (or an integral Decimal) for money and month counts."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InputError(ErrorCode.INVALID_AMOUNT, f"'{field}' phải là số nguyên, nhận được {value!r}.", field=field)
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise InputError(ErrorCode.INVALID_AMOUNT, f"'{field}' phải là số nguyên đồng.", field=field)
        return int(value)
    return value


@dataclasses.dataclass(frozen=True, kw_only=True)
class VoluntarySIInput:
    """What to quote: payment date, monthly income chosen, category(ies), method, months and province."""

    on: date
    income: int
    category: VSICategory | tuple[VSICategory, ...] = VSICategory.OTHER
    method: VSIMethod = VSIMethod.REGULAR
    months: int = 1
    support_months_used: int = 0
    province: str | None = None
    investment_rate_pct: Decimal | None = None

    def __post_init__(self) -> None:
        """Normalise enums and numbers, refusing values that cannot be quoted."""
        check_date(self.on, "on")
        object.__setattr__(self, "income", _whole(self.income, "income"))
        object.__setattr__(self, "months", _whole(self.months, "months"))
        if isinstance(self.category, tuple | list | set | frozenset):
            cats = tuple(_category(c) for c in self.category)
            if not cats:
                raise InputError(ErrorCode.UNKNOWN_CATEGORY, "Phải chọn ít nhất một nhóm đối tượng.",
                                 field="category")
            object.__setattr__(self, "category", cats if len(cats) > 1 else cats[0])
        else:
            object.__setattr__(self, "category", _category(self.category))
        try:
            object.__setattr__(self, "method", VSIMethod(str(self.method)))
        except ValueError as exc:
            raise PeriodError(
                ErrorCode.INVALID_METHOD,
                f"Phương thức đóng '{self.method}' không hợp lệ (regular, advance, missing).",
                field="method",
            ) from exc
        used = _whole(self.support_months_used, "support_months_used")
        if used < 0:
            raise InputError(ErrorCode.INVALID_SUPPORT_MONTHS, "Số tháng đã được hỗ trợ không được âm.",
                             field="support_months_used")
        object.__setattr__(self, "support_months_used", used)
        if self.investment_rate_pct is not None:
            rate = to_decimal(self.investment_rate_pct, "investment_rate_pct")
            if not Decimal(0) <= rate < Decimal(100):
                raise InputError(ErrorCode.INVALID_RATE, "Lãi suất đầu tư tháng phải từ 0% đến dưới 100%.",
                                 field="investment_rate_pct")
            object.__setattr__(self, "investment_rate_pct", rate)

    @property
    def categories(self) -> tuple[VSICategory, ...]:
        """All categories the person fits (always a tuple)."""
        return self.category if isinstance(self.category, tuple) else (self.category,)


@dataclasses.dataclass(frozen=True, kw_only=True)
class VoluntarySIQuote(Quote):
    """Voluntary-SI quote: monthly figures, totals for the period or lump sum, and `total` to pay now."""

    income: int
    category: VSICategory
    method: VSIMethod
    months: int
    vsi_rate_pct: Decimal
    poverty_line: int
    base_salary: int
    min_income: int
    max_income: int
    contribution_monthly: int
    state_support_pct: Decimal
    state_support_monthly: int
    local_support_pct: Decimal
    local_support_monthly: int
    payable_monthly: int
    support_months: int
    contribution_total: int
    lump_sum: int | None
    investment_rate_pct: Decimal | None
    state_support_total: int
    local_support_total: int


def _check_income(on: date, income: int, cn: int, max_income: int, step: int) -> None:
    """Refuse an income below the poverty line, above 20 × base salary or off the 50,000 step."""
    if income < cn:
        raise IncomeError(
            ErrorCode.INCOME_BELOW_MINIMUM,
            f"Mức thu nhập {fmt_vnd(income)} thấp hơn mức tối thiểu {fmt_vnd(cn)} "
            f"(chuẩn hộ nghèo khu vực nông thôn) áp dụng ngày {fmt_date(on)}.",
            field="income", minimum=cn,
        )
    if income > max_income:
        raise IncomeError(
            ErrorCode.INCOME_ABOVE_MAXIMUM,
            f"Mức thu nhập {fmt_vnd(income)} cao hơn mức tối đa {fmt_vnd(max_income)} "
            f"(20 lần lương cơ sở/mức tham chiếu) áp dụng ngày {fmt_date(on)}.",
            field="income", maximum=max_income,
        )
    if (income - cn) % step:
        lower = cn + (income - cn) // step * step
        raise IncomeError(
            ErrorCode.INCOME_OFF_STEP,
            f"Mức thu nhập phải bằng {fmt_vnd(cn)} cộng bội số của {fmt_vnd(step)}; "
            f"gần nhất: {fmt_vnd(lower)} hoặc {fmt_vnd(min(lower + step, max_income))}.",
            field="income", lower=lower, upper=min(lower + step, max_income),
        )


def _check_months(p: Parameters, on: date, method: VSIMethod, months: int) -> ParamRow:
    """Refuse a number of months the method does not allow on that date; return the governing row."""
    if method is VSIMethod.REGULAR:
        ok = sorted(int(k) for k in p.keys("vsi_period_allowed", on)
                     if p.value("vsi_period_allowed", on, k) > 0)
        if not ok:
            raise ParameterError(ErrorCode.PARAMETER_NOT_FOUND,
                                 f"Không có tham số 'vsi_period_allowed' áp dụng cho ngày {fmt_date(on)}.",
                                 field="vsi_period_allowed")
        if months not in ok:
            raise PeriodError(
                ErrorCode.INVALID_PERIOD_MONTHS,
                f"Đóng định kỳ chỉ theo kỳ {', '.join(map(str, ok))} tháng; không nhận kỳ {months} tháng.",
                field="months", value=months,
            )
        return p.row("vsi_period_allowed", on, months)
    name = "vsi_advance_max_months" if method is VSIMethod.ADVANCE else "vsi_missing_max_months"
    row = p.row(name, on)
    if not 1 <= months <= int(row.value):
        what = "đóng trước" if method is VSIMethod.ADVANCE else "đóng bù cho thời gian còn thiếu"
        raise PeriodError(
            ErrorCode.INVALID_PERIOD_MONTHS,
            f"Đóng một lần {what} được từ 1 đến {int(row.value)} tháng "
            f"(ngày {fmt_date(on)}); không nhận {months} tháng.",
            field="months", value=months, maximum=int(row.value),
        )
    return row


def _advance_sum(monthly: int, months: int, rate: Fraction) -> Fraction:
    """T1 = Σ_{i=1..n} C / (1 + r)^(i−1): the discounted value of n future monthly contributions."""
    total, factor, step = Fraction(0), Fraction(1), 1 / (1 + rate)
    for _ in range(months):
        total += monthly * factor
        factor *= step
    return total


def _missing_sum(monthly: int, months: int, rate: Fraction) -> Fraction:
    """T2 = Σ_{i=1..t} C × (1 + r)^i: missing months paid late, with interest."""
    total, factor = Fraction(0), Fraction(1)
    for _ in range(months):
        factor *= 1 + rate
        total += monthly * factor
    return total


def voluntary_si_quote(data: VoluntarySIInput, params: Parameters | None = None) -> VoluntarySIQuote:
    """Quote voluntary SI for an income and category: regular period, advance or missing-period lump sum."""
    p = params or load_parameters()
    on, income, months, method = data.on, data.income, data.months, data.method
    cn_row, base_row = p.row("poverty_line_rural", on), p.row("base_salary", on)
    rate_row, step_row = p.row("vsi_rate_pct", on), p.row("vsi_income_step", on)
    factor_row = p.row("vsi_max_income_factor", on)
    cn, base = int(cn_row.value), int(base_row.value)
    max_income = round_vnd(base * Fraction(factor_row.value))
    _check_income(on, income, cn, max_income, int(step_row.value))
    period_row = _check_months(p, on, method, months)
    province = check_province(data.province)

    rate = pct(rate_row.value)
    contribution = round_vnd(income * rate)
    min_contribution = cn * rate

    support_rows = [(p.row("vsi_support_pct", on, c.value), c) for c in data.categories]
    support_row, category = max(support_rows, key=lambda rc: rc[0].value)
    cap_row = p.row("vsi_support_max_months", on) if p.has("vsi_support_max_months", on) else None
    cap = int(cap_row.value) if cap_row else months
    remaining = max(0, cap - data.support_months_used)
    support_months = 0 if method is VSIMethod.MISSING or support_row.value == 0 else min(months, remaining)

    state = min(round_vnd(min_contribution * pct(support_row.value)), contribution) if support_months else 0

    local_row = None
    if province is not None and method is not VSIMethod.MISSING:
        local_row = p.local_support_for(province, "vsi", {c.value for c in data.categories}, on)
    local, local_months = 0, 0
    if local_row is not None:
        base_amount = min_contribution if local_row.base == "min_contribution" else Fraction(contribution)
        local = min(round_vnd(base_amount * pct(local_row.percent)), contribution - state)
        local_cap = local_row.max_months if local_row.max_months is not None else cap
        local_months = min(months, max(0, local_cap - data.support_months_used))
        if not local_months:
            local = 0

    nominal = contribution * months
    ref_contribution = legal_refs(rate_row.legal_ref, cn_row.legal_ref, base_row.legal_ref,
                                  factor_row.legal_ref, period_row.legal_ref)
    lines = [QuoteLine(
        code="contribution", amount=nominal,
        legal_ref=ref_contribution,
        status=weakest(rate_row.status, cn_row.status, base_row.status, factor_row.status, period_row.status),
        reason=f"Đóng {fmt_pct(rate_row.value)} × thu nhập {fmt_vnd(income)} = "
               f"{fmt_vnd(contribution)}/tháng × {months} tháng",
    )]

    lump_sum: int | None = None
    r: Decimal | None = None
    due = nominal
    if method is not VSIMethod.REGULAR:
        r_row = p.row("vsi_investment_rate_monthly_pct", on)
        r = data.investment_rate_pct if data.investment_rate_pct is not None else r_row.value
        r_status = r_row.status if data.investment_rate_pct is None else Status.CONFIRMED
        r_text = f"r = {fmt_pct(r)}/tháng" + (" (CHƯA XÁC NHẬN)" if r_status is Status.UNCONFIRMED else "")
        if method is VSIMethod.ADVANCE:
            lump_sum = round_vnd(_advance_sum(contribution, months, pct(r)))
            lines.append(QuoteLine(
                code="advance_discount", amount=lump_sum - nominal, status=r_status,
                legal_ref=legal_refs(r_row.legal_ref),
                reason=f"Giảm trừ khi đóng trước {months} tháng: T1 = Σ {fmt_vnd(contribution)}/(1+r)^(i−1) "
                       f"= {fmt_vnd(lump_sum)}; {r_text}",
            ))
        else:
            lump_sum = round_vnd(_missing_sum(contribution, months, pct(r)))
            lines.append(QuoteLine(
                code="missing_interest", amount=lump_sum - nominal, status=r_status,
                legal_ref=legal_refs(r_row.legal_ref),
                reason=f"Lãi khi đóng một lần cho {months} tháng còn thiếu: T2 = Σ {fmt_vnd(contribution)}×(1+r)^i "
                       f"= {fmt_vnd(lump_sum)}; {r_text}; không có hỗ trợ của Nhà nước",
            ))
        due = lump_sum

    state_total = min(state * support_months, due)
    local_total = min(local * local_months, due - state_total)
    if state_total:
        note = ""
        if support_months < months:
            note = f" (chỉ còn {support_months} tháng trong giới hạn {cap} tháng được hỗ trợ)"
        if method is VSIMethod.ADVANCE:
            note += "; trừ hỗ trợ không chiết khấu như máy tính công khai (CHƯA XÁC NHẬN)"
        lines.append(QuoteLine(
            code="state_support", amount=-state_total,
            legal_ref=legal_refs(support_row.legal_ref, cap_row.legal_ref if cap_row else ""),
            status=weakest(support_row.status, *([cap_row.status] if cap_row else []),
                           Status.UNCONFIRMED if method is VSIMethod.ADVANCE else Status.CONFIRMED),
            reason=f"Nhà nước hỗ trợ {CATEGORY_LABELS[category]} {fmt_pct(support_row.value)} × "
                   f"{fmt_pct(rate_row.value)} × chuẩn nghèo {fmt_vnd(cn)} = {fmt_vnd(state)}/tháng × "
                   f"{support_months} tháng{note}",
        ))
    if local_total and local_row is not None and province is not None:
        on_what = (f"{fmt_pct(rate_row.value)} × chuẩn nghèo {fmt_vnd(cn)}" if local_row.base == "min_contribution"
                   else "mức đóng")
        clipped = " (giới hạn để tổng hỗ trợ không vượt mức đóng)" if local * local_months > local_total else ""
        lines.append(QuoteLine(
            code="local_support", amount=-local_total, legal_ref=local_row.legal_ref, status=local_row.status,
            reason=f"Ngân sách địa phương ({province_name(province, on)}) hỗ trợ thêm {fmt_pct(local_row.percent)} × "
                   f"{on_what} = {fmt_vnd(local)}/tháng × {local_months} tháng{clipped}",
        ))

    return VoluntarySIQuote(
        scheme="voluntary_si",
        on=on,
        income=income,
        category=category,
        method=method,
        months=months,
        vsi_rate_pct=rate_row.value,
        poverty_line=cn,
        base_salary=base,
        min_income=cn,
        max_income=max_income,
        contribution_monthly=contribution,
        state_support_pct=support_row.value if state else Decimal(0),
        state_support_monthly=state,
        local_support_pct=local_row.percent if local_row is not None and local else Decimal(0),
        local_support_monthly=local,
        payable_monthly=contribution - state - local,
        support_months=support_months,
        contribution_total=nominal,
        lump_sum=lump_sum,
        investment_rate_pct=r,
        state_support_total=state_total,
        local_support_total=local_total,
        total=due - state_total - local_total,
        lines=tuple(lines),
        rules_version=p.version,
    )
