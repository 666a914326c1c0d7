"""Base templates, static files and the home page."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Site shell: base template, navigation, home."""

    name = "ansinh.web"
    label = "web"
    verbose_name = "Giao diện"
