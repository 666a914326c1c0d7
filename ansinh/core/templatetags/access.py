"""Template helpers of the registry pages: {% if user|may:"add" %}."""

from django import template

register = template.Library()


@register.filter
def may(user, action: str) -> bool:
    """Whether the user's role allows an action (view, add, change, delete) at all."""
    return bool(getattr(user, "is_authenticated", False) and user.may(action))
