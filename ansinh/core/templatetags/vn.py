"""Template filters for Vietnamese formats: {{ n|vn_int }}, {{ p|vn_pct }}, {{ d|vn_date }}."""

from django import template

from ansinh.core import formats

register = template.Library()


@register.filter
def vn_int(value):
    """1186 -> 1.186"""
    return formats.vn_int(value)


@register.filter
def vn_pct(value, places=2):
    """132.14 -> 132,14%"""
    text = formats.vn_decimal(value, int(places))
    return text if text == "—" else f"{text}%"


@register.filter
def vn_dec(value, places=2):
    """132.14 -> 132,14"""
    return formats.vn_decimal(value, int(places))


@register.filter
def vn_date(value):
    """22/7/2023"""
    return formats.vn_date(value)
