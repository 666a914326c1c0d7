"""Failed logins from one address across usernames (password spraying): django-axes locks a username on one
address after AXES_FAILURE_LIMIT failures; this counts every failure of an address, whatever the username, and
refuses the address's logins for AXES_COOLOFF_TIME hours once ANSINH_LOGIN_ADDRESS_LIMIT is reached. The limit is
higher than axes' (an office's officers share one address behind its router). The count lives in the cache:
shared by every server process with CACHE_URL=redis://…, per process otherwise."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render


def _key(request) -> str:
    return f"ansinh:login-failures:{get_client_ip_address(request) or '-'}"


@receiver(user_login_failed, dispatch_uid="ansinh-login-failures-by-address")
def count_failure(sender, credentials=None, request=None, **kwargs) -> None:
    if request is None:
        return
    key = _key(request)
    cache.add(key, 0, timeout=int(settings.AXES_COOLOFF_TIME * 3600))
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=int(settings.AXES_COOLOFF_TIME * 3600))


def address_locked(request) -> bool:
    return cache.get(_key(request), 0) >= settings.ANSINH_LOGIN_ADDRESS_LIMIT


class LoginView(auth_views.LoginView):
    """Django's login page, refused (429, in Vietnamese) to an address with too many failures."""

    def post(self, request, *args, **kwargs):
        if address_locked(request):
            return render(request, "registration/locked_out.html", status=429)
        return super().post(request, *args, **kwargs)
