"""The rules engine where people use it: calculator page, API, CLI, officer-added parameter rows."""

from django.apps import AppConfig


class CalcConfig(AppConfig):
    """The rules engine where people use it: calculator page, API, CLI, officer-added parameter rows."""

    name = "ansinh.calc"
    label = "calc"
    verbose_name = "Tính mức đóng"
