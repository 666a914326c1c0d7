"""`ansinh worker`: run the background jobs (imports, report packs) queued by the pages, the API and the CLI."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    """The task worker of the configured queue: django-tasks-db's on the database (default), RQ's on Redis."""

    help = ("Chạy bộ xử lý nền: nhận và chạy các việc đang chờ (nhập tệp, lập báo cáo). Chạy một hoặc vài tiến "
            "trình bên cạnh máy chủ web (docs/jobs.md).")

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="Chạy hết các việc đang chờ rồi dừng (thay vì chờ việc mới mãi).")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Số giây nghỉ giữa hai lần xem hàng đợi khi không có việc (hàng đợi CSDL).")

    def handle(self, *args, batch=False, interval=1.0, **options):
        verbosity = options.get("verbosity", 1)
        backend = settings.TASKS["default"]["BACKEND"]
        if backend == "django_tasks_db.DatabaseBackend":
            call_command("db_worker", queue_name="*", batch=batch, interval=interval, verbosity=verbosity, reload=False,
                         startup_delay=not batch)
        elif backend == "django_tasks_rq.RQBackend":
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", burst=batch, verbosity=verbosity)
        else:
            raise CommandError(f"Hàng đợi {backend} chạy việc ngay trong tiến trình gửi: không cần bộ xử lý nền "
                               "(ANSINH_TASKS=database hoặc rq).")
