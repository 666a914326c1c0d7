"""Test helpers for units."""

from ansinh.geo.models import Unit


def first_commune(unit) -> Unit | None:
    """The first commune (by code) under a province or district."""
    return Unit.objects.filter(path__startswith=unit.path, level="commune").order_by("code").first()
