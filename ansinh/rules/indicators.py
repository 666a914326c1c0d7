"""Reporting arithmetic, in one place for the whole project: rounding of shown figures, percent of a base, the
base implied by a percent, and a whole split into parts that add up to it."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from ansinh.rules.errors import ErrorCode, InputError
from ansinh.rules.quote import to_decimal


def round_half_up(value: Decimal | int | None, places: int = 2) -> Decimal | None:
    """A figure rounded half-up to `places` decimals (None stays None): the one rounding of shown rates."""
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: int | Decimal, whole: int | Decimal | None, places: int = 2) -> Decimal | None:
    """part ÷ whole × 100, rounded half-up (925/700 -> 132.14); None when there is no base (0 or missing)."""
    if not whole:
        return None
    return round_half_up(Decimal(part) * 100 / Decimal(whole), places)


def percent_of(part: int | Decimal, whole: int | Decimal) -> Decimal:
    """part ÷ whole × 100, rounded half-up to 2 decimals (132.14); whole must be positive."""
    whole_d = to_decimal(whole, "whole")
    if whole_d <= 0:
        raise InputError(ErrorCode.INVALID_AMOUNT, "Mẫu số (chỉ tiêu, dân số, lực lượng lao động) phải lớn hơn 0.",
                         field="whole")
    return percent(to_decimal(part, "part"), whole_d)


def implied_whole(part: int | Decimal, percent: int | Decimal | str, quantum: int = 1) -> int:
    """The base that `part` is `percent` of (e.g. labour force from coverage), rounded half-up to `quantum`."""
    pct = to_decimal(percent, "percent")
    if pct <= 0:
        raise InputError(ErrorCode.INVALID_PERCENT, "Tỷ lệ phải lớn hơn 0.", field="percent")
    units = (to_decimal(part, "part") * 100 / pct / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(units) * quantum


def split_counts(total: int, weights: list[int | float]) -> list[int]:
    """Split `total` in proportion to weights (largest remainder; ties to the earlier); the parts sum to `total`."""
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1] * len(weights)
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts
