"""The field network: staff and collection points."""

from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Staff (BHXH, post office, agents, commune, unions) and collection points, and the communes they serve."""

    name = "ansinh.network"
    label = "network"
    verbose_name = "Mạng lưới thu"
