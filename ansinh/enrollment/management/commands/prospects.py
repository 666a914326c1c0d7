"""`ansinh prospects purge [--on DATE] [--dry-run]`: delete the prospects whose resident list's retention has ended
(docs/prospects.md) — a cron line once a day."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ansinh.core.formats import vn_date
from ansinh.core.forms import read_date
from ansinh.enrollment.services import prospects_purge


class Command(BaseCommand):
    """Purge the personal data of prospects not registered within the retention period."""

    help = ("Người cần vận động từ danh sách cư trú: xoá dữ liệu của người chưa đăng ký khi hết thời hạn lưu "
            "(ANSINH_PROSPECT_RETENTION_MONTHS tháng sau ngày của danh sách).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["purge"], help="purge: xoá dữ liệu đã hết hạn lưu.")
        parser.add_argument("--on", help="Ngày xét (mặc định hôm nay), ví dụ 1/12/2027.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không xoá.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options.get("on"):
            today = read_date(options["on"])
            if today is None:
                raise CommandError(f"--on {options['on']}: không phải ngày (ghi ngày/tháng/năm, ví dụ 1/12/2027).")
        done = prospects_purge(today=today, dry_run=options["dry_run"])
        verb = "sẽ xoá" if options["dry_run"] else "đã xoá"
        for row in done:
            resident_list = row["list"]
            self.stdout.write(f"{resident_list.commune.name}, danh sách ngày {vn_date(resident_list.listed_on)}: "
                              f"{verb} {row['prospects']} người cần vận động ({row['converted']} đã đăng ký vẫn ở "
                              "sổ đăng ký).")
        if not done:
            self.stdout.write(f"Ngày {vn_date(today)}: không có danh sách nào hết hạn lưu.")
