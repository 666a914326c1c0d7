"""Administrative units of Vietnam, both structures, with statistics."""

from django.apps import AppConfig


class GeoConfig(AppConfig):
    """Administrative units (before and from 1/7/2025), crosswalk and statistics."""

    name = "ansinh.geo"
    label = "geo"
    verbose_name = "Đơn vị hành chính"
