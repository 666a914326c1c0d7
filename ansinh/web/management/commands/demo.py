"""`ansinh demo`: migrate, load reference and demo data, create demo users, then serve."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ansinh.accounts.demo import DEMO_PASSWORD, DEMO_USERS, load_demo_users
from ansinh.campaigns.demo import load_demo as load_campaigns
from ansinh.enrollment.demo import load as load_enrollment
from ansinh.enrollment.demo import load_prospects
from ansinh.plans.demo import load_demo as load_plans
from ansinh.sponsors.demo import load_demo as load_sponsors

# Each app's demo data, in order (each loader is idempotent).
DEMO_LOADERS = (load_enrollment, load_plans, load_campaigns, load_prospects, load_sponsors)


class Command(BaseCommand):
    """Set up the demo on the configured database and serve it on http://127.0.0.1:8000."""

    help = "Chuẩn bị dữ liệu trình diễn và chạy trang web tại http://127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not serve.")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Address to serve on.")

    def handle(self, *args, no_serve=False, addr="127.0.0.1:8000", **options):
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_units", stdout=self.stdout)
        load_demo_users()
        for loader in DEMO_LOADERS:
            loader(stdout=self.stdout)
        self.stdout.write(f"Dữ liệu trình diễn sẵn sàng sau {time.monotonic() - started:.1f} giây.")
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu chung: {DEMO_PASSWORD}):")
        for demo in DEMO_USERS:
            area = f"{demo.unit_code} ({demo.era})" if demo.unit_code else "toàn quốc"
            self.stdout.write(f"  {demo.username:<10} {demo.role:<17} {area}")
        if no_serve:
            return
        self.stdout.write(f"Mở http://{addr}/ trong trình duyệt (Ctrl+C để dừng).")
        call_command("serve", addr=addr)
