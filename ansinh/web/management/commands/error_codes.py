"""`ansinh error-codes`: print the page of the docs that lists every error code (docs/errors.md)."""

from django.core.management.base import BaseCommand

from ansinh.web.errors import markdown


class Command(BaseCommand):
    """Print docs/errors.md from the error-code enums."""

    help = "In danh sách mã lỗi của API (docs/errors.md)."

    def handle(self, *args, **options):
        self.stdout.write(markdown(), ending="")
