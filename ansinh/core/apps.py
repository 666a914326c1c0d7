"""Core plumbing: scoping, change log, errors, jobs."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing shared by every domain app."""

    name = "ansinh.core"
    label = "core"
    verbose_name = "Lõi hệ thống"
