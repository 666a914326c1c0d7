"""Template filters for Vietnamese formats: {{ n|vn_int }}, {{ p|vn_pct }}, {{ d|vn_date }}."""

import datetime as dt

from django import template

from ansinh.core import formats
from ansinh.core.text import mask

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


@register.filter
def next_day(value):
    """The day after a date (a unit valid until 30/11/2024 ended on 1/12/2024)."""
    return value + dt.timedelta(days=1) if isinstance(value, dt.date) else value


@register.filter
def masked(value):
    """A personal ID or phone on a list: '0912000101' -> '******0101' (the detail page shows it whole)."""
    return mask(str(value)) if value else ""
