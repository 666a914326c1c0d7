"""`ansinh reminders`: the day's reminders of renewals and payments (docs/reminders.md) — sent now, queued for the
worker, or listed without sending (--dry-run)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from ansinh.core import jobs
from ansinh.core.errors import DomainError
from ansinh.core.messaging import configured_channels
from ansinh.enrollment.choices import ReminderChannel, ReminderKind
from ansinh.enrollment.models import ReminderRun
from ansinh.enrollment.reminders import mask_address
from ansinh.enrollment.selectors import reminders_due
from ansinh.enrollment.services import reminder_run_start, reminders_send
from ansinh.enrollment.tasks import send_reminders
from ansinh.rules.quote import fmt_vnd


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--on {value}: ghi ngày dạng YYYY-MM-DD.") from exc


class Command(BaseCommand):
    """Send today's reminders (a cron line at 8:00), queue them, or list what would go."""

    help = ("Nhắc gia hạn thẻ BHYT và đóng BHXH tự nguyện qua SMS, Zalo, e-mail: gửi hôm nay, xếp hàng cho "
            "ansinh worker (--queue) hoặc chỉ liệt kê (--dry-run).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê tin sẽ gửi, không gửi.")
        parser.add_argument("--on", type=_day, help="Ngày xem trước (chỉ với --dry-run), mặc định hôm nay.")
        parser.add_argument("--queue", action="store_true", help="Xếp lần gửi hôm nay cho ansinh worker.")

    def handle(self, *args, dry_run=False, on=None, queue=False, **options):
        console = Console(file=getattr(self.stdout, "_out", self.stdout), highlight=False, width=160)
        today = timezone.localdate()
        if on is not None and not dry_run:
            raise CommandError("--on chỉ dùng với --dry-run: tin nhắc chỉ gửi cho ngày hôm nay.")
        if dry_run:
            return self._preview(console, on or today)
        run, ready = reminder_run_start(day=today)
        if not ready:
            raise CommandError(f"Lần gửi ngày {today:%d/%m/%Y} đang chờ hoặc đang chạy (#{run.pk}).")
        if queue:
            jobs.enqueue(send_reminders, run)
            self.stdout.write(f"Đã xếp lần gửi nhắc ngày {today:%d/%m/%Y} (#{run.pk}) cho ansinh worker.")
            return
        try:
            jobs.run(ReminderRun, run.pk, lambda beat: reminders_send(run.pk, beat))
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        run.refresh_from_db()
        c = run.counts
        self.stdout.write(f"Nhắc ngày {today:%d/%m/%Y}: đã gửi {c.get('sent', 0)}, lỗi {c.get('failed', 0)}, "
                          f"để mai (giờ không gửi) {c.get('deferred', 0)}, đã gửi trước {c.get('skipped', 0)}.")

    def _preview(self, console: Console, day: dt.date) -> None:
        channels = list(configured_channels())
        if not channels:
            console.print("Chưa cấu hình kênh gửi nào: xem trước như thể có đủ SMS, Zalo và e-mail.")
            channels = list(ReminderChannel.values)
        drafts = reminders_due(today=day, channels=channels)
        table = Table("Loại", "Người nhận", "Kênh", "Gửi tới", "Hạn", "Số tiền", "Nội dung CK", "Điểm thu")
        for d in drafts:
            table.add_row(ReminderKind(d.kind).label, d.consent.person.full_name,
                          ReminderChannel(d.consent.channel).label, mask_address(d.consent.address),
                          f"{d.deadline:%d/%m/%Y}", fmt_vnd(d.amount) if d.amount else "—", d.reference,
                          d.point.name if d.point else "")
        console.print(table)
        by_channel = {ReminderChannel(c).label: sum(1 for d in drafts if d.consent.channel == c) for c in channels}
        console.print(f"Ngày {day:%d/%m/%Y}: sẽ gửi {len(drafts)} tin ("
                      + ", ".join(f"{n} {c}" for c, n in by_channel.items()) + "). Chưa gửi gì (--dry-run).")
