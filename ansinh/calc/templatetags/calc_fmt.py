"""Template filters for the calculator: {{ amount|vnd }} 1.500.000 đ, {{ rate|pct }} 4,5%, status labels."""

from decimal import Decimal

from django import template

from ansinh.calc.choices import (
    HI_PAYER_LABELS,
    SEX_LABELS,
    VSI_CATEGORY_LABELS,
    VSI_METHOD_LABELS,
    RowStatus,
)
from ansinh.calc.choices import group_label as _group_label
from ansinh.core.formats import vn_int
from ansinh.rules.provinces import province_name

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """1500000 -> '1.500.000 đ'; -132000 -> '−132.000 đ'."""
    if amount is None or amount == "":
        return "—"
    amount = int(amount)
    return f"{'−' if amount < 0 else ''}{vn_int(abs(amount))} đ"


@register.filter
def pct(value) -> str:
    """Decimal('4.5') -> '4,5%'; 55 -> '55%'."""
    if value is None or value == "":
        return "—"
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",") + "%"


@register.filter
def status_label(status) -> str:
    """CONFIRMED -> 'Đã xác nhận'."""
    value = getattr(status, "value", status)
    try:
        return RowStatus(value).label
    except ValueError:
        return str(value)


@register.filter
def status_value(status) -> str:
    """A Status enum or string -> 'CONFIRMED'."""
    return str(getattr(status, "value", status))


@register.filter
def group_label(group) -> str:
    """An HI group or local group key -> its Vietnamese label."""
    return _group_label(group)


@register.filter
def sex_label(sex) -> str:
    """female -> 'Nữ'."""
    return SEX_LABELS.get(str(getattr(sex, "value", sex)), str(sex))


@register.filter
def payer_label(payer) -> str:
    """state_budget -> 'Ngân sách Nhà nước đóng'."""
    return HI_PAYER_LABELS.get(payer, payer)


@register.filter
def negate(amount) -> int:
    """-132000 -> 132000 (support shown as a positive amount)."""
    return -int(amount)


@register.filter
def category_label(category) -> str:
    """near_poor -> 'Hộ cận nghèo'."""
    return VSI_CATEGORY_LABELS.get(str(category), str(category))


@register.filter
def method_label(method) -> str:
    """advance -> 'Đóng một lần cho nhiều năm về sau'."""
    return VSI_METHOD_LABELS.get(str(method), str(method))


@register.filter
def province(code, on=None) -> str:
    """'68' -> 'Tỉnh Lâm Đồng'; with a day, a reused code names the province of that day (52: Bình Định before
    1/7/2025, Gia Lai from then)."""
    return province_name(str(code), on) or f"mã tỉnh {code}" if code else ""
