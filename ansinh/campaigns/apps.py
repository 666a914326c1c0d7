"""Enrollment drives: targets, teams, activities, results, rankings, retention."""

from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Enrollment drives: targets, teams, activities, results, rankings, retention."""

    name = "ansinh.campaigns"
    label = "campaigns"
    verbose_name = "Chiến dịch ra quân"

    def ready(self) -> None:
        from ansinh.campaigns import receivers  # noqa: F401 - connects the receivers
