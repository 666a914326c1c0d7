"""Vietnamese number and date formats: 1.186 người; 132,14%; 22/7/2023."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def percent(numerator: int | Decimal, denominator: int | Decimal, places: int = 2) -> Decimal | None:
    """numerator ÷ denominator × 100, rounded half-up to `places` (925/700 -> 132.14)."""
    if not denominator:
        return None
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def vn_int(value) -> str:
    """1186 -> '1.186'."""
    if value is None or value == "":
        return "—"
    return f"{int(value):,}".replace(",", ".")


def vn_decimal(value, places: int = 2) -> str:
    """132.14 -> '132,14'."""
    if value is None or value == "":
        return "—"
    q = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{q:,.{places}f}".partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if places else whole


def vn_date(value: dt.date | None) -> str:
    """date(2023, 7, 22) -> '22/7/2023'."""
    if value is None:
        return "—"
    return f"{value.day}/{value.month}/{value.year}"
