"""Other voluntary-SI and HI amounts: maternity allowance, funeral allowance, the HI co-payment threshold."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ansinh.rules.errors import ErrorCode, InputError
from ansinh.rules.params import Parameters, load_parameters
from ansinh.rules.quote import Quote, QuoteLine, fmt_vnd, legal_refs, round_vnd, weakest


def _count(value: object, field: str, minimum: int = 0) -> int:
    """Accept a whole number at or above a minimum."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(ErrorCode.INVALID_AMOUNT, f"'{field}' phải là số nguyên từ {minimum} trở lên.", field=field)
    return value


def maternity_allowance(
    on: date, children: int, months_paid_last_12: int, params: Parameters | None = None
) -> Quote:
    """Maternity allowance for voluntary SI (from 1/7/2025): a fixed amount per child if ≥6 of 12 months paid."""
    p = params or load_parameters()
    _count(children, "children", 1)
    _count(months_paid_last_12, "months_paid_last_12")
    amount_row, min_row = p.row("maternity_allowance_per_child", on), p.row("maternity_min_months_in_12", on)
    refs, status = legal_refs(amount_row.legal_ref, min_row.legal_ref), weakest(amount_row.status, min_row.status)
    if months_paid_last_12 < int(min_row.value):
        line = QuoteLine(code="maternity_allowance", amount=0, legal_ref=refs, status=status,
                         reason=f"Chưa đủ điều kiện: mới đóng {months_paid_last_12} tháng trong 12 tháng "
                                f"trước khi sinh (cần {int(min_row.value)} tháng)")
        return Quote(scheme="vsi_maternity", on=on, total=0, lines=(line,), rules_version=p.version)
    total = round_vnd(Fraction(amount_row.value) * children)
    line = QuoteLine(code="maternity_allowance", amount=total, legal_ref=refs, status=status,
                     reason=f"Trợ cấp thai sản {fmt_vnd(int(amount_row.value))} × {children} con = {fmt_vnd(total)}")
    return Quote(scheme="vsi_maternity", on=on, total=total, lines=(line,), rules_version=p.version)


def funeral_allowance(
    on: date, months_paid: int, is_pensioner: bool = False, params: Parameters | None = None
) -> Quote:
    """Funeral allowance: 10 × base salary (reference level) after ≥60 months paid or for a pensioner."""
    p = params or load_parameters()
    _count(months_paid, "months_paid")
    factor_row, min_row, base_row = (p.row("funeral_allowance_factor", on), p.row("funeral_min_months", on),
                                     p.row("base_salary", on))
    refs = legal_refs(factor_row.legal_ref, min_row.legal_ref, base_row.legal_ref)
    status = weakest(factor_row.status, min_row.status, base_row.status)
    if not is_pensioner and months_paid < int(min_row.value):
        line = QuoteLine(code="funeral_allowance", amount=0, legal_ref=refs, status=status,
                         reason=f"Chưa đủ điều kiện: đóng {months_paid} tháng, cần {int(min_row.value)} tháng "
                                "hoặc đang hưởng lương hưu")
        return Quote(scheme="vsi_funeral", on=on, total=0, lines=(line,), rules_version=p.version)
    total = round_vnd(Fraction(factor_row.value) * Fraction(base_row.value))
    line = QuoteLine(code="funeral_allowance", amount=total, legal_ref=refs, status=status,
                     reason=f"Trợ cấp mai táng {int(factor_row.value)} × lương cơ sở {fmt_vnd(int(base_row.value))} "
                            f"= {fmt_vnd(total)}")
    return Quote(scheme="vsi_funeral", on=on, total=total, lines=(line,), rules_version=p.version)


def hi_copay_threshold(on: date, params: Parameters | None = None) -> Quote:
    """Yearly HI co-payment above which a person with 5 consecutive years is paid 100%: 6 × base salary."""
    p = params or load_parameters()
    months_row, base_row = p.row("hi_copay_threshold_months", on), p.row("base_salary", on)
    total = round_vnd(Fraction(months_row.value) * Fraction(base_row.value))
    line = QuoteLine(code="copay_threshold", amount=total,
                     legal_ref=legal_refs(months_row.legal_ref, base_row.legal_ref),
                     status=weakest(months_row.status, base_row.status),
                     reason=f"Ngưỡng cùng chi trả trong năm: {int(months_row.value)} tháng lương cơ sở "
                            f"{fmt_vnd(int(base_row.value))} = {fmt_vnd(total)}")
    return Quote(scheme="hi_copay_threshold", on=on, total=total, lines=(line,), rules_version=p.version)
