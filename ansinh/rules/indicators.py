"""Reporting arithmetic used by the rules examples: percent of a base and the base implied by a percent."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ansinh.rules.errors import ErrorCode, InputError
from ansinh.rules.quote import to_decimal


def percent_of(part: int | Decimal, whole: int | Decimal) -> Decimal:
    """part ÷ whole × 100, rounded half-up to 2 decimals (132.14); whole must be positive."""
    whole_d = to_decimal(whole, "whole")
    if whole_d <= 0:
        raise InputError(ErrorCode.INVALID_AMOUNT, "Mẫu số (chỉ tiêu, dân số, lực lượng lao động) phải lớn hơn 0.",
                         field="whole")
    return (to_decimal(part, "part") * 100 / whole_d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def implied_whole(part: int | Decimal, percent: int | Decimal | str, quantum: int = 1) -> int:
    """The base that `part` is `percent` of (e.g. labour force from coverage), rounded half-up to `quantum`."""
    pct = to_decimal(percent, "percent")
    if pct <= 0:
        raise InputError(ErrorCode.INVALID_PERCENT, "Tỷ lệ phải lớn hơn 0.", field="percent")
    units = (to_decimal(part, "part") * 100 / pct / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(units) * quantum
