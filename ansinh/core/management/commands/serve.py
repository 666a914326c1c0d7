"""`ansinh serve`: serve the site (Django's server, for the demo and development)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """Serve the site on an address; for production use a WSGI server on ansinh.wsgi."""

    help = "Chạy trang web (máy chủ phát triển của Django). Khi triển khai thật, dùng gunicorn ansinh.wsgi."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr="127.0.0.1:8000", **options):
        call_command("runserver", addr, use_reloader=False, insecure_serving=not settings.DEBUG)
