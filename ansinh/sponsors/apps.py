"""Sponsors (mạnh thường quân): sponsors, their pledges, the money they hand over and the cards it pays."""

from django.apps import AppConfig


class SponsorsConfig(AppConfig):
    """Sponsors who pay HI cards for pupils, students and households in hardship, and what their pledges paid."""

    name = "ansinh.sponsors"
    label = "sponsors"
    verbose_name = "Nhà tài trợ"
