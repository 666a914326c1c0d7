"""Vietnamese number and date formats: 1.186 người; 132,14%; 22/7/2023 (rates are computed by
`ansinh.rules.percent`)."""

import datetime as dt
from decimal import Decimal

from ansinh.rules.indicators import round_half_up


def vn_int(value) -> str:
    """1186 -> '1.186'."""
    if value is None or value == "":
        return "—"
    return f"{int(value):,}".replace(",", ".")


def vn_decimal(value, places: int = 2) -> str:
    """132.14 -> '132,14'."""
    if value is None or value == "":
        return "—"
    q = round_half_up(Decimal(value), places)
    whole, _, frac = f"{q:,.{places}f}".partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if places else whole


def vn_date(value: dt.date | None) -> str:
    """date(2023, 7, 22) -> '22/7/2023'."""
    if value is None:
        return "—"
    return f"{value.day}/{value.month}/{value.year}"
