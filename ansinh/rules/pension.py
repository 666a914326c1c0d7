"""Voluntary-SI benefits at retirement: retirement age, pension rate and amount, lump sum, monthly allowance."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from ansinh.rules.dates import add_months
from ansinh.rules.errors import ErrorCode, InputError
from ansinh.rules.params import Parameters, load_parameters
from ansinh.rules.quote import (
    Quote,
    QuoteLine,
    RuleResult,
    Status,
    check_date,
    fmt_date,
    fmt_num,
    fmt_pct,
    fmt_vnd,
    legal_refs,
    pct,
    round_vnd,
    weakest,
)


class Sex(StrEnum):
    """Sex as the law distinguishes it for retirement age and pension rate."""

    MALE = "male"
    FEMALE = "female"

    @classmethod
    def parse(cls, value: object) -> Sex:
        """Accept male/female, m/f, nam/nữ (any case), raising a typed error otherwise."""
        text = str(value.value if isinstance(value, StrEnum) else value).strip().lower()
        if text in ("male", "m", "nam"):
            return cls.MALE
        if text in ("female", "f", "nữ", "nu"):
            return cls.FEMALE
        raise InputError(ErrorCode.INVALID_SEX, f"Giới tính '{value}' không hợp lệ (male/female).", field="sex")


def _non_negative(value: object, field: str) -> int:
    """Accept a non-negative int for money or months."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(ErrorCode.INVALID_AMOUNT, f"'{field}' phải là số nguyên không âm, nhận được {value!r}.",
                         field=field)
    return value


def years_for_rate(months: int, params: Parameters, on: date) -> tuple[Fraction, str, Status]:
    """Whole years plus odd months: 1–6 months count as half a year, 7–11 as a whole year.

    Returns the years and, only when odd months were rounded, the legal reference and status of that rule.
    """
    whole, odd = divmod(months, 12)
    if odd == 0:
        return Fraction(whole), "", Status.CONFIRMED
    row = params.row("odd_months_half_year_limit", on)
    extra = Fraction(1, 2) if odd <= int(row.value) else Fraction(1)
    return whole + extra, row.legal_ref, row.status


def _years_text(years: Fraction) -> str:
    """Show 20, 20,5 or 17 years the Vietnamese way."""
    return str(int(years)) if years.denominator == 1 else f"{int(years)},5"


@dataclasses.dataclass(frozen=True, kw_only=True)
class RetirementAge(RuleResult):
    """Normal retirement age for a birth date and sex, the day it is reached and the first pension month."""

    birth_date: date
    sex: Sex
    age_months: int
    age_years: int
    age_extra_months: int
    reached_on: date
    pension_from: date


def retirement_age(
    birth_date: date, sex: Sex | str, params: Parameters | None = None, *, transition: bool = False,
    on: date | None = None,
) -> RetirementAge:
    """Retirement age by birth date (rising 3 months/year for men, 4 for women from 2021); transition: 60/55."""
    p = params or load_parameters()
    sex = Sex.parse(sex)
    check_date(birth_date, "birth_date")
    if transition:
        row = p.row("retirement_transition_age_months", on, sex.value)
        age = int(row.value)
        reached = add_months(birth_date, age)
    else:
        for year in range(birth_date.year + 50, birth_date.year + 80):
            row = p.row("retirement_age_months", date(year, 1, 1), sex.value)
            age = int(row.value)
            reached = add_months(birth_date, age)
            if reached.year <= year:
                break
    pension_from = add_months(date(reached.year, reached.month, 1), 1)
    years, extra = divmod(age, 12)
    line = QuoteLine(
        code="retirement_age", amount=0, legal_ref=row.legal_ref, status=row.status,
        reason=f"Tuổi nghỉ hưu {years} tuổi {extra} tháng: đủ tuổi ngày {fmt_date(reached)}, "
               f"hưởng lương hưu từ {fmt_date(pension_from)}",
    )
    return RetirementAge(
        birth_date=birth_date, sex=sex, age_months=age, age_years=years, age_extra_months=extra,
        reached_on=reached, pension_from=pension_from, lines=(line,), rules_version=p.version,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class PensionInput:
    """Who retires when: the `on` date picks the law; months paid and Mbq (average indexed monthly income)."""

    on: date
    sex: Sex
    months_paid: int
    mbq: int
    birth_date: date | None = None
    joined_before_2021: bool = False

    def __post_init__(self) -> None:
        """Normalise sex and refuse negative months or income."""
        check_date(self.on, "on")
        if self.birth_date is not None:
            check_date(self.birth_date, "birth_date")
        object.__setattr__(self, "sex", Sex.parse(self.sex))
        _non_negative(self.months_paid, "months_paid")
        _non_negative(self.mbq, "mbq")


@dataclasses.dataclass(frozen=True, kw_only=True)
class PensionEstimate(RuleResult):
    """Pension rate and monthly amount (0 when not eligible), the one-off allowance beyond 75% and the age."""

    on: date
    sex: Sex
    months_paid: int
    years_counted: Decimal
    mbq: int
    eligible: bool
    min_years: int
    missing_months: int
    rate_pct: Decimal
    monthly_amount: int
    one_off_allowance: int
    retirement: RetirementAge | None
    age_reached: bool | None


def _rate(p: Parameters, on: date, sex: Sex, years: Fraction) -> tuple[Fraction, Fraction, list]:
    """Pension rate for the years counted, and the years at which the 75% cap is reached."""
    key = sex.value
    base_row, years_row = p.row("pension_base_pct", on, key), p.row("pension_base_years", on, key)
    step_row, cap_row = p.row("pension_step_pct", on, key), p.row("pension_cap_pct", on)
    used = [base_row, years_row, step_row, cap_row]
    base, base_years = Fraction(base_row.value), Fraction(years_row.value)
    step, cap = Fraction(step_row.value), Fraction(cap_row.value)
    if years < base_years and p.has("pension_short_years", on, key):
        short_years_row = p.row("pension_short_years", on, key)
        short_base_row = p.row("pension_short_base_pct", on, key)
        short_step_row = p.row("pension_short_step_pct", on, key)
        used += [short_years_row, short_base_row, short_step_row]
        rate = Fraction(short_base_row.value) + Fraction(short_step_row.value) * (
            years - Fraction(short_years_row.value))
    else:
        rate = base + step * max(years - base_years, Fraction(0))
    cap_years = base_years + (cap - base) / step
    return min(rate, cap), cap_years, used


def pension_estimate(data: PensionInput, params: Parameters | None = None) -> PensionEstimate:
    """Estimate the pension: Law 58/2014 before 1/7/2025 (incl. the men's ramp), Law 41/2024 from 1/7/2025."""
    p = params or load_parameters()
    on, sex = data.on, data.sex
    min_row = p.row("pension_min_years", on)
    min_years = int(min_row.value)
    years, odd_ref, odd_status = years_for_rate(data.months_paid, p, on)
    retirement: RetirementAge | None = None
    age_reached: bool | None = None
    if data.birth_date is not None:
        transition = False
        if data.joined_before_2021 and p.has("retirement_transition_min_years", on):
            transition = data.months_paid >= 12 * int(p.value("retirement_transition_min_years", on))
        retirement = retirement_age(data.birth_date, sex, p, transition=transition, on=on)
        age_reached = on >= retirement.reached_on
    years_ok = data.months_paid >= 12 * min_years
    eligible = years_ok and age_reached is not False
    lines: list[QuoteLine] = []
    rate, one_off = Fraction(0), 0
    if eligible:
        rate, cap_years, used = _rate(p, on, sex, years)
        refs = legal_refs(min_row.legal_ref, *(r.legal_ref for r in used), odd_ref)
        status = weakest(min_row.status, odd_status, *(r.status for r in used))
        monthly = round_vnd(data.mbq * pct(rate))
        lines.append(QuoteLine(
            code="pension", amount=monthly, legal_ref=refs, status=status,
            reason=f"Lương hưu hằng tháng: tỷ lệ {fmt_pct(Decimal(rate.numerator) / rate.denominator)} "
                   f"({_years_text(years)} năm đóng) × Mbq {fmt_vnd(data.mbq)} = {fmt_vnd(monthly)}",
        ))
        if years > cap_years:
            extra_row = p.row("pension_excess_year_months", on)
            one_off = round_vnd(data.mbq * Fraction(extra_row.value) * (years - cap_years))
            lines.append(QuoteLine(
                code="one_off_allowance", amount=one_off, legal_ref=extra_row.legal_ref, status=extra_row.status,
                reason=f"Trợ cấp một lần khi nghỉ hưu cho {_years_text(years - cap_years)} năm vượt mức 75%: "
                       f"{fmt_num(extra_row.value)} tháng Mbq mỗi năm = {fmt_vnd(one_off)}",
            ))
    else:
        monthly = 0
        why = []
        if not years_ok:
            why.append(f"chưa đủ {min_years} năm đóng (còn thiếu {12 * min_years - data.months_paid} tháng)")
        if age_reached is False and retirement is not None:
            why.append(f"chưa đủ tuổi nghỉ hưu (đủ tuổi ngày {fmt_date(retirement.reached_on)})")
        lines.append(QuoteLine(code="pension", amount=0, legal_ref=min_row.legal_ref, status=min_row.status,
                               reason="Chưa đủ điều kiện hưởng lương hưu: " + "; ".join(why)))
    if retirement is not None:
        lines.extend(retirement.lines)
    return PensionEstimate(
        on=on, sex=sex, months_paid=data.months_paid,
        years_counted=Decimal(years.numerator) / Decimal(years.denominator), mbq=data.mbq,
        eligible=eligible, min_years=min_years, missing_months=max(0, 12 * min_years - data.months_paid),
        rate_pct=Decimal(rate.numerator) / Decimal(rate.denominator), monthly_amount=monthly,
        one_off_allowance=one_off, retirement=retirement, age_reached=age_reached,
        lines=tuple(lines), rules_version=p.version,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class LumpSumInput:
    """Months paid before 2014 and from 2014, Mbq, state support received and (under 1 year) the amount paid."""

    on: date
    mbq: int
    months_from_2014: int = 0
    months_before_2014: int = 0
    state_support_received: int = 0
    amount_paid: int | None = None

    def __post_init__(self) -> None:
        """Refuse negative numbers and a missing amount paid when less than a year was paid."""
        check_date(self.on, "on")
        for field in ("mbq", "months_from_2014", "months_before_2014", "state_support_received"):
            _non_negative(getattr(self, field), field)
        if self.amount_paid is not None:
            _non_negative(self.amount_paid, "amount_paid")
        elif self.months_from_2014 + self.months_before_2014 < 12:
            raise InputError(ErrorCode.INVALID_AMOUNT,
                             "Đóng chưa đủ 1 năm: cần số tiền đã đóng (amount_paid).", field="amount_paid")


@dataclasses.dataclass(frozen=True, kw_only=True)
class LumpSumQuote(Quote):
    """Lump-sum withdrawal: TC (before the deduction) minus state support received gives `total`."""

    years_before_2014: Decimal
    years_from_2014: Decimal
    gross: int
    state_support_received: int


def lump_sum_withdrawal_estimate(data: LumpSumInput, params: Parameters | None = None) -> LumpSumQuote:
    """BHXH một lần: 1.5 × Mbq per year before 2014, 2 × Mbq per year from 2014, minus state support."""
    p = params or load_parameters()
    on, mbq = data.on, data.mbq
    total_months = data.months_before_2014 + data.months_from_2014
    lines: list[QuoteLine] = []
    if total_months < 12:
        cap_row = p.row("lump_sum_under_one_year_cap_months", on)
        cap = round_vnd(mbq * Fraction(cap_row.value))
        gross = min(data.amount_paid or 0, cap)
        y1 = y2 = Fraction(0)
        lines.append(QuoteLine(
            code="lump_sum", amount=gross, legal_ref=cap_row.legal_ref, status=cap_row.status,
            reason=f"Đóng chưa đủ 1 năm ({total_months} tháng): bằng số tiền đã đóng {fmt_vnd(data.amount_paid or 0)}, "
                   f"tối đa {fmt_num(cap_row.value)} tháng Mbq = {fmt_vnd(cap)}",
        ))
    else:
        before_row = p.row("lump_sum_months_per_year", on, "before_2014")
        after_row = p.row("lump_sum_months_per_year", on, "from_2014")
        y1 = Fraction(data.months_before_2014 // 12)
        odd_before = data.months_before_2014 % 12
        y2, odd_ref, odd_status = years_for_rate(data.months_from_2014 + odd_before, p, on)
        part1 = round_vnd(mbq * Fraction(before_row.value) * y1)
        part2 = round_vnd(mbq * Fraction(after_row.value) * y2)
        gross = part1 + part2
        if part1:
            lines.append(QuoteLine(
                code="lump_sum_before_2014", amount=part1, legal_ref=before_row.legal_ref, status=before_row.status,
                reason=f"{_years_text(y1)} năm đóng trước 2014 × {fmt_num(before_row.value)} tháng × "
                       f"Mbq {fmt_vnd(mbq)}",
            ))
        moved = f" (gồm {odd_before} tháng lẻ trước 2014)" if odd_before else ""
        lines.append(QuoteLine(
            code="lump_sum_from_2014", amount=part2, legal_ref=legal_refs(after_row.legal_ref, odd_ref),
            status=weakest(after_row.status, odd_status),
            reason=f"{_years_text(y2)} năm đóng từ 2014{moved} × {fmt_num(after_row.value)} tháng × Mbq {fmt_vnd(mbq)}",
        ))
    deduct_row = p.row("lump_sum_deduct_state_support", on) if p.has("lump_sum_deduct_state_support", on) else None
    deducted = min(data.state_support_received, gross) if deduct_row is not None and deduct_row.value else 0
    if deducted and deduct_row is not None:
        lines.append(QuoteLine(
            code="state_support_refund", amount=-deducted, status=deduct_row.status,
            legal_ref=deduct_row.legal_ref,
            reason=f"Trừ số tiền Nhà nước đã hỗ trợ đóng: {fmt_vnd(deducted)} (MH = TC − M)",
        ))
    return LumpSumQuote(
        scheme="vsi_lump_sum", on=on, total=gross - deducted, gross=gross, state_support_received=deducted,
        years_before_2014=Decimal(y1.numerator) / Decimal(y1.denominator),
        years_from_2014=Decimal(y2.numerator) / Decimal(y2.denominator),
        lines=tuple(lines), rules_version=p.version,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class MonthlyAllowanceEstimate(RuleResult):
    """Monthly allowance instead of a lump sum: how many months of the social pension amount are paid."""

    on: date
    mbq: int
    years_counted: Decimal
    total_amount: int
    monthly_amount: int
    months_exact: Decimal
    full_months: int
    last_month_amount: int


def monthly_allowance_estimate(
    on: date, months_paid: int, mbq: int, params: Parameters | None = None
) -> MonthlyAllowanceEstimate:
    """T = Mbq × 2 × N / social-pension allowance: months of allowance for people without enough years."""
    p = params or load_parameters()
    _non_negative(months_paid, "months_paid")
    _non_negative(mbq, "mbq")
    allowance_row = p.row("social_pension_allowance", on)
    factor_row = p.row("monthly_allowance_months_per_year", on)
    years, odd_ref, odd_status = years_for_rate(months_paid, p, on)
    total_amount = round_vnd(mbq * Fraction(factor_row.value) * years)
    allowance = int(allowance_row.value)
    exact = Fraction(total_amount, allowance)
    full = int(exact)
    last = total_amount - full * allowance
    line = QuoteLine(
        code="monthly_allowance", amount=total_amount,
        legal_ref=legal_refs(factor_row.legal_ref, allowance_row.legal_ref, odd_ref),
        status=weakest(allowance_row.status, factor_row.status, odd_status),
        reason=f"T = Mbq {fmt_vnd(mbq)} × {fmt_num(factor_row.value)} × {_years_text(years)} năm / "
               f"{fmt_vnd(allowance)} = {full} tháng" + (f" và tháng cuối {fmt_vnd(last)}" if last else ""),
    )
    return MonthlyAllowanceEstimate(
        on=on, mbq=mbq, years_counted=Decimal(years.numerator) / Decimal(years.denominator),
        total_amount=total_amount, monthly_amount=allowance,
        months_exact=(Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01")),
        full_months=full, last_month_amount=last, lines=(line,), rules_version=p.version,
    )
