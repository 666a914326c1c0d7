"""`ansinh restore FOLDER --yes`: put a backup back, then check every table's rows against its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.core.backup import restore
from ansinh.core.errors import DomainError


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu (thay toàn bộ dữ liệu hiện có), rồi đối chiếu số dòng từng bảng."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Thư mục sao lưu ansinh-YYYYMMDD-HHMMSS.")
        parser.add_argument("--yes", action="store_true", help="Xác nhận thay dữ liệu hiện có.")

    def handle(self, *args, folder, yes=False, **options):
        if not yes:
            raise CommandError("Khôi phục sẽ thay toàn bộ dữ liệu hiện có: chạy lại với --yes để xác nhận.")
        try:
            checked = restore(Path(folder))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Đã khôi phục {checked['tables']} bảng, {checked['rows']} dòng; khớp bản sao lưu.")
