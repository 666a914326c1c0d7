"""`ansinh rebuild-rollups`: recompute the month-end participation levels from the daily deltas."""

from django.core.management.base import BaseCommand
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ansinh.enrollment.counters import REBUILD_STEPS, rebuild_levels


class Command(BaseCommand):
    """Recompute ParticipationSeries and ParticipationLevel from ParticipationDelta (after a bulk load)."""

    help = "Tính lại số người tham gia cuối mỗi tháng từ bảng biến động theo ngày."

    def handle(self, *args, **options):
        console = Console(file=getattr(self.stdout, "_out", self.stdout), highlight=False)
        with Progress(TextColumn("[bold]Tính lại[/]"), BarColumn(), TextColumn("{task.description}"),
                      TimeElapsedColumn(), console=console, transient=False) as bar:
            task = bar.add_task("", total=len(REBUILD_STEPS))

            def progress(step: int, label: str) -> None:
                bar.update(task, completed=step, description=f"{step + 1}/{len(REBUILD_STEPS)} {label}")

            written = rebuild_levels(progress=progress)
            bar.update(task, completed=len(REBUILD_STEPS), description="xong")
        self.stdout.write(f"Đã tính lại {written} dòng số người tham gia cuối tháng.")
