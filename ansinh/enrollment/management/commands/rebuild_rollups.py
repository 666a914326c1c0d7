"""`ansinh rebuild-rollups`: recompute the month-end participation levels from the daily deltas."""

from django.core.management.base import BaseCommand

from ansinh.enrollment.counters import rebuild_levels


class Command(BaseCommand):
    """Recompute ParticipationSeries and ParticipationLevel from ParticipationDelta (after a bulk load)."""

    help = "Tính lại số người tham gia cuối mỗi tháng từ bảng biến động theo ngày."

    def handle(self, *args, **options):
        written = rebuild_levels()
        self.stdout.write(f"Đã tính lại {written} dòng số người tham gia cuối tháng.")
