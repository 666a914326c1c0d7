"""`ansinh report coverage UNIT --on DATE [--era pre2025] [--structure current] [--source records] [--json]`.

The same figures as the dashboard and the report pack (listed in the `report` command).
"""

import datetime as dt

from ansinh.core.cells import parse_date
from ansinh.core.formats import vn_date, vn_decimal, vn_int


class CoverageReportBuilder:
    """A unit's coverage on a date: participants, coverage and its denominator, plans, gaps, comparisons."""

    help = "Bao phủ của một đơn vị tại một ngày: người tham gia, tỷ lệ, mẫu số, % kế hoạch, so sánh."

    def add_arguments(self, parser) -> None:
        """UNIT, --on, --era, --structure, --source, --user."""
        parser.add_argument("unit", help="Mã đơn vị (84, 62, 610, VN)")
        parser.add_argument("--on", help="Tính đến ngày (YYYY-MM-DD); mặc định hôm nay")
        parser.add_argument("--era", choices=["pre2025", "2025"], help="Cơ cấu của mã đơn vị")
        parser.add_argument("--structure", choices=["as_of", "current"], default="as_of")
        parser.add_argument("--source", choices=["auto", "records", "reported"], default="auto")
        parser.add_argument("--user", help="Xem với địa bàn của người dùng này (mặc định: quản trị)")

    def build(self, **options) -> dict:
        """The figures as JSON-ready data."""
        from django.utils import timezone

        from ansinh.accounts.models import User
        from ansinh.geo.selectors import unit_get
        from ansinh.reports.indicators import coverage_report

        on = options.get("on")
        on = parse_date(on, "--on") if isinstance(on, str) else on or timezone.localdate()
        name = options.get("user")
        user = (User.objects.get(username=name) if name else
                User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first())
        unit = unit_get(str(options["unit"]), options.get("era") or None)
        return coverage_report(user=user, unit=unit, on=on, structure=options.get("structure") or "as_of",
                               source=options.get("source") or "auto").as_dict()

    def render_text(self, data: dict) -> str:
        """The figures for a terminal."""
        lines = [f"{data['unit']['name']} — tính đến {vn_date(dt.date.fromisoformat(data['on']))}"]
        for row in data["indicators"].values():
            if row["value"] is None:
                continue
            rate = "coverage" in row["indicator"]
            value = f"{vn_decimal(row['value'])}%" if rate else vn_int(row["value"])
            line = f"  {row['label']}: {value}"
            if row["denominator"]:
                den = row["denominator"]
                line += f" (mẫu số {vn_int(den['value'])}, năm {den['year']})"
            for t in row["targets"]:
                line += f"; {t['authority_label']}: {vn_decimal(t['pct_of_plan'])}% kế hoạch"
            lines.append(line)
            lines.append(f"    nguồn: {row['source']}")
        return "\n".join(lines)


COVERAGE_REPORT = CoverageReportBuilder()
