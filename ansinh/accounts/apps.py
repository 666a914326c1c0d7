"""Users, roles and the area each user is scoped to."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, roles, areas."""

    name = "ansinh.accounts"
    label = "accounts"
    verbose_name = "Người dùng"

    def ready(self):
        from ansinh.accounts import throttle  # noqa: F401 - connects the failed-login counter
