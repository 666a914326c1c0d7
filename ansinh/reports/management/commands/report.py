"""`ansinh report <kind> …`: print a report's figures (Vietnamese text, or JSON with --json).

    ansinh report campaign --list --json
    ansinh report campaign tra-vinh-ra-quan-2020 --json [--on 2020-07-11]
    ansinh report coverage 84 --era pre2025 --on 2020-06-30 --json

A kind is one entry of REPORT_BUILDERS: an object with `help`, `add_arguments(parser)`,
`build(**options) -> dict | list` (JSON-ready, the same figures the pages and exports show) and
`render_text(data) -> str` (used without --json).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from ansinh.campaigns.report_command import CAMPAIGN_REPORT
from ansinh.core.errors import DomainError
from ansinh.reports.builders import COVERAGE_REPORT

REPORT_BUILDERS = {"campaign": CAMPAIGN_REPORT, "coverage": COVERAGE_REPORT}


class Command(BaseCommand):
    """Dispatch to the report builder of the named kind."""

    help = "In báo cáo: ansinh report <loại> … [--json] (campaign, coverage…)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True, title="loại báo cáo")
        for kind, builder in REPORT_BUILDERS.items():
            child = sub.add_parser(kind, help=builder.help.replace("%", "%%"),
                                   description=builder.help)
            child.add_argument("--json", action="store_true", dest="as_json", help="Print JSON.")
            builder.add_arguments(child)

    def handle(self, *args, kind: str, as_json: bool = False, **options):
        builder = REPORT_BUILDERS[kind]
        known = {k: v for k, v in options.items()
                 if k not in {"verbosity", "settings", "pythonpath", "traceback", "no_color", "force_color",
                              "skip_checks"}}
        try:
            data = builder.build(**known)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            self.stdout.write(builder.render_text(data))
