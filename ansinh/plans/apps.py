"""Yearly targets per unit and indicator; reported figures where no records exist."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Yearly targets per unit and indicator; reported figures where no records exist."""

    name = "ansinh.plans"
    label = "plans"
    verbose_name = "Kế hoạch, chỉ tiêu bao phủ"
