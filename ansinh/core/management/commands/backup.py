"""`ansinh backup [--output DIR]`: the database and the uploaded files, with a manifest (see ansinh.core.backup)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ansinh.core.backup import backup
from ansinh.core.errors import DomainError


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một thư mục (kèm bảng kiểm số dòng)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.MEDIA_ROOT).parent / "backups"),
                            help="Thư mục chứa các bản sao lưu (mặc định var/backups).")

    def handle(self, *args, output, **options):
        try:
            folder = backup(Path(output))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Đã sao lưu vào {folder}")
