"""Every command of ansinh answers `--help` with its usage (an officer's first try), subcommands included: a "%"
in a help text once made `ansinh report --help` a traceback."""

import pytest
from django.core.management import get_commands

from ansinh.cli import main

OURS = sorted(name for name, app in get_commands().items() if app.startswith("ansinh."))
SUBCOMMANDS = [("report", "coverage"), ("report", "campaign"), ("import", "people"), ("import", "staff"),
               ("import", "points"), ("import", "campaign-results"), ("calc", "household-hi")]


def _help(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as stop:
        main(["ansinh", *argv, "--help"])
    out = capsys.readouterr()
    assert stop.value.code == 0, out.err
    return out.out


def test_the_project_has_its_commands():
    assert {"calc", "demo", "import_data", "report", "serve", "worker", "backup", "restore"} <= set(OURS)


@pytest.mark.parametrize("name", OURS)
def test_every_command_answers_help(capsys, name):
    assert _help(capsys, name).startswith("usage: ")


@pytest.mark.parametrize("argv", SUBCOMMANDS, ids=" ".join)
def test_every_subcommand_answers_help(capsys, argv):
    text = _help(capsys, *argv)
    assert text.startswith("usage: ") and argv[1] in text
