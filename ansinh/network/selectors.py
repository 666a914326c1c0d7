"""Reads of the field network, scoped to the user's area."""

from django.db.models import QuerySet

from ansinh.network.models import CollectionPoint, Staff


def points_for(user, action: str = "add") -> QuerySet[CollectionPoint]:
    """Collection points of the user's area."""
    return CollectionPoint.objects.restrict(user, action).select_related("unit").order_by("code")


def staff_for(user, action: str = "view") -> QuerySet[Staff]:
    """Collectors of the user's area."""
    return Staff.objects.restrict(user, action).select_related("collection_point").order_by("code")
