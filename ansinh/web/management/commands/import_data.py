"""`ansinh import <what> FILE …`: run one of the apps' importers (each declared with `core.importing.importer`)."""

from django.core.management.base import BaseCommand, CommandError

from ansinh.campaigns.importers import import_campaign_results
from ansinh.enrollment.bank import import_statement_command
from ansinh.enrollment.importers import import_people_command
from ansinh.enrollment.prospects import import_residents_command
from ansinh.geo.importers import import_statistics_command
from ansinh.network.importers import import_points_command, import_staff_command
from ansinh.plans.importers import run as import_figures
from ansinh.sponsors.importers import import_beneficiaries_command

IMPORTERS = {i.name: i for i in (import_people_command, import_campaign_results, import_figures, import_staff_command,
                                 import_points_command, import_residents_command, import_statement_command,
                                 import_beneficiaries_command, import_statistics_command)}


class Command(BaseCommand):
    """Import a file: `ansinh import people people.csv`, `ansinh import figures f.xlsx`…"""

    help = "Nhập dữ liệu từ tệp CSV/Excel: ansinh import <loại> <tệp> (xem ansinh import --help)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="importer", metavar="<loại>", required=True,
                                    parser_class=_sub_parser_class(parser))
        for name, importer in IMPORTERS.items():
            child = sub.add_parser(name, help=importer.help.replace("%", "%%"),
                                   description=importer.help)
            if importer.add_arguments is not None:
                importer.add_arguments(child)
            else:
                child.add_argument("file")

    def handle(self, *args, importer: str, **options):
        found = IMPORTERS.get(importer)
        if found is None:
            raise CommandError(f"Không có bộ nhập '{importer}'.")
        code = found.run(options, self.stdout, self.stderr)
        if code:
            raise CommandError(f"Nhập '{importer}' không thành công.", returncode=code)


def _sub_parser_class(parser):
    """Subparsers built like the command's own parser (Django's CommandParser: errors raise CommandError)."""
    from django.core.management.base import CommandParser

    class SubParser(CommandParser):
        def __init__(self, **kwargs):
            kwargs.setdefault("called_from_command_line", getattr(parser, "called_from_command_line", None))
            super().__init__(**kwargs)

    return SubParser
