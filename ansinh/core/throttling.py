"""API request rates (DRF throttles) read from the settings at each request, so a changed setting applies.

A module of its own: DRF imports the throttle classes while it reads its settings, which `core.api` also uses.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserRate(UserRateThrottle):
    """Requests per signed-in user: ANSINH_API_RATE_USER (read at each request, so a setting change applies)."""

    def get_rate(self):
        return settings.ANSINH_API_RATE_USER


class AnonRate(AnonRateThrottle):
    """Requests per address before signing in: ANSINH_API_RATE_ANON."""

    def get_rate(self):
        return settings.ANSINH_API_RATE_ANON
