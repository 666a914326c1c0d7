"""The `ansinh` console command: Django's management commands under one name."""

import os
import sys

# Commands whose natural name is a Python keyword or carries a hyphen.
ALIASES = {
    "import": "import_data",
    "load-units": "load_units",
    "load-demo": "load_demo",
    "serve": "serve",
}


def main(argv: list[str] | None = None) -> None:
    """Run a management command: `ansinh migrate`, `ansinh load-units`, `ansinh import people F`."""
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1].replace("-", "_"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
