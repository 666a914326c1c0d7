"""Read-only indicators, dashboards and steering-committee packs."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Read-only indicators, dashboards and steering-committee packs."""

    name = "ansinh.reports"
    label = "reports"
    verbose_name = "Báo cáo"
