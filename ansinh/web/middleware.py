"""Middleware of the site: the chosen language, and refusals raised by a service shown as a page."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from ansinh.core.errors import DomainError


class ChosenLanguageMiddleware:
    """Activate the language saved by the language switch (cookie), else settings.LANGUAGE_CODE."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.allowed else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RefusalMiddleware:
    """A DomainError a page did not handle (outside the area, a refused input) answers with its status and its
    Vietnamese message, never a server error; the API answers these itself (`core.api.exception_handler`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        template = "404.html" if exception.status == 404 else "web/refused.html"
        return render(request, template, {"message": exception.message}, status=exception.status)


class NoStoreMiddleware:
    """What a signed-in user is shown (names, IDs, phones) is never kept by the browser's or a proxy's cache:
    `Cache-Control: no-store, private` on every answer to a signed-in request, pages, files and API alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response
