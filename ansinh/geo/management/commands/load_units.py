"""`ansinh load-units`: load both structures of units, the crosswalk and the statistics."""

import time

from django.core.management.base import BaseCommand

from ansinh.geo.importers import load_statistics, load_units


class Command(BaseCommand):
    """Load administrative units (63 and 34 provinces), crosswalk and census figures; idempotent."""

    help = "Nạp đơn vị hành chính (trước và từ 1/7/2025), bảng chuyển đổi và số liệu dân số."

    def handle(self, *args, **options):
        started = time.monotonic()
        units = load_units()
        stats = load_statistics()
        elapsed = time.monotonic() - started
        for name, report in (("Đơn vị", units), ("Số liệu", stats)):
            if report.changed:
                self.stdout.write(f"{name}: tạo mới {report.created}, cập nhật {report.updated}, "
                                  f"không đổi {sum(report.unchanged.values())}")
            else:
                self.stdout.write(f"{name}: không có thay đổi ({sum(report.unchanged.values())} dòng đã có).")
            if report.skipped:
                self.stdout.write(f"  bỏ qua {len(report.skipped)} dòng không ghép được: "
                                  + "; ".join(report.skipped[:5]))
        self.stdout.write(f"Xong trong {elapsed:.1f} giây.")
