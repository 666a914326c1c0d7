"""Enrollments per scheme, contributions, receipts, HI cards, collection points and staff, rolled-up counts."""

from django.apps import AppConfig


class EnrollmentConfig(AppConfig):
    """Enrollments per scheme, contributions, receipts, HI cards, collection points and staff, rolled-up counts."""

    name = "ansinh.enrollment"
    label = "enrollment"
    verbose_name = "Tham gia, đóng tiền, thẻ BHYT"
