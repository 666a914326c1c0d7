"""Template helpers for campaign pages: dict lookup, ISO dates in Vietnamese, colour bands for % of target."""

import datetime as dt

from django import template

from ansinh.core.formats import vn_date

register = template.Library()

BANDS = ((100, "band-done", "#15803d"), (80, "band-near", "#65a30d"), (50, "band-mid", "#d97706"),
         (0, "band-low", "#b91c1c"))


@register.filter
def get(mapping, key):
    """{{ row|get:"voluntary_si" }}"""
    if mapping is None:
        return None
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def isodate(value):
    """'2020-07-11' -> 11/7/2020"""
    if not value:
        return "—"
    if isinstance(value, dt.date):
        return vn_date(value)
    return vn_date(dt.date.fromisoformat(str(value)))


@register.filter
def band(percent):
    """CSS class for a % of target: done (≥100), near (≥80), mid (≥50), low; 'band-none' without a target."""
    if percent is None:
        return "band-none"
    for floor, css, _ in BANDS:
        if float(percent) >= floor:
            return css
    return "band-low"


@register.filter
def bar(percent):
    """Width of a progress bar, 0–100."""
    if percent is None:
        return 0
    return max(0, min(100, float(percent)))
