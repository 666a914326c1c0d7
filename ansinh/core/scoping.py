"""The one choke point for area scoping: `restrict(user, action)` on querysets.

Every list, detail, API call and export of area data goes through `restrict`. A model opts in by
using `ScopedQuerySet` and naming, in `scope_path_lookup`, the lookup that reaches the unit path of
a row (for example `"commune__path"` or `"scope_path"`). A user's area is a list of path prefixes
(see `accounts.User.scope_paths`); `None` means the whole country.
"""

from django.db import models
from django.db.models import Q

VIEW = "view"
ADD = "add"
CHANGE = "change"
DELETE = "delete"
ACTIONS = (VIEW, ADD, CHANGE, DELETE)


def scope_q(lookup: str, prefixes: list[str]) -> Q:
    """A Q matching rows whose unit path starts with one of the prefixes."""
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(**{f"{lookup}__startswith": prefix})
    return q


def restrict(queryset: models.QuerySet, user, action: str = VIEW) -> models.QuerySet:
    """Rows of `queryset` that `user` may `action`, limited to the user's area subtree."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if not user.may(action):
        return queryset.none()
    prefixes = user.scope_paths()
    if prefixes is None:
        return queryset
    lookup = getattr(queryset.model, "scope_path_lookup", None)
    if lookup is None:
        raise TypeError(f"{queryset.model.__name__} declares no scope_path_lookup")
    return queryset.filter(scope_q(lookup, prefixes))


def path_in_scope(user, path: str, action: str = VIEW) -> bool:
    """Whether a unit path lies in the user's area and the user may `action` there."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not user.may(action):
        return False
    prefixes = user.scope_paths()
    return prefixes is None or any(path.startswith(p) for p in prefixes)


class ScopedQuerySet(models.QuerySet):
    """QuerySet with `.restrict(user, action)`."""

    def restrict(self, user, action: str = VIEW) -> models.QuerySet:
        """Rows the user may see or act on, in the user's area."""
        return restrict(self, user, action)
