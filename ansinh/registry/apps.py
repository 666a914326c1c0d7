"""People, households and their poverty status by year."""

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """People, households and their poverty status by year."""

    name = "ansinh.registry"
    label = "registry"
    verbose_name = "Người tham gia, hộ gia đình"
