"""`ansinh serve [ADDR:PORT]`: serve the site — Django's server for the demo and development, or, with
`--production`, gunicorn with several worker processes (the WSGI server a provincial IT team runs)."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEFAULT_ADDR = "127.0.0.1:8000"


def default_workers() -> int:
    """gunicorn's usual rule: 2 per CPU + 1."""
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    """Serve the site on an address, as `runserver` takes it (8000, 0.0.0.0:8000, 127.0.0.1:8000)."""

    help = ("Chạy trang web: máy chủ phát triển của Django, hoặc với --production là gunicorn nhiều tiến trình "
            "(cần SECRET_KEY).")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", help=f"Địa chỉ và cổng, như runserver (mặc định {DEFAULT_ADDR}).")
        parser.add_argument("--addr", help="Như ADDRPORT (cách viết cũ).")
        parser.add_argument("--production", action="store_true",
                            help="Chạy gunicorn (ansinh.wsgi) với nhiều tiến trình thay cho máy chủ phát triển.")
        parser.add_argument("--workers", type=int, default=default_workers(),
                            help="Số tiến trình gunicorn (mặc định 2 × số CPU + 1).")
        parser.add_argument("--no-worker", action="store_true",
                            help="Không chạy bộ xử lý nền kèm máy chủ phát triển (khi đã chạy `ansinh worker` riêng).")

    def handle(self, *args, addrport=None, addr=None, production=False, workers=None, no_worker=False, **options):
        bind = bind_address(addrport or addr or DEFAULT_ADDR)
        if not production:
            # The demo and development: the task worker runs beside the server and stops with it. In production
            # it is a service of its own (docs/deploy.md).
            worker = None if no_worker or not needs_worker() else subprocess.Popen(
                [sys.executable, "-m", "ansinh", "worker"], env=os.environ.copy())
            signal.signal(signal.SIGTERM, _exit)  # `kill` (systemd, timeout) stops the worker too
            try:
                call_command("runserver", bind, use_reloader=False, insecure_serving=not settings.DEBUG)
            finally:
                if worker is not None:
                    worker.terminate()
                    worker.wait(timeout=30)
            return
        if settings.DEBUG:
            raise CommandError("--production chạy với DEBUG tắt: bỏ biến DEBUG=1.")
        if not os.environ.get("SECRET_KEY"):
            raise CommandError("Cần biến môi trường SECRET_KEY (một chuỗi ngẫu nhiên dài, giữ bí mật) để chạy thật.")
        # The process becomes gunicorn (signals, exit code and logs are its own); a web import may take minutes.
        os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "ansinh.wsgi:application", "--bind", bind,
                                  "--workers", str(max(1, workers or 1)), "--timeout", "300",
                                  "--access-logfile", "-", "--error-logfile", "-"])


def _exit(signum, frame):
    raise SystemExit(0)


def needs_worker() -> bool:
    """Whether queued jobs need a worker process (not with the immediate backend, which runs them at once)."""
    return settings.TASKS["default"]["BACKEND"] != "django_tasks.backends.immediate.ImmediateBackend"


def bind_address(text: str) -> str:
    """'8000' -> '127.0.0.1:8000'; 'host:port' as given; anything else refused in Vietnamese."""
    text = str(text).strip()
    if text.isdigit():
        return f"127.0.0.1:{text}"
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"Địa chỉ '{text}' không hợp lệ: ghi CỔNG hoặc ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8000.")
    return text
